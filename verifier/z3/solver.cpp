#include "verifier/z3/solver.h"

namespace ww::verify {

Solver::Solver(z3::context &ctx, unsigned timeoutMs) : solver_(ctx), model_(ctx) {
  z3::params p(ctx);
  p.set("timeout", timeoutMs);
  p.set("random_seed", 0u);
  solver_.set(p);
}

Answer Solver::check(const z3::expr &formula, bool wantModel) {
  ++calls_;
  solver_.push();
  solver_.add(formula);
  z3::check_result r = solver_.check();
  if (r == z3::sat && wantModel)
    model_ = solver_.get_model();
  solver_.pop();
  if (r == z3::unknown)
    ++unknowns_;
  return r == z3::sat ? Answer::Sat : r == z3::unsat ? Answer::Unsat : Answer::Unknown;
}

} // namespace ww::verify
