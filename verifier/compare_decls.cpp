// The declarations part of a comparison: what was added, removed, renamed or changed.

#include "verifier/compare.h"

#include <fmt/format.h>

#include <functional>
#include <map>

namespace ww::verify {
namespace {

// The names of one version's declarations in the new version's words: an old declaration that
// has a counterpart takes its new id; one without gets a name no new declaration has.
class Vocab {
public:
  Vocab(const ir::Ruleset &rs, const ir::Ruleset *target, const NameMaps *maps)
      : rs_(rs), target_(target), maps_(maps) {}

  std::string source(int i) const {
    return name(i, maps_ ? &maps_->sources : nullptr, rs_.sources, target_ ? &target_->sources : nullptr);
  }
  std::string obligation(int i) const {
    return name(i, maps_ ? &maps_->obligations : nullptr, rs_.obligations,
                target_ ? &target_->obligations : nullptr);
  }
  std::string flag(int i) const {
    return name(i, maps_ ? &maps_->flags : nullptr, rs_.flags, target_ ? &target_->flags : nullptr);
  }
  std::string question(int i) const {
    return name(i, maps_ ? &maps_->questions : nullptr, rs_.questions,
                target_ ? &target_->questions : nullptr);
  }
  std::string decision(int i) const {
    return name(i, maps_ ? &maps_->decisions : nullptr, rs_.decisions,
                target_ ? &target_->decisions : nullptr);
  }
  std::string outcome(int i) const {
    return name(i, maps_ ? &maps_->outcomes : nullptr, rs_.outcomes,
                target_ ? &target_->outcomes : nullptr);
  }
  std::string rule(int i) const {
    return name(i, maps_ ? &maps_->rules : nullptr, rs_.rules, target_ ? &target_->rules : nullptr);
  }
  std::string answer(int q, std::int64_t v) const {
    const ir::Question &question = rs_.questions[q];
    if (question.type != ir::QuestionType::OneOf || !maps_ || !target_)
      return question.valueText(v);
    int nq = maps_->questions[q];
    if (nq < 0 || maps_->answers[q].size() <= static_cast<std::size_t>(v) ||
        maps_->answers[q][v] < 0)
      return "\x01" + question.valueText(v);
    return target_->questions[nq].answers[maps_->answers[q][v]].id;
  }

  std::string citations(const std::vector<ir::Citation> &cites) const {
    std::string out;
    for (const ir::Citation &c : cites)
      out += source(c.source) + "|" + c.locator + ";";
    return out;
  }
  std::string list(const std::vector<int> &xs, std::string (Vocab::*f)(int) const) const {
    std::vector<std::string> names;
    for (int x : xs)
      names.push_back((this->*f)(x));
    std::sort(names.begin(), names.end());
    std::string out;
    for (const auto &n : names)
      out += n + ",";
    return out;
  }

  std::string expr(const ir::Expr &e) const {
    using K = ir::Expr::Kind;
    std::string out;
    switch (e.kind) {
    case K::Const:
      return e.value ? "true" : "false";
    case K::Not:
      return "not(" + expr(*e.args[0]) + ")";
    case K::And:
    case K::Or:
      out = e.kind == K::And ? "and(" : "or(";
      for (const auto &a : e.args)
        out += expr(*a) + ",";
      return out + ")";
    case K::QuestionIn:
      out = question(e.question) + " in {";
      for (auto v : e.values)
        out += answer(e.question, v) + ",";
      return out + "}";
    case K::QuestionRange:
      return fmt::format("{} in {}..{}", question(e.question), e.lo, e.hi);
    case K::DecisionIn:
      out = decision(e.decision) + " in {";
      for (int o : e.outcomes)
        out += outcome(o) + ",";
      return out + "}";
    case K::DecisionDiscloses:
      return decision(e.decision) + " discloses";
    case K::DecisionWithoutConsent:
      return decision(e.decision) + " without consent";
    case K::DecisionObliges:
      return decision(e.decision) + " obliges " + obligation(e.target);
    case K::DecisionFlag:
      return decision(e.decision) + " is " + flag(e.target);
    }
    return "?";
  }

private:
  template <class T>
  std::string name(int i, const std::vector<int> *map, const std::vector<T> &own,
                   const std::vector<T> *target) const {
    if (i < 0)
      return "-";
    if (!map || !target)
      return own[i].id;
    int j = (*map)[i];
    return j < 0 ? "\x01" + own[i].id : (*target)[j].id;
  }

  const ir::Ruleset &rs_;
  const ir::Ruleset *target_;
  const NameMaps *maps_;
};

// The parts of a declaration that a change can touch, as comparable strings.
using Parts = std::vector<std::pair<const char *, std::string>>;

// Matches the old and the new declarations of one kind: by id, then (for the rest) by equal
// content when that is unique on both sides. Records added, removed, renamed and changed ones.
template <class T>
std::vector<int> matchKind(const char *what, const std::vector<T> &olds, const std::vector<T> &news,
                           const std::function<Parts(int)> &oldParts,
                           const std::function<Parts(int)> &newParts,
                           std::vector<DeclChange> &out) {
  std::vector<int> map(olds.size(), -1);
  std::vector<bool> taken(news.size(), false);
  std::map<std::string, int> newById;
  for (std::size_t j = 0; j < news.size(); ++j)
    newById.emplace(news[j].id, static_cast<int>(j));
  for (std::size_t i = 0; i < olds.size(); ++i)
    if (auto it = newById.find(olds[i].id); it != newById.end() && !taken[it->second]) {
      map[i] = it->second;
      taken[it->second] = true;
    }
  auto whole = [](const Parts &parts) {
    std::string s;
    for (const auto &[name, value] : parts)
      s += std::string(name) + "=" + value + "\n";
    return s;
  };
  std::map<std::string, std::vector<int>> oldBySig, newBySig;
  for (std::size_t i = 0; i < olds.size(); ++i)
    if (map[i] < 0)
      oldBySig[whole(oldParts(static_cast<int>(i)))].push_back(static_cast<int>(i));
  for (std::size_t j = 0; j < news.size(); ++j)
    if (!taken[j])
      newBySig[whole(newParts(static_cast<int>(j)))].push_back(static_cast<int>(j));
  for (const auto &[sig, is] : oldBySig) {
    auto it = newBySig.find(sig);
    if (it == newBySig.end() || is.size() != 1 || it->second.size() != 1)
      continue;
    map[is[0]] = it->second[0];
    taken[it->second[0]] = true;
  }
  // Report in the new version's order, removed ones after, each in source order.
  std::vector<int> back(news.size(), -1);
  for (std::size_t i = 0; i < olds.size(); ++i)
    if (map[i] >= 0)
      back[map[i]] = static_cast<int>(i);
  for (std::size_t j = 0; j < news.size(); ++j) {
    DeclChange c;
    c.what = what;
    c.id = news[j].id;
    c.newSpan = news[j].span;
    int i = back[j];
    if (i < 0) {
      c.kind = DeclChange::Kind::Added;
      out.push_back(c);
      continue;
    }
    c.oldSpan = olds[i].span;
    c.oldId = olds[i].id;
    Parts a = oldParts(i), b = newParts(static_cast<int>(j));
    std::string changed;
    for (std::size_t k = 0; k < a.size() && k < b.size(); ++k)
      if (a[k].second != b[k].second)
        changed += (changed.empty() ? "" : ", ") + std::string(a[k].first);
    if (olds[i].id != news[j].id) {
      c.kind = DeclChange::Kind::Renamed;
      out.push_back(c);
    }
    if (!changed.empty()) {
      c.kind = DeclChange::Kind::Changed;
      c.detail = changed;
      out.push_back(c);
    }
  }
  for (std::size_t i = 0; i < olds.size(); ++i)
    if (map[i] < 0) {
      DeclChange c;
      c.kind = DeclChange::Kind::Removed;
      c.what = what;
      c.id = olds[i].id;
      c.oldSpan = olds[i].span;
      out.push_back(c);
    }
  return map;
}

} // namespace

std::vector<DeclChange> compareDeclarations(const ir::Ruleset &before, const ir::Ruleset &after,
                                            NameMaps &maps) {
  std::vector<DeclChange> out;
  // Each kind is matched after the kinds it refers to, so that its content is compared in the
  // new version's names.
  Vocab mine(after, nullptr, nullptr), theirs(before, &after, &maps);
  auto text = [](const auto &list) {
    return [&list](int i) { return Parts{{"text", list[i].text}}; };
  };
  maps.sources = matchKind<ir::Source>("source", before.sources, after.sources,
                                       text(before.sources), text(after.sources), out);
  maps.obligations = matchKind<ir::Obligation>("obligation", before.obligations, after.obligations,
                                               text(before.obligations), text(after.obligations),
                                               out);
  maps.flags = matchKind<ir::Flag>("flag", before.flags, after.flags, text(before.flags),
                                   text(after.flags), out);

  auto typeText = [](const ir::Question &q) {
    if (q.type == ir::QuestionType::YesNo)
      return std::string("yes/no");
    if (q.type == ir::QuestionType::Range)
      return fmt::format("{}..{}", q.lo, q.hi);
    std::string s = "one of";
    for (const ir::Answer &a : q.answers)
      s += " " + a.id;
    return s;
  };
  // Questions first without their `asked when` (it names other questions): renames are found on
  // text and answers; the conditions are compared once every question is matched.
  auto questionParts = [&](const ir::Ruleset &rs) {
    return [&rs, &typeText](int i) {
      const ir::Question &q = rs.questions[i];
      return Parts{{"text", q.text}, {"answers", typeText(q)}, {"help", q.help}};
    };
  };
  std::vector<DeclChange> questionChanges;
  maps.questions = matchKind<ir::Question>("question", before.questions, after.questions,
                                           questionParts(before), questionParts(after),
                                           questionChanges);
  maps.answers.assign(before.questions.size(), {});
  std::vector<DeclChange> answerChanges;
  for (std::size_t q = 0; q < before.questions.size(); ++q) {
    int nq = maps.questions[q];
    const ir::Question &oq = before.questions[q];
    if (nq < 0 || oq.type != ir::QuestionType::OneOf ||
        after.questions[nq].type != ir::QuestionType::OneOf)
      continue;
    const ir::Question &newq = after.questions[nq];
    auto label = [](const ir::Question &question) {
      return [&question](int i) { return Parts{{"label", question.answers[i].label}}; };
    };
    std::vector<DeclChange> changes;
    maps.answers[q] =
        matchKind<ir::Answer>("answer", oq.answers, newq.answers, label(oq), label(newq), changes);
    for (DeclChange &c : changes) {
      c.id = newq.id + "." + c.id;
      if (!c.oldId.empty())
        c.oldId = oq.id + "." + c.oldId;
      if (c.kind == DeclChange::Kind::Removed)
        c.id = oq.id + "." + c.id.substr(newq.id.size() + 1);
      answerChanges.push_back(c);
    }
  }
  // `asked when` in the new names; a question's answers that changed are reported one by one.
  for (DeclChange &c : questionChanges) {
    if (c.kind == DeclChange::Kind::Changed) {
      auto find = [](const ir::Ruleset &rs, const std::string &id) {
        return &*std::find_if(rs.questions.begin(), rs.questions.end(),
                              [&](const ir::Question &q) { return q.id == id; });
      };
      if (find(before, c.oldId)->type == ir::QuestionType::OneOf &&
          find(after, c.id)->type == ir::QuestionType::OneOf) {
        std::string detail;
        for (std::string part : {"text", "help"})
          if (c.detail.find(part) != std::string::npos)
            detail += (detail.empty() ? "" : ", ") + part;
        if (detail.empty())
          continue;
        c.detail = detail;
      }
    }
    out.push_back(c);
  }
  for (std::size_t q = 0; q < before.questions.size(); ++q) {
    int nq = maps.questions[q];
    if (nq < 0)
      continue;
    const auto &a = before.questions[q].askedWhen;
    const auto &b = after.questions[nq].askedWhen;
    std::string x = a ? theirs.expr(*a) : "", y = b ? mine.expr(*b) : "";
    if (x == y)
      continue;
    DeclChange c;
    c.kind = DeclChange::Kind::Changed;
    c.what = "question";
    c.id = after.questions[nq].id;
    c.oldId = before.questions[q].id;
    c.detail = "asked when";
    c.oldSpan = before.questions[q].span;
    c.newSpan = after.questions[nq].span;
    out.push_back(c);
  }
  out.insert(out.end(), answerChanges.begin(), answerChanges.end());

  auto decisionParts = [](const ir::Ruleset &rs) {
    return [&rs](int i) { return Parts{{"text", rs.decisions[i].text}}; };
  };
  maps.decisions = matchKind<ir::Decision>("decision", before.decisions, after.decisions,
                                           decisionParts(before), decisionParts(after), out);
  auto outcomeParts = [](const ir::Ruleset &rs, const Vocab &v) {
    return [&rs, &v](int i) {
      const ir::Outcome &o = rs.outcomes[i];
      return Parts{{"decision", v.decision(o.decision)},
                   {"text", o.text},
                   {"discloses", o.discloses ? "yes" : "no"},
                   {"without consent", o.withoutConsent ? "yes" : "no"},
                   {"obligations", v.list(o.obligations, &Vocab::obligation)},
                   {"flags", v.list(o.flags, &Vocab::flag)},
                   {"citations", v.citations(o.citations)}};
    };
  };
  maps.outcomes = matchKind<ir::Outcome>("outcome", before.outcomes, after.outcomes,
                                         outcomeParts(before, theirs), outcomeParts(after, mine),
                                         out);
  // Rules: their exceptions name rules, so they are compared by the rules' ids here.
  auto ruleParts = [](const ir::Ruleset &rs, const Vocab &v) {
    return [&rs, &v](int i) {
      const ir::Rule &r = rs.rules[i];
      std::vector<std::string> exc;
      for (int e : r.exceptionTo)
        exc.push_back(rs.rules[e].id);
      std::sort(exc.begin(), exc.end());
      std::string excText;
      for (const auto &e : exc)
        excText += e + ",";
      return Parts{{"condition", r.inactive ? "inactive" : v.expr(*r.guard)},
                   {"outcome", v.outcome(r.outcome)},
                   {"exceptions", excText},
                   {"obligations", v.list(r.obligations, &Vocab::obligation)},
                   {"citations", v.citations(r.citations)}};
    };
  };
  maps.rules = matchKind<ir::Rule>("rule", before.rules, after.rules, ruleParts(before, theirs),
                                   ruleParts(after, mine), out);
  return out;
}

} // namespace ww::verify
