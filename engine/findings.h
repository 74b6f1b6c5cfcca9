#pragma once
/// What a run's findings say, settled before anything is counted or rendered, and grouped by
/// cause before they are rendered (docs/diagnostics.md, "One finding per cause" and "The
/// author's line").

#include "engine/workspace.h"

#include <vector>

namespace ww::engine {

/// Settles the findings of a verified workspace, in its sink, after the waivers:
/// - consequences are marked under the gap or conflict they follow from (causes.h); the
///   consequences of a waived root are waived with it;
/// - a finding of a ruleset located in a module, with a label in the ruleset's own file, is
///   located there instead (the module's line becomes a label);
/// - a conflict between two rules of one file points at the newer rule (the one valid from a
///   later date), and a conflict that starts on the day a rule begins gets the help to end the
///   older rule with `valid until` that day.
void settleFindings(Workspace &ws);

/// One finding per cause: findings of several rulesets (and periods) with the same code,
/// location and subject (the finding id without its ruleset) and the same message are one
/// finding, naming every ruleset and, where they differ, each one's periods and regions.
/// `diagnostics` is the sink's sorted list; the result keeps its order.
std::vector<Diagnostic> groupFindings(const Workspace &ws, std::vector<Diagnostic> diagnostics);

/// The message without the periods it starts with (`from 2015-01-01: gap …` -> `gap …`;
/// compiler/support/periods.cpp writes them in the language of the process).
std::string withoutPeriods(const Diagnostic &d);

} // namespace ww::engine
