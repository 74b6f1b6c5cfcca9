#pragma once
/// Atoms about a decision whose value is the same in every case: `d without consent` where no
/// outcome a rule of d gives is without consent, `d obliges x` where nothing gives x, `d is f`,
/// `d == o` for an outcome no rule gives. Found from the ruleset alone, without the solver
/// (W0514, docs/verification.md). An atom true wherever the decision has an outcome (`d in`
/// every outcome given) is not reported: it still tests that the decision has one.

#include "compiler/ir/ruleset.h"

#include <string>
#include <vector>

namespace ww::verify {

struct ConstantAtom {
  const ir::Expr *atom = nullptr;
  bool value = false; ///< its value wherever the decision has an outcome
  std::string why;    ///< "no rule of `delen` gives an outcome that is without consent"
};

/// The outcomes that active rules of `decision` give, sorted.
std::vector<int> outcomesGiven(const ir::Ruleset &rs, int decision);
/// The constant decision atoms of a condition, in the order they are written.
void constantAtoms(const ir::Ruleset &rs, const ir::Expr &cond, std::vector<ConstantAtom> &out);

} // namespace ww::verify
