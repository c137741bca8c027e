#pragma once
// Real upstream payloads from ../shared/fixtures/real (see its README). Tests that use them
// skip cleanly, with a warning, when the folder is absent.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace courtside::test {

inline std::filesystem::path fixtures_dir() {
  return std::filesystem::path(COURTSIDE_FIXTURES_DIR);
}

inline bool fixtures_present() {
  std::error_code ec;
  return std::filesystem::is_directory(fixtures_dir(), ec);
}

/// The bytes of one fixture, e.g. read_fixture("balldontlie/v1_games.date-2025-02-20.json").
inline std::string read_fixture(const std::string& relative) {
  std::ifstream in(fixtures_dir() / relative, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace courtside::test

/// Ends the current test case early, with a warning, when the fixtures are not there.
#define SKIP_WITHOUT_FIXTURES()                                                              \
  do {                                                                                       \
    if (!::courtside::test::fixtures_present()) {                                            \
      WARN("fixtures absent at " << ::courtside::test::fixtures_dir() << ": skipped");       \
      return;                                                                                \
    }                                                                                        \
  } while (false)
