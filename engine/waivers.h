#pragma once
/// Waivers: accepted findings, by stable finding id, with a justification, an author and an
/// expiry date, in a side file `NAME.waivers` beside the ruleset file `NAME.ww`:
///
///     waive "W0509:huisarts:wgbo_vanaf_16"
///       because "De regel maakt de leeftijdsgrens zichtbaar."
///       by "M. de Vries"
///       until 2027-01-01
///
/// A waived finding is still reported, marked as waived, and does not fail the gate. A waiver
/// that has expired (E0902) or matches no finding (E0903) is an error. See docs/ci.md.

#include "engine/workspace.h"
#include "compiler/support/date.h"

#include <string>
#include <vector>

namespace ww::engine {

struct Waiver {
  std::string id, reason, author;
  Date until;          ///< the waiver holds before this date
  Span span;           ///< the whole `waive …` entry
  std::string ruleset; ///< the ruleset of the file beside it: the only one it can waive for
};

/// Reads the waiver file beside every requested ruleset file of the workspace (when there is
/// one) into its sources, as `.ww` files are read: E0005 when it cannot be read or is not a
/// regular file, E0007 past the size limit, E0002 when it is not UTF-8 text; syntax errors are
/// E0901.
std::vector<Waiver> loadWaivers(Workspace &ws, const FileSource *files = nullptr);

/// Marks the findings of its own ruleset that a waiver in force names as waived
/// (Diagnostic::waiver), and reports expired waivers (E0902), a second waiver of one finding
/// (W0904), waivers that name another ruleset's finding (E0903, always) and, for the rulesets
/// in `verified`, waivers that match no finding (E0903). `onlyTests`: only waivers of test
/// failures (E0510) can be unmatched.
void applyWaivers(Workspace &ws, const std::vector<Waiver> &waivers, Date today,
                  const std::vector<std::string> &verified, bool onlyTests);

} // namespace ww::engine
