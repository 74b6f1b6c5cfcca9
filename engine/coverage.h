#pragma once
/// Decision coverage of a ruleset's tests (`wegwijzer test --coverage`): which rules decide,
/// which exceptions remove a rule, and which leaves of the exported decision tree some test
/// reaches; for each leaf no test reaches, a ready-to-paste test with a case of that leaf.

#include "compiler/parse/keywords.h"
#include "compiler/export/tree.h"
#include "compiler/ir/ruleset.h"

#include <optional>
#include <string>
#include <vector>

namespace ww::engine {

struct Coverage {
  std::string ruleset;
  std::vector<std::string> rules, rulesMissed;           ///< active rules; those no test decides by
  std::vector<std::string> exceptions, exceptionsMissed; ///< "`e` over `r`"
  std::size_t leaves = 0, leavesReached = 0;             ///< of the tree, when it was built
  bool hasTree = false;
  std::vector<std::string> suggestedTests; ///< per unreached leaf, in tree order

  std::size_t reached() const;
  std::size_t total() const;
  /// Reached out of all (rules, exceptions and leaves), in percent; 100 when there is nothing.
  double percent() const;
};

/// The coverage of the ruleset's tests; `tree` may be null (then leaves are not counted). With
/// `asOf`, each suggested test is dated `as of` that day (a period of a ruleset with dates).
/// Suggested tests are written in the keywords of the ruleset's file (`set`).
Coverage coverage(const ir::Ruleset &ruleset, const exp::Tree *tree,
                  const std::optional<Date> &asOf = std::nullopt,
                  parse::KeywordSet set = parse::KeywordSet::English);

} // namespace ww::engine
