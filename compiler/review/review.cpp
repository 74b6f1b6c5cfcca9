#include "compiler/review/review.h"

#include "compiler/review/waivers.h"
#include "compiler/support/periods.h"

#include <fmt/format.h>

#include <map>
#include <tuple>
#include <set>

namespace ww::review {

bool DiffResult::anyCaseChanged() const {
  for (const RulesetDiff &r : rulesets)
    if (r.comparison && r.comparison->anyCaseChanged())
      return true;
  return false;
}

bool DiffResult::inconclusive() const {
  for (const RulesetDiff &r : rulesets)
    if (r.comparison && (r.comparison->inconclusive || !r.comparison->error.empty()))
      return true;
  for (const Diagnostic &d : after.sink.all())
    if (d.code == "E0511")
      return true;
  return false;
}

namespace {

// The rulesets a version's requested files declare, in path order (analysed or not).
std::vector<std::string> declaredRulesets(const Workspace &ws) {
  std::vector<std::string> out;
  for (FileId id : ws.requested) {
    const ast::File *f = ws.asts[id - 1].get();
    if (f && f->kind == ast::File::Kind::Ruleset &&
        std::find(out.begin(), out.end(), f->name.text) == out.end())
      out.push_back(f->name.text);
  }
  return out;
}

// The version of a ruleset compared: the one that holds on `date` (a ruleset without dates has
// one), or null when the ruleset is not analysed or does not model the date.
const ir::Ruleset *find(const Workspace &ws, const std::string &id, const Date &date) {
  for (const ir::History &h : ws.rulesets)
    if (h.id == id)
      return h.at(date);
  return nullptr;
}

bool analysed(const Workspace &ws, const std::string &id) {
  for (const ir::History &h : ws.rulesets)
    if (h.id == id)
      return true;
  return false;
}

// Verifies every period of every ruleset (or only the period of `asOf`) on up to `threads`
// threads, findings merged per period as `check` merges them.
void verifyAll(Workspace &ws, const verify::Options &options, const std::optional<Date> &asOf,
               unsigned threads, std::vector<verify::Stats> &stats) {
  std::vector<verify::Job> jobs;
  std::vector<const ir::History *> of;
  for (const ir::History &h : ws.rulesets)
    for (const ir::Ruleset &rs : h.periods)
      if (!asOf || rs.period.contains(*asOf)) {
        jobs.push_back({&rs, {}, {}});
        of.push_back(&h);
      }
  verify::verifyAll(jobs, options, threads);
  std::size_t i = 0;
  for (const ir::History &h : ws.rulesets) {
    std::vector<std::vector<Diagnostic>> findings;
    std::vector<Period> periods;
    verify::Stats merged;
    merged.ruleset = h.id;
    for (; i < jobs.size() && of[i] == &h; ++i) {
      const verify::Stats &s = jobs[i].stats;
      merged.checks.insert(merged.checks.end(), s.checks.begin(), s.checks.end());
      findings.push_back(jobs[i].findings.all());
      periods.push_back(jobs[i].ruleset->period);
    }
    mergeByPeriod(findings, periods, h.dated(), ws.sink,
                  [](const Diagnostic &) { return PeriodPrefix::Always; });
    stats.push_back(merged);
  }
}

} // namespace

void diff(DiffResult &out, const Version &before, const Version &after,
          const DiffOptions &options) {
  load(out.before, before.paths, {options.includeDirs, before.files});
  load(out.after, after.paths, {options.includeDirs, after.files});
  // Two dates of one version compare only those periods; two versions are checked in full.
  bool twoDates = before.date != after.date;
  out.beforeDate = before.date;
  out.afterDate = after.date;
  verifyAll(out.before, options.verify, twoDates ? std::optional(before.date) : std::nullopt,
            options.jobs, out.beforeStats);
  verifyAll(out.after, options.verify, twoDates ? std::optional(after.date) : std::nullopt,
            options.jobs, out.afterStats);
  // Each version's waivers apply to its own findings (docs/ci.md).
  for (auto [ws, files, stats] : {std::tuple{&out.before, before.files, &out.beforeStats},
                                  std::tuple{&out.after, after.files, &out.afterStats}}) {
    std::vector<std::string> verified;
    for (const verify::Stats &s : *stats)
      verified.push_back(s.ruleset);
    applyWaivers(*ws, loadWaivers(*ws, files), options.today, verified, false);
  }

  std::vector<std::string> olds = declaredRulesets(out.before), news = declaredRulesets(out.after);
  // One ruleset on either side under another name: the same ruleset, renamed.
  std::map<std::string, std::string> renamed; // new id -> old id
  if (olds.size() == 1 && news.size() == 1 && olds[0] != news[0])
    renamed[news[0]] = olds[0];
  std::set<std::string> seen;
  for (const std::string &id : news) {
    RulesetDiff r;
    r.id = id;
    std::string oldId = renamed.count(id) ? renamed[id] : id;
    bool inOld = std::find(olds.begin(), olds.end(), oldId) != olds.end();
    seen.insert(oldId);
    r.before = find(out.before, oldId, before.date);
    r.after = find(out.after, id, after.date);
    if (!inOld)
      r.why = "only in the new version";
    else if (!analysed(out.before, oldId))
      r.why = "the old version has errors that stop its analysis";
    else if (!analysed(out.after, id))
      r.why = "the new version has errors that stop its analysis";
    else if (!r.before)
      r.why = fmt::format("the old version does not model {}", before.date.iso());
    else if (!r.after)
      r.why = fmt::format("the new version does not model {}", after.date.iso());
    else
      r.comparison = verify::compare(*r.before, *r.after, options.compare);
    out.rulesets.push_back(std::move(r));
  }
  for (const std::string &id : olds) {
    if (seen.count(id))
      continue;
    RulesetDiff r;
    r.id = id;
    r.before = find(out.before, id, before.date);
    r.why = "only in the old version";
    out.rulesets.push_back(std::move(r));
  }

  // Findings by stable id: those the new version has and the old has not, and the reverse.
  auto ids = [](const Workspace &ws) {
    std::set<std::string> s;
    for (const Diagnostic &d : ws.sink.all())
      if (!d.id.empty())
        s.insert(d.id);
    return s;
  };
  std::set<std::string> oldIds = ids(out.before), newIds = ids(out.after);
  std::set<std::string> reported;
  for (const Diagnostic &d : out.after.sink.all())
    if (!d.id.empty() && !oldIds.count(d.id) && reported.insert(d.id).second)
      out.findings.push_back({true, &d});
  for (const Diagnostic &d : out.before.sink.all())
    if (!d.id.empty() && !newIds.count(d.id) && reported.insert("-" + d.id).second)
      out.findings.push_back({false, &d});
}

} // namespace ww::review
