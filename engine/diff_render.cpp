// The diff report in text, JSON and Markdown. All three say the same, in the same order.

#include "engine/diff.h"

#include "compiler/support/i18n.h"
#include "compiler/support/version.h"
#include "compiler/support/periods.h"
#include "compiler/support/render.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace ww::engine {
namespace {


// A date for people: `2015-01-01`, `1 januari 2015`.
std::string day(const Date &d) { return i18n::date(d); }

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

// The change for people: `added`, `toegevoegd` (kindWord stays English in JSON).
std::string kindText(verify::DeclChange::Kind k) {
  return tr(std::string("diff.change.") + kindWord(k));
}

// The kind of declaration for people: `rule`, `regel` (`kind` stays English in JSON).
std::string whatText(const std::string &what) {
  std::string key = "word." + what;
  return i18n::has(i18n::Lang::En, key) ? tr(key) : what;
}

// The parts of a declaration that changed, for people: `condition, citations`, `voorwaarde en
// bronvermeldingen` (the JSON's `what` keeps the English part names).
std::string partsText(const std::string &detail) {
  std::vector<std::string> parts;
  for (std::size_t at = 0; at <= detail.size();) {
    std::size_t end = detail.find(", ", at);
    std::string part = detail.substr(at, end == std::string::npos ? std::string::npos : end - at);
    std::string key = "diff.part." + part;
    std::replace(key.begin(), key.end(), ' ', '_');
    parts.push_back(i18n::has(i18n::Lang::En, key) ? tr(key) : part);
    if (end == std::string::npos)
      break;
    at = end + 2;
  }
  return i18n::listItems(parts, ", ");
}

std::string where(const SourceManager &sources, Span span) {
  if (!span.valid())
    return "";
  const SourceFile &f = sources.file(span.file);
  return fmt::format("{}:{}", f.path(), f.lineCol(span.begin).line);
}

std::string cases(std::uint64_t n) { return trn("diff.count.cases", n); }

// "`meldrecht` by rule `x` (cites …)".
std::string sideText(const verify::DecisionSide &s, bool obligations) {
  std::string out = s.text();
  if (!s.rules.empty()) {
    std::vector<std::string> rules;
    for (std::size_t i = 0; i < s.rules.size(); ++i) {
      std::string cites = s.citations[i].substr(s.rules[i].size() + 4);
      rules.push_back(tr("diff.side.rule_cites", {{"rule", s.rules[i]}, {"cites", cites}}));
    }
    out += " " + trn("diff.side.by_rules", s.rules.size(), {{"rules", i18n::listItems(rules, ", ")}});
  }
  if (obligations && !s.outcome.empty()) {
    std::vector<std::string> obl;
    for (const auto &o : s.obligations)
      obl.push_back("`" + o + "`");
    out += "; " + tr("diff.side.obliges",
                     {{"obligations", obl.empty() ? tr("diff.nothing") : i18n::listItems(obl, ", ")}});
  }
  return out;
}

std::string declText(const verify::DeclChange &c, const DiffResult &r) {
  using K = verify::DeclChange::Kind;
  switch (c.kind) {
  case K::Added:
    return "+ " + tr("diff.decl.added", {{"kind", whatText(c.what)},
                                         {"id", c.id},
                                         {"where", where(r.after.sources, c.newSpan)}});
  case K::Removed:
    return "- " + tr("diff.decl.removed", {{"kind", whatText(c.what)},
                                           {"id", c.id},
                                           {"where", where(r.before.sources, c.oldSpan)}});
  case K::Renamed:
    return "~ " + tr("diff.decl.renamed", {{"kind", whatText(c.what)},
                                           {"old", c.oldId},
                                           {"id", c.id},
                                           {"where", where(r.after.sources, c.newSpan)}});
  case K::Changed:
    return "* " + tr("diff.decl.changed", {{"kind", whatText(c.what)},
                                           {"id", c.id},
                                           {"parts", partsText(c.detail)},
                                           {"where", where(r.after.sources, c.newSpan)}});
  }
  return "";
}

std::string findingText(const FindingChange &f, const DiffResult &r) {
  const Diagnostic &d = *f.diagnostic;
  const SourceManager &sources = f.added ? r.after.sources : r.before.sources;
  std::string at = where(sources, d.span);
  return fmt::format("{} {}[{}]{} {}{}: {}", f.added ? "+" : "-",
                     tr(std::string("severity.") + severityName(d.severity)), d.code,
                     d.waiver.empty() ? "" : " " + tr("render.waived"), d.id,
                     at.empty() ? "" : " (" + at + ")", d.message);
}

// The dates a group of periods covers: `on every date`, `from 2015-01-01 until 2018-05-25`,
// `until 2013-07-01 and from 2015-01-01`.
std::string datesText(const std::vector<Period> &all, const std::vector<char> &mask) {
  if (std::all_of(mask.begin(), mask.end(), [](char c) { return c; }))
    return tr("word.on_every_date");
  std::vector<std::string> runs;
  for (const Period &p : mergedPeriods(all, mask)) {
    if (p.from && p.until)
      runs.push_back(tr("diff.period.from_until", {{"from", day(*p.from)}, {"until", day(*p.until)}}));
    else if (p.from)
      runs.push_back(tr("diff.period.from", {{"from", day(*p.from)}}));
    else if (p.until)
      runs.push_back(tr("diff.period.until", {{"until", day(*p.until)}}));
    else
      runs.push_back(tr("diff.period.always"));
  }
  return i18n::listItems(runs, " and ");
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
    return indent + tr("diff.solver_failed", {{"error", c.error}}) + "\n";
  if (c.declarations.empty())
    out += indent + tr("diff.no_declaration_changed") + "\n";
  for (const auto &d : c.declarations)
    out += indent + declText(d, r) + "\n";
  for (const auto &n : c.notes)
    out += indent + tr("diff.note", {{"note", n}}) + "\n";
  for (const auto &d : c.decisions) {
    if (d.transitions.empty())
      continue;
    out += indent + (c.counted ? tr("diff.decision.counted", {{"id", d.id},
                                                             {"changed", i18n::number(d.outcomeChanged)},
                                                             {"cases", cases(c.cases)},
                                                             {"obligations", i18n::number(d.obligationsChanged)}})
                               : tr("diff.decision", {{"id", d.id}}));
    out += "\n";
    for (const auto &t : d.transitions) {
      out += indent + fmt::format("  {} -> {}", t.before, t.after);
      if (c.counted)
        out += fmt::format(" ({})", cases(t.count));
      out += "\n";
      for (const auto &region : t.regions) {
        out += indent + "    " + tr("diff.region.cases", {{"cases", region.cases}});
        if (c.counted)
          out += fmt::format(" ({})", cases(region.count));
        out += "\n";
        out += indent + "      " + tr("diff.region.example", {{"example", region.example}}) + "\n";
        out += indent + "      " +
               tr("diff.region.old", {{"side", sideText(region.before, t.obligationsOnly)}}) + "\n";
        out += indent + "      " +
               tr("diff.region.new", {{"side", sideText(region.after, t.obligationsOnly)}}) + "\n";
      }
      if (t.uncovered)
        out += indent + "    " +
               tr(t.uncoveredIsLowerBound ? "diff.uncovered.over" : "diff.uncovered",
                  {{"cases", cases(t.uncovered)}}) +
               "\n";
    }
    if (d.truncated)
      out += indent + "  " + tr("diff.truncated") + "\n";
  }
  if (c.inconclusive)
    out += indent + tr("diff.inconclusive") + "\n";
  if (!c.anyCaseChanged())
    out += indent + (c.counted ? tr("diff.no_case_changed.counted", {{"cases", cases(c.cases)}})
                               : tr("diff.no_case_changed")) +
           "\n";
  else if (c.counted)
    out += indent +
           tr("diff.cases_changed", {{"changed", i18n::number(c.changed)}, {"cases", cases(c.cases)}}) +
           "\n";
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

// "2214, 2212 and 2600" (cases compared).
std::string casesPerPeriod(const RulesetDiff &rd) {
  std::vector<std::string> counts;
  for (const PeriodDiff &p : rd.periods)
    counts.push_back(i18n::number(p.comparison->cases));
  return i18n::listAnd(counts);
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
               ? tr("diff.header.one_date", {{"date", day(r.afterDate)}})
               : tr("diff.header.two_dates", {{"old", day(r.beforeDate)}, {"new", day(r.afterDate)}});
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
  std::vector<std::string> list;
  for (const Date &d : starts)
    list.push_back(day(d));
  std::string periods = trn("diff.count.periods", starts.size() + openStart);
  if (list.empty())
    return tr(openStart ? "diff.header.every_date.open_always" : "diff.header.every_date.always",
              {{"periods", periods}});
  return tr(openStart ? "diff.header.every_date.open" : "diff.header.every_date",
            {{"periods", periods}, {"starts", i18n::listItems(list, ", ")}});
}

// Why a version's comparison is incomplete, or empty (`which`: old or new).
std::string incompleteText(const Workspace &ws, const char *which) {
  bool io = false;
  for (const Diagnostic &d : ws.sink.all())
    io = io || isIoError(d);
  if (io)
    return tr(std::string("diff.why.unreadable.") + which);
  if (ws.skipped)
    return tr(std::string("diff.why.errors.") + which);
  return "";
}

// The summary without its `diff: ` (the Markdown's first sentence).
std::string summaryBody(const DiffResult &r) {
  Totals t = totals(r);
  std::string changes;
  if (!r.anyCaseChanged())
    changes = tr(r.incomplete() ? "diff.summary.no_case_changed_incomplete"
                                : "diff.summary.no_case_changed");
  else if (t.counted && t.single)
    changes = tr("diff.cases_changed", {{"changed", i18n::number(t.changed)}, {"cases", cases(t.cases)}});
  else if (!t.single) {
    std::vector<std::string> which;
    for (const RulesetDiff &rd : r.rulesets)
      if (rd.anyCaseChanged())
        which.push_back(tr("diff.summary.ruleset_dates",
                           {{"id", rd.id},
                            {"dates", namesDates(rd, r) ? changedDates(rd)
                                                        : tr("diff.summary.dates_compared")}}));
    changes = trn("diff.summary.cases_changed_in", t.rulesetsChanged,
                  {{"rulesets", i18n::listItems(which, ", ")}});
  } else
    changes = tr("diff.summary.some_cases_changed");
  std::string out = tr("diff.summary", {{"rulesets", trn("count.rulesets", t.compared)},
                                        {"changes", changes},
                                        {"errors", trn("count.errors", t.errors)},
                                        {"warnings", trn("count.warnings", t.warnings)}});
  if (t.inconclusive)
    out += ", " + tr("diff.summary.inconclusive", {{"count", i18n::number(t.inconclusive)}});
  for (auto [ws, which] : {std::pair{&r.before, "old"}, std::pair{&r.after, "new"}})
    if (std::string why = incompleteText(*ws, which); !why.empty())
      out += "; " + tr("diff.summary.incomplete", {{"why", why}});
  return out;
}

std::string summaryLine(const DiffResult &r) { return "diff: " + summaryBody(r); }

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
      out += tr("diff.ruleset", {{"id", rd.id}}) + ": " + rd.why + "\n\n";
      continue;
    }
    out += rd.oldId == rd.id ? tr("diff.ruleset", {{"id", rd.id}})
                             : tr("diff.ruleset.renamed", {{"id", rd.id}, {"old", rd.oldId}});
    out += fmt::format(": {} -> {}\n", rd.oldFile, rd.newFile);
    if (!namesDates(rd, r)) {
      for (const PeriodDiff &p : rd.periods)
        out += comparisonText(p, r, "  ");
    } else if (unchanged(rd)) {
      out += "  " +
             tr("diff.unchanged_every_date",
                {{"cases", casesPerPeriod(rd)}, {"periods", trn("diff.count.periods", rd.periods.size())}}) +
             "\n";
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
        out += tr(std::string("diff.why.errors.") + which) + ":\n\n" + errors;
    }
  }
  if (!r.findings.empty()) {
    out += tr("diff.findings") + ":\n";
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
    return tr("diff.md.solver_failed", {{"error", md(c.error)}}) + "\n\n";
  std::string out;
  if (!c.declarations.empty()) {
    out += tr("diff.md.declarations.head") + "\n| --- | --- | --- | --- |\n";
    for (const auto &d : c.declarations) {
      std::string name = d.kind == verify::DeclChange::Kind::Renamed
                             ? fmt::format("`{}` → `{}`", d.oldId, d.id)
                             : fmt::format("`{}`", d.id);
      if (!d.detail.empty())
        name += " (" + md(partsText(d.detail)) + ")";
      Span span = d.kind == verify::DeclChange::Kind::Removed ? d.oldSpan : d.newSpan;
      const SourceManager &sources =
          d.kind == verify::DeclChange::Kind::Removed ? r.before.sources : r.after.sources;
      out += fmt::format("| {} | {} | {} | `{}` |\n", kindText(d.kind), whatText(d.what), name,
                         where(sources, span));
    }
    out += "\n";
  } else {
    out += tr("diff.md.no_declaration_changed") + "\n\n";
  }
  for (const auto &n : c.notes)
    out += "> " + md(n) + "\n>\n";
  if (!c.notes.empty())
    out.resize(out.size() - 2), out += "\n";
  for (const auto &d : c.decisions) {
    if (d.transitions.empty())
      continue;
    out += c.counted ? tr("diff.md.decision.counted",
                          {{"id", d.id},
                           {"changed", i18n::number(d.outcomeChanged)},
                           {"cases", cases(c.cases)},
                           {"obligations", i18n::number(d.obligationsChanged)}})
                     : tr("diff.md.decision", {{"id", d.id}});
    out += "\n\n" + tr("diff.md.decision.head") + "\n| --- | --- | --- | --- |\n";
    for (const auto &t : d.transitions)
      for (const auto &region : t.regions) {
        std::string text = md(region.cases);
        if (c.counted)
          text += fmt::format(" ({})", cases(region.count));
        out += fmt::format("| {} → {} | {}<br>{} | {} | {} |\n", md(t.before), md(t.after), text,
                           tr("diff.region.example", {{"example", md(region.example)}}),
                           md(sideText(region.before, t.obligationsOnly)),
                           md(sideText(region.after, t.obligationsOnly)));
      }
    out += "\n";
  }
  if (c.inconclusive)
    out += tr("diff.md.inconclusive") + "\n\n";
  if (!c.anyCaseChanged())
    out += (c.counted ? tr("diff.md.no_case_changed.counted", {{"cases", cases(c.cases)}})
                      : tr("diff.md.no_case_changed")) +
           "\n\n";
  else if (c.counted)
    out += tr("diff.md.cases_changed",
              {{"changed", i18n::number(c.changed)}, {"cases", cases(c.cases)}}) +
           "\n\n";
  return out;
}

} // namespace

std::string toMarkdown(const DiffResult &r) {
  std::string out = "## wegwijzer diff\n\n";
  out += md(summaryBody(r)) + "\n\n";
  if (std::string h = header(r); !h.empty())
    out += md(h) + "\n\n";
  for (const RulesetDiff &rd : r.rulesets) {
    out += "### " + tr("diff.md.ruleset", {{"id", rd.id}}) + "\n\n";
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
      out += tr("diff.md.unchanged_every_date",
                {{"cases", casesPerPeriod(rd)},
                 {"periods", trn("diff.count.periods", rd.periods.size())}}) +
             "\n\n";
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
        out += "### " + tr(std::string("diff.md.why.errors.") + which) + "\n\n```\n" + errors +
               "```\n\n";
    }
  }
  if (!r.findings.empty()) {
    out += "### " + tr("diff.md.findings") + "\n\n";
    for (const auto &f : r.findings)
      out += "- " + md(findingText(f, r)) + "\n";
    out += "\n";
  }
  return out;
}

} // namespace ww::engine
