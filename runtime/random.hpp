#pragma once
// Seeded, portable randomness for policies (jitter, fault plans). std:: distributions are
// implementation-defined; this is not, so tests can pin exact sequences on any platform.
#include <cstdint>

namespace courtside {

/// splitmix64: tiny, fast, and good enough for jitter. Same seed, same sequence, everywhere.
class random_source {
public:
  explicit random_source(uint64_t seed = 0) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  /// Uniform double in [0, 1).
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// Uniform integer in [0, bound) (bound > 0); bias is negligible for the bounds we use.
  uint64_t below(uint64_t bound) { return next() % bound; }

private:
  uint64_t state_;
};

} // namespace courtside
