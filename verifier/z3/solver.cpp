#include "verifier/z3/solver.h"

#include <string>

namespace ww::verify {

Solver::Solver(z3::context &ctx, unsigned timeoutMs, unsigned memoryMb)
    : solver_(ctx), model_(ctx) {
  z3::params p(ctx);
  p.set("timeout", timeoutMs);
  p.set("max_memory", memoryMb);
  p.set("random_seed", 0u);
  solver_.set(p);
}

namespace {

bool isMemoryLimit(const z3::exception &e) {
  return std::string(e.msg()).find("memory") != std::string::npos;
}

} // namespace

unsigned Solver::scopes() const {
  return Z3_solver_get_num_scopes(solver_.ctx(), solver_);
}

template <class F> void Solver::noting(F &&f) {
  try {
    f();
  } catch (const z3::exception &e) {
    outOfMemory_ = isMemoryLimit(e);
    throw;
  }
}

void Solver::add(const z3::expr &formula) {
  noting([&] { solver_.add(formula); });
}

void Solver::push() {
  noting([&] { solver_.push(); });
}

void Solver::pop() {
  noting([&] { solver_.pop(); });
}

Answer Solver::check(const z3::expr &formula, bool wantModel) {
  ++calls_;
  unsigned before = scopes();
  z3::check_result r = z3::unknown;
  try {
    solver_.push();
    solver_.add(formula);
    r = solver_.check();
    if (r == z3::sat && wantModel)
      model_ = solver_.get_model();
  } catch (const z3::exception &e) {
    // Z3 reports the memory limit either as unknown or, in some places (push, assert), as an
    // error: both are an undecided call. Any other failure is not ours to hide.
    if (!isMemoryLimit(e))
      throw;
    if (scopes() > before)
      solver_.pop(scopes() - before);
    ++unknowns_;
    outOfMemory_ = true;
    return Answer::Unknown;
  }
  solver_.pop();
  if (r == z3::unknown) {
    ++unknowns_;
    // Z3 says "max. memory exceeded" when the memory limit stopped it.
    outOfMemory_ = solver_.reason_unknown().find("memory") != std::string::npos;
  }
  return r == z3::sat ? Answer::Sat : r == z3::unsat ? Answer::Unsat : Answer::Unknown;
}

} // namespace ww::verify
