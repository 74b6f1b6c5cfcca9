#include "cli/report.h"

#include "engine/findings.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "compiler/support/version.h"
#include "compiler/support/diagnostic_docs.h"
#include "compiler/support/periods.h"
#include "compiler/support/render.h"
#include "compiler/support/sha256.h"
#include "compiler/support/terminal.h"
#include "verifier/tree.h"

#include "compiler/support/i18n.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <tuple>

namespace po = boost::program_options;

namespace ww::cli {

void addCheckOptions(po::options_description &desc, CheckOptions &options, bool reports) {
  std::string arg = tr("help.value.arg");
  desc.add_options()("timeout", po::value(&options.timeoutSeconds)->default_value(10)->value_name(arg),
                     tr("help.option.timeout").c_str())(
      "jobs,j", po::value(&options.jobs)->default_value(0)->value_name(arg),
      tr("help.option.jobs").c_str())(
      "cache", po::value(&options.cacheDir)->value_name(tr("help.value.dir")),
      tr("help.option.cache").c_str())("no-cache", po::bool_switch(&options.noCache),
                                       tr("help.option.no_cache").c_str())(
      "solver-memory",
      po::value(&options.verify.memoryMb)->default_value(options.verify.memoryMb)->value_name(arg),
      tr("help.option.solver_memory").c_str())(
      "max-regions", po::value(&options.verify.maxRegions)->default_value(10)->value_name(arg),
      tr("help.option.max_regions").c_str())(
      "allow-inconclusive", po::bool_switch(&options.allowInconclusive),
      tr("help.option.allow_inconclusive").c_str());
  if (!reports)
    return;
  desc.add_options()("list-checks", po::bool_switch(&options.listChecks),
                     tr("help.option.list_checks").c_str())(
      "verbose,v", po::bool_switch(&options.verbose), tr("help.option.verbose").c_str())(
      "timings", po::bool_switch(&options.timings), tr("help.option.timings").c_str())(
      "docs-url", po::value(&options.docsUrl)->default_value(options.docsUrl)->value_name(arg),
      tr("help.option.docs_url").c_str());
}

std::optional<std::filesystem::path> cacheFolder(const std::string &cacheDir, bool noCache) {
  if (noCache)
    return std::nullopt;
  if (!cacheDir.empty())
    return std::filesystem::path(cacheDir);
  if (const char *env = std::getenv("WEGWIJZER_CACHE"); env && *env)
    return std::string(env) == "off" ? std::nullopt
                                     : std::optional(std::filesystem::path(env));
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "wegwijzer";
  if (const char *home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".cache" / "wegwijzer";
  return std::nullopt;
}

void reportCacheNotes(const verify::ProofCache &cache, bool verbose) {
  verify::CacheStats stats = cache.stats();
  for (const std::string &n : stats.notes)
    std::cerr << "wegwijzer: " << tr("severity.note") << ": " << n << "\n";
  if (verbose && stats.otherVersionPacks)
    std::cerr << "wegwijzer: " << tr("severity.note") << ": "
              << trn("check.cache_other_version", stats.otherVersionPacks) << "\n";
}

engine::CheckOptions CheckOptions::toEngine(Progress *progress) const {
  engine::CheckOptions out;
  out.verify = verify;
  out.verify.testsOnly = testsOnly;
  out.asOf = asOf;
  out.jobs = jobs;
  if (progress)
    out.started = [progress](const std::string &what) { progress->step(what); };
  return out;
}

void validateCheckOptions(CheckOptions &options) {
  if (!(options.timeoutSeconds >= 0.001) || options.timeoutSeconds > 86400)
    throw UsageError(tr("usage.timeout"));
  if (options.jobs > 1024)
    throw UsageError(tr("usage.jobs"));
  if (options.verify.memoryMb < 1 || options.verify.memoryMb > verify::kMaxSolverMemoryMb)
    throw UsageError(tr("usage.solver_memory", {{"max", verify::kMaxSolverMemoryMb}}));
  if (options.verify.maxRegions < 1 || options.verify.maxRegions > 1000)
    throw UsageError(tr("usage.max_regions"));
  options.verify.timeoutMs = std::max(1u, static_cast<unsigned>(options.timeoutSeconds * 1000));
}

int exitCode(const Workspace &ws, const RunResult &run, const CheckOptions &options) {
  bool io = false, errors = false, inconclusive = false;
  for (const Diagnostic &d : ws.sink.all()) {
    if (!d.waiver.empty())
      continue;
    if (isIoError(d))
      io = true;
    else if (d.code == "E0511")
      inconclusive = true;
    else if (d.severity == Severity::Error)
      errors = true;
  }
  if (io)
    return kUsage;
  if (errors)
    return kRuleErrors;
  if (inconclusive && !options.allowInconclusive)
    return kInconclusive;
  return kOk;
}

namespace {

struct Counts {
  std::size_t errors = 0, warnings = 0, inconclusive = 0, waived = 0;
};

Counts count(const std::vector<Diagnostic> &list) {
  Counts c;
  for (const Diagnostic &d : list) {
    if (!d.waiver.empty())
      ++c.waived;
    else if (d.code == "E0511")
      ++c.inconclusive;
    else if (d.severity == Severity::Error)
      ++c.errors;
    else if (d.severity == Severity::Warning)
      ++c.warnings;
  }
  return c;
}

std::string rulesetLine(const verify::Stats &s, bool timings) {
  using S = verify::CheckRecord::Status;
  // Each check and test counts once, whatever its result in each period: failed where it
  // failed in some period, else inconclusive, else with warnings, else proven (or passed), and
  // skipped only where it was skipped in every period.
  auto rank = [](S status) {
    switch (status) {
    case S::Failed:
      return 5;
    case S::Inconclusive:
      return 4;
    case S::Warning:
      return 3;
    case S::Proven:
    case S::Passed:
      return 2;
    case S::Skipped:
      return 1;
    }
    return 0;
  };
  std::map<std::pair<std::string, std::string>, S> worst;
  for (const auto &c : s.checks) {
    auto key = std::pair{c.kind, c.subject.empty() ? c.name : c.subject};
    auto [it, fresh] = worst.try_emplace(key, c.status);
    if (!fresh && rank(c.status) > rank(it->second))
      it->second = c.status;
  }
  std::map<S, std::size_t> checks, tests;
  for (const auto &[key, status] : worst)
    ++(key.first == "test" ? tests : checks)[status];
  auto n = [](std::size_t count) { return i18n::number(count); };
  std::string line = tr("summary.ruleset", {{"ruleset", s.ruleset},
                                            {"decisions", trn("count.decisions", s.decisions)},
                                            {"rules", trn("count.rules", s.rules)},
                                            {"properties", trn("count.properties", s.properties)},
                                            {"proven", n(checks[S::Proven])},
                                            {"failed", n(checks[S::Failed])}});
  if (checks[S::Warning])
    line += tr("summary.with_warnings", {{"count", n(checks[S::Warning])}});
  if (checks[S::Inconclusive])
    line += tr("summary.inconclusive", {{"count", n(checks[S::Inconclusive])}});
  if (checks[S::Skipped])
    line += tr("summary.skipped", {{"count", n(checks[S::Skipped])}});
  line += tr("summary.tests", {{"passed", n(tests[S::Passed])}, {"failed", n(tests[S::Failed])}});
  if (tests[S::Inconclusive])
    line += tr("summary.inconclusive", {{"count", n(tests[S::Inconclusive])}});
  if (timings)
    line += tr("summary.ruleset_seconds", {{"seconds", decimal(s.seconds, 2)}});
  return line;
}

// "rules 2/3, exceptions 0/1, tree leaves 2/4".
std::string coverageParts(const engine::Coverage &c) {
  std::string out = tr("summary.coverage.parts", {{"rules", c.rules.size() - c.rulesMissed.size()},
                                          {"rules_total", c.rules.size()},
                                          {"exceptions", c.exceptions.size() - c.exceptionsMissed.size()},
                                          {"exceptions_total", c.exceptions.size()}});
  return out + (c.hasTree ? tr("summary.coverage.parts_leaves",
                               {{"leaves", c.leavesReached}, {"leaves_total", c.leaves}})
                          : tr("summary.coverage.parts_no_tree"));
}

// What one period's tests miss, each line indented by `indent`.
std::string coverageMisses(const engine::Coverage &c, const std::string &indent) {
  std::string out;
  auto list = [&](const char *key, const std::vector<std::string> &xs, bool quote) {
    if (xs.empty())
      return;
    std::string s;
    for (const auto &x : xs)
      s += (s.empty() ? "" : ", ") + (quote ? "`" + x + "`" : x);
    out += indent + tr(key, {{"list", s}}) + "\n";
  };
  list("summary.coverage.rules_missed", c.rulesMissed, true);
  list("summary.coverage.exceptions_missed", c.exceptionsMissed, false);
  if (!c.suggestedTests.empty()) {
    out += indent + tr("summary.coverage.leaves_missed") + "\n";
    for (const std::string &t : c.suggestedTests) {
      std::string indented = indent + "  ";
      for (char ch : t)
        indented += ch == '\n' ? "\n" + indent + "  " : std::string(1, ch);
      out += indented + "\n";
    }
  }
  return out;
}

std::string coverageText(const RunResult &run) {
  std::string out;
  for (const CoverageReport &r : run.coverage) {
    out += tr("summary.coverage.ruleset", {{"ruleset", r.ruleset},
                                   {"percent", decimal(r.percent(), 1)},
                                   {"reached", i18n::number(r.reached())},
                                   {"total", i18n::number(r.total())}});
    if (!r.dated && r.periods.size() == 1) {
      out += ": " + coverageParts(r.periods.front().second) + "\n" +
             coverageMisses(r.periods.front().second, "  ");
    } else {
      out += trn("summary.coverage.counted_in", r.periods.size()) + "\n";
      for (const auto &[period, c] : r.periods)
        out += "  " +
               tr("summary.coverage.period", {{"period", periodShown(period)},
                                      {"percent", decimal(c.percent(), 1)},
                                      {"reached", i18n::number(c.reached())},
                                      {"total", i18n::number(c.total())},
                                      {"parts", coverageParts(c)}}) +
               "\n" + coverageMisses(c, "    ");
    }
    if (r.percent() < run.minCoverage)
      out += "  " + tr("summary.coverage.below_minimum", {{"minimum", decimal(run.minCoverage)}}) + "\n";
  }
  return out;
}

nlohmann::json coverageJson(const RunResult &run) {
  nlohmann::json list = nlohmann::json::array();
  for (const CoverageReport &r : run.coverage) {
    nlohmann::json periods = nlohmann::json::array();
    for (const auto &[period, c] : r.periods)
      periods.push_back({{"from", isoOrNull(period.from)},
                         {"until", isoOrNull(period.until)},
                         {"percent", c.percent()},
                         {"reached", c.reached()},
                         {"total", c.total()},
                         {"rules", c.rules.size()},
                         {"rulesMissed", c.rulesMissed},
                         {"exceptions", c.exceptions.size()},
                         {"exceptionsMissed", c.exceptionsMissed},
                         {"leaves", c.hasTree ? nlohmann::json(c.leaves) : nlohmann::json()},
                         {"leavesReached",
                          c.hasTree ? nlohmann::json(c.leavesReached) : nlohmann::json()},
                         {"suggestedTests", c.suggestedTests}});
    list.push_back({{"ruleset", r.ruleset},
                    {"percent", r.percent()},
                    {"reached", r.reached()},
                    {"total", r.total()},
                    {"belowMinimum", r.percent() < run.minCoverage},
                    {"periods", periods}});
  }
  return {{"minimum", run.minCoverage}, {"rulesets", list}};
}

// A check's status in the text output: the JSON's `proven`, `failed`, … in English; in Dutch
// `bewezen`, `weerlegd` (a test: `mislukt`), ….
std::string statusText(verify::CheckRecord::Status status, const std::string &kind) {
  using S = verify::CheckRecord::Status;
  switch (status) {
  case S::Proven:
    return tr("check.status.proven");
  case S::Failed:
    return tr(kind == "test" ? "check.status.test_failed" : "check.status.failed");
  case S::Inconclusive:
    return tr("check.status.inconclusive");
  case S::Skipped:
    return tr("check.status.skipped");
  case S::Passed:
    return tr("check.status.passed");
  case S::Warning:
    return tr("check.status.warning");
  }
  return verify::statusName(status);
}

// A note in one line: `FILE:LINE:COL: note[CODE]: message (found in …)`.
std::string noteLine(const Diagnostic &d, const SourceManager &sources, bool color) {
  std::string where;
  if (d.span.valid()) {
    const SourceFile &f = sources.file(d.span.file);
    LineCol lc = f.lineCol(d.span.begin);
    where = fmt::format("{}:{}:{}: ", f.path(), lc.line, lc.column);
  }
  std::string tail;
  for (const std::string &n : d.notes)
    if (n.rfind("found in ", 0) == 0 || n.rfind("gevonden in ", 0) == 0)
      tail = " (" + n + ")";
  std::string head = fmt::format("{}[{}]", tr("severity.note"), d.code);
  if (color)
    head = fmt::format("{}[1;36m{}{}[0m", kEsc, head, kEsc);
  return where + head + ": " + d.message + tail;
}

// The findings, then the per-ruleset lines and the summary; `summaryAt` (when given) is where
// the per-ruleset lines start.
std::string renderTextRun(const Workspace &ws, const RunResult &run,
                          const std::vector<Diagnostic> &diagnostics, bool color,
                          const CheckOptions &options, std::size_t *summaryAt = nullptr) {
  bool timings = options.timings;
  std::string out;
  RenderOptions render{color};
  std::size_t following = 0, hidden = 0;
  for (const Diagnostic &d : diagnostics) {
    if (!d.causedBy.empty()) {
      ++following; // shown under its root cause
      continue;
    }
    if (d.severity == Severity::Note) {
      // Notes change nothing: hidden unless asked for, and then one line each.
      if (!options.verbose) {
        ++hidden;
        continue;
      }
      out += noteLine(d, ws.sources, color) + "\n";
      continue;
    }
    out += renderText(d, ws.sources, render) + "\n";
  }
  if (options.verbose && hidden == 0 &&
      std::any_of(diagnostics.begin(), diagnostics.end(),
                  [](const Diagnostic &d) { return d.severity == Severity::Note; }))
    out += "\n";
  if (summaryAt)
    *summaryAt = out.size();
  for (const verify::Stats &s : run.stats) {
    out += rulesetLine(s, timings) + "\n";
    if (!options.listChecks)
      continue;
    // The status column is as wide as its longest word (English: `inconclusive`, 12).
    std::size_t statusWidth = 12;
    for (const auto &c : s.checks)
      statusWidth = std::max(statusWidth, statusText(c.status, c.kind).size());
    // The kind column: the JSON `kind` in English, its word in another language.
    auto kindText = [](const std::string &kind) {
      std::string key = "check.kind." + kind;
      return i18n::has(i18n::Lang::En, key) ? tr(key) : kind;
    };
    for (const auto &c : s.checks)
      out += fmt::format("  {:<{}} {:<12} {}{}\n", statusText(c.status, c.kind), statusWidth,
                         kindText(c.kind), c.name,
                         c.message.empty() || c.status == verify::CheckRecord::Status::Proven
                             ? ""
                             : ": " + c.message);
  }
  Counts c = count(diagnostics);
  out += tr("summary.checked", {{"rulesets", trn("count.rulesets", ws.rulesets.size())},
                                {"files", trn("count.files", ws.requested.size())},
                                {"errors", trn("count.errors", c.errors)},
                                {"warnings", trn("count.warnings", c.warnings)}});
  if (c.inconclusive)
    out += tr("summary.inconclusive", {{"count", i18n::number(c.inconclusive)}});
  if (c.waived)
    out += tr("summary.waived", {{"count", i18n::number(c.waived)}});
  if (following)
    out += trn("summary.following", following);
  if (hidden)
    out += trn("summary.notes_hidden", hidden);
  out += "\n";
  if (timings) {
    std::size_t calls = 0, reused = 0, shared = 0;
    for (const verify::Stats &s : run.stats) {
      calls += s.solverCalls;
      reused += s.reused;
      shared += s.shared;
    }
    out += tr("summary.timings", {{"total", decimal(run.loadSeconds + run.seconds, 2)},
                                  {"load", decimal(run.loadSeconds, 2)},
                                  {"check", decimal(run.seconds, 2)},
                                  {"calls", i18n::number(calls)},
                                  {"solved", i18n::number(calls - shared)},
                                  {"reused", i18n::number(reused)},
                                  {"shared", i18n::number(shared - reused)}}) +
           "\n";
  }
  return out + coverageText(run);
}

nlohmann::json statsJson(const verify::Stats &s) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto &c : s.checks) {
    nlohmann::json j = {
        {"kind", c.kind}, {"name", c.name}, {"status", verify::statusName(c.status)}};
    if (!c.message.empty())
      j["message"] = c.message;
    // Whether its proofs were taken from decided ones (verifier/proof_cache.h): every solver
    // call it asked was answered without solving. A check that asks none is not reused.
    j["solverCalls"] = c.solverCalls;
    j["reused"] = c.solverCalls > 0 && c.reused == c.solverCalls;
    checks.push_back(j);
  }
  return {{"name", s.ruleset},          {"decisions", s.decisions}, {"rules", s.rules},
          {"properties", s.properties}, {"tests", s.tests},         {"checks", checks}};
}

std::string renderJson(const Workspace &ws, const RunResult &run,
                       const std::vector<Diagnostic> &diagnostics) {
  nlohmann::json list = nlohmann::json::array();
  for (const Diagnostic &d : diagnostics)
    list.push_back(toJson(d, ws.sources));
  nlohmann::json rulesets = nlohmann::json::array();
  for (const auto &s : run.stats)
    rulesets.push_back(statsJson(s));
  Counts c = count(diagnostics);
  nlohmann::json j = {{"schema", "wegwijzer-check/1"},
                      {"tool", {{"name", "wegwijzer"}, {"version", kVersion}}},
                      {"diagnostics", list},
                      {"rulesets", rulesets},
                      {"summary",
                       {{"files", ws.requested.size()},
                        {"rulesets", ws.rulesets.size()},
                        {"modules", ws.modules.size()},
                        {"errors", c.errors},
                        {"warnings", c.warnings},
                        {"inconclusive", c.inconclusive}}}};
  if (c.waived)
    j["summary"]["waived"] = c.waived;
  if (run.coverageAsked)
    j["coverage"] = coverageJson(run);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string sarifLevel(Severity s) {
  return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "note";
}

// A path as a URI reference: every byte but the unreserved characters and `/` percent-encoded.
std::string uriEncode(const std::string &path) {
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
      out += ch;
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// Where a file is, for code scanning: relative to the folder `check` ran in (the checkout's
// root in CI) with `uriBaseId` %SRCROOT%, whatever `-I` said; a file outside that folder keeps
// an absolute `file://` URI.
nlohmann::json artifactLocation(const std::string &path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  fs::path p(path);
  fs::path abs = p.is_absolute() || ec ? p : cwd / p;
  fs::path rel = ec ? p : abs.lexically_normal().lexically_relative(cwd.lexically_normal());
  std::string r = rel.generic_string();
  if (!r.empty() && r.rfind("..", 0) != 0 && !rel.is_absolute())
    return {{"uri", uriEncode(r)}, {"uriBaseId", "%SRCROOT%"}};
  return {{"uri", "file://" + uriEncode(abs.lexically_normal().generic_string())}};
}

nlohmann::json sarifLocation(Span span, const SourceManager &sources) {
  const SourceFile &f = sources.file(span.file);
  LineCol a = f.lineCol(span.begin), b = f.lineCol(span.end);
  return {{"physicalLocation",
           {{"artifactLocation", artifactLocation(f.path())},
            {"region",
             {{"startLine", a.line},
              {"startColumn", a.column},
              {"endLine", b.line},
              {"endColumn", std::max(b.column, a.line == b.line ? a.column + 1 : b.column)}}}}}};
}

// The SARIF rule of a code: what docs/diagnostics.md says about it.
nlohmann::json sarifRule(const std::string &code, const std::string &firstMessage,
                         const std::string &docsUrl) {
  const CodeDoc *doc = codeDoc(code);
  if (!doc)
    return {{"id", code}, {"shortDescription", {{"text", firstMessage}}}};
  std::string level = doc->severity.rfind("warning", 0) == 0 ? "warning"
                      : doc->severity.rfind("note", 0) == 0  ? "note"
                                                             : "error";
  // In Dutch the reference entries of the catalogue (docs/nl/diagnostics.md), and this run's
  // first message as the typical one; docs/diagnostics.md where the catalogue has none.
  using i18n::Lang;
  bool dutch = i18n::language() == Lang::Nl;
  std::string meaningKey = "doc." + code + ".meaning", fixKey = "doc." + code + ".fix";
  std::string meaning = dutch && i18n::has(Lang::Nl, meaningKey) ? tr(meaningKey) : doc->meaning;
  std::string fix = dutch && i18n::has(Lang::Nl, fixKey) ? tr(fixKey) : doc->fix;
  std::string message = dutch ? "“" + firstMessage + "”" : doc->message;
  return {{"id", code},
          {"name", code},
          {"shortDescription", {{"text", plainText(firstSentence(meaning))}}},
          {"fullDescription", {{"text", plainText(meaning)}}},
          {"help",
           {{"text", tr("check.sarif.help_text",
                        {{"fix", plainText(fix)}, {"message", plainText(message)}})},
            {"markdown", tr("check.sarif.help_markdown", {{"fix", fix},
                                                    {"message", message},
                                                    {"code", code},
                                                    {"url", docsUrl + "#" + code}})}}},
          {"helpUri", docsUrl + "#" + code},
          {"defaultConfiguration", {{"level", level}}}};
}

std::string renderSarif(const Workspace &ws, const RunResult &run,
                        const std::vector<Diagnostic> &diagnostics, const std::string &docsUrl,
                        bool verbose) {
  std::map<std::string, std::string> rules; // code -> first message, sorted by code
  nlohmann::json results = nlohmann::json::array();
  std::map<std::string, int> fingerprints; // how often a front-end fingerprint was given
  for (const Diagnostic &d : diagnostics) {
    if (d.severity == Severity::Note && !verbose)
      continue; // notes change nothing; asked for with --verbose
    rules.emplace(d.code, d.message);
    std::string text = d.message;
    for (const auto &n : d.notes)
      text += "\n" + tr("render.note") + ": " + n;
    for (const auto &h : d.help)
      text += "\n" + tr("render.help") + ": " + h;
    nlohmann::json r = {{"ruleId", d.code},
                        {"level", sarifLevel(d.severity)},
                        {"message", {{"text", xmlSafe(text)}}}};
    // Every result has a location: its span, else the path it is about (a file-level error).
    std::string path;
    // A finding about a ruleset that lies in a shared module (settleFindings has moved those
    // with a line in the ruleset's own file there): every ruleset it holds in is a related
    // location, so that the pull request's file shows it too.
    std::vector<Label> labels = d.labels;
    Span primary = d.span;
    if (!d.ruleset.empty() && primary.valid()) {
      std::vector<std::string> in = d.rulesets.empty() ? std::vector{d.ruleset} : d.rulesets;
      for (const std::string &name : in)
        for (const ir::History &h : ws.rulesets)
          if (h.id == name && !h.periods.empty() && h.periods.front().span.valid() &&
              !h.periods.front().files.empty() &&
              primary.file != h.periods.front().files.back())
            labels.push_back(
                {h.periods.front().span, tr("check.found_in_ruleset", {{"ruleset", h.id}})});
    }
    if (primary.valid()) {
      r["locations"] = nlohmann::json::array({sarifLocation(primary, ws.sources)});
      path = ws.sources.file(primary.file).path();
    } else {
      path = d.details.is_object() && d.details.contains("path")
                 ? d.details["path"].get<std::string>()
                 : (ws.requested.empty() ? std::string(".")
                                         : ws.sources.file(ws.requested.front()).path());
      r["locations"] = nlohmann::json::array(
          {{{"physicalLocation", {{"artifactLocation", artifactLocation(path)}}}}});
    }
    nlohmann::json related = nlohmann::json::array();
    int id = 0;
    for (const Label &l : labels) {
      if (!l.span.valid())
        continue;
      nlohmann::json loc = sarifLocation(l.span, ws.sources);
      loc["id"] = id++;
      loc["message"] = {{"text", xmlSafe(l.message)}};
      related.push_back(loc);
    }
    if (!related.empty())
      r["relatedLocations"] = related;
    // Stable across runs, unrelated edits and languages: the finding id, else the code, the file
    // and a digest of the source text under the finding (of its line where the span is empty),
    // numbered from the second one that is the same.
    std::string fingerprint = d.id;
    if (fingerprint.empty()) {
      std::string under;
      if (d.span.valid()) {
        const SourceFile &file = ws.sources.file(d.span.file);
        std::string_view text = file.text();
        if (d.span.end > d.span.begin && d.span.end <= text.size())
          under = std::string(text.substr(d.span.begin, d.span.end - d.span.begin));
        else
          under = std::string(file.line(file.lineCol(d.span.begin).line));
      }
      fingerprint = fmt::format("{}:{}:{}", d.code, path, sha256Hex(under).substr(0, 16));
      if (int n = ++fingerprints[fingerprint]; n > 1)
        fingerprint += fmt::format("#{}", n);
    }
    r["partialFingerprints"] = {{"wegwijzerFindingId/v1", fingerprint}};
    if (!d.details.is_null())
      r["properties"]["details"] = d.details;
    if (!d.causedBy.empty())
      r["properties"]["causedBy"] = d.causedBy;
    if (!d.waiver.empty())
      r["suppressions"] = nlohmann::json::array(
          {{{"kind", "external"}, {"status", "accepted"}, {"justification", d.waiver}}});
    results.push_back(r);
  }
  nlohmann::json ruleList = nlohmann::json::array();
  for (const auto &[code, message] : rules)
    ruleList.push_back(sarifRule(code, message, docsUrl));
  nlohmann::json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       nlohmann::json::array({{{"tool",
                                {{"driver",
                                  {{"name", "wegwijzer"},
                                   {"version", kVersion},
                                   {"informationUri", docsUrl},
                                   {"rules", ruleList}}}}},
                               {"results", results}}})}};
  if (run.coverageAsked)
    log["runs"][0]["properties"]["coverage"] = coverageJson(run);
  return log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string xml(const std::string &text) { return escapeMarkup(text); }

// Whether a finding is about `ruleset` (one finding for several rulesets names them all).
bool about(const Diagnostic &d, const std::string &ruleset) {
  return d.ruleset == ruleset ||
         std::find(d.rulesets.begin(), d.rulesets.end(), ruleset) != d.rulesets.end();
}

// The finding's id as `ruleset` has it: a finding kept once for several rulesets carries the
// id of the first (`CODE:first:subject`).
std::string idIn(const Diagnostic &d, const std::string &ruleset) {
  if (d.id.empty() || d.ruleset == ruleset)
    return d.id;
  std::size_t a = d.id.find(':'), b = d.id.find(':', a + 1);
  if (a == std::string::npos || b == std::string::npos)
    return d.id;
  return d.id.substr(0, a + 1) + ruleset + d.id.substr(b);
}

// An error that fails the gate: an unwaived error (an inconclusive check included).
bool failsGate(const Diagnostic &d) { return d.severity == Severity::Error && d.waiver.empty(); }

// ` time="1.23"` with --timings; nothing otherwise (the output stays the same between runs).
std::string timeAttr(bool timings, double seconds) {
  return timings ? fmt::format(" time=\"{:.3f}\"", seconds) : std::string();
}

std::string renderJunit(const Workspace &ws, const RunResult &run,
                        const std::vector<Diagnostic> &diagnostics, const CheckOptions &options) {
  bool timings = options.timings;
  std::string suites;
  std::size_t total = 0, failures = 0, skipped = 0;
  // The front end: one testcase per file read (modules and waiver files included), failing
  // with every error of any stage that has no finding id (syntax, names, types, dates, limits,
  // waivers), and one per such error without a file.
  {
    std::string cases;
    std::size_t tests = 0, fails = 0;
    for (FileId id = 1; id <= ws.sources.size(); ++id) {
      std::string messages;
      std::size_t count = 0;
      for (const Diagnostic &d : diagnostics)
        if (d.span.valid() && d.span.file == id && d.id.empty() && failsGate(d)) {
          messages += renderText(d, ws.sources) + "\n";
          ++count;
        }
      ++tests;
      cases += fmt::format("    <testcase classname=\"analysis\" name=\"{}\">",
                           xml(ws.sources.file(id).path()));
      if (count) {
        ++fails;
        cases += fmt::format("<failure message=\"{}\" type=\"error\">{}</failure>",
                             xml(trn("check.junit.file_errors", count)),
                             xml(messages));
      }
      cases += "</testcase>\n";
    }
    for (const Diagnostic &d : diagnostics)
      if (!d.span.valid() && d.id.empty() && failsGate(d)) {
        ++tests;
        ++fails;
        cases += fmt::format("    <testcase classname=\"analysis\" name=\"{}\"><failure "
                             "message=\"{}\" type=\"error\">{}</failure></testcase>\n",
                             xml(d.code),
                             xml(fmt::format("{}[{}]: {}", tr("severity.error"), d.code, d.message)),
                             xml(renderText(d, ws.sources) + "\n"));
      }
    suites += fmt::format("  <testsuite name=\"analysis\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
                          "skipped=\"0\"{}>\n{}  </testsuite>\n",
                          tests, fails, timeAttr(timings, run.loadSeconds), cases);
    total += tests;
    failures += fails;
  }
  for (const verify::Stats &s : run.stats) {
    std::string cases;
    std::size_t fails = 0, skips = 0, tests = 0;
    std::set<const Diagnostic *> explained;
    for (const auto &c : s.checks) {
      ++tests;
      cases += fmt::format("    <testcase classname=\"{}.{}\" name=\"{}\"{}>", xml(s.ruleset),
                           xml(c.kind), xml(c.name), timeAttr(timings, c.seconds));
      using S = verify::CheckRecord::Status;
      // The findings the check reported, as the run reports them.
      std::vector<const Diagnostic *> why;
      for (const Diagnostic &d : diagnostics)
        if (about(d, s.ruleset) && !d.id.empty() &&
            std::find(c.findings.begin(), c.findings.end(), idIn(d, s.ruleset)) !=
                c.findings.end())
          why.push_back(&d);
      for (const Diagnostic *d : why)
        explained.insert(d);
      bool failing = c.status == S::Failed || c.status == S::Inconclusive;
      bool waived = failing && !why.empty() &&
                    std::none_of(why.begin(), why.end(),
                                 [](const Diagnostic *d) { return failsGate(*d); });
      if (waived) {
        std::string text;
        for (const Diagnostic *d : why)
          if (!d->waiver.empty())
            text += (text.empty() ? "" : "\n") + d->waiver;
        cases += fmt::format("<system-out>{}</system-out>",
                             xml(tr("check.junit.waived", {{"waivers", text}})));
      } else if (failing) {
        ++fails;
        // What failed, where: the message and the first finding's location, then every
        // finding in full (rules, cases or regions, file and line).
        std::string message = c.message;
        for (const Diagnostic *d : why)
          if (message.empty() && d->severity == Severity::Error)
            message = d->message;
        std::string body;
        for (const Diagnostic *d : why) {
          if (d->severity != Severity::Error)
            continue;
          if (body.empty() && d->span.valid()) {
            const SourceFile &f = ws.sources.file(d->span.file);
            message += fmt::format(" ({}:{})", f.path(), f.lineCol(d->span.begin).line);
          }
          body += renderText(*d, ws.sources) + "\n";
        }
        if (body.empty())
          body = c.message + "\n";
        cases += fmt::format("<failure message=\"{}\" type=\"{}\">{}</failure>", xml(message),
                             verify::statusName(c.status), xml(body));
      } else if (c.status == S::Skipped) {
        ++skips;
        cases += fmt::format("<skipped message=\"{}\"/>", xml(c.message));
      } else if (c.status == S::Warning) {
        cases += fmt::format("<system-out>{}: {}</system-out>", xml(tr("severity.warning")),
                             xml(c.message));
      } else if (c.status == S::Passed && !c.message.empty()) {
        cases += fmt::format("<system-out>{}</system-out>", xml(c.message));
      }
      cases += "</testcase>\n";
    }
    // Every error of the ruleset fails some testcase: one no check claims fails this one.
    std::string others;
    std::size_t count = 0;
    for (const Diagnostic &d : diagnostics)
      if (about(d, s.ruleset) && !d.id.empty() && failsGate(d) && !explained.count(&d)) {
        others += renderText(d, ws.sources) + "\n";
        ++count;
      }
    if (count) {
      ++tests;
      ++fails;
      cases += fmt::format("    <testcase classname=\"{}.findings\" name=\"{}\"><failure "
                           "message=\"{}\" type=\"error\">{}</failure></testcase>\n",
                           xml(s.ruleset), xml(tr("check.junit.other_findings")),
                           xml(trn("check.junit.ruleset_errors", count, {{"ruleset", s.ruleset}})),
                           xml(others));
    }
    suites += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
                          "skipped=\"{}\"{}>\n{}  </testsuite>\n",
                          xml(s.ruleset), tests, fails, skips, timeAttr(timings, s.seconds),
                          cases);
    total += tests;
    failures += fails;
    skipped += skips;
  }
  // Coverage: one testcase per ruleset, its figures as properties, failing below the minimum.
  if (run.coverageAsked) {
    std::string cases;
    std::size_t fails = 0;
    for (const CoverageReport &r : run.coverage) {
      cases += fmt::format("    <testcase classname=\"coverage\" name=\"{}\"><properties>"
                           "<property name=\"percent\" value=\"{:.1f}\"/><property "
                           "name=\"reached\" value=\"{}\"/><property name=\"total\" "
                           "value=\"{}\"/></properties>",
                           xml(r.ruleset), r.percent(), r.reached(), r.total());
      RunResult one;
      one.coverageAsked = true;
      one.minCoverage = run.minCoverage;
      one.coverage = {r};
      std::string text = coverageText(one);
      if (r.percent() < run.minCoverage) {
        ++fails;
        cases += fmt::format("<failure message=\"{}\" type=\"coverage\">{}</failure>",
                             xml(tr("check.junit.coverage_below",
                                    {{"percent", decimal(r.percent(), 1)},
                                     {"minimum", decimal(run.minCoverage)}})),
                             xml(text));
      } else {
        cases += fmt::format("<system-out>{}</system-out>", xml(text));
      }
      cases += "</testcase>\n";
    }
    suites += fmt::format("  <testsuite name=\"coverage\" tests=\"{}\" failures=\"{}\" "
                          "errors=\"0\" skipped=\"0\"{}>\n{}  </testsuite>\n",
                          run.coverage.size(), fails, timeAttr(timings, run.coverageSeconds), cases);
    total += run.coverage.size();
    failures += fails;
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"wegwijzer\" "
                     "tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\"{}>\n{}</testsuites>\n",
                     total, failures, skipped, timeAttr(timings, run.seconds), suites);
}

} // namespace

// GitHub Actions workflow commands: `%`, CR and LF escaped in a message; `:` and `,` too in a
// property.
std::string githubData(const std::string &text) {
  std::string out;
  for (char c : text)
    out += c == '%' ? "%25" : c == '\r' ? "%0D" : c == '\n' ? "%0A" : std::string(1, c);
  return out;
}
std::string githubProperty(const std::string &text) {
  std::string out;
  for (char c : githubData(text))
    out += c == ':' ? "%3A" : c == ',' ? "%2C" : std::string(1, c);
  return out;
}

// `--format github`: one annotation per finding (`::error file=…,line=…::message`), which GitHub
// shows on the pull request's lines, then the text summary for the log.
std::string renderGithub(const Workspace &ws, const RunResult &run,
                         const std::vector<Diagnostic> &diagnostics, const CheckOptions &options) {
  std::string out;
  for (const Diagnostic &d : diagnostics) {
    if (d.severity == Severity::Note && !options.verbose)
      continue;
    const char *kind = !d.waiver.empty()                    ? "notice"
                       : d.severity == Severity::Error   ? "error"
                       : d.severity == Severity::Warning ? "warning"
                                                         : "notice";
    std::string props;
    if (d.span.valid()) {
      const SourceFile &f = ws.sources.file(d.span.file);
      LineCol a = f.lineCol(d.span.begin), b = f.lineCol(d.span.end);
      std::string path = artifactLocation(f.path())["uri"].get<std::string>();
      props = fmt::format("file={},line={},col={},endLine={},endColumn={},", githubProperty(path),
                          a.line, a.column, b.line, b.column);
    }
    props += "title=" + githubProperty(fmt::format("wegwijzer {}{}", d.code,
                                                   d.waiver.empty() ? "" : " " + tr("render.waived")));
    std::string message = d.message;
    std::string note = "\n" + tr("render.note") + ": ";
    for (const auto &n : d.notes)
      message += note + n;
    for (const auto &h : d.help)
      message += "\n" + tr("render.help") + ": " + h;
    if (!d.causedBy.empty())
      message += note + tr("check.follows_from", {{"id", d.causedBy}});
    out += fmt::format("::{} {}::{}\n", kind, props, githubData(message));
  }
  // The per-ruleset lines and the summary, as the text format ends (after its findings).
  std::size_t at = 0;
  std::string text = renderTextRun(ws, run, diagnostics, false, options, &at);
  std::string summary = text.substr(at);
  // A text of the rules with a line break (a property's or a test's, listed with
  // --list-checks) may start a line of the summary with `::`, which GitHub would run as a
  // workflow command: it stops reading commands until a token only this summary's hash gives.
  for (std::size_t line = 0; line < summary.size(); line = summary.find('\n', line) + 1) {
    std::size_t first = summary.find_first_not_of(" \t", line);
    if (first != std::string::npos && summary.compare(first, 2, "::") == 0) {
      std::string token = "wegwijzer-" + sha256Hex(summary).substr(0, 32);
      summary = "::stop-commands::" + token + "\n" + summary + "::" + token + "::\n";
      break;
    }
    if (summary.find('\n', line) == std::string::npos)
      break;
  }
  return out + summary;
}

std::string renderRun(const Workspace &ws, const RunResult &run, const std::string &format,
                      bool color, const CheckOptions &options) {
  std::vector<Diagnostic> diagnostics = groupFindings(ws, ws.sink.sorted(ws.sources));
  if (format == "json")
    return renderJson(ws, run, diagnostics);
  if (format == "sarif")
    return renderSarif(ws, run, diagnostics, options.docsUrl, options.verbose);
  if (format == "junit")
    return renderJunit(ws, run, diagnostics, options);
  if (format == "github")
    return renderGithub(ws, run, diagnostics, options);
  return renderTextRun(ws, run, diagnostics, color, options);
}

} // namespace ww::cli
