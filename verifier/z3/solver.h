#pragma once
/// A Z3 solver with a time limit per call; `unknown` is its own answer, never a pass.

#include <z3++.h>

namespace ww::verify {

enum class Answer { Sat, Unsat, Unknown };

class Solver {
public:
  Solver(z3::context &ctx, unsigned timeoutMs);
  /// Is `formula` satisfiable? Keeps the model of the last Sat answer.
  Answer check(const z3::expr &formula);
  const z3::model &model() const { return model_; }
  std::size_t calls() const { return calls_; }
  /// How many calls so far answered unknown (time or resource limit).
  std::size_t unknowns() const { return unknowns_; }

private:
  z3::solver solver_;
  z3::model model_;
  std::size_t calls_ = 0;
  std::size_t unknowns_ = 0;
};

} // namespace ww::verify
