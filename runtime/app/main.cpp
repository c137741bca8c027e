#include "runtime/app/cli.hpp"

int main(int argc, char** argv) { return courtside::app::run_cli(argc, argv); }
