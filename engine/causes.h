#pragma once
/// Root causes first (docs/diagnostics.md, "Root causes"): a finding that follows from a gap or
/// a conflict of the same ruleset is shown under it, so that an author fixes one thing and sees
/// the rest go with it.

#include "compiler/support/diagnostic.h"
#include "compiler/support/source.h"

#include <string>
#include <vector>

namespace ww::engine {

/// How a root's note about a consequence starts (`also because of this: `, in the language of
/// the process).
std::string alsoBecause();

/// The text of a placeholder in a message made from the catalogue's `key` (docs/i18n.md): the
/// name between the backticks that follow the words before `{placeholder}` in the template of
/// the current language, e.g. `rule` in "conflict: rules `rule` and …". Empty when the message
/// does not have them. With `last`, the last such place in the message.
std::string nameIn(const std::string &message, const std::string &key,
                   const std::string &placeholder, bool last = false);

/// The words of `key`'s template between `{after}` (its start when empty) and `{before}` (its
/// end when empty).
std::string templateWords(const std::string &key, const std::string &after,
                          const std::string &before);

/// The root's note about a consequence: `also because of this: FILE:L:C: error[CODE]: message`.
std::string consequenceNote(const Diagnostic &consequence, const SourceManager &sources);

/// Marks every finding that follows from a gap (E0501) or a conflict (E0502) of the same
/// ruleset, in the same periods, with that finding's id (`causedBy`), and adds a note to the
/// root for each one. Follows from it:
/// - a property that does not hold (E0503) or a condition that may be undefined (E0504), when
///   every region it reports (and no case beyond them) lies inside one region of the root;
/// - a failing test (E0510) that got a conflict between the root's two rules, or no outcome
///   for the decision with the gap.
/// Nothing is removed: counts and exit codes are unchanged, but for the consequences of a
/// waived root, which are waived with it.
void markConsequences(std::vector<Diagnostic> &diagnostics, const SourceManager &sources);

} // namespace ww::engine
