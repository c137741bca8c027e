#include "runtime/app/decode_command.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <ostream>
#include <variant>

#include "messages/decode/any_decoder.hpp"
#include "messages/json_lines.hpp"

namespace courtside::app {
namespace {

std::string kind_list() {
  std::string list;
  for (decode::decode_kind kind : decode::all_decode_kinds) {
    if (!list.empty())
      list += ", ";
    list += to_string(kind);
  }
  return list;
}

std::optional<std::string> read_all(const std::string& file) {
  if (file == "-")
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::string bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>{});
  if (in.bad())
    return std::nullopt;
  return bytes;
}

} // namespace

int run_decode_command(const std::string& kind, const std::vector<std::string>& files,
                       std::ostream& out, std::ostream& err) {
  const auto chosen = decode::parse_decode_kind(kind);
  if (!chosen) {
    err << "decode: unknown format '" << kind << "'; formats: " << kind_list() << '\n';
    return 2;
  }
  if (files.empty()) {
    err << "decode: no input files (use - for standard input)\n";
    return 2;
  }
  decode::any_decoder decoder; // one parser per upstream, reused for every file
  int status = 0;
  std::string lines;
  for (const std::string& file : files) {
    const std::optional<std::string> bytes = read_all(file);
    if (!bytes) {
      err << file << ": cannot read file\n";
      status = 1;
      continue;
    }
    auto result = decoder.decode(*chosen, *bytes);
    if (!result.ok()) {
      err << file << ": " << result.error().describe() << '\n';
      status = 1;
      continue;
    }
    lines.clear();
    std::visit([&](const auto& document) { json::append_json_lines(lines, document); },
               result.value());
    out << lines;
  }
  out.flush();
  return status;
}

} // namespace courtside::app
