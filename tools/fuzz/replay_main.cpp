// Runs a fuzz target's LLVMFuzzerTestOneInput over saved inputs, without libFuzzer: the
// smoke test of the gcc builds (CI) replays the seed corpus through every target this way.
//
//   fuzz_<name>_replay [--optional DIR]... PATH...
//
// A PATH is a file or a directory (read recursively, in sorted order). An --optional DIR that
// does not exist is skipped; the run then ends with exit code 77 (ctest's SKIP_RETURN_CODE)
// after replaying everything else. A missing PATH is an error (exit 2). A broken invariant
// aborts, as it would under libFuzzer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

constexpr int exit_missing = 2;
constexpr int exit_skip = 77;

std::vector<fs::path> files_under(const fs::path& root) {
  std::vector<fs::path> files;
  if (fs::is_regular_file(root))
    return {root};
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file())
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

bool replay(const fs::path& file) {
  std::ifstream in{file, std::ios::binary};
  if (!in)
    return false;
  const std::string bytes{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
  // An exact-size heap copy, so that AddressSanitizer sees any read past the input's end.
  auto copy = std::make_unique<std::uint8_t[]>(bytes.size());
  std::copy(bytes.begin(), bytes.end(), copy.get());
  LLVMFuzzerTestOneInput(copy.get(), bytes.size());
  return true;
}

} // namespace

int main(int argc, char** argv) {
  bool skipped = false;
  std::size_t inputs = 0;
  for (int i = 1; i < argc; ++i) {
    const bool optional = std::string{argv[i]} == "--optional" && i + 1 < argc;
    const fs::path path{argv[optional ? ++i : i]};
    if (!fs::exists(path)) {
      std::fprintf(stderr, "%s: %s does not exist\n", optional ? "skip" : "error", path.c_str());
      if (!optional)
        return exit_missing;
      skipped = true;
      continue;
    }
    for (const fs::path& file : files_under(path)) {
      if (!replay(file)) {
        std::fprintf(stderr, "error: cannot read %s\n", file.c_str());
        return exit_missing;
      }
      ++inputs;
    }
  }
  std::printf("replayed %zu inputs%s\n", inputs, skipped ? " (some seeds absent: skipped)" : "");
  return skipped ? exit_skip : 0;
}
