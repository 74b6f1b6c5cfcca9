#pragma once
/// Small pieces of the verifier's texts for people, in the language of the process
/// (docs/i18n.md): lists of names, answers, periods and numbers.

#include "compiler/ir/ruleset.h"
#include "compiler/support/date.h"
#include "compiler/support/periods.h"
#include "compiler/support/i18n.h"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace ww::verify {

/// Names as a list: "`a`, `b`" in English (as the findings always wrote them), "`a` en `b`"
/// in Dutch.
inline std::string nameList(const std::vector<std::string> &items) {
  if (i18n::language() == i18n::Lang::Nl)
    return i18n::listAnd(items);
  std::string out;
  for (const std::string &s : items)
    out += (out.empty() ? "" : ", ") + s;
  return out;
}

/// An answer as a person reads it in a case: `yes`/`no` (`ja`/`nee`), the answer's id, or
/// the number. JSON keeps Question::valueText.
inline std::string answerText(const ir::Question &q, std::int64_t value) {
  if (q.type == ir::QuestionType::YesNo)
    return tr(value ? "word.yes" : "word.no");
  return q.valueText(value);
}

/// A period for people: `from 2015-01-01 until 2018-05-25` / `van 1 januari 2015 tot 25 mei
/// 2018` (English as Period::text()).
inline std::string periodText(const Period &p) {
  return periodShown(p);
}

/// Periods joined: `until 2013-07-01 and from 2015-01-01`.
inline std::string periodsText(const std::vector<Period> &periods) {
  std::string out;
  for (const Period &p : periods)
    out += (out.empty() ? "" : tr("verifier.period.and")) + periodText(p);
  return out;
}

/// A decimal number for people: `0.001`, Dutch `0,001`.
inline std::string decimal(double x) {
  std::string s = fmt::format("{}", x);
  if (i18n::language() == i18n::Lang::Nl)
    for (char &c : s)
      if (c == '.')
        c = ',';
  return s;
}

} // namespace ww::verify
