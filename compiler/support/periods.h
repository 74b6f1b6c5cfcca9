#pragma once
/// Findings of a ruleset analysed or verified once per period, merged into one report: the
/// same finding in several periods is reported once, naming the periods in which it holds.

#include "compiler/support/date.h"
#include "compiler/support/diagnostic.h"

#include <functional>
#include <string>
#include <vector>

namespace ww {

/// A period for people, in the reader's language: `from 2015-01-01 until 2018-05-25`, `van 1
/// januari 2015 tot 25 mei 2018`; `from 2009-01-01`, `vanaf 1 januari 2009` (Period::text()
/// stays English: it also keys the cache).
std::string periodShown(const Period &p);

/// The periods whose flag is set, adjacent ones merged: `from 2015-01-01 until 2018-05-25`,
/// `until 2013-07-01 and from 2015-01-01`
/// (in Dutch `tot 1 juli 2013 en vanaf 1 januari 2015`).
std::string periodRuns(const std::vector<Period> &periods, const std::vector<char> &mask);

/// The merged periods whose flag is set, in order.
std::vector<Period> mergedPeriods(const std::vector<Period> &periods,
                                  const std::vector<char> &mask);

/// Whether a merged finding names its periods.
enum class PeriodPrefix {
  Never,       ///< about what was written, whatever the date
  WhenPartial, ///< only when it does not hold in every period
  Always,      ///< whenever the ruleset has dates
};

/// Reports every distinct diagnostic of `perPeriod` (one list per period of `periods`) once
/// into `sink`, in first-seen order. Where `prefix` says so (and `dated`), its message starts
/// with the periods in which it holds (`from 2015-01-01 until 2018-05-25: gap …`) and its
/// `periods` lists them.
void mergeByPeriod(const std::vector<std::vector<Diagnostic>> &perPeriod,
                   const std::vector<Period> &periods, bool dated, DiagnosticSink &sink,
                   const std::function<PeriodPrefix(const Diagnostic &)> &prefix);

} // namespace ww
