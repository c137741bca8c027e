#pragma once
// `courtside decode --format KIND FILE...`: decodes saved upstream payloads with the same
// decoders the engine uses and prints every decoded record as one JSON line, or the typed
// error of a file that does not decode. For checking captures, and for debugging a payload
// that an upstream started sending differently.
#include <iosfwd>
#include <string>
#include <vector>

namespace courtside::app {

/// Decodes each file (or standard input for "-") as `kind` ("bdl-games", "nbacom-boxscore",
/// ...; see messages/decode/any_decoder.hpp). Records go to `out` as JSON lines; a failure
/// goes to `err` as "FILE: error <code> at <path> (byte <offset>): <detail>".
/// Returns 0 when every file decoded, 1 when any file could not be read or decoded (the
/// others are still decoded), 2 for a usage error (unknown kind, listing the kinds; or no
/// files).
int run_decode_command(const std::string& kind, const std::vector<std::string>& files,
                       std::ostream& out, std::ostream& err);

} // namespace courtside::app
