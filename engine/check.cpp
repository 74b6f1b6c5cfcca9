#include "engine/check.h"

#include "compiler/support/periods.h"
#include "verifier/tree.h"

#include <fmt/format.h>

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
    for (const auto &c : s.checks) {
      auto [it, fresh] = index.try_emplace(Key{c.kind, c.name, c.status, c.message}, merged.size());
      if (fresh)
        merged.push_back({c, std::vector<char>(perPeriod.size(), 0)});
      verify::CheckRecord &kept = merged[it->second].first;
      kept.seconds += fresh ? 0 : c.seconds;
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
      record.name += " (" + periodRuns(periods, mask) + ")";
    out.checks.push_back(std::move(record));
  }
  return out;
}

} // namespace

RunResult runChecks(Workspace &ws, const CheckOptions &options) {
  RunResult run;
  auto start = std::chrono::steady_clock::now();
  const verify::Options &vo = options.verify;
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
  std::size_t started = 0;
  verify::verifyAll(jobs, vo, options.jobs, [&](std::size_t i) {
    if (options.started)
      options.started(fmt::format("{} `{}`{} ({} of {})", vo.testsOnly ? "testing" : "checking",
                                  of[i]->id,
                                  of[i]->dated() ? ", " + jobs[i].ruleset->period.text() : "",
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
      report.periods.push_back({rs.period, coverage(rs, tree ? &*tree : nullptr, asOf)});
    }
    run.coverage.push_back(std::move(report));
  }
  run.coverageSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace ww::engine
