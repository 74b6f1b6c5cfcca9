#include "compiler/ir/answer_text.h"

#include "compiler/support/i18n.h"
#include "compiler/support/periods.h"

#include <fmt/format.h>

#include <algorithm>

namespace ww::ir {

std::string validValues(const Question &q) {
  switch (q.type) {
  case QuestionType::YesNo:
    return tr("answer.valid.yes_no");
  case QuestionType::Range:
    return tr("answer.valid.range", {{"low", std::to_string(q.lo)}, {"high", std::to_string(q.hi)}});
  case QuestionType::OneOf: {
    std::vector<std::string> ids;
    for (const Answer &a : q.answers)
      ids.push_back("`" + a.id + "`");
    return i18n::listOr(ids);
  }
  }
  return "";
}

std::string notAnAnswer(const Question &q, const std::string &value, const History *history,
                        const Date &date) {
  std::string message = tr("answer.not_an_answer",
                           {{"value", value}, {"question", q.id}, {"valid", validValues(q)}});
  if (!history)
    return message;
  // An answer of another period of the ruleset: say when it was one, and what the question's
  // help says about it (where a ruleset names what replaces it).
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
  bool dutch = i18n::language() == i18n::Lang::Nl;
  std::string when;
  for (const Period &p : mergedPeriods(periods, valid))
    when += (when.empty() ? "" : ", ") + (dutch ? p.dutch() : p.text());
  message = tr("answer.not_an_answer_on",
               {{"value", value}, {"question", q.id}, {"date", i18n::date(date)}, {"when", when}});
  if (!q.help.empty())
    message += tr("answer.not_an_answer_help", {{"help", q.help}});
  return message + tr("answer.give", {{"valid", validValues(q)}});
}

} // namespace ww::ir
