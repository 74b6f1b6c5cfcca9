// Settling and grouping a run's findings: root causes, the author's line, one finding per cause.

#include "engine/findings.h"

#include "engine/causes.h"

#include "compiler/support/i18n.h"
#include "verifier/texts.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

namespace ww::engine {
namespace {

const ir::History *historyOf(const Workspace &ws, const std::string &ruleset) {
  for (const ir::History &h : ws.rulesets)
    if (h.id == ruleset)
      return &h;
  return nullptr;
}

// The ruleset's own file: the last of its chain.
FileId ownFile(const Workspace &ws, const std::string &ruleset) {
  const ir::History *h = historyOf(ws, ruleset);
  if (!h || h->periods.empty() || h->periods.front().files.empty())
    return 0;
  return h->periods.front().files.back();
}

// The first day on which a rule with this span (one version of it) holds in the history.
std::optional<Date> firstDay(const ir::History &h, Span span) {
  for (const ir::Ruleset &rs : h.periods)
    for (const ir::Rule &r : rs.rules)
      if (r.span == span)
        return rs.period.from ? rs.period.from : std::optional<Date>(Date{});
  return std::nullopt;
}

// A conflict between two rules of one file: point at the newer one (valid from a later date);
// when the conflict starts on the day the newer one begins and the older one held before, the
// likely fix is to end the older one there.
void newerRuleFirst(const Workspace &ws, Diagnostic &d) {
  if (d.code != "E0502" || d.labels.empty() || !d.span.valid())
    return;
  const ir::History *h = historyOf(ws, d.ruleset);
  if (!h || !h->dated())
    return;
  Label &other = d.labels.front();
  std::optional<Date> mine = firstDay(*h, d.span), theirs = firstDay(*h, other.span);
  if (!mine || !theirs || *mine == *theirs)
    return;
  // The rules and the first one's outcome, as the message (in its language) names them.
  std::string a = nameIn(d.message, "E0502", "rule"), b = nameIn(d.message, "E0502", "other");
  std::string newer = a, older = b;
  Date start = *mine;
  if (*theirs > *mine) {
    // The label's rule is newer: it becomes the primary location.
    std::string outcomeA = nameIn(d.message, "E0502", "outcome");
    std::swap(d.span, other.span);
    other.message = tr("E0502.label.gives", {{"rule", a}, {"outcome", outcomeA}});
    newer = b;
    older = a;
    start = *theirs;
  }
  bool startsThen = !d.periods.empty() && d.periods.front().from == start;
  if (!startsThen || newer.empty() || older.empty())
    return;
  d.help.insert(d.help.begin(), tr("E0502.help.end_old", {{"newer", newer},
                                                         {"older", older},
                                                         {"from", i18n::date(start)},
                                                         {"date", start.iso()}}));
}

// A finding of a ruleset located in a module, with a label in the ruleset's own file, is
// located in the ruleset's file: that is the line its author changed.
void authorsLine(const Workspace &ws, Diagnostic &d) {
  FileId own = ownFile(ws, d.ruleset);
  if (!own || !d.span.valid() || d.span.file == own)
    return;
  auto mine = std::find_if(d.labels.begin(), d.labels.end(),
                           [&](const Label &l) { return l.span.valid() && l.span.file == own; });
  if (mine == d.labels.end())
    return;
  Label moved{d.span, tr("verifier.module_part")};
  d.span = mine->span;
  *mine = moved;
}

// Periods merged where they overlap or meet, in date order; empty when one of them is all.
std::vector<Period> unionOf(const std::vector<std::vector<Period>> &lists) {
  std::vector<Period> all;
  for (const auto &list : lists) {
    if (list.empty())
      return {};
    all.insert(all.end(), list.begin(), list.end());
  }
  std::sort(all.begin(), all.end(), [](const Period &a, const Period &b) {
    if (!a.from || !b.from)
      return !a.from && b.from;
    return *a.from < *b.from;
  });
  std::vector<Period> out;
  for (const Period &p : all) {
    if (!out.empty()) {
      Period &last = out.back();
      if (!last.until || (p.from && *p.from <= *last.until)) {
        if (last.until && (!p.until || *p.until > *last.until))
          last.until = p.until;
        continue;
      }
    }
    out.push_back(p);
  }
  return out;
}

// The periods as a finding's prefix names them, in the language of the process.
std::string periodsText(const std::vector<Period> &periods) { return verify::periodsText(periods); }

// The id without its ruleset: `E0501:huisarts:delen` -> `E0501::delen`.
std::string subjectOf(const std::string &id) {
  std::size_t a = id.find(':'), b = id.find(':', a == std::string::npos ? 0 : a + 1);
  if (a == std::string::npos || b == std::string::npos)
    return id;
  return id.substr(0, a + 1) + id.substr(b);
}

std::string names(const std::vector<std::string> &list) { return i18n::listAnd(list); }

} // namespace

std::string withoutPeriods(const Diagnostic &d) {
  if (d.periods.empty())
    return d.message;
  std::string prefix = periodsText(d.periods) + ": ";
  return d.message.rfind(prefix, 0) == 0 ? d.message.substr(prefix.size()) : d.message;
}

void settleFindings(Workspace &ws) {
  std::vector<Diagnostic> &all = ws.sink.mutableAll();
  markConsequences(all, ws.sources);
  for (Diagnostic &d : all) {
    if (d.ruleset.empty())
      continue;
    newerRuleFirst(ws, d);
    authorsLine(ws, d);
  }
}

std::vector<Diagnostic> groupFindings(const Workspace &ws, std::vector<Diagnostic> diagnostics) {
  using Key = std::tuple<int, std::string, FileId, std::size_t, std::size_t, std::string,
                         std::string, bool, std::string>;
  std::map<Key, std::size_t> groupOf;
  std::vector<std::vector<Diagnostic>> groups;
  for (Diagnostic &d : diagnostics) {
    if (d.ruleset.empty() || d.id.empty()) {
      groups.push_back({std::move(d)});
      continue;
    }
    Key key{static_cast<int>(d.severity), d.code,           d.span.file,
            d.span.begin,                 d.span.end,       subjectOf(d.id),
            withoutPeriods(d),            d.waiver.empty(), subjectOf(d.causedBy)};
    auto [it, fresh] = groupOf.try_emplace(key, groups.size());
    if (fresh)
      groups.push_back({});
    groups[it->second].push_back(std::move(d));
  }
  std::vector<Diagnostic> out;
  for (std::vector<Diagnostic> &members : groups) {
    Diagnostic d = members.front();
    if (d.ruleset.empty() || d.id.empty()) {
      out.push_back(std::move(d));
      continue;
    }
    std::vector<std::string> rulesets;
    for (const Diagnostic &m : members)
      if (std::find(rulesets.begin(), rulesets.end(), m.ruleset) == rulesets.end())
        rulesets.push_back(m.ruleset);
    std::sort(rulesets.begin(), rulesets.end());
    bool inModule = ws.rulesets.size() > 1 && d.span.valid() && d.span.file != ownFile(ws, d.ruleset);
    if (rulesets.size() == 1) {
      if (inModule)
        d.note(tr("verifier.found_in_ruleset", {{"ruleset", d.ruleset}}));
      out.push_back(std::move(d));
      continue;
    }
    // Each ruleset's periods (one member per ruleset and group of periods).
    std::vector<std::vector<Period>> lists;
    bool samePeriods = true;
    for (const Diagnostic &m : members) {
      lists.push_back(m.periods);
      samePeriods = samePeriods && m.periods == d.periods;
    }
    std::string bare = withoutPeriods(d);
    if (!samePeriods) {
      d.periods = unionOf(lists);
      d.message = d.periods.empty() ? bare : periodsText(d.periods) + ": " + bare;
    }
    // The rulesets, with their periods where these differ.
    std::vector<std::string> listed;
    for (const std::string &r : rulesets) {
      std::vector<std::vector<Period>> own;
      for (const Diagnostic &m : members)
        if (m.ruleset == r)
          own.push_back(m.periods);
      std::vector<Period> u = unionOf(own);
      listed.push_back(samePeriods || u.empty() ? fmt::format("`{}`", r)
                                                : fmt::format("`{}` ({})", r, periodsText(u)));
    }
    // Where another ruleset's evidence (its regions, example, notes) differs, it is shown too,
    // once for all the rulesets and periods it is the same in.
    std::vector<std::pair<std::string, std::string>> extraKeys; // (periods, note) in order
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> extraIn;
    nlohmann::json findings = nlohmann::json::array();
    for (const Diagnostic &m : members) {
      nlohmann::json periods = nlohmann::json::array();
      for (const Period &p : m.periods)
        periods.push_back(p.text());
      findings.push_back({{"ruleset", m.ruleset}, {"id", m.id}, {"periods", periods}});
      if (&m == &members.front())
        continue;
      for (const std::string &n : m.notes) {
        if (n.rfind(alsoBecause(), 0) == 0 ||
            std::find(members.front().notes.begin(), members.front().notes.end(), n) !=
                members.front().notes.end())
          continue;
        auto key = std::pair{periodsText(m.periods), n};
        auto [it, fresh] = extraIn.try_emplace(key);
        if (fresh)
          extraKeys.push_back(key);
        if (std::find(it->second.begin(), it->second.end(), m.ruleset) == it->second.end())
          it->second.push_back(m.ruleset);
      }
    }
    std::vector<std::string> extra;
    for (const auto &key : extraKeys) {
      std::vector<std::string> in = extraIn[key];
      std::sort(in.begin(), in.end());
      for (std::string &r : in)
        r = "`" + r + "`";
      std::string who = in.size() == rulesets.size()
                            ? tr("verifier.in_every_ruleset")
                            : tr("verifier.in_rulesets", {{"rulesets", names(in)}});
      extra.push_back(key.first.empty() ? fmt::format("{}: {}", who, key.second)
                                        : fmt::format("{} ({}): {}", who, key.first, key.second));
    }
    d.rulesets = rulesets;
    d.ruleset = rulesets.front();
    // The consequences are noted again below, once per group of them.
    d.notes.erase(std::remove_if(d.notes.begin(), d.notes.end(),
                                 [](const std::string &n) { return n.rfind(alsoBecause(), 0) == 0; }),
                  d.notes.end());
    for (const Diagnostic &m : members)
      if (m.ruleset == d.ruleset)
        d.id = m.id;
    for (std::string &line : extra)
      d.note(std::move(line));
    d.note(tr("verifier.found_in_rulesets",
              {{"count", i18n::number(rulesets.size())}, {"rulesets", names(listed)}}));
    if (!d.details.is_object())
      d.details = nlohmann::json::object();
    d.details["findings"] = findings;
    out.push_back(std::move(d));
  }
  // A root of several rulesets lists each group of consequences once.
  for (Diagnostic &root : out) {
    if (root.rulesets.empty() || (root.code != "E0501" && root.code != "E0502"))
      continue;
    std::string foundIn = templateWords("verifier.found_in_rulesets", "", "count");
    auto at = std::find_if(root.notes.begin(), root.notes.end(), [&](const std::string &n) {
      return n.rfind(foundIn, 0) == 0;
    });
    std::vector<std::string> notes;
    for (const Diagnostic &c : out)
      if (!c.causedBy.empty() && subjectOf(c.causedBy) == subjectOf(root.id) &&
          std::find(root.rulesets.begin(), root.rulesets.end(), c.ruleset) != root.rulesets.end()) {
        std::string n = consequenceNote(c, ws.sources);
        if (c.rulesets.size() > 1)
          n += tr("verifier.in_count_rulesets", {{"count", i18n::number(c.rulesets.size())}});
        else if (ws.rulesets.size() > 1)
          n += fmt::format(" (in `{}`)", c.ruleset);
        notes.push_back(std::move(n));
      }
    root.notes.insert(at, notes.begin(), notes.end());
  }
  return out;
}

} // namespace ww::engine
