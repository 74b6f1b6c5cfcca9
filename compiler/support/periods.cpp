#include "compiler/support/periods.h"

#include "compiler/support/i18n.h"

#include <map>
#include <tuple>

namespace ww {

std::vector<Period> mergedPeriods(const std::vector<Period> &periods,
                                  const std::vector<char> &mask) {
  std::vector<Period> out;
  bool open = false;
  for (std::size_t i = 0; i < periods.size() && i < mask.size(); ++i) {
    if (!mask[i]) {
      open = false;
      continue;
    }
    if (open)
      out.back().until = periods[i].until;
    else
      out.push_back(periods[i]);
    open = true;
  }
  return out;
}

std::string periodShown(const Period &p) {
  if (p.from && p.until)
    return tr("frontend.period.from_until",
              {{"from", i18n::date(*p.from)}, {"until", i18n::date(*p.until)}});
  if (p.from)
    return tr("frontend.period.from", {{"from", i18n::date(*p.from)}});
  if (p.until)
    return tr("frontend.period.until", {{"until", i18n::date(*p.until)}});
  return tr("frontend.period.always");
}

std::string periodRuns(const std::vector<Period> &periods, const std::vector<char> &mask) {
  std::string out;
  for (const Period &p : mergedPeriods(periods, mask))
    out += (out.empty() ? "" : " " + tr("word.and") + " ") + periodShown(p);
  return out;
}

namespace {

// Everything a reader sees of a diagnostic.
auto identity(const Diagnostic &d) {
  std::vector<std::tuple<Span, std::string>> labels;
  for (const Label &l : d.labels)
    labels.emplace_back(l.span, l.message);
  return std::make_tuple(d.severity, d.code, d.id, d.span, d.message, labels, d.notes, d.help,
                         d.ruleset, d.details.dump());
}

} // namespace

void mergeByPeriod(const std::vector<std::vector<Diagnostic>> &perPeriod,
                   const std::vector<Period> &periods, bool dated, DiagnosticSink &sink,
                   const std::function<PeriodPrefix(const Diagnostic &)> &prefix) {
  using Key = decltype(identity(Diagnostic{}));
  std::map<Key, std::size_t> index;
  std::vector<std::pair<const Diagnostic *, std::vector<char>>> merged;
  for (std::size_t p = 0; p < perPeriod.size(); ++p)
    for (const Diagnostic &d : perPeriod[p]) {
      auto [it, fresh] = index.try_emplace(identity(d), merged.size());
      if (fresh)
        merged.push_back({&d, std::vector<char>(periods.size(), 0)});
      if (p < periods.size())
        merged[it->second].second[p] = 1;
    }
  for (const auto &[d, mask] : merged) {
    Diagnostic out = *d;
    PeriodPrefix how = dated ? prefix(out) : PeriodPrefix::Never;
    bool everywhere = std::find(mask.begin(), mask.end(), 0) == mask.end();
    if (how == PeriodPrefix::Always || (how == PeriodPrefix::WhenPartial && !everywhere)) {
      out.periods = mergedPeriods(periods, mask);
      out.message = periodRuns(periods, mask) + ": " + out.message;
    }
    sink.report(std::move(out));
  }
}

} // namespace ww
