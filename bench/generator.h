#pragma once
/// A deterministic generator of synthetic rulesets for ww_bench: N questions, M rules, built
/// as a decision tree so that a clean ruleset is complete, consistent and free of dead, masked
/// and redundant rules by construction (the benchmark then times a passing `check`, the common
/// case in CI). `defects` adds one gap and one conflict so that the region search runs too.

#include <cstdint>
#include <string>

namespace ww::bench {

struct GenOptions {
  int questions = 10; ///< at least 4
  int rules = 50;     ///< total over both decisions, at least 8
  std::uint32_t seed = 42;
  bool defects = false; ///< one gap (a leaf rule left out) and one conflicting rule
};

struct Generated {
  std::string name; ///< the ruleset's name
  std::string text; ///< the whole .ww file
  int questions = 0, rules = 0, exceptions = 0, properties = 0, tests = 0, assumptions = 0;
  int askedWhen = 0; ///< questions with an `asked when`
};

Generated generate(const GenOptions &options);

/// About `megabytes` MB of `//` and `/* */` comments (UTF-8, Dutch-looking text), deterministic.
std::string commentBlock(std::size_t megabytes, std::uint32_t seed);

} // namespace ww::bench
