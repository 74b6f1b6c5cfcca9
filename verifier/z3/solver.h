#pragma once
/// A Z3 solver with a time limit per call; `unknown` is its own answer, never a pass.
///
/// Incremental: what every query shares is asserted once (`add`), and each query adds only its
/// own part in a scope of its own (`check(formula)`: push, add, check, pop).

#include <z3++.h>

namespace ww::verify {

enum class Answer { Sat, Unsat, Unknown };

class Solver {
public:
  Solver(z3::context &ctx, unsigned timeoutMs);
  /// Asserts `formula` in the current scope: every later query includes it until the scope is
  /// popped.
  void add(const z3::expr &formula) { solver_.add(formula); }
  void push() { solver_.push(); }
  void pop() { solver_.pop(); }
  /// Is `formula`, with everything asserted, satisfiable? Keeps the model of the last Sat answer
  /// (unless `wantModel` is false: then model() is left as it was).
  Answer check(const z3::expr &formula, bool wantModel = true);
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
