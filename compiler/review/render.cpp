// The diff report in text, JSON and Markdown. All three say the same, in the same order.

#include "compiler/review/review.h"

#include "compiler/driver/version.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ww::review {
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

struct Totals {
  std::size_t compared = 0;
  std::uint64_t cases = 0, changed = 0;
  bool counted = true;
  std::size_t errors = 0, warnings = 0;
};

Totals totals(const DiffResult &r) {
  Totals t;
  for (const RulesetDiff &rd : r.rulesets) {
    if (!rd.comparison)
      continue;
    ++t.compared;
    t.cases += rd.comparison->cases;
    t.changed += rd.comparison->changed;
    t.counted = t.counted && rd.comparison->counted;
  }
  for (const Diagnostic &d : r.after.sink.all()) {
    if (!d.waiver.empty())
      continue;
    if (d.severity == Severity::Error)
      ++t.errors;
    if (d.severity == Severity::Warning)
      ++t.warnings;
  }
  return t;
}

std::string summaryLine(const DiffResult &r) {
  Totals t = totals(r);
  std::string cases;
  if (!r.anyCaseChanged())
    cases = "no case changed";
  else if (t.counted)
    cases = fmt::format("{} of {} changed", t.changed, plural(t.cases, "case", "cases"));
  else
    cases = "some cases changed";
  return fmt::format("diff: {} compared, {}; the new version has {}, {}",
                     plural(t.compared, "ruleset", "rulesets"), cases,
                     plural(t.errors, "error", "errors"), plural(t.warnings, "warning", "warnings"));
}

} // namespace

std::string toText(const DiffResult &r) {
  std::string out;
  for (const RulesetDiff &rd : r.rulesets) {
    if (!rd.comparison) {
      out += fmt::format("ruleset `{}`: {}\n\n", rd.id, rd.why);
      continue;
    }
    const verify::Comparison &c = *rd.comparison;
    out += c.oldId == c.newId ? fmt::format("ruleset `{}`", c.newId)
                              : fmt::format("ruleset `{}` (was `{}`)", c.newId, c.oldId);
    out += fmt::format(": {} -> {}", r.before.sources.file(rd.before->files.back()).path(),
                       r.after.sources.file(rd.after->files.back()).path());
    if (r.beforeDate != r.afterDate)
      out += fmt::format(" (the rules on {} -> on {})", r.beforeDate.iso(), r.afterDate.iso());
    out += "\n";
    if (!c.error.empty()) {
      out += fmt::format("  the solver failed: {}\n\n", c.error);
      continue;
    }
    if (c.declarations.empty())
      out += "  no declaration added, removed, renamed or changed\n";
    for (const auto &d : c.declarations)
      out += "  " + declText(d, r) + "\n";
    for (const auto &n : c.notes)
      out += "  note: " + n + "\n";
    for (const auto &d : c.decisions) {
      if (d.transitions.empty())
        continue;
      out += fmt::format("  decision `{}`", d.id);
      if (c.counted)
        out += fmt::format(": another outcome in {} of {}, other obligations in {}",
                           d.outcomeChanged, plural(c.cases, "case", "cases"),
                           d.obligationsChanged);
      out += "\n";
      for (const auto &t : d.transitions) {
        out += fmt::format("    {} -> {}", t.before, t.after);
        if (c.counted)
          out += fmt::format(" ({})", plural(t.count, "case", "cases"));
        out += "\n";
        for (const auto &region : t.regions) {
          out += fmt::format("      cases: {}", region.cases);
          if (c.counted)
            out += fmt::format(" ({})", plural(region.count, "case", "cases"));
          out += "\n";
          out += fmt::format("        for example: {}\n", region.example);
          out += fmt::format("        old: {}\n", sideText(region.before, t.obligationsOnly));
          out += fmt::format("        new: {}\n", sideText(region.after, t.obligationsOnly));
        }
        if (t.uncovered)
          out += fmt::format("      and {}{} not in the regions above\n",
                             t.uncoveredIsLowerBound ? "over " : "",
                             plural(t.uncovered, "case", "cases"));
      }
      if (d.truncated)
        out += "    and more kinds of change than are shown\n";
    }
    if (c.inconclusive)
      out += "  the solver gave up on some question: changes may be missing\n";
    if (!c.anyCaseChanged())
      out += c.counted ? fmt::format("  no case changed ({} compared)\n",
                                     plural(c.cases, "case", "cases"))
                       : "  no case changed\n";
    else if (c.counted)
      out += fmt::format("  {} of {} changed\n", c.changed, plural(c.cases, "case", "cases"));
    out += "\n";
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

} // namespace

std::string toJson(const DiffResult &r) {
  nlohmann::json rulesets = nlohmann::json::array();
  for (const RulesetDiff &rd : r.rulesets) {
    nlohmann::json j = {{"id", rd.id}};
    if (!rd.comparison) {
      j["compared"] = false;
      j["why"] = rd.why;
      rulesets.push_back(j);
      continue;
    }
    const verify::Comparison &c = *rd.comparison;
    j["compared"] = true;
    j["oldId"] = c.oldId;
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
      nlohmann::json x = {{"id", d.id}, {"oldId", d.oldId}, {"changes", changes},
                          {"truncated", d.truncated}};
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
  Totals t = totals(r);
  nlohmann::json out = {{"schema", "wegwijzer-diff/1"},
                        {"tool", {{"name", "wegwijzer"}, {"version", kVersion}}},
                        {"rulesets", rulesets},
                        {"findings", findings},
                        {"summary",
                         {{"rulesetsCompared", t.compared},
                          {"anyCaseChanged", r.anyCaseChanged()},
                          {"counted", t.counted},
                          {"cases", t.counted ? nlohmann::json(t.cases) : nlohmann::json()},
                          {"changed", t.counted ? nlohmann::json(t.changed) : nlohmann::json()},
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

} // namespace

std::string toMarkdown(const DiffResult &r) {
  std::string out = "## wegwijzer diff\n\n";
  out += md(summaryLine(r).substr(6)) + "\n\n";
  for (const RulesetDiff &rd : r.rulesets) {
    out += fmt::format("### Ruleset `{}`\n\n", rd.id);
    if (!rd.comparison) {
      out += md(rd.why) + "\n\n";
      continue;
    }
    const verify::Comparison &c = *rd.comparison;
    if (!c.error.empty()) {
      out += "The solver failed: " + md(c.error) + "\n\n";
      continue;
    }
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
        out += fmt::format(": another outcome in {} of {}, other obligations in {}",
                           d.outcomeChanged, plural(c.cases, "case", "cases"),
                           d.obligationsChanged);
      out += "\n\n| Cases | Old | New |\n| --- | --- | --- |\n";
      for (const auto &t : d.transitions)
        for (const auto &region : t.regions) {
          std::string cases = md(region.cases);
          if (c.counted)
            cases += fmt::format(" ({})", plural(region.count, "case", "cases"));
          out += fmt::format("| {}<br>for example: {} | {} | {} |\n", cases, md(region.example),
                             md(sideText(region.before, t.obligationsOnly)),
                             md(sideText(region.after, t.obligationsOnly)));
        }
      out += "\n";
    }
    if (!c.anyCaseChanged())
      out += c.counted ? fmt::format("No case changed ({} compared).\n\n",
                                     plural(c.cases, "case", "cases"))
                       : "No case changed.\n\n";
    else if (c.counted)
      out += fmt::format("{} of {} changed.\n\n", c.changed, plural(c.cases, "case", "cases"));
  }
  if (!r.findings.empty()) {
    out += "### Findings\n\n";
    for (const auto &f : r.findings)
      out += "- " + md(findingText(f, r)) + "\n";
    out += "\n";
  }
  return out;
}

} // namespace ww::review
