#pragma once
// The `courtside` command line: run, check-config, decode, version.

namespace courtside::app {

/// Parses argv and runs the chosen subcommand; returns the process exit code (see README).
int run_cli(int argc, char** argv);

} // namespace courtside::app
