#include "compiler/driver/report.h"

#include "compiler/driver/causes.h"
#include "compiler/driver/cli.h"
#include "compiler/driver/progress.h"
#include "compiler/driver/version.h"
#include "compiler/support/diagnostic_docs.h"
#include "compiler/support/periods.h"
#include "compiler/support/render.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <tuple>

namespace po = boost::program_options;

namespace ww::cli {

void addCheckOptions(po::options_description &desc, CheckOptions &options) {
  desc.add_options()("timeout", po::value(&options.timeoutSeconds)->default_value(10),
                     "seconds per solver call; an undecided check is inconclusive")(
      "jobs,j", po::value(&options.jobs)->default_value(0),
      "rulesets and periods checked at once (0: one per core); the output is the same")(
      "solver-memory", po::value(&options.verify.memoryMb)->default_value(options.verify.memoryMb),
      "MiB of memory the solver may hold; a check that needs more is inconclusive")(
      "max-regions", po::value(&options.verify.maxRegions)->default_value(10),
      "regions reported per gap or conflict")(
      "allow-inconclusive", po::bool_switch(&options.allowInconclusive),
      "exit 0 instead of 3 when a check is inconclusive (still reported)")(
      "list-checks", po::bool_switch(&options.listChecks),
      "list every check and test with its status under its ruleset")(
      "timings", po::bool_switch(&options.timings),
      "show the time taken per ruleset and in all (the output then differs between runs)")(
      "docs-url", po::value(&options.docsUrl)->default_value(options.docsUrl),
      "where docs/diagnostics.md is published: SARIF rules link to URL#CODE");
}

void validateCheckOptions(CheckOptions &options) {
  if (!(options.timeoutSeconds >= 0.001) || options.timeoutSeconds > 86400)
    throw UsageError("--timeout must be a number of seconds between 0.001 and 86400");
  if (options.jobs > 1024)
    throw UsageError("--jobs must be between 0 (one per core) and 1024");
  if (options.verify.memoryMb < 1 || options.verify.memoryMb > verify::kMaxSolverMemoryMb)
    throw UsageError(fmt::format("--solver-memory must be a number of MiB between 1 and {}",
                                 verify::kMaxSolverMemoryMb));
  if (options.verify.maxRegions < 1 || options.verify.maxRegions > 1000)
    throw UsageError("--max-regions must be between 1 and 1000");
  options.verify.timeoutMs = std::max(1u, static_cast<unsigned>(options.timeoutSeconds * 1000));
}

namespace {

// One ruleset's checks of several periods as one record list: the same check with the same
// result in several periods is listed once, with the periods it holds in.
verify::Stats mergeStats(const ir::History &history, const std::vector<const ir::Ruleset *> &ran,
                         const std::vector<verify::Stats> &perPeriod) {
  verify::Stats out;
  out.ruleset = history.id;
  std::set<std::string> rules, properties, tests;
  for (const ir::Ruleset *rs : ran) {
    for (const auto &r : rs->rules)
      rules.insert(r.id);
    for (const auto &p : rs->properties)
      properties.insert(p.id);
    for (const auto &t : rs->tests)
      tests.insert(t.text);
    out.decisions = std::max(out.decisions, rs->decisions.size());
  }
  out.rules = rules.size();
  out.properties = properties.size();
  out.tests = tests.size();
  std::vector<Period> periods;
  for (const ir::Ruleset *rs : ran)
    periods.push_back(rs->period);
  using Key = std::tuple<std::string, std::string, verify::CheckRecord::Status, std::string>;
  std::map<Key, std::size_t> index;
  std::vector<std::pair<verify::CheckRecord, std::vector<char>>> merged;
  for (std::size_t p = 0; p < perPeriod.size(); ++p) {
    const verify::Stats &s = perPeriod[p];
    out.errors += s.errors;
    out.warnings += s.warnings;
    out.inconclusive += s.inconclusive;
    out.seconds += s.seconds;
    for (const auto &c : s.checks) {
      auto [it, fresh] = index.try_emplace(Key{c.kind, c.name, c.status, c.message}, merged.size());
      if (fresh)
        merged.push_back({c, std::vector<char>(perPeriod.size(), 0)});
      merged[it->second].first.seconds += fresh ? 0 : c.seconds;
      merged[it->second].second[p] = 1;
    }
  }
  bool dated = history.dated();
  for (auto &[record, mask] : merged) {
    if (dated)
      record.name += " (" + periodRuns(periods, mask) + ")";
    out.checks.push_back(std::move(record));
  }
  return out;
}

} // namespace

RunResult runChecks(Workspace &ws, const CheckOptions &options) {
  RunResult run;
  auto start = std::chrono::steady_clock::now();
  verify::Options vo = options.verify;
  vo.testsOnly = options.testsOnly;
  // One job per ruleset and period, in the order of the output.
  std::vector<verify::Job> jobs;
  std::vector<const ir::History *> of;
  for (const ir::History &history : ws.rulesets) {
    if (options.asOf) {
      jobs.push_back({&rulesetOn(history, *options.asOf), {}, {}});
      of.push_back(&history);
    } else {
      for (const ir::Ruleset &rs : history.periods) {
        jobs.push_back({&rs, {}, {}});
        of.push_back(&history);
      }
    }
  }
  Progress progress(std::cerr, options.progress);
  std::size_t started = 0;
  verify::verifyAll(jobs, vo, options.jobs, [&](std::size_t i) {
    progress.step(fmt::format("{} `{}`{} ({} of {})", options.testsOnly ? "testing" : "checking",
                              of[i]->id, of[i]->dated() ? ", " + jobs[i].ruleset->period.text() : "",
                              ++started, jobs.size()));
  });
  for (std::size_t i = 0; i < jobs.size();) {
    const ir::History &history = *of[i];
    std::vector<const ir::Ruleset *> ran;
    std::vector<std::vector<Diagnostic>> findings;
    std::vector<verify::Stats> stats;
    std::vector<Period> periods;
    for (; i < jobs.size() && of[i] == &history; ++i) {
      ran.push_back(jobs[i].ruleset);
      findings.push_back(jobs[i].findings.all());
      stats.push_back(std::move(jobs[i].stats));
      periods.push_back(jobs[i].ruleset->period);
    }
    mergeByPeriod(findings, periods, history.dated(), ws.sink,
                  [](const Diagnostic &) { return PeriodPrefix::Always; });
    run.stats.push_back(mergeStats(history, ran, stats));
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
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

std::string plural(std::size_t n, const char *one, const char *many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string rulesetLine(const verify::Stats &s, bool timings) {
  using S = verify::CheckRecord::Status;
  std::map<S, std::size_t> checks, tests;
  for (const auto &c : s.checks)
    ++(c.kind == "test" ? tests : checks)[c.status];
  std::string line = fmt::format(
      "ruleset `{}`: {}, {}, {}; checks: {} proven, {} failed", s.ruleset,
      plural(s.decisions, "decision", "decisions"), plural(s.rules, "rule", "rules"),
      plural(s.properties, "property", "properties"), checks[S::Proven], checks[S::Failed]);
  if (checks[S::Warning])
    line += fmt::format(", {} with warnings", checks[S::Warning]);
  if (checks[S::Inconclusive])
    line += fmt::format(", {} inconclusive", checks[S::Inconclusive]);
  if (checks[S::Skipped])
    line += fmt::format(", {} skipped", checks[S::Skipped]);
  line += fmt::format("; tests: {} passed, {} failed", tests[S::Passed], tests[S::Failed]);
  if (timings)
    line += fmt::format("; {:.2f} s", s.seconds);
  return line;
}

std::string renderTextRun(const Workspace &ws, const RunResult &run,
                          const std::vector<Diagnostic> &diagnostics, bool color,
                          const CheckOptions &options) {
  bool timings = options.timings;
  std::string out;
  RenderOptions render{color};
  std::size_t following = 0;
  for (const Diagnostic &d : diagnostics) {
    if (!d.causedBy.empty()) {
      ++following; // shown under its root cause
      continue;
    }
    out += renderText(d, ws.sources, render) + "\n";
  }
  for (const verify::Stats &s : run.stats) {
    out += rulesetLine(s, timings) + "\n";
    if (!options.listChecks)
      continue;
    for (const auto &c : s.checks)
      out += fmt::format("  {:<12} {:<12} {}{}\n", verify::statusName(c.status), c.kind, c.name,
                         c.message.empty() || c.status == verify::CheckRecord::Status::Proven
                             ? ""
                             : ": " + c.message);
  }
  Counts c = count(diagnostics);
  out +=
      fmt::format("checked {} in {}: {}, {}", plural(ws.rulesets.size(), "ruleset", "rulesets"),
                  plural(ws.requested.size(), "file", "files"), plural(c.errors, "error", "errors"),
                  plural(c.warnings, "warning", "warnings"));
  if (c.inconclusive)
    out += fmt::format(", {} inconclusive", c.inconclusive);
  if (c.waived)
    out += fmt::format(", {} waived", c.waived);
  if (following)
    out += fmt::format(" ({} of them shown under the gap or conflict {} from)", following,
                       following == 1 ? "it follows" : "they follow");
  if (timings)
    out += fmt::format(" ({:.2f} s)", run.seconds);
  return out + "\n";
}

nlohmann::json statsJson(const verify::Stats &s) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto &c : s.checks) {
    nlohmann::json j = {
        {"kind", c.kind}, {"name", c.name}, {"status", verify::statusName(c.status)}};
    if (!c.message.empty())
      j["message"] = c.message;
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
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string sarifLevel(Severity s) {
  return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "note";
}

nlohmann::json sarifLocation(Span span, const SourceManager &sources) {
  const SourceFile &f = sources.file(span.file);
  LineCol a = f.lineCol(span.begin), b = f.lineCol(span.end);
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", f.path()}}},
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
  return {{"id", code},
          {"name", code},
          {"shortDescription", {{"text", plainText(firstSentence(doc->meaning))}}},
          {"fullDescription", {{"text", plainText(doc->meaning)}}},
          {"help",
           {{"text", fmt::format("How to fix: {}\nTypical message: {}", plainText(doc->fix),
                                 plainText(doc->message))},
            {"markdown",
             fmt::format("**How to fix:** {}\n\n**Typical message:** {}\n\n[{} in the "
                         "diagnostics reference]({}#{})",
                         doc->fix, doc->message, code, docsUrl, code)}}},
          {"helpUri", docsUrl + "#" + code},
          {"defaultConfiguration", {{"level", level}}}};
}

std::string renderSarif(const Workspace &ws, const std::vector<Diagnostic> &diagnostics,
                        const std::string &docsUrl) {
  std::map<std::string, std::string> rules; // code -> first message, sorted by code
  nlohmann::json results = nlohmann::json::array();
  for (const Diagnostic &d : diagnostics) {
    rules.emplace(d.code, d.message);
    std::string text = d.message;
    for (const auto &n : d.notes)
      text += "\nnote: " + n;
    for (const auto &h : d.help)
      text += "\nhelp: " + h;
    nlohmann::json r = {
        {"ruleId", d.code}, {"level", sarifLevel(d.severity)}, {"message", {{"text", text}}}};
    // Every result has a location: its span, else the path it is about (a file-level error).
    std::string path;
    // A finding about a ruleset whose primary span lies in a shared module is located where the
    // ruleset itself is involved (a label on its own rule or test), so that the annotation lands
    // on the file a pull request changes; the module's line becomes a related location.
    std::vector<Label> labels = d.labels;
    Span primary = d.span;
    FileId own = 0;
    for (const ir::History &h : ws.rulesets)
      if (h.id == d.ruleset && !h.periods.empty() && !h.periods.front().files.empty())
        own = h.periods.front().files.back();
    if (own && primary.valid() && primary.file != own) {
      auto mine = std::find_if(labels.begin(), labels.end(),
                               [&](const Label &l) { return l.span.valid() && l.span.file == own; });
      if (mine != labels.end()) {
        Label moved{primary, "the shared module's part of this finding"};
        primary = mine->span;
        *mine = moved;
      } else {
        // Every ruleset it holds in (one finding for a cause in a shared module).
        std::vector<std::string> in = d.rulesets.empty() ? std::vector{d.ruleset} : d.rulesets;
        for (const std::string &name : in)
          for (const ir::History &h : ws.rulesets)
            if (h.id == name && !h.periods.empty() && h.periods.front().span.valid())
              labels.push_back(
                  {h.periods.front().span, fmt::format("found in ruleset `{}`", h.id)});
      }
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
          {{{"physicalLocation", {{"artifactLocation", {{"uri", path}}}}}}});
    }
    nlohmann::json related = nlohmann::json::array();
    int id = 0;
    for (const Label &l : labels) {
      if (!l.span.valid())
        continue;
      nlohmann::json loc = sarifLocation(l.span, ws.sources);
      loc["id"] = id++;
      loc["message"] = {{"text", l.message}};
      related.push_back(loc);
    }
    if (!related.empty())
      r["relatedLocations"] = related;
    // Stable across runs and unrelated edits: the finding id, else the code, file and message.
    r["partialFingerprints"] = {
        {"wegwijzerFindingId/v1",
         d.id.empty() ? fmt::format("{}:{}:{}", d.code, path, d.message) : d.id}};
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
  return log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string xml(const std::string &text) { return escapeMarkup(text); }

// The findings that explain a failed check: the ruleset's findings of the check's code with the
// record's message (a consistency check: every conflict of its decision).
std::vector<const Diagnostic *> explaining(const std::vector<Diagnostic> &diagnostics,
                                           const verify::Stats &s, const verify::CheckRecord &c) {
  static const std::map<std::string, std::string> codes = {
      {"completeness", "E0501"}, {"consistency", "E0502"}, {"property", "E0503"},
      {"definedness", "E0504"},  {"assumptions", "E0505"}, {"test", "E0510"}};
  std::vector<const Diagnostic *> out;
  auto code = codes.find(c.kind);
  if (code == codes.end())
    return out;
  std::string decision;
  if (c.kind == "consistency")
    decision = "for decision " + c.name.substr(0, c.name.rfind(" is consistent"));
  for (const Diagnostic &d : diagnostics) {
    bool about = d.ruleset == s.ruleset || std::find(d.rulesets.begin(), d.rulesets.end(),
                                                     s.ruleset) != d.rulesets.end();
    if (!about || d.code != code->second)
      continue;
    bool match = c.kind == "consistency"
                     ? d.message.size() >= decision.size() &&
                           d.message.compare(d.message.size() - decision.size(), decision.size(),
                                             decision) == 0
                     : d.message == c.message;
    if (match)
      out.push_back(&d);
  }
  return out;
}

std::string renderJunit(const Workspace &ws, const RunResult &run,
                        const std::vector<Diagnostic> &diagnostics) {
  std::string suites;
  std::size_t total = 0, failures = 0, skipped = 0;
  // The front end: one testcase per file read (modules included), and one per file-less error.
  {
    std::string cases;
    std::size_t tests = 0, fails = 0;
    for (FileId id = 1; id <= ws.sources.size(); ++id) {
      std::string messages;
      for (const Diagnostic &d : diagnostics)
        if (d.span.file == id && d.severity == Severity::Error &&
            (d.code < "E05" || d.code.rfind("E09", 0) == 0))
          messages += renderText(d, ws.sources) + "\n";
      ++tests;
      cases += fmt::format("    <testcase classname=\"analysis\" name=\"{}\" time=\"0\">",
                           xml(ws.sources.file(id).path()));
      if (!messages.empty()) {
        ++fails;
        cases +=
            fmt::format("<failure message=\"the file has errors\">{}</failure>", xml(messages));
      }
      cases += "</testcase>\n";
    }
    for (const Diagnostic &d : diagnostics)
      if (!d.span.valid() && d.severity == Severity::Error) {
        ++tests;
        ++fails;
        cases += fmt::format("    <testcase classname=\"analysis\" name=\"{}\" time=\"0\"><failure "
                             "message=\"{}\"/></testcase>\n",
                             xml(d.code), xml(d.message));
      }
    suites +=
        fmt::format("  <testsuite name=\"analysis\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
                    "skipped=\"0\" time=\"0\">\n{}  </testsuite>\n",
                    tests, fails, cases);
    total += tests;
    failures += fails;
  }
  for (const verify::Stats &s : run.stats) {
    std::string cases;
    std::size_t fails = 0, skips = 0;
    for (const auto &c : s.checks) {
      cases += fmt::format("    <testcase classname=\"{}.{}\" name=\"{}\" time=\"0\">",
                           xml(s.ruleset), xml(c.kind), xml(c.name));
      using S = verify::CheckRecord::Status;
      std::vector<const Diagnostic *> why =
          c.status == S::Failed ? explaining(diagnostics, s, c) : std::vector<const Diagnostic *>{};
      bool waived = !why.empty() && std::all_of(why.begin(), why.end(), [](const Diagnostic *d) {
        return !d->waiver.empty();
      });
      if (waived) {
        cases += fmt::format("<system-out>waived: {}</system-out>", xml(why.front()->waiver));
      } else if (c.status == S::Failed || c.status == S::Inconclusive) {
        ++fails;
        // What failed, where: the message and the first finding's location, then every
        // finding in full (rules, cases or regions, file and line).
        std::string message = c.message;
        std::string body;
        for (const Diagnostic *d : why) {
          if (body.empty() && d->span.valid()) {
            const SourceFile &f = ws.sources.file(d->span.file);
            message += fmt::format(" ({}:{})", f.path(), f.lineCol(d->span.begin).line);
          }
          body += renderText(*d, ws.sources) + "\n";
        }
        if (body.empty())
          cases += fmt::format("<failure message=\"{}\" type=\"{}\"/>", xml(message),
                               verify::statusName(c.status));
        else
          cases += fmt::format("<failure message=\"{}\" type=\"{}\">{}</failure>", xml(message),
                               verify::statusName(c.status), xml(body));
      } else if (c.status == S::Skipped) {
        ++skips;
        cases += fmt::format("<skipped message=\"{}\"/>", xml(c.message));
      } else if (c.status == S::Warning) {
        cases += fmt::format("<system-out>warning: {}</system-out>", xml(c.message));
      } else if (c.status == S::Passed && !c.message.empty()) {
        cases += fmt::format("<system-out>{}</system-out>", xml(c.message));
      }
      cases += "</testcase>\n";
    }
    suites += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
                          "skipped=\"{}\" time=\"0\">\n{}  </testsuite>\n",
                          xml(s.ruleset), s.checks.size(), fails, skips, cases);
    total += s.checks.size();
    failures += fails;
    skipped += skips;
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"wegwijzer\" "
                     "tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n{}</testsuites>\n",
                     total, failures, skipped, suites);
}

} // namespace

// One finding per cause (docs/diagnostics.md, "Rendering"): a finding in a shared module that is
// the same in several rulesets is kept once and names them all; one that holds in a single
// ruleset of several names it.
std::vector<Diagnostic> foldShared(const Workspace &ws, std::vector<Diagnostic> diagnostics) {
  std::vector<Diagnostic> out;
  std::map<std::string, std::size_t> first; // what the finding says -> its place in out
  for (Diagnostic &d : diagnostics) {
    if (d.ruleset.empty()) {
      out.push_back(std::move(d));
      continue;
    }
    nlohmann::json labels = nlohmann::json::array(), periods = nlohmann::json::array();
    for (const Label &l : d.labels)
      labels.push_back({l.span.file, l.span.begin, l.span.end, l.message});
    for (const Period &p : d.periods)
      periods.push_back(p.text());
    nlohmann::json key = {static_cast<int>(d.severity), d.code,    d.span.file, d.span.begin,
                          d.span.end,                   d.message, labels,      d.notes,
                          d.help,                       d.details, periods,     d.waiver};
    auto [it, fresh] = first.try_emplace(
        key.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), out.size());
    if (fresh) {
      out.push_back(std::move(d));
      continue;
    }
    Diagnostic &kept = out[it->second];
    if (kept.rulesets.empty())
      kept.rulesets.push_back(kept.ruleset);
    kept.rulesets.push_back(d.ruleset);
  }
  auto ownFile = [&](const std::string &ruleset) {
    for (const ir::History &h : ws.rulesets)
      if (h.id == ruleset && !h.periods.empty() && !h.periods.front().files.empty())
        return h.periods.front().files.back();
    return FileId{0};
  };
  for (Diagnostic &d : out) {
    if (d.rulesets.empty()) {
      if (!d.ruleset.empty() && ws.rulesets.size() > 1 && d.span.valid() &&
          d.span.file != ownFile(d.ruleset))
        d.note(fmt::format("found in ruleset `{}`", d.ruleset));
      continue;
    }
    std::sort(d.rulesets.begin(), d.rulesets.end());
    d.rulesets.erase(std::unique(d.rulesets.begin(), d.rulesets.end()), d.rulesets.end());
    if (d.rulesets.size() == 1) {
      d.rulesets.clear();
      continue;
    }
    d.ruleset = d.rulesets.front();
    std::string names;
    for (std::size_t i = 0; i < d.rulesets.size(); ++i)
      names += fmt::format("{}`{}`", i == 0 ? "" : i + 1 == d.rulesets.size() ? " and " : ", ",
                           d.rulesets[i]);
    d.note(fmt::format("found in {} rulesets: {}", d.rulesets.size(), names));
  }
  return out;
}

std::string renderRun(const Workspace &ws, const RunResult &run, const std::string &format,
                      bool color, const CheckOptions &options) {
  std::vector<Diagnostic> diagnostics = ws.sink.sorted(ws.sources);
  markConsequences(diagnostics, ws.sources);
  diagnostics = foldShared(ws, std::move(diagnostics));
  if (format == "json")
    return renderJson(ws, run, diagnostics);
  if (format == "sarif")
    return renderSarif(ws, diagnostics, options.docsUrl);
  if (format == "junit")
    return renderJunit(ws, run, diagnostics);
  return renderTextRun(ws, run, diagnostics, color, options);
}

} // namespace ww::cli
