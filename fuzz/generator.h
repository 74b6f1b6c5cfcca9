#pragma once
// A generator of well-formed rulesets, driven by the fuzzer's bytes: every choice (how many
// questions, which answer type, which condition, which exception) reads the next bytes, so
// libFuzzer's mutations change the ruleset and not just its spelling. What it writes follows
// dsl/Wegwijzer.g4 and docs/language.md, so that sema accepts it and the verifier, the
// evaluator and the exports see valid but strange input.

#include <cstdint>
#include <string>
#include <vector>

class FuzzedDataProvider;

namespace wwfuzz {

/// A generated ruleset: one file, or a module (with parameters) and a ruleset extending it.
struct Generated {
  std::string module;  ///< `module gm ...`, or empty
  std::string ruleset; ///< `ruleset g ...`, extending `gm` when module is not empty
};

struct GeneratorOptions {
  /// Range bounds may be the 64-bit extremes (WW_FUZZ_EXTREMES=1 in the environment).
  bool extremes = false;
};

/// Reads choices from `in` until the ruleset is complete (an exhausted input reads zeros, so
/// every input, the empty one too, gives a ruleset).
Generated generate(FuzzedDataProvider &in, const GeneratorOptions &options);

} // namespace wwfuzz
