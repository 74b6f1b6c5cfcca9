// The diff report in text, JSON and Markdown. All three say the same, in the same order.

#include "engine/diff.h"

#include "compiler/support/version.h"
#include "compiler/support/periods.h"
#include "compiler/support/render.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace ww::engine {
namespace {

const char *kindWord(verify::DeclChange::Kind k) {
  switch (k) {
  case verify::DeclChange::Kind::Added:
    return "added";
  case verify::DeclChange::Kind::Removed:
    return "removed";
  case verify::DeclChange::Kind::Renamed:
    return "renamed";
  case verify::DeclChange::Kind::Changed:
    return "changed";
  }
  return "changed";
}

std::string where(const SourceManager &sources, Span span) {
  if (!span.valid())
    return "";
  const SourceFile &f = sources.file(span.file);
  return fmt::format("{}:{}", f.path(), f.lineCol(span.begin).line);
}

std::string plural(std::uint64_t n, const char *one, const char *many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// "`meldrecht` by rule `x` (cites …)".
std::string sideText(const verify::DecisionSide &s, bool obligations) {
  std::string out = s.text();
  if (!s.rules.empty()) {
    out += s.rules.size() == 1 ? " by rule " : " by rules ";
    for (std::size_t i = 0; i < s.rules.size(); ++i) {
      std::string cites = s.citations[i].substr(s.rules[i].size() + 4);
      out += fmt::format("{}`{}` (cites {})", i ? ", " : "", s.rules[i], cites);
    }
  }
  if (obligations && !s.outcome.empty()) {
    std::string obl;
    for (const auto &o : s.obligations)
      obl += (obl.empty() ? "`" : ", `") + o + "`";
    out += "; obliges " + (obl.empty() ? std::string("nothing") : obl);
  }
  return out;
}

std::string declText(const verify::DeclChange &c, const DiffResult &r) {
  using K = verify::DeclChange::Kind;
  switch (c.kind) {
  case K::Added:
    return fmt::format("+ {} `{}` ({})", c.what, c.id, where(r.after.sources, c.newSpan));
  case K::Removed:
    return fmt::format("- {} `{}` ({})", c.what, c.id, where(r.before.sources, c.oldSpan));
  case K::Renamed:
    return fmt::format("~ {} `{}` renamed to `{}` ({})", c.what, c.oldId, c.id,
                       where(r.after.sources, c.newSpan));
  case K::Changed:
    return fmt::format("* {} `{}`: {} changed ({})", c.what, c.id, c.detail,
                       where(r.after.sources, c.newSpan));
  }
  return "";
}

std::string findingText(const FindingChange &f, const DiffResult &r) {
  const Diagnostic &d = *f.diagnostic;
  const SourceManager &sources = f.added ? r.after.sources : r.before.sources;
  std::string at = where(sources, d.span);
  return fmt::format("{} {}[{}]{} {}{}: {}", f.added ? "+" : "-", severityName(d.severity), d.code,
                     d.waiver.empty() ? "" : " (waived)", d.id, at.empty() ? "" : " (" + at + ")",
                     d.message);
}

// The dates a group of periods covers: `on every date`, `from 2015-01-01 until 2018-05-25`,
// `until 2013-07-01 and from 2015-01-01`.
std::string datesText(const std::vector<Period> &all, const std::vector<char> &mask) {
  if (std::all_of(mask.begin(), mask.end(), [](char c) { return c; }))
    return "on every date";
  return periodRuns(all, mask);
}

// Periods of one ruleset whose comparisons read alike, as one group (consecutive or not).
struct Group {
  std::vector<std::size_t> periods; ///< indices into RulesetDiff::periods
  std::string dates;                ///< datesText of them
};

// The body of one period's comparison in text, each line indented by `indent`.
std::string comparisonText(const PeriodDiff &p, const DiffResult &r, const std::string &indent) {
  if (!p.comparison)
    return indent + p.why + "\n";
  const verify::Comparison &c = *p.comparison;
  std::string out;
  if (!c.error.empty())
    return indent + fmt::format("the solver failed: {}\n", c.error);
  if (c.declarations.empty())
    out += indent + "no declaration added, removed, renamed or changed\n";
  for (const auto &d : c.declarations)
    out += indent + declText(d, r) + "\n";
  for (const auto &n : c.notes)
    out += indent + "note: " + n + "\n";
  for (const auto &d : c.decisions) {
    if (d.transitions.empty())
      continue;
    out += indent + fmt::format("decision `{}`", d.id);
    if (c.counted)
      out += fmt::format(": another outcome in {} of {}, other obligations in {}", d.outcomeChanged,
                         plural(c.cases, "case", "cases"), d.obligationsChanged);
    out += "\n";
    for (const auto &t : d.transitions) {
      out += indent + fmt::format("  {} -> {}", t.before, t.after);
      if (c.counted)
        out += fmt::format(" ({})", plural(t.count, "case", "cases"));
      out += "\n";
      for (const auto &region : t.regions) {
        out += indent + fmt::format("    cases: {}", region.cases);
        if (c.counted)
          out += fmt::format(" ({})", plural(region.count, "case", "cases"));
        out += "\n";
        out += indent + fmt::format("      for example: {}\n", region.example);
        out += indent + fmt::format("      old: {}\n", sideText(region.before, t.obligationsOnly));
        out += indent + fmt::format("      new: {}\n", sideText(region.after, t.obligationsOnly));
      }
      if (t.uncovered)
        out += indent + fmt::format("    and {}{} not in the regions above\n",
                                    t.uncoveredIsLowerBound ? "over " : "",
                                    plural(t.uncovered, "case", "cases"));
    }
    if (d.truncated)
      out += indent + "  and more kinds of change than are shown\n";
  }
  if (c.inconclusive)
    out += indent + "the solver gave up on some question: changes may be missing\n";
  if (!c.anyCaseChanged())
    out += indent + (c.counted ? fmt::format("no case changed ({} compared)\n",
                                             plural(c.cases, "case", "cases"))
                               : std::string("no case changed\n"));
  else if (c.counted)
    out += indent + fmt::format("{} of {} changed\n", c.changed, plural(c.cases, "case", "cases"));
  return out;
}

// A ruleset's periods grouped by what their comparison says (text without indentation), in the
// order of their first period.
std::vector<Group> groups(const RulesetDiff &rd, const DiffResult &r) {
  std::vector<Group> out;
  std::vector<std::string> keys;
  std::vector<Period> all;
  for (const PeriodDiff &p : rd.periods)
    all.push_back(p.period);
  for (std::size_t k = 0; k < rd.periods.size(); ++k) {
    std::string key = comparisonText(rd.periods[k], r, "");
    auto at = std::find(keys.begin(), keys.end(), key);
    if (at == keys.end()) {
      keys.push_back(key);
      out.push_back({{k}, ""});
    } else {
      out[at - keys.begin()].periods.push_back(k);
    }
  }
  for (Group &g : out) {
    std::vector<char> mask(all.size(), 0);
    for (std::size_t k : g.periods)
      mask[k] = 1;
    g.dates = datesText(all, mask);
  }
  return out;
}

// Whether a ruleset's report names dates: it has dates and was compared on every date.
bool namesDates(const RulesetDiff &rd, const DiffResult &r) { return r.everyDate && rd.dated; }

// Every period compared, and none with a declaration or case that changed, a note, or a
// doubt: the ruleset is the same on every date, and one line says so.
bool unchanged(const RulesetDiff &rd) {
  for (const PeriodDiff &p : rd.periods) {
    if (!p.comparison)
      return false;
    const verify::Comparison &c = *p.comparison;
    if (!c.declarations.empty() || !c.notes.empty() || c.anyCaseChanged() || c.inconclusive ||
        !c.error.empty() || !c.counted)
      return false;
  }
  return !rd.periods.empty();
}

// "2214, 2212 and 2600 cases compared".
std::string casesPerPeriod(const RulesetDiff &rd) {
  std::string out;
  for (std::size_t k = 0; k < rd.periods.size(); ++k)
    out += fmt::format("{}{}", k == 0 ? "" : k + 1 == rd.periods.size() ? " and " : ", ",
                       rd.periods[k].comparison->cases);
  return out;
}

// The dates where some case changed: `from 2019-01-01`, or empty when none.
std::string changedDates(const RulesetDiff &rd) {
  std::vector<Period> all;
  std::vector<char> mask;
  for (const PeriodDiff &p : rd.periods) {
    all.push_back(p.period);
    mask.push_back(p.comparison && p.comparison->anyCaseChanged());
  }
  return datesText(all, mask);
}

struct Totals {
  std::size_t compared = 0;
  std::uint64_t cases = 0, changed = 0;
  bool counted = true;
  bool single = true; ///< every ruleset compared on one period: cases can be summed
  std::size_t rulesetsChanged = 0;
  std::size_t errors = 0, warnings = 0, inconclusive = 0, oldErrors = 0;
};

Totals totals(const DiffResult &r) {
  Totals t;
  for (const RulesetDiff &rd : r.rulesets) {
    if (!rd.compared())
      continue;
    ++t.compared;
    t.rulesetsChanged += rd.anyCaseChanged();
    std::size_t periods = 0;
    for (const PeriodDiff &p : rd.periods) {
      if (!p.comparison)
        continue;
      ++periods;
      t.cases += p.comparison->cases;
      t.changed += p.comparison->changed;
      t.counted = t.counted && p.comparison->counted;
    }
    t.single = t.single && periods == 1;
  }
  for (const Diagnostic &d : r.after.sink.all()) {
    if (!d.waiver.empty())
      continue;
    if (d.code == "E0511")
      ++t.inconclusive; // counted apart, as `check` counts them
    else if (d.severity == Severity::Error)
      ++t.errors;
    if (d.severity == Severity::Warning)
      ++t.warnings;
  }
  for (const Diagnostic &d : r.before.sink.all())
    t.oldErrors += d.severity == Severity::Error && d.waiver.empty() && d.id.empty();
  return t;
}

// Which dates were compared, for the report's first line; empty when no ruleset has dates.
std::string header(const DiffResult &r) {
  if (!r.everyDate)
    return r.beforeDate == r.afterDate
               ? fmt::format("compared: the rules on {} in both versions", r.afterDate.iso())
               : fmt::format("compared: the rules on {} (old) with the rules on {} (new)",
                             r.beforeDate.iso(), r.afterDate.iso());
  std::set<Date> starts;
  bool dated = false, openStart = false;
  for (const RulesetDiff &rd : r.rulesets) {
    dated = dated || rd.dated;
    for (const PeriodDiff &p : rd.periods)
      if (rd.dated && p.comparison) {
        if (p.period.from)
          starts.insert(*p.period.from);
        else
          openStart = true;
      }
  }
  if (!dated)
    return "";
  std::string list;
  for (const Date &d : starts)
    list += (list.empty() ? "" : ", ") + d.iso();
  std::size_t n = starts.size() + openStart;
  return fmt::format("compared: every date both versions model, in {} (starting {}{})",
                     plural(n, "period", "periods"), openStart ? "before " : "",
                     openStart && !list.empty() ? list : list.empty() ? "always" : list);
}

// Why a version's comparison is incomplete, or empty.
std::string incompleteText(const Workspace &ws, const char *which) {
  bool io = false;
  for (const Diagnostic &d : ws.sink.all())
    io = io || isIoError(d);
  if (io)
    return fmt::format("a path of the {} version cannot be read", which);
  if (ws.skipped)
    return fmt::format("the {} version has errors that stop its analysis", which);
  return "";
}

std::string summaryLine(const DiffResult &r) {
  Totals t = totals(r);
  std::string cases;
  if (!r.anyCaseChanged())
    cases = r.incomplete() ? "no case changed in what was compared" : "no case changed";
  else if (t.counted && t.single)
    cases = fmt::format("{} of {} changed", t.changed, plural(t.cases, "case", "cases"));
  else if (!t.single) {
    std::string which;
    for (const RulesetDiff &rd : r.rulesets)
      if (rd.anyCaseChanged())
        which += fmt::format("{}`{}` ({})", which.empty() ? "" : ", ", rd.id,
                             namesDates(rd, r) ? changedDates(rd) : "on the dates compared");
    cases = fmt::format("cases changed in {}: {}",
                        plural(t.rulesetsChanged, "ruleset", "rulesets"), which);
  } else
    cases = "some cases changed";
  std::string out = fmt::format("diff: {} compared, {}; the new version has {}, {}",
                                plural(t.compared, "ruleset", "rulesets"), cases,
                                plural(t.errors, "error", "errors"),
                                plural(t.warnings, "warning", "warnings"));
  if (t.inconclusive)
    out += fmt::format(", {} inconclusive", t.inconclusive);
  for (auto [ws, which] : {std::pair{&r.before, "old"}, std::pair{&r.after, "new"}})
    if (std::string why = incompleteText(*ws, which); !why.empty())
      out += "; incomplete: " + why;
  return out;
}

// The front-end errors of a version that stop a ruleset's analysis, as text.
std::string blockingErrors(const Workspace &ws) {
  std::string out;
  for (const Diagnostic &d : ws.sink.sorted(ws.sources))
    if (d.severity == Severity::Error && d.id.empty() && d.waiver.empty())
      out += renderText(d, ws.sources) + "\n";
  return out;
}

} // namespace

std::string toText(const DiffResult &r) {
  std::string out;
  if (std::string h = header(r); !h.empty())
    out += h + "\n\n";
  for (const RulesetDiff &rd : r.rulesets) {
    if (rd.periods.empty()) {
      out += fmt::format("ruleset `{}`: {}\n\n", rd.id, rd.why);
      continue;
    }
    out += rd.oldId == rd.id ? fmt::format("ruleset `{}`", rd.id)
                             : fmt::format("ruleset `{}` (was `{}`)", rd.id, rd.oldId);
    out += fmt::format(": {} -> {}\n", rd.oldFile, rd.newFile);
    if (!namesDates(rd, r)) {
      for (const PeriodDiff &p : rd.periods)
        out += comparisonText(p, r, "  ");
    } else if (unchanged(rd)) {
      out += fmt::format("  no declaration and no case changed on any date ({} cases compared in "
                         "{})\n",
                         casesPerPeriod(rd), plural(rd.periods.size(), "period", "periods"));
    } else {
      for (const Group &g : groups(rd, r))
        out += "  " + g.dates + ":\n" + comparisonText(rd.periods[g.periods.front()], r, "    ");
    }
    out += "\n";
  }
  if (r.incomplete()) {
    for (auto [ws, which] : {std::pair{&r.before, "old"}, std::pair{&r.after, "new"}}) {
      std::string errors = blockingErrors(*ws);
      if (!errors.empty())
        out += fmt::format("the {} version has errors that stop its analysis:\n\n{}", which,
                           errors);
    }
  }
  if (!r.findings.empty()) {
    out += "findings:\n";
    for (const auto &f : r.findings)
      out += "  " + findingText(f, r) + "\n";
    out += "\n";
  }
  return out + summaryLine(r) + "\n";
}

namespace {

nlohmann::json sideJson(const verify::DecisionSide &s) {
  nlohmann::json rules = nlohmann::json::array();
  for (std::size_t i = 0; i < s.rules.size(); ++i)
    rules.push_back({{"rule", s.rules[i]}, {"cites", s.citations[i].substr(s.rules[i].size() + 4)}});
  nlohmann::json j = {{"outcome", s.outcome.empty() ? nlohmann::json() : nlohmann::json(s.outcome)},
                      {"conflict", s.conflict},
                      {"rules", rules},
                      {"obligations", s.obligations}};
  return j;
}

nlohmann::json locationJson(const SourceManager &sources, Span span) {
  if (!span.valid())
    return nullptr;
  const SourceFile &f = sources.file(span.file);
  return {{"file", f.path()}, {"line", f.lineCol(span.begin).line}};
}

nlohmann::json comparisonJson(const verify::Comparison &c, const DiffResult &r) {
  nlohmann::json j;
  j["compared"] = true;
  if (!c.error.empty())
    j["error"] = c.error;
  nlohmann::json decls = nlohmann::json::array();
  for (const auto &d : c.declarations) {
    nlohmann::json x = {{"change", kindWord(d.kind)}, {"kind", d.what}, {"id", d.id}};
    if (!d.oldId.empty() && d.oldId != d.id)
      x["oldId"] = d.oldId;
    if (!d.detail.empty())
      x["what"] = d.detail;
    x["old"] = locationJson(r.before.sources, d.oldSpan);
    x["new"] = locationJson(r.after.sources, d.newSpan);
    decls.push_back(x);
  }
  j["declarations"] = decls;
  j["notes"] = c.notes;
  nlohmann::json decisions = nlohmann::json::array();
  for (const auto &d : c.decisions) {
    nlohmann::json changes = nlohmann::json::array();
    for (const auto &t : d.transitions) {
      nlohmann::json regions = nlohmann::json::array();
      for (const auto &region : t.regions) {
        nlohmann::json x = region.json;
        x["old"] = sideJson(region.before);
        x["new"] = sideJson(region.after);
        if (c.counted)
          x["count"] = region.count;
        regions.push_back(x);
      }
      nlohmann::json x = {{"kind", t.obligationsOnly ? "obligations" : "outcome"},
                          {"old", t.before},
                          {"new", t.after},
                          {"regions", regions},
                          {"casesOutsideRegions", t.uncovered},
                          {"casesOutsideRegionsIsLowerBound", t.uncoveredIsLowerBound}};
      if (c.counted)
        x["count"] = t.count;
      changes.push_back(x);
    }
    nlohmann::json x = {
        {"id", d.id}, {"oldId", d.oldId}, {"changes", changes}, {"truncated", d.truncated}};
    if (c.counted) {
      x["outcomeChanged"] = d.outcomeChanged;
      x["obligationsChanged"] = d.obligationsChanged;
    }
    decisions.push_back(x);
  }
  j["decisions"] = decisions;
  j["counted"] = c.counted;
  if (c.counted) {
    j["cases"] = c.cases;
    j["changed"] = c.changed;
  }
  j["anyCaseChanged"] = c.anyCaseChanged();
  j["inconclusive"] = c.inconclusive;
  return j;
}

} // namespace

std::string toJson(const DiffResult &r) {
  nlohmann::json rulesets = nlohmann::json::array();
  for (const RulesetDiff &rd : r.rulesets) {
    nlohmann::json j = {{"id", rd.id}};
    if (rd.periods.empty()) {
      j["compared"] = false;
      j["why"] = rd.why;
      rulesets.push_back(j);
      continue;
    }
    j["compared"] = rd.compared();
    j["oldId"] = rd.oldId;
    j["dated"] = rd.dated;
    j["anyCaseChanged"] = rd.anyCaseChanged();
    nlohmann::json periods = nlohmann::json::array();
    for (const PeriodDiff &p : rd.periods) {
      nlohmann::json x = p.comparison ? comparisonJson(*p.comparison, r)
                                      : nlohmann::json{{"compared", false}, {"why", p.why}};
      x["from"] = r.everyDate ? isoOrNull(p.period.from) : nullptr;
      x["until"] = r.everyDate ? isoOrNull(p.period.until) : nullptr;
      periods.push_back(x);
    }
    j["periods"] = periods;
    rulesets.push_back(j);
  }
  nlohmann::json findings = nlohmann::json::array();
  for (const auto &f : r.findings) {
    const Diagnostic &d = *f.diagnostic;
    findings.push_back({{"change", f.added ? "new" : "fixed"},
                        {"id", d.id},
                        {"code", d.code},
                        {"severity", severityName(d.severity)},
                        {"message", d.message},
                        {"location", locationJson(f.added ? r.after.sources : r.before.sources,
                                                  d.span)}});
  }
  nlohmann::json errors = nlohmann::json::array();
  for (auto [ws, which] : {std::pair{&r.before, "old"}, std::pair{&r.after, "new"}})
    for (const Diagnostic &d : ws->sink.sorted(ws->sources))
      if (d.severity == Severity::Error && d.id.empty() && d.waiver.empty()) {
        nlohmann::json x = toJson(d, ws->sources);
        x["version"] = which;
        errors.push_back(x);
      }
  Totals t = totals(r);
  nlohmann::json dates = r.everyDate
                             ? nlohmann::json{{"every", true}}
                             : nlohmann::json{{"every", false},
                                              {"old", r.beforeDate.iso()},
                                              {"new", r.afterDate.iso()}};
  nlohmann::json out = {
      {"schema", "wegwijzer-diff/2"},
      {"tool", {{"name", "wegwijzer"}, {"version", kVersion}}},
      {"dates", dates},
      {"rulesets", rulesets},
      {"findings", findings},
      {"errors", errors},
      {"summary",
       {{"rulesetsCompared", t.compared},
        {"rulesetsChanged", t.rulesetsChanged},
        {"anyCaseChanged", r.anyCaseChanged()},
        {"incomplete", r.incomplete()},
        {"counted", t.counted && t.single},
        {"cases", t.counted && t.single ? nlohmann::json(t.cases) : nlohmann::json()},
        {"changed", t.counted && t.single ? nlohmann::json(t.changed) : nlohmann::json()},
        {"newErrors", t.errors},
        {"newWarnings", t.warnings},
        {"inconclusive", r.inconclusive()}}}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

namespace {

std::string md(const std::string &s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += '\\';
    out += c;
  }
  return out;
}

std::string comparisonMarkdown(const PeriodDiff &p, const DiffResult &r) {
  if (!p.comparison)
    return md(p.why) + "\n\n";
  const verify::Comparison &c = *p.comparison;
  if (!c.error.empty())
    return "The solver failed: " + md(c.error) + "\n\n";
  std::string out;
  if (!c.declarations.empty()) {
    out += "| Change | Kind | Declaration | Where |\n| --- | --- | --- | --- |\n";
    for (const auto &d : c.declarations) {
      std::string name = d.kind == verify::DeclChange::Kind::Renamed
                             ? fmt::format("`{}` → `{}`", d.oldId, d.id)
                             : fmt::format("`{}`", d.id);
      if (!d.detail.empty())
        name += " (" + md(d.detail) + ")";
      Span span = d.kind == verify::DeclChange::Kind::Removed ? d.oldSpan : d.newSpan;
      const SourceManager &sources =
          d.kind == verify::DeclChange::Kind::Removed ? r.before.sources : r.after.sources;
      out += fmt::format("| {} | {} | {} | `{}` |\n", kindWord(d.kind), d.what, name,
                         where(sources, span));
    }
    out += "\n";
  } else {
    out += "No declaration added, removed, renamed or changed.\n\n";
  }
  for (const auto &n : c.notes)
    out += "> " + md(n) + "\n>\n";
  if (!c.notes.empty())
    out.resize(out.size() - 2), out += "\n";
  for (const auto &d : c.decisions) {
    if (d.transitions.empty())
      continue;
    out += fmt::format("**Decision `{}`**", d.id);
    if (c.counted)
      out += fmt::format(": another outcome in {} of {}, other obligations in {}", d.outcomeChanged,
                         plural(c.cases, "case", "cases"), d.obligationsChanged);
    out += "\n\n| Change | Cases | Old | New |\n| --- | --- | --- | --- |\n";
    for (const auto &t : d.transitions)
      for (const auto &region : t.regions) {
        std::string cases = md(region.cases);
        if (c.counted)
          cases += fmt::format(" ({})", plural(region.count, "case", "cases"));
        out += fmt::format("| {} → {} | {}<br>for example: {} | {} | {} |\n", md(t.before),
                           md(t.after), cases, md(region.example),
                           md(sideText(region.before, t.obligationsOnly)),
                           md(sideText(region.after, t.obligationsOnly)));
      }
    out += "\n";
  }
  if (c.inconclusive)
    out += "The solver gave up on some question: changes may be missing.\n\n";
  if (!c.anyCaseChanged())
    out += c.counted ? fmt::format("No case changed ({} compared).\n\n",
                                   plural(c.cases, "case", "cases"))
                     : "No case changed.\n\n";
  else if (c.counted)
    out += fmt::format("{} of {} changed.\n\n", c.changed, plural(c.cases, "case", "cases"));
  return out;
}

} // namespace

std::string toMarkdown(const DiffResult &r) {
  std::string out = "## wegwijzer diff\n\n";
  out += md(summaryLine(r).substr(6)) + "\n\n";
  if (std::string h = header(r); !h.empty())
    out += md(h) + "\n\n";
  for (const RulesetDiff &rd : r.rulesets) {
    out += fmt::format("### Ruleset `{}`\n\n", rd.id);
    if (rd.periods.empty()) {
      out += md(rd.why) + "\n\n";
      continue;
    }
    if (!namesDates(rd, r)) {
      for (const PeriodDiff &p : rd.periods)
        out += comparisonMarkdown(p, r);
      continue;
    }
    if (unchanged(rd)) {
      out += fmt::format("No declaration and no case changed on any date ({} cases compared in "
                         "{}).\n\n",
                         casesPerPeriod(rd), plural(rd.periods.size(), "period", "periods"));
      continue;
    }
    for (const Group &g : groups(rd, r))
      out += fmt::format("#### {}\n\n", md(g.dates)) +
             comparisonMarkdown(rd.periods[g.periods.front()], r);
  }
  if (r.incomplete()) {
    for (auto [ws, which] : {std::pair{&r.before, "old"}, std::pair{&r.after, "new"}}) {
      std::string errors = blockingErrors(*ws);
      if (!errors.empty())
        out += fmt::format("### The {} version has errors that stop its analysis\n\n```\n{}```\n\n",
                           which, errors);
    }
  }
  if (!r.findings.empty()) {
    out += "### Findings\n\n";
    for (const auto &f : r.findings)
      out += "- " + md(findingText(f, r)) + "\n";
    out += "\n";
  }
  return out;
}

} // namespace ww::engine
