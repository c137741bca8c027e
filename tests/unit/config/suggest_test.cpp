// Spec: "did you mean" suggestions come from the nearest known word within 2 edits.
#include <catch2/catch.hpp>

#include "config/suggest.hpp"

using namespace courtside::config;

TEST_CASE("edit distance counts inserts, deletes, substitutions and neighbour swaps as one",
          "[config][suggest]") {
  CHECK(edit_distance("timeout", "timeout") == 0);
  CHECK(edit_distance("timeot", "timeout") == 1);
  CHECK(edit_distance("timeoutt", "timeout") == 1);
  CHECK(edit_distance("tiemout", "timeout") == 1);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("a word 2 edits away gets a suggestion, 3 edits away does not", "[config][suggest]") {
  std::vector<std::string> known{"timeout", "enabled"};
  CHECK(closest_match("timout", known) == std::optional<std::string>{"timeout"});
  CHECK(closest_match("tmout", known) == std::optional<std::string>{"timeout"}); // 2 edits
  CHECK_FALSE(closest_match("tmot", known));                                     // 3 edits
}

TEST_CASE("the nearest candidate wins, and ties go to the first listed", "[config][suggest]") {
  CHECK(closest_match("bakoff_max", {"backoff_min", "backoff_max"}) ==
        std::optional<std::string>{"backoff_max"});
  CHECK(closest_match("ab", {"aa", "bb"}) == std::optional<std::string>{"aa"});
}

TEST_CASE("a short word is not 'corrected' into an unrelated one", "[config][suggest]") {
  CHECK_FALSE(closest_match("id", {"kind"}));
  CHECK_FALSE(closest_match("x", {"y"}));
}
