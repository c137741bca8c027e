#pragma once
// The one assertion the fuzz targets use. Unlike assert() it also fires in NDEBUG builds and
// says which invariant broke; abort() is what libFuzzer (and the replay driver's caller)
// recognises as a crash, and it leaves the input in crash-<sha1> for the regression corpus.
#include <cstdio>
#include <cstdlib>

namespace courtside::fuzz {

[[noreturn]] inline void invariant_broken(const char* what, const char* file, int line) {
  std::fprintf(stderr, "fuzz invariant broken at %s:%d: %s\n", file, line, what);
  std::abort();
}

} // namespace courtside::fuzz

#define FUZZ_CHECK(condition)                                                                 \
  do {                                                                                        \
    if (!(condition))                                                                         \
      ::courtside::fuzz::invariant_broken(#condition, __FILE__, __LINE__);                    \
  } while (false)
