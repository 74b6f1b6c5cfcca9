#include "engine/check.h"

#include "compiler/parse/keywords.h"
#include "compiler/support/i18n.h"
#include "engine/findings.h"
#include "verifier/texts.h"

#include "compiler/support/parallel.h"
#include "compiler/support/periods.h"
#include "compiler/support/sha256.h"
#include "verifier/proof_cache.h"
#include "verifier/tree.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <tuple>

namespace ww::engine {

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
    out.solverCalls += s.solverCalls;
    out.reused += s.reused;
    out.shared += s.shared;
    for (const auto &c : s.checks) {
      auto [it, fresh] = index.try_emplace(Key{c.kind, c.name, c.status, c.message}, merged.size());
      if (fresh)
        merged.push_back({c, std::vector<char>(perPeriod.size(), 0)});
      verify::CheckRecord &kept = merged[it->second].first;
      kept.seconds += fresh ? 0 : c.seconds;
      kept.solverCalls += fresh ? 0 : c.solverCalls;
      kept.reused += fresh ? 0 : c.reused;
      for (const std::string &id : c.findings)
        if (std::find(kept.findings.begin(), kept.findings.end(), id) == kept.findings.end())
          kept.findings.push_back(id);
      merged[it->second].second[p] = 1;
    }
  }
  bool dated = history.dated();
  for (auto &[record, mask] : merged) {
    record.subject = record.name;
    if (dated)
      record.name += " (" + verify::periodsText(mergedPeriods(periods, mask)) + ")";
    out.checks.push_back(std::move(record));
  }
  return out;
}

} // namespace

namespace {

// ---- a job's result kept whole (verify::ProofCache::findJob) ------------------------------

// What a job's result depends on: the contents of its files in the ruleset's order (not
// their paths: the same files in another folder, or at a git revision, give the same findings,
// whose spans are kept by position in `rs.files`), the ruleset and period, the options that
// change what is found, and the tool's versions.
Digest jobKey(const Workspace &ws, const ir::Ruleset &rs, const verify::Options &o,
             std::map<FileId, Digest> &fileDigests) {
  std::vector<Digest> parts;
  for (FileId f : rs.files) {
    auto it = fileDigests.find(f);
    if (it == fileDigests.end())
      it = fileDigests.emplace(f, sha256(ws.sources.file(f).text())).first;
    parts.push_back(it->second);
  }
  // The result holds the texts of its findings and records: it is kept per language (the
  // answers of the solver's queries, which it reuses, are the same in every language).
  std::string lang = i18n::language() == i18n::Lang::En ? "" : std::string(" lang ") +
                                                                   i18n::languageCode(i18n::language());
  return verify::combine(parts, fmt::format("job {} {} {} {} {} {} {} {} files {}{}", rs.id,
                                            rs.period.text(), o.timeoutMs, o.memoryMb,
                                            o.maxRegions, o.testsOnly, o.boxFastPath,
                                            verify::ProofCache::versions(), rs.files.size(),
                                            lang));
}

// A span as [position of its file in the ruleset's files, begin, end]; nothing when its file
// is not one of them (the job is then not kept).
std::optional<nlohmann::json> spanToJson(Span s, const std::vector<FileId> &files) {
  if (!s.valid())
    return nlohmann::json(nullptr);
  auto it = std::find(files.begin(), files.end(), s.file);
  if (it == files.end())
    return std::nullopt;
  return nlohmann::json{it - files.begin(), s.begin, s.end};
}

Span spanFromJson(const nlohmann::json &j, const std::vector<FileId> &files) {
  if (!j.is_array() || j.size() != 3)
    return {};
  std::size_t at = j[0].get<std::size_t>();
  if (at >= files.size())
    throw std::runtime_error("a file the result names is not the ruleset's");
  return {files[at], j[1].get<std::uint32_t>(), j[2].get<std::uint32_t>()};
}

// A job's result as text, or nothing when a finding points outside the ruleset's files.
std::optional<std::string> jobToText(const verify::Job &job) {
  const std::vector<FileId> &files = job.ruleset->files;
  nlohmann::json findings = nlohmann::json::array();
  for (const Diagnostic &d : job.findings.all()) {
    nlohmann::json labels = nlohmann::json::array();
    for (const Label &l : d.labels) {
      std::optional<nlohmann::json> span = spanToJson(l.span, files);
      if (!span)
        return std::nullopt;
      labels.push_back({*span, l.message});
    }
    std::optional<nlohmann::json> span = spanToJson(d.span, files);
    if (!span)
      return std::nullopt;
    findings.push_back({{"severity", static_cast<int>(d.severity)},
                        {"code", d.code},
                        {"span", *span},
                        {"message", d.message},
                        {"labels", labels},
                        {"notes", d.notes},
                        {"help", d.help},
                        {"id", d.id},
                        {"ruleset", d.ruleset},
                        {"details", d.details}});
  }
  const verify::Stats &s = job.stats;
  nlohmann::json checks = nlohmann::json::array();
  for (const verify::CheckRecord &c : s.checks)
    checks.push_back({c.kind, c.name, static_cast<int>(c.status), c.message, c.findings,
                      c.solverCalls});
  nlohmann::json stats = {{"ruleset", s.ruleset},   {"rules", s.rules},
                          {"properties", s.properties}, {"tests", s.tests},
                          {"decisions", s.decisions}, {"errors", s.errors},
                          {"warnings", s.warnings}, {"inconclusive", s.inconclusive},
                          {"solverCalls", s.solverCalls}, {"checks", checks}};
  return nlohmann::json{{"findings", findings}, {"stats", stats}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Fills the job from a kept result (`earlier`: decided by an earlier run, else by this run);
// false (the job untouched) when it cannot be read.
bool jobFromText(const std::string &text, bool earlier, verify::Job &job) {
  const std::vector<FileId> &files = job.ruleset->files;
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    DiagnosticSink sink;
    for (const nlohmann::json &f : j.at("findings")) {
      Diagnostic d;
      d.severity = static_cast<Severity>(f.at("severity").get<int>());
      d.code = f.at("code").get<std::string>();
      d.span = spanFromJson(f.at("span"), files);
      d.message = f.at("message").get<std::string>();
      for (const nlohmann::json &l : f.at("labels"))
        d.labels.push_back({spanFromJson(l.at(0), files), l.at(1).get<std::string>()});
      d.notes = f.at("notes").get<std::vector<std::string>>();
      d.help = f.at("help").get<std::vector<std::string>>();
      d.id = f.at("id").get<std::string>();
      d.ruleset = f.at("ruleset").get<std::string>();
      d.details = f.at("details");
      sink.report(std::move(d));
    }
    const nlohmann::json &s = j.at("stats");
    verify::Stats stats;
    stats.ruleset = s.at("ruleset").get<std::string>();
    stats.rules = s.at("rules").get<std::size_t>();
    stats.properties = s.at("properties").get<std::size_t>();
    stats.tests = s.at("tests").get<std::size_t>();
    stats.decisions = s.at("decisions").get<std::size_t>();
    stats.errors = s.at("errors").get<std::size_t>();
    stats.warnings = s.at("warnings").get<std::size_t>();
    stats.inconclusive = s.at("inconclusive").get<std::size_t>();
    stats.solverCalls = s.at("solverCalls").get<std::size_t>();
    // Every call is answered: the whole job was decided before (reused: by an earlier run).
    stats.shared = stats.solverCalls;
    stats.reused = earlier ? stats.solverCalls : 0;
    for (const nlohmann::json &c : s.at("checks")) {
      verify::CheckRecord r;
      r.kind = c.at(0).get<std::string>();
      r.name = c.at(1).get<std::string>();
      r.status = static_cast<verify::CheckRecord::Status>(c.at(2).get<int>());
      r.message = c.at(3).get<std::string>();
      r.findings = c.at(4).get<std::vector<std::string>>();
      r.solverCalls = c.at(5).get<std::size_t>();
      r.reused = earlier ? r.solverCalls : 0;
      stats.checks.push_back(std::move(r));
    }
    job.findings = std::move(sink);
    job.stats = std::move(stats);
    return true;
  } catch (const std::exception &) {
    return false;
  }
}

} // namespace

RunResult runChecks(Workspace &ws, const CheckOptions &options) {
  RunResult run;
  auto start = std::chrono::steady_clock::now();
  verify::Options vo = options.verify;
  vo.cancel = options.cancel;
  // One job per ruleset and period, in the order of the output.
  std::vector<verify::Job> jobs;
  std::vector<const ir::History *> of;
  for (const ir::History &history : ws.rulesets) {
    if (options.asOf) {
      if (const ir::Ruleset *rs = history.at(*options.asOf)) {
        jobs.push_back({rs, {}, {}});
        of.push_back(&history);
      }
    } else {
      for (const ir::Ruleset &rs : history.periods) {
        jobs.push_back({&rs, {}, {}});
        of.push_back(&history);
      }
    }
  }
  // Jobs whose whole result is kept are not run again; the rest run, and are kept.
  std::vector<Digest> keys(jobs.size());
  std::vector<char> done(jobs.size(), 0);
  std::map<FileId, Digest> fileDigests; // each file hashed once
  if (vo.cache)
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      keys[i] = jobKey(ws, *jobs[i].ruleset, vo, fileDigests);
      bool earlier = false;
      if (std::optional<std::string> kept = vo.cache->findJob(keys[i], &earlier))
        done[i] = jobFromText(*kept, earlier, jobs[i]);
    }
  std::vector<verify::Job *> todo;
  std::vector<std::size_t> index;
  for (std::size_t i = 0; i < jobs.size(); ++i)
    if (!done[i]) {
      todo.push_back(&jobs[i]);
      index.push_back(i);
    }
  std::size_t started = 0;
  parallelFor(
      todo.size(), options.jobs,
      [&](std::size_t k) {
        verify::Job &job = *todo[k];
        if (options.cancel && options.cancel->load()) {
          job.stats.cancelled = true;
          return;
        }
        job.stats = verify::verify(*job.ruleset, vo, job.findings);
      },
      [&](std::size_t k) {
        std::size_t i = index[k];
        if (options.started)
          options.started(tr(vo.testsOnly ? "verifier.progress.testing" : "verifier.progress.checking",
                             {{"ruleset", of[i]->id},
                              {"period", of[i]->dated()
                                             ? ", " + periodShown(jobs[i].ruleset->period)
                                             : ""},
                              {"number", ++started},
                              {"total", todo.size()}}));
      });
  for (std::size_t i : index)
    run.cancelled = run.cancelled || jobs[i].stats.cancelled;
  if (run.cancelled)
    return run; // incomplete: nothing merged into the workspace, nothing kept
  if (vo.cache)
    for (std::size_t i : index)
      if (jobs[i].stats.inconclusive == 0) // an undecided check is run again next time
        if (std::optional<std::string> text = jobToText(jobs[i]))
          vo.cache->storeJob(keys[i], *text);
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
    DiagnosticSink merged;
    mergeByPeriod(findings, periods, history.dated(), merged,
                  [](const Diagnostic &) { return PeriodPrefix::Always; });
    for (Diagnostic &d : merged.mutableAll())
      ws.sink.report(std::move(d));
    run.stats.push_back(mergeStats(history, ran, stats));
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

namespace {

// Whether a finding holds in the period (a finding without periods holds in all).
bool holdsIn(const Diagnostic &d, const Period &period) {
  if (d.periods.empty())
    return true;
  return std::any_of(d.periods.begin(), d.periods.end(), [&](const Period &p) {
    return (!p.from || (period.from && *p.from <= *period.from)) &&
           (!p.until || (period.until && *period.until <= *p.until));
  });
}

} // namespace

std::size_t CoverageReport::reached() const {
  std::size_t n = 0;
  for (const auto &[period, c] : periods)
    n += c.reached();
  return n;
}

std::size_t CoverageReport::total() const {
  std::size_t n = 0;
  for (const auto &[period, c] : periods)
    n += c.total();
  return n;
}

double CoverageReport::percent() const {
  return total() == 0 ? 100.0 : 100.0 * static_cast<double>(reached()) / total();
}

bool RunResult::coverageBelow() const {
  if (!coverageAsked)
    return false;
  for (const CoverageReport &c : coverage)
    if (c.percent() < minCoverage)
      return true;
  return false;
}

void addCoverage(const Workspace &ws, RunResult &run, const CheckOptions &options) {
  auto start = std::chrono::steady_clock::now();
  run.coverageAsked = true;
  for (const ir::History &h : ws.rulesets) {
    CoverageReport report;
    report.ruleset = h.id;
    report.dated = h.dated();
    for (const ir::Ruleset &rs : h.periods) {
      if (options.asOf && !rs.period.contains(*options.asOf))
        continue;
      // A tree only where the period verifies: without one, leaves are not counted.
      bool errors = false;
      for (const Diagnostic &d : ws.sink.all())
        errors = errors || (d.severity == Severity::Error && d.waiver.empty() &&
                            d.ruleset == rs.id && holdsIn(d, rs.period));
      std::optional<exp::Tree> tree;
      if (!errors && verify::mainDecision(rs) >= 0) {
        DiagnosticSink scratch; // a tree that cannot be built only means: no leaves counted
        tree = verify::buildTree(rs, {}, scratch);
      }
      std::optional<Date> asOf = report.dated ? rs.period.from : std::nullopt;
      parse::KeywordSet set = rs.span.valid()
                                  ? parse::keywordSetOf(ws.sources.file(rs.span.file).text())
                                  : parse::KeywordSet::English;
      report.periods.push_back({rs.period, coverage(rs, tree ? &*tree : nullptr, asOf, set)});
    }
    run.coverage.push_back(std::move(report));
  }
  run.coverageSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace ww::engine
