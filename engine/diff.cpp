#include "engine/diff.h"

#include "engine/check.h"

#include "engine/waivers.h"
#include "compiler/support/i18n.h"
#include "compiler/support/parallel.h"
#include "compiler/support/periods.h"

#include <fmt/format.h>

#include <map>
#include <tuple>
#include <set>

namespace ww::engine {

bool RulesetDiff::compared() const {
  for (const PeriodDiff &p : periods)
    if (p.comparison)
      return true;
  return false;
}

bool RulesetDiff::anyCaseChanged() const {
  for (const PeriodDiff &p : periods)
    if (p.comparison && p.comparison->anyCaseChanged())
      return true;
  return false;
}

bool RulesetDiff::inconclusive() const {
  for (const PeriodDiff &p : periods)
    if (p.comparison && (p.comparison->inconclusive || !p.comparison->error.empty()))
      return true;
  return false;
}

bool DiffResult::incomplete() const {
  for (const Workspace *ws : {&before, &after}) {
    if (ws->skipped)
      return true;
    for (const Diagnostic &d : ws->sink.all())
      if (isIoError(d))
        return true;
  }
  return false;
}

bool DiffResult::anyCaseChanged() const {
  for (const RulesetDiff &r : rulesets)
    if (r.anyCaseChanged())
      return true;
  return false;
}

bool DiffResult::inconclusive() const {
  for (const RulesetDiff &r : rulesets)
    if (r.inconclusive())
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

// Whether the old version has a requested file that did not parse where the new version has
// ruleset `id`: at the same path, or (`only`) as the only file of the old version.
bool unparsedPeer(const Workspace &before, const Workspace &after, const std::string &id,
                  bool only) {
  std::filesystem::path own;
  for (FileId f : after.requested)
    if (const ast::File *a = after.asts[f - 1].get(); a && a->name.text == id)
      own = after.located[f - 1].lexically_normal();
  for (FileId f : before.requested)
    if (!before.asts[f - 1] && (only || before.located[f - 1].lexically_normal() == own))
      return true;
  return false;
}

const ir::History *history(const Workspace &ws, const std::string &id) {
  for (const ir::History &h : ws.rulesets)
    if (h.id == id)
      return &h;
  return nullptr;
}

// The ruleset's own file (the last of its chain), as diagnostics show it.
std::string ownFile(const Workspace &ws, const std::string &id) {
  for (FileId f : ws.requested)
    if (const ast::File *a = ws.asts[f - 1].get();
        a && a->kind == ast::File::Kind::Ruleset && a->name.text == id)
      return ws.sources.file(f).path();
  return "";
}

// Whether `inner` lies within `outer`.
bool within(const Period &inner, const Period &outer) {
  bool fromOk = !outer.from || (inner.from && *outer.from <= *inner.from);
  bool untilOk = !outer.until || (inner.until && *inner.until <= *outer.until);
  return fromOk && untilOk;
}

// The IR of `h` whose period holds all of `cell`, or null when `h` does not model it.
const ir::Ruleset *covering(const ir::History &h, const Period &cell) {
  for (const ir::Ruleset &rs : h.periods)
    if (within(cell, rs.period))
      return &rs;
  return nullptr;
}

// The periods of the union of both timelines: every boundary of either splits the dates.
std::vector<Period> unionPeriods(const ir::History &a, const ir::History &b) {
  std::set<Date> cuts;
  for (const ir::History *h : {&a, &b})
    for (const ir::Ruleset &rs : h->periods) {
      if (rs.period.from)
        cuts.insert(*rs.period.from);
      if (rs.period.until)
        cuts.insert(*rs.period.until);
    }
  std::vector<Period> out;
  std::optional<Date> from;
  for (const Date &d : cuts) {
    out.push_back({from, d});
    from = d;
  }
  out.push_back({from, std::nullopt});
  return out;
}

} // namespace

void diff(DiffResult &out, const Version &before, const Version &after,
          const DiffOptions &options) {
  load(out.before, before.paths, {options.includeDirs, before.files});
  load(out.after, after.paths, {options.includeDirs, after.files});
  out.everyDate = options.everyDate;
  out.beforeDate = before.date;
  out.afterDate = after.date;
  // Every period of both versions, or only the periods of the two dates.
  // Both versions checked as `check` checks them (kept results reused alike).
  for (auto [ws, date, stats] :
       {std::tuple{&out.before, before.date, &out.beforeStats},
        std::tuple{&out.after, after.date, &out.afterStats}}) {
    CheckOptions check;
    check.verify = options.verify;
    check.jobs = options.jobs;
    if (!options.everyDate)
      check.asOf = date;
    *stats = runChecks(*ws, check).stats;
  }
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
  // Every comparison to make, made on up to `jobs` threads.
  struct Work {
    std::size_t ruleset, period;
  };
  std::vector<Work> work;
  for (const std::string &id : news) {
    RulesetDiff r;
    r.id = id;
    r.oldId = renamed.count(id) ? renamed[id] : id;
    bool inOld = std::find(olds.begin(), olds.end(), r.oldId) != olds.end();
    // A file of the old version that did not parse declares no name: the ruleset of the same
    // file (or the only ruleset on either side) is not "only in the new version".
    if (!inOld && unparsedPeer(out.before, out.after, id, olds.empty() && news.size() == 1)) {
      r.why = tr("diff.why.errors.old");
      seen.insert(r.oldId);
      out.rulesets.push_back(std::move(r));
      continue;
    }
    seen.insert(r.oldId);
    r.oldFile = ownFile(out.before, r.oldId);
    r.newFile = ownFile(out.after, id);
    const ir::History *hb = history(out.before, r.oldId), *ha = history(out.after, id);
    if (!inOld)
      r.why = tr("diff.why.only_new");
    else if (!hb)
      r.why = tr("diff.why.errors.old");
    else if (!ha)
      r.why = tr("diff.why.errors.new");
    if (hb && ha) {
      r.dated = hb->dated() || ha->dated();
      if (options.everyDate) {
        for (const Period &cell : unionPeriods(*hb, *ha)) {
          PeriodDiff p;
          p.period = cell;
          p.before = covering(*hb, cell);
          p.after = covering(*ha, cell);
          if (!p.before && !p.after)
            continue; // neither version models these dates
          if (!p.before)
            p.why = tr("diff.why.dates.old");
          else if (!p.after)
            p.why = tr("diff.why.dates.new");
          r.periods.push_back(std::move(p));
        }
      } else {
        PeriodDiff p;
        p.before = hb->at(before.date);
        p.after = ha->at(after.date);
        if (!p.before)
          p.why = tr("diff.why.date.old", {{"date", i18n::date(before.date)}});
        else if (!p.after)
          p.why = tr("diff.why.date.new", {{"date", i18n::date(after.date)}});
        r.periods.push_back(std::move(p));
      }
      for (std::size_t k = 0; k < r.periods.size(); ++k)
        if (r.periods[k].before && r.periods[k].after)
          work.push_back({out.rulesets.size(), k});
    }
    out.rulesets.push_back(std::move(r));
  }
  for (const std::string &id : olds) {
    if (seen.count(id))
      continue;
    RulesetDiff r;
    r.id = r.oldId = id;
    r.oldFile = ownFile(out.before, id);
    r.why = tr("diff.why.only_old");
    out.rulesets.push_back(std::move(r));
  }
  parallelFor(work.size(), options.jobs, [&](std::size_t i) {
    PeriodDiff &p = out.rulesets[work[i].ruleset].periods[work[i].period];
    p.comparison = verify::compare(*p.before, *p.after, options.compare);
  });

  // Findings by stable id: those the new version has and the old has not, and the reverse.
  auto ids = [](const Workspace &ws) {
    std::set<std::string> s;
    for (const Diagnostic &d : ws.sink.all())
      if (!d.id.empty())
        s.insert(d.id);
    return s;
  };
  std::set<std::string> oldIds = ids(out.before), newIds = ids(out.after);
  // Notes change nothing and are not listed, as `check` does not show them.
  std::set<std::string> reported;
  for (const Diagnostic &d : out.after.sink.all())
    if (!d.id.empty() && d.severity != Severity::Note && !oldIds.count(d.id) &&
        reported.insert(d.id).second)
      out.findings.push_back({true, &d});
  for (const Diagnostic &d : out.before.sink.all())
    if (!d.id.empty() && d.severity != Severity::Note && !newIds.count(d.id) &&
        reported.insert("-" + d.id).second)
      out.findings.push_back({false, &d});
}

} // namespace ww::engine
