#pragma once
/// Answers that replace answers of an earlier period (`veilig_thuis "Veilig Thuis" replaces
/// amk, steunpunt`): the checks on the `replaces` clauses of a chain, and the redirects that
/// every period of an analysed history gets from them.

#include "compiler/ast/decl.h"
#include "compiler/ir/ruleset.h"
#include "compiler/sema/timeline.h"
#include "compiler/support/diagnostic.h"

#include <vector>

namespace ww::sema {

/// Checks every `replaces` clause of `chain` against the question as the chain declares it
/// in each period of `tl` (an `override` in a later file takes the module's place): every
/// name replaced is an answer of the same question in an earlier period (E0709, E0710) and
/// no answer is replaced twice in one period (E0711). A clause on a parameter is E0709.
void checkReplaces(const std::vector<const ast::File *> &chain, const Timeline &tl,
                   DiagnosticSink &sink);

/// The answer of `question` that `answer`, not an answer of it on `date`, is taken as on that
/// date by the chain's `replaces` clauses (followed from one to the next); "" when none.
std::string replacementOn(const std::vector<const ast::File *> &chain, const Timeline &tl,
                          const std::string &question, const std::string &answer, const Date &date);

/// Fills `ir::Question::redirects` of every period of `history`: each answer of the question
/// in another period that is not one in this period, and that `replaces` clauses (of this or
/// an earlier period, followed from one to the next) send to an answer of this period.
void buildRedirects(ir::History &history);

} // namespace ww::sema
