#include "compiler/ir/answer_text.h"

#include "compiler/support/periods.h"

#include <fmt/format.h>

#include <algorithm>

namespace ww::ir {

std::string validValues(const Question &q) {
  switch (q.type) {
  case QuestionType::YesNo:
    return "`yes` or `no` (`ja` or `nee`)";
  case QuestionType::Range:
    return fmt::format("a whole number in {}..{}", q.lo, q.hi);
  case QuestionType::OneOf: {
    std::string out;
    for (std::size_t i = 0; i < q.answers.size(); ++i)
      out += fmt::format("{}`{}`",
                         i == 0                      ? ""
                         : i + 1 == q.answers.size() ? " or "
                                                     : ", ",
                         q.answers[i].id);
    return out;
  }
  }
  return "";
}

std::string notAnAnswer(const Question &q, const std::string &value, const History *history,
                        const Date &date) {
  std::string message =
      fmt::format("`{}` is not an answer of `{}`: give {}", value, q.id, validValues(q));
  if (!history)
    return message;
  // An answer of another period of the ruleset: say when it was one, and what the question's
  // help says about it (where a ruleset names what replaced it).
  std::vector<Period> periods;
  std::vector<char> valid;
  for (const Ruleset &other : history->periods) {
    periods.push_back(other.period);
    bool has = false;
    for (const Question &oq : other.questions)
      if (oq.id == q.id && oq.type != QuestionType::Range)
        for (std::int64_t v = oq.lo; v <= oq.hi && !has; ++v)
          has = oq.valueText(v) == value;
    valid.push_back(has);
  }
  if (std::find(valid.begin(), valid.end(), 1) == valid.end())
    return message;
  std::string when;
  for (const Period &p : mergedPeriods(periods, valid))
    when += (when.empty() ? "" : ", ") + p.text();
  message = fmt::format("`{}` is not an answer of `{}` on {}: it is one {}", value, q.id,
                        date.iso(), when);
  if (!q.help.empty())
    message += fmt::format(" (“{}”)", q.help);
  return message + fmt::format("; give {}", validValues(q));
}

} // namespace ww::ir
