#pragma once
/// A Z3 solver with a time limit per call and a memory limit; `unknown` is its own answer,
/// never a pass.
///
/// Incremental: what every query shares is asserted once (`add`), and each query adds only its
/// own part in a scope of its own (`check(formula)`: push, add, check, pop).

#include "verifier/proof_cache.h"
#include "verifier/z3/fingerprint.h"

#include <z3++.h>

#include <atomic>
#include <exception>
#include <optional>
#include <vector>

namespace ww::verify {

enum class Answer { Sat, Unsat, Unknown };

/// Thrown by Solver::check when the run was cancelled (verify::Options::cancel).
struct Cancelled : std::exception {
  const char *what() const noexcept override { return "cancelled"; }
};

class Solver {
public:
  /// `memoryMb`: Z3's parameter `max_memory`, which counts all the memory Z3 holds in the
  /// process (every context); a call that goes beyond it answers unknown.
  ///
  /// With `cache`, a decided answer is looked up by the digest of exactly what is asked (what
  /// was asserted, the formula, the limits) before the solver runs, and kept after; a model
  /// comes back as the same values of the same constants. With the environment variable
  /// `WW_CACHE_CHECK=1` every answer taken from the cache is also solved and must agree (a
  /// disagreement aborts): the tests' proof that reuse turns no red into a green.
  Solver(z3::context &ctx, unsigned timeoutMs, unsigned memoryMb, ProofCache *cache = nullptr,
         const std::atomic<bool> *cancel = nullptr);
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
  /// The answer an earlier run decided for `formula`, asking no solver; nothing when none is
  /// kept (with WW_CACHE_CHECK it is also solved and must agree). Answers decided in this run are
  /// left out: which thread decides first must not change what a check asks. A kept answer
  /// counts as a call answered without solving.
  std::optional<Answer> kept(const z3::expr &formula);
  /// Keeps `formula` as unsatisfiable without solving it: for a part of a disjunction that
  /// `check` has just proven unsatisfiable (each part is then unsatisfiable too).
  void keepUnsat(const z3::expr &formula);
  const z3::model &model() const { return model_; }
  std::size_t calls() const { return calls_; }
  /// How many calls were answered by proofs an earlier run decided (read from disk).
  std::size_t reused() const { return reused_; }
  /// How many calls were answered without solving: reused, or decided earlier in this run.
  std::size_t shared() const { return shared_; }
  /// How many calls so far answered unknown (time or resource limit).
  std::size_t unknowns() const { return unknowns_; }
  /// Did the last unknown answer come from the memory limit (not the time limit)?
  bool outOfMemory() const { return outOfMemory_; }

private:
  unsigned scopes();
  /// Runs f; when Z3 throws, notes whether its memory limit was the cause, and rethrows.
  template <class F> void noting(F &&f);

  /// The cache key of `formula` under everything asserted; nothing when it cannot be keyed.
  std::optional<Digest> key(const z3::expr &formula);
  void keep(const Digest &key, bool sat, bool withModel);
  bool restore(const CachedAnswer &answer);

  /// Makes Z3's solver hold everything asserted (it is made, and asserted into, only when a
  /// query is not answered from the cache: a run whose every answer is kept never builds it).
  z3::solver &materialize();

  z3::context &ctx_;
  std::optional<z3::solver> solver_;
  /// What is asserted, per scope (the outermost first); Z3's solver holds the first `live_`.
  std::vector<std::vector<z3::expr>> pending_;
  std::size_t live_ = 0;
  z3::model model_;
  ProofCache *cache_;
  const std::atomic<bool> *cancel_;
  unsigned timeoutMs_, memoryMb_;
  Fingerprint fingerprint_;
  /// Per scope (the outermost first): the digest of everything asserted so far; nothing when
  /// something asserted could not be keyed.
  std::vector<std::optional<Digest>> asserted_;
  std::size_t calls_ = 0, reused_ = 0, shared_ = 0;
  std::size_t unknowns_ = 0;
  bool outOfMemory_ = false;
};

} // namespace ww::verify
