#pragma once
/// Generalising a solver's case into a region ("situatie = volwassenen, doel = aangifte, any
/// other answers") in which a finding holds for every case, then looking for the next.

#include "verifier/z3/encoder.h"
#include "verifier/z3/solver.h"

#include <nlohmann/json.hpp>

namespace ww::verify {

/// One answer constraint of a region: the question is asked and its answer is in `values`
/// (yes/no and list questions) or in lo..hi (number questions).
struct Literal {
  int question = -1;
  std::vector<std::int64_t> values;
  std::int64_t lo = 0, hi = 0;
  bool isRange = false;
};

struct Region {
  std::vector<Literal> literals; ///< in question order; empty: every case
  eval::Case example;            ///< the smallest case of the region (question order)
};

struct RegionSearch {
  std::vector<Region> regions;
  std::size_t more = 0;      ///< cases with the finding outside the regions shown
  bool moreCapped = false;   ///< more is a lower bound
  bool inconclusive = false; ///< a solver call timed out: the search is incomplete
};

class RegionFinder {
public:
  RegionFinder(Encoder &encoder, Solver &solver, const ir::Ruleset &rs)
      : enc_(encoder), solver_(solver), rs_(rs) {}

  /// Up to max regions of cases satisfying base in which `finding` holds everywhere.
  RegionSearch find(const z3::expr &base, const z3::expr &finding, const CaseTerms &c, int max);
  /// The lexicographically smallest case (question order; unasked first) satisfying f, or
  /// nothing when f is unsatisfiable or the solver gave up.
  std::optional<eval::Case> smallest(const z3::expr &f, const CaseTerms &c);

  z3::expr literal(const Literal &l, const CaseTerms &c);
  z3::expr region(const Region &r, const CaseTerms &c);

private:
  Encoder &enc_;
  Solver &solver_;
  const ir::Ruleset &rs_;
};

/// "situatie = volwassenen, doel in {aangifte, melden} (any other answers)".
std::string regionText(const ir::Ruleset &rs, const Region &r);
/// "situatie = volwassenen (“Huiselijk geweld, alleen volwassenen”), leeftijd = 8".
std::string exampleText(const ir::Ruleset &rs, const eval::Case &c);
nlohmann::json caseJson(const ir::Ruleset &rs, const eval::Case &c);
nlohmann::json regionJson(const ir::Ruleset &rs, const Region &r);

} // namespace ww::verify
