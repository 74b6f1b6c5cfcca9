#pragma once
/// A Z3 solver with a time limit per call and a memory limit; `unknown` is its own answer,
/// never a pass.
///
/// Incremental: what every query shares is asserted once (`add`), and each query adds only its
/// own part in a scope of its own (`check(formula)`: push, add, check, pop).

#include <z3++.h>

namespace ww::verify {

enum class Answer { Sat, Unsat, Unknown };

class Solver {
public:
  /// `memoryMb`: Z3's parameter `max_memory`, which counts all the memory Z3 holds in the
  /// process (every context); a call that goes beyond it answers unknown.
  Solver(z3::context &ctx, unsigned timeoutMs, unsigned memoryMb);
  /// Asserts `formula` in the current scope: every later query includes it until the scope is
  /// popped.
  /// add, push and pop throw z3::exception when Z3 fails (outOfMemory() says whether its memory
  /// limit was the cause); check answers Unknown instead.
  void add(const z3::expr &formula);
  void push();
  void pop();
  /// Is `formula`, with everything asserted, satisfiable? Keeps the model of the last Sat answer
  /// (unless `wantModel` is false: then model() is left as it was).
  Answer check(const z3::expr &formula, bool wantModel = true);
  const z3::model &model() const { return model_; }
  std::size_t calls() const { return calls_; }
  /// How many calls so far answered unknown (time or resource limit).
  std::size_t unknowns() const { return unknowns_; }
  /// Did the last unknown answer come from the memory limit (not the time limit)?
  bool outOfMemory() const { return outOfMemory_; }

private:
  unsigned scopes() const;
  /// Runs f; when Z3 throws, notes whether its memory limit was the cause, and rethrows.
  template <class F> void noting(F &&f);

  z3::solver solver_;
  z3::model model_;
  std::size_t calls_ = 0;
  std::size_t unknowns_ = 0;
  bool outOfMemory_ = false;
};

} // namespace ww::verify
