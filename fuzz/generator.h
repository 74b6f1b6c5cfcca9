#pragma once
// A generator of well-formed rulesets, driven by the fuzzer's bytes: every choice (how many
// questions, which answer type, which condition, which exception) reads the next bytes, so
// libFuzzer's mutations change the ruleset and not just its spelling. What it writes follows
// dsl/Wegwijzer.g4 and docs/language.md, so that sema accepts it and the verifier, the
// evaluator and the exports see valid but strange input.

#include "compiler/support/date.h"

#include <cstdint>
#include <string>
#include <vector>

class FuzzedDataProvider;

namespace wwfuzz {

/// A generated ruleset: one file, or a module (with parameters) and a ruleset extending it.
struct Generated {
  std::string module;  ///< `module gm ...`, or empty
  std::string ruleset; ///< `ruleset g ...`, extending `gm` when module is not empty

  /// A declaration's name and the dates it is valid on.
  struct Dated {
    std::string id;
    ww::Period valid;
  };
  std::vector<Dated> rules;         ///< every version of every rule, module and ruleset
  ww::Period span;                  ///< the dates the ruleset models (its header's clause)
  std::vector<ww::Date> boundaries; ///< the dates on which something begins or ends, sorted
  /// With `dated`: the answers of the list question `qc` in date order, `c0` valid until the
  /// first boundary, `c1` from there to the next, ...; `replaced[i]`: answer i+1 says
  /// `replaces` answer i. `cz` (valid always) is not listed.
  std::vector<Dated> chain;
  std::vector<bool> replaced;
};

struct GeneratorOptions {
  /// Range bounds may be the 64-bit extremes (WW_FUZZ_EXTREMES=1 in the environment).
  bool extremes = false;
  /// Dates: rules in versions that meet on a boundary (year 0, leap days, 9999-12-31 among
  /// them), a source in two versions, a list question whose answers replace each other from
  /// period to period (a `replaces` chain) with rules valid while their answer is, dated
  /// properties and tests `as of` the extremes, sometimes a header span.
  bool dated = false;
  /// Texts (titles, questions, outcomes, sources, tests, properties) from the bytes, or from a
  /// list of markup, control characters, bidirectional overrides, characters XML forbids and
  /// workflow commands; each holds `wwx` where it could become markup, so a target can look
  /// for `<wwx` in what it writes.
  bool hostile = false;
};

/// The dates the dated generator draws its boundaries from, and those a target probes: the
/// first and last days a date can name, the days around year 0's leap day, leap days of
/// other centuries.
extern const ww::Date kBoundaryDates[12];
extern const ww::Date kProbeDates[9];

/// Reads choices from `in` until the ruleset is complete (an exhausted input reads zeros, so
/// every input, the empty one too, gives a ruleset).
Generated generate(FuzzedDataProvider &in, const GeneratorOptions &options);

} // namespace wwfuzz
