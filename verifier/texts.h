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


/// An answer as a person reads it in a case: `yes`/`no` (`ja`/`nee`), the answer's id, or
/// the number. JSON keeps Question::valueText.
inline std::string answerText(const ir::Question &q, std::int64_t value) {
  if (q.type == ir::QuestionType::YesNo)
    return tr(value ? "word.yes" : "word.no");
  return q.valueText(value);
}

/// Periods joined: `until 2013-07-01 and from 2015-01-01`.
inline std::string periodsText(const std::vector<Period> &periods) {
  std::string out;
  for (const Period &p : periods)
    out += (out.empty() ? "" : " " + tr("word.and") + " ") + periodShown(p);
  return out;
}

} // namespace ww::verify
