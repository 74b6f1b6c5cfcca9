#pragma once
/// Answers given on the command line or in a file, and the explanation of a case: shared by
/// `explain` and `ask`.

#include "compiler/eval/evaluator.h"
#include "compiler/export/tree.h"
#include "compiler/support/date.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace ww::cli {

/// An answer given on a date on which it is not one, taken as the answer that replaces it
/// there (`replaces` in the ruleset): `amk` on 2016-01-01 is `veilig_thuis`.
struct Redirected {
  std::string question; ///< the question's id
  std::string given;    ///< the answer as given
  int answer = -1;      ///< the index of the answer it is taken as
  const ir::Redirect *redirect = nullptr;
  /// "`amk` (an answer of `ontvanger` from 2009-01-01 until 2015-01-01) is replaced by
  /// `veilig_thuis` from 2015-01-01: REASON"
  std::string note;
};

/// The answer of list question `q` (of the IR of one date) that the answer id `value`, which
/// is not one of its answers, is replaced by on that date; nothing when no `replaces` clause
/// leads from it to one. The one place where answers are redirected: `explain` (through
/// setAnswer) and `ask` both call it.
std::optional<Redirected> redirectAnswer(const ir::Question &q, const std::string &value);

/// The redirect as JSON: `question`, `given`, `answer`, `via`, `givenValid` (periods),
/// `since`, `reason`, `note`.
nlohmann::json redirectJson(const ir::Question &q, const Redirected &r);

/// Sets the answer `value` (text) of question `name` in c; returns an error message or "".
/// An answer replaced on the case's date (see redirectAnswer) is taken as its replacement and
/// added to `redirected`. With the ruleset's history, another answer that is one on other
/// dates only says when it is one and quotes the question's help, e.g. `amk` after 2015 in a
/// ruleset that does not say what replaces it.
std::string setAnswer(const ir::Ruleset &rs, eval::Case &c, const std::string &name,
                      const std::string &value, const ir::History *history = nullptr,
                      const Date &date = Date{}, std::vector<Redirected> *redirected = nullptr);

/// The problems with c as a case: unasked questions answered, asked questions missing.
std::vector<std::string> caseProblems(const ir::Ruleset &rs, const eval::Case &c);

/// "`r1` gives `o1`, `r2` gives `o2`": the rules that remain in a conflict (those giving the
/// outcome `except` left out; -1: none left out).
std::string conflictText(const ir::Ruleset &rs, const std::vector<int> &remaining, int except);

/// The decision, the rules that applied, the exceptions that won, obligations, citations; and
/// with whyNot, why that outcome was not the decision. Text for people.
std::string explainText(const ir::Ruleset &rs, const eval::Case &c, int mainDecision,
                        const std::string &whyNot);

/// The same, as JSON.
nlohmann::json explainJson(const ir::Ruleset &rs, const eval::Case &c, int mainDecision);

/// What `ask` prints at a leaf of the tree, and the language server's "explain a case": the
/// answers given (`path`: the question node and the answer chosen there), then every decision
/// (the main one first) with its answer, sources and obligations, and the rules that decided.
std::string leafSummary(const ir::Ruleset &rs, const exp::Tree &tree,
                        const std::vector<std::pair<int, std::int64_t>> &path,
                        const exp::Leaf &leaf);

} // namespace ww::cli
