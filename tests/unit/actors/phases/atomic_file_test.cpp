// Specs for atomic_file.hpp: a batch of files written with one durability barrier.
#include "actors/phases/atomic_file.hpp"
#include "phases_fixture.hpp"

#include <fstream>
#include <iterator>

namespace courtside::phases::test {

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Every file under `dir` whose name says it is a temp file of a batch.
std::vector<std::string> temp_files(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0) out.push_back(name);
  }
  return out;
}

} // namespace

TEST_CASE("a batch puts every file in place, creating its folders, and rewrites only what changed",
          "[phases][atomic_file]") {
  const auto dir = fresh_scratch_dir();
  const auto day = dir / "exports" / "2025-01-07";
  std::vector<file_write> files{{day / "tonight.json", "{\"picks\":[]}\n"},
                                {day / "results.json", "{}\n"},
                                {day / "players" / "player-a-bos.json", "{\"pts\":12}\n"}};
  CHECK(value_of(write_files_atomically(files)) == 3);
  for (const auto& f : files) CHECK(read_file(f.path) == f.content);
  CHECK(temp_files(dir).empty());

  files[2].content = "{\"pts\":14}\n";
  CHECK(value_of(write_files_atomically(files)) == 1); // the other two already hold theirs
  CHECK(read_file(day / "players" / "player-a-bos.json") == "{\"pts\":14}\n");
  CHECK(read_file(day / "tonight.json") == "{\"picks\":[]}\n");
  CHECK(temp_files(dir).empty());

  atomic_write_options no_fsync;
  no_fsync.fsync = false;
  CHECK(value_of(write_file_atomically(day / "results.json", "[]\n", no_fsync)) == true);
  CHECK(value_of(write_file_atomically(day / "results.json", "[]\n", no_fsync)) == false);
  CHECK(read_file(day / "results.json") == "[]\n");
}

TEST_CASE("a batch that fails names the path and leaves no temp file behind", "[phases][atomic_file]") {
  const auto dir = fresh_scratch_dir();
  std::filesystem::create_directories(dir / "out" / "taken.json"); // a folder where a file goes
  const std::vector<file_write> files{{dir / "out" / "first.json", "1\n"},
                                      {dir / "out" / "taken.json", "2\n"}};
  auto written = write_files_atomically(files);
  REQUIRE_FALSE(written);
  CHECK(written.error().code == storage::storage_errc::io);
  CHECK(written.error().describe().find("taken.json") != std::string::npos);
  CHECK(temp_files(dir).empty());
  CHECK(std::filesystem::is_directory(dir / "out" / "taken.json"));
}

TEST_CASE("a batch larger than the files it holds open at once is written whole",
          "[phases][atomic_file]") {
  const auto dir = fresh_scratch_dir();
  std::vector<file_write> files;
  for (int i = 0; i < 600; ++i)
    files.push_back({dir / "many" / (std::to_string(i) + ".json"), std::to_string(i) + "\n"});
  atomic_write_options no_fsync; // the barrier's bookkeeping is the same; the disk is spared
  no_fsync.fsync = false;
  CHECK(value_of(write_files_atomically(files, no_fsync)) == 600);
  CHECK(value_of(write_files_atomically(files, no_fsync)) == 0);
  CHECK(read_file(dir / "many" / "599.json") == "599\n");
  CHECK(temp_files(dir).empty());
}

} // namespace courtside::phases::test
