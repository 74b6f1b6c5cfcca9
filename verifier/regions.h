#pragma once
/// The region search (region_search.h) answered by the solver, the smallest case, and the text
/// and JSON of cases and regions.

#include "verifier/region_search.h"
#include "verifier/z3/encoder.h"
#include "verifier/z3/solver.h"

#include <nlohmann/json.hpp>

namespace ww::verify {

class RegionFinder {
public:
  RegionFinder(Encoder &encoder, Solver &solver, const ir::Ruleset &rs)
      : enc_(encoder), solver_(solver), rs_(rs) {}

  /// Up to max regions of cases satisfying base in which `finding` holds everywhere: the
  /// region search over a SolverSpace.
  RegionSearch find(const z3::expr &base, const z3::expr &finding, const CaseTerms &c, int max);
  /// The lexicographically smallest case (question order; unasked first) satisfying f, or
  /// nothing when f is unsatisfiable or the solver gave up.
  std::optional<eval::Case> smallest(const z3::expr &f, const CaseTerms &c);

  z3::expr literal(const Literal &l, const CaseTerms &c);
  z3::expr region(const Region &r, const CaseTerms &c);

  Encoder &encoder() { return enc_; }
  Solver &solver() { return solver_; }
  const ir::Ruleset &ruleset() const { return rs_; }

private:
  Encoder &enc_;
  Solver &solver_;
  const ir::Ruleset &rs_;
};

/// The region search's questions answered by the solver: a case is one that satisfies
/// `base ∧ finding`. Once a call has answered unknown, no further call is made (`holdsIn` and
/// `caseIn` answer false, `gaveUp` true).
class SolverSpace : public CaseSpace {
public:
  SolverSpace(RegionFinder &finder, const z3::expr &base, const z3::expr &finding,
              const CaseTerms &c)
      : finder_(finder), solver_(finder.solver()), base_(base), finding_(finding), c_(c),
        left_(base && finding), unknownsBefore_(solver_.unknowns()) {}

  Left anyLeft() override;
  eval::Case smallestLeft() override;
  bool holdsIn(const Region &r) override;
  bool caseIn(const Region &r) override;
  void setAside(const Region &r) override;
  bool gaveUp() const override { return solver_.unknowns() != unknownsBefore_; }
  LeftCount countLeft(std::size_t cap) override;

private:
  RegionFinder &finder_;
  Solver &solver_;
  z3::expr base_, finding_;
  const CaseTerms &c_;
  z3::expr left_; ///< base ∧ finding ∧ no region set aside
  std::size_t unknownsBefore_;
};

/// "situatie = volwassenen, doel in {aangifte, melden} (any other answers)".
std::string regionText(const ir::Ruleset &rs, const Region &r);
/// "situatie = volwassenen (“Huiselijk geweld, alleen volwassenen”), leeftijd = 8".
std::string exampleText(const ir::Ruleset &rs, const eval::Case &c);
nlohmann::json caseJson(const ir::Ruleset &rs, const eval::Case &c);
nlohmann::json regionJson(const ir::Ruleset &rs, const Region &r);

} // namespace ww::verify
