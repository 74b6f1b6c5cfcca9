#pragma once
/// Answers given on the command line or in a file, and the explanation of a case: shared by
/// `explain` and `ask`.

#include "compiler/eval/evaluator.h"
#include "compiler/support/date.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace ww::cli {

/// "`a`, `b` or `c`", "`yes` or `no`", "a whole number in 0..17".
std::string validValues(const ir::Question &q);

/// Sets the answer `value` (text) of question `name` in c; returns an error message or "".
/// With the ruleset's history, an answer that is one on other dates only says when it is one
/// and quotes the question's help (which names what replaced it), e.g. `amk` after 2015.
std::string setAnswer(const ir::Ruleset &rs, eval::Case &c, const std::string &name,
                      const std::string &value, const ir::History *history = nullptr,
                      const Date &date = Date{});

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

} // namespace ww::cli
