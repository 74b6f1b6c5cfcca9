#pragma once
/// The benchmarks' random numbers: the same seed gives the same inputs on every machine.

#include <cstdint>
#include <random>

namespace ww::bench {

/// std::mt19937 is specified exactly; the std distributions are not, so we reduce by hand.
class Rng {
public:
  explicit Rng(std::uint32_t seed) : g_(seed) {}
  int below(int n) { return n <= 1 ? 0 : static_cast<int>(g_() % static_cast<std::uint32_t>(n)); }

private:
  std::mt19937 g_;
};

} // namespace ww::bench
