#pragma once
// The evaluator as an oracle for the verifier on generated rulesets. The cases compared are
// one representative of every cell the ruleset's conditions cut a question's range into (each
// bound a condition or a test names, one below and one above it, and the range's ends), so
// even a range of 2^63 answers is compared exactly with a handful of cases.

#include "compiler/eval/evaluator.h"
#include "compiler/ir/ruleset.h"
#include "compiler/support/diagnostic.h"

#include <string>
#include <vector>

namespace wwfuzz {

/// What the comparison did: how many cases it compared, or that it could not.
struct Comparison {
  bool compared = false;   ///< false: too many cells, or the solver gave up
  std::size_t cases = 0;   ///< allowed representative cases
  std::string disagreement; ///< empty when the verifier and the evaluator agree
};

/// Compares the verifier's findings about `rs` (completeness, consistency, condition
/// properties, undefined reads, dead and masked rules, tests, and every example case a region
/// shows) with the evaluator on the representative cases.
Comparison compare(const ww::ir::Ruleset &rs, const std::vector<ww::Diagnostic> &findings);

/// The well-formed representative cases of `rs`, assumptions ignored (at most `limit`; false
/// when there are more).
bool representativeCases(const ww::ir::Ruleset &rs, std::size_t limit,
                         std::vector<ww::eval::Case> &out);

} // namespace wwfuzz
