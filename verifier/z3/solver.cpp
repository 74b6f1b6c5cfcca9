#include "verifier/z3/solver.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace ww::verify {

Solver::Solver(z3::context &ctx, unsigned timeoutMs, unsigned memoryMb, ProofCache *cache,
               const std::atomic<bool> *cancel)
    : ctx_(ctx), model_(ctx), cache_(cache), cancel_(cancel), timeoutMs_(timeoutMs),
      memoryMb_(memoryMb) {
  asserted_.push_back(combine({}, "nothing asserted"));
  pending_.emplace_back();
  // Without a cache every query is solved: Z3's solver is made at once.
  if (!cache_)
    materialize();
}

z3::solver &Solver::materialize() {
  if (!solver_) {
    solver_.emplace(ctx_);
    z3::params p(ctx_);
    p.set("timeout", timeoutMs_);
    p.set("max_memory", memoryMb_);
    p.set("random_seed", 0u);
    solver_->set(p);
  }
  for (; live_ < pending_.size(); ++live_) {
    if (live_ > 0)
      solver_->push();
    for (const z3::expr &f : pending_[live_])
      solver_->add(f);
  }
  return *solver_;
}

namespace {

bool cacheCheck() {
  static const bool on = [] {
    const char *v = std::getenv("WW_CACHE_CHECK");
    return v && *v && *v != '0';
  }();
  return on;
}

bool isMemoryLimit(const z3::exception &e) {
  return std::string(e.msg()).find("memory") != std::string::npos;
}

} // namespace

unsigned Solver::scopes() { return Z3_solver_get_num_scopes(ctx_, materialize()); }

template <class F> void Solver::noting(F &&f) {
  try {
    f();
  } catch (const z3::exception &e) {
    outOfMemory_ = isMemoryLimit(e);
    throw;
  }
}

void Solver::add(const z3::expr &formula) {
  pending_.back().push_back(formula);
  if (live_ == pending_.size())
    noting([&] { solver_->add(formula); });
  if (cache_ && asserted_.back()) {
    std::optional<Digest> d = fingerprint_.of(formula);
    asserted_.back() = d ? std::optional(combine({*asserted_.back(), *d}, "and")) : std::nullopt;
  }
}

void Solver::push() {
  bool live = live_ == pending_.size();
  pending_.emplace_back();
  if (live) {
    noting([&] { solver_->push(); });
    ++live_;
  }
  asserted_.push_back(asserted_.back());
}

void Solver::pop() {
  if (pending_.size() <= 1)
    return;
  if (live_ == pending_.size()) {
    noting([&] { solver_->pop(); });
    --live_;
  }
  pending_.pop_back();
  asserted_.pop_back();
}

std::optional<Digest> Solver::key(const z3::expr &formula) {
  if (!cache_ || !asserted_.back())
    return std::nullopt;
  std::optional<Digest> d = fingerprint_.of(formula);
  if (!d)
    return std::nullopt;
  return combine({*asserted_.back(), *d}, fmt::format("query {} ms {} MiB {}", timeoutMs_,
                                                      memoryMb_, ProofCache::versions()));
}

std::optional<Answer> Solver::kept(const z3::expr &formula) {
  if (cancel_ && cancel_->load(std::memory_order_relaxed))
    throw Cancelled();
  std::optional<Digest> k = key(formula);
  if (!k)
    return std::nullopt;
  // Only what an earlier run decided: what other threads of this run decide first must not
  // change which queries this one asks.
  std::optional<CachedAnswer> hit = cache_->findQuery(*k);
  if (!hit || !hit->earlier)
    return std::nullopt;
  if (cacheCheck())
    return check(formula, false); // solved, and must agree with the kept answer
  ++calls_;
  ++shared_;
  ++reused_;
  return hit->sat ? Answer::Sat : Answer::Unsat;
}

void Solver::keepUnsat(const z3::expr &formula) {
  if (std::optional<Digest> k = key(formula))
    cache_->storeQuery(*k, CachedAnswer{});
}

void Solver::keep(const Digest &key, bool sat, bool withModel) {
  CachedAnswer a;
  a.sat = sat;
  a.hasModel = sat && withModel;
  if (a.hasModel)
    for (unsigned i = 0; i < model_.num_consts(); ++i) {
      z3::func_decl decl = model_.get_const_decl(i);
      z3::expr value = model_.get_const_interp(decl);
      bool boolean = value.is_bool();
      if (!boolean && !value.is_numeral())
        return; // a value of another kind: not kept
      // Z3's string is overwritten by its next call: copied at once.
      std::string text =
          boolean ? (value.is_true() ? "true" : "false") : Z3_get_numeral_string(ctx_, value);
      a.model.push_back({decl.name().str(), boolean, text});
    }
  cache_->storeQuery(key, a);
}

bool Solver::restore(const CachedAnswer &a) {
  Z3_model m = Z3_mk_model(ctx_);
  z3::model model(ctx_, m);
  for (const CachedAnswer::Value &v : a.model) {
    z3::expr c = v.boolean ? ctx_.bool_const(v.name.c_str()) : ctx_.int_const(v.name.c_str());
    z3::expr value = v.boolean ? ctx_.bool_val(v.value == "true") : ctx_.int_val(v.value.c_str());
    Z3_add_const_interp(ctx_, model, c.decl(), value);
  }
  model_ = model;
  return true;
}

Answer Solver::check(const z3::expr &formula, bool wantModel) {
  if (cancel_ && cancel_->load(std::memory_order_relaxed))
    throw Cancelled();
  ++calls_;
  std::optional<Digest> k = key(formula);
  std::optional<CachedAnswer> hit;
  if (k)
    if (hit = cache_->findQuery(*k); hit && hit->sat && wantModel && !hit->hasModel)
      hit.reset(); // kept without a model: solved again for one
  if (hit && !cacheCheck()) {
    reused_ += hit->earlier;
    ++shared_;
    if (hit->sat && wantModel)
      restore(*hit);
    return hit->sat ? Answer::Sat : Answer::Unsat;
  }
  z3::solver &solver = materialize();
  unsigned before = scopes();
  z3::check_result r = z3::unknown;
  try {
    solver.push();
    solver.add(formula);
    r = solver.check();
    if (r == z3::sat && wantModel)
      model_ = solver.get_model();
  } catch (const z3::exception &e) {
    // Z3 reports the memory limit either as unknown or, in some places (push, assert), as an
    // error: both are an undecided call. Any other failure is not ours to hide.
    if (!isMemoryLimit(e))
      throw;
    if (scopes() > before)
      solver.pop(scopes() - before);
    ++unknowns_;
    outOfMemory_ = true;
    return Answer::Unknown;
  }
  solver.pop();
  if (hit) {
    // WW_CACHE_CHECK: the kept answer must be the answer.
    if (r != z3::unknown && (r == z3::sat) != hit->sat) {
      std::fprintf(stderr, "wegwijzer: a kept proof disagrees with the solver: %s kept, %s now\n",
                   hit->sat ? "sat" : "unsat", r == z3::sat ? "sat" : "unsat");
      std::abort();
    }
    reused_ += hit->earlier;
    ++shared_;
    if (hit->sat && wantModel)
      restore(*hit);
    return hit->sat ? Answer::Sat : Answer::Unsat;
  }
  if (k && r != z3::unknown)
    keep(*k, r == z3::sat, wantModel);
  if (r == z3::unknown) {
    ++unknowns_;
    // Z3 says "max. memory exceeded" when the memory limit stopped it.
    outOfMemory_ = solver.reason_unknown().find("memory") != std::string::npos;
  }
  return r == z3::sat ? Answer::Sat : r == z3::unsat ? Answer::Unsat : Answer::Unknown;
}

} // namespace ww::verify
