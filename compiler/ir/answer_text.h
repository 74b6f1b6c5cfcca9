#pragma once
/// How answers are named in messages, the same in `explain`, `ask` and the runtimes that read
/// the export (runtime/js, runtime/python), whose vectors check the words.

#include "compiler/ir/ruleset.h"

#include <string>

namespace ww::ir {

/// The answers a question takes: "`a`, `b` or `c`", "`yes` or `no`", "a whole number in 0..17".
std::string validValues(const Question &q);

/// Why `value` is not an answer of `q` on `date`: "`x` is not an answer of `q`: give …"; when
/// it is one in other periods of `history`, when ("`amk` is not an answer of `ontvanger` on
/// 2016-01-01: it is one from 2009-01-01 until 2015-01-01 (“HELP”); give `veilig_thuis`").
std::string notAnAnswer(const Question &q, const std::string &value, const History *history,
                        const Date &date);

} // namespace ww::ir
