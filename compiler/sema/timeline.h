#pragma once
/// Law over time: the timeline of a module chain (its periods, split at every date written in
/// it), the checks on its dates, and its analysis once per period into an `ir::History`.

#include "compiler/ast/decl.h"
#include "compiler/ir/ruleset.h"
#include "compiler/support/diagnostic.h"

#include <optional>
#include <vector>

namespace ww::sema {

/// The periods of a chain: the span it models, cut at every date its declarations name.
struct Timeline {
  Period span;                 ///< the intersection of the files' header clauses
  std::vector<Period> periods; ///< in date order, covering the span; never empty
  bool dated = false;          ///< some declaration or header has a `valid` clause

  /// The index of the period that holds `date`, or -1 outside the span.
  int periodOf(const Date &date) const;
};

/// Builds the timeline of `chain` (root module first) and checks its dates: declarations
/// valid on no date (E0702), overlapping versions (E0703), holes between versions where the
/// name is still referred to (E0704), references outside what they name (E0705), citations
/// of a source outside its validity (W0706), tests dated outside the span or valid on no
/// date (E0707, E0708).
Timeline buildTimeline(const std::vector<const ast::File *> &chain, DiagnosticSink &sink);

/// Builds the timeline and analyses the chain once per period. Nothing when the dates or the
/// analysis of some period have errors.
std::optional<ir::History> analyseHistory(const std::vector<const ast::File *> &chain,
                                          DiagnosticSink &sink);

} // namespace ww::sema
