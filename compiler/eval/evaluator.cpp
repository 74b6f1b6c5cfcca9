#include "compiler/eval/evaluator.h"

#include <algorithm>
#include <limits>

namespace ww::eval {
namespace {

Tri fromBool(bool b) { return b ? Tri::True : Tri::False; }

} // namespace

Tri Evaluator::eval(const ir::Expr &e, const Case &c, const Result *decided) const {
  using K = ir::Expr::Kind;
  switch (e.kind) {
  case K::Const:
    return fromBool(e.value);
  case K::Not: {
    Tri a = eval(*e.args[0], c, decided);
    return a == Tri::Undefined ? a : fromBool(a == Tri::False);
  }
  case K::And:
  case K::Or: {
    bool isAnd = e.kind == K::And;
    bool undefined = false;
    for (const auto &a : e.args) {
      Tri t = eval(*a, c, decided);
      if (t == Tri::Undefined)
        undefined = true;
      else if ((t == Tri::True) != isAnd)
        return fromBool(!isAnd);
    }
    return undefined ? Tri::Undefined : fromBool(isAnd);
  }
  case K::QuestionIn: {
    const auto &v = c.answers[e.question];
    if (!v)
      return Tri::Undefined;
    return fromBool(std::binary_search(e.values.begin(), e.values.end(), *v));
  }
  case K::QuestionRange: {
    const auto &v = c.answers[e.question];
    if (!v)
      return Tri::Undefined;
    return fromBool(*v >= e.lo && *v <= e.hi);
  }
  default:
    break;
  }
  // Decision atoms.
  if (!decided || e.decision >= static_cast<int>(decided->decisions.size()))
    return Tri::Undefined;
  const DecisionResult &d = decided->decisions[e.decision];
  if (!d.outcome)
    return Tri::Undefined;
  const ir::Outcome &o = rs_.outcomes[*d.outcome];
  switch (e.kind) {
  case K::DecisionIn:
    return fromBool(std::find(e.outcomes.begin(), e.outcomes.end(), *d.outcome) !=
                    e.outcomes.end());
  case K::DecisionDiscloses:
    return fromBool(o.discloses);
  case K::DecisionWithoutConsent:
    return fromBool(o.withoutConsent);
  case K::DecisionObliges:
    return fromBool(std::binary_search(d.obligations.begin(), d.obligations.end(), e.target));
  case K::DecisionFlag:
    return fromBool(std::find(o.flags.begin(), o.flags.end(), e.target) != o.flags.end());
  default:
    return Tri::Undefined;
  }
}

Result Evaluator::run(const Case &c, int without) const { return run(c, without, nullptr); }

Result Evaluator::runOnly(const Case &c, const std::vector<char> &only) const {
  return run(c, -1, &only);
}

Result Evaluator::run(const Case &c, int without, const std::vector<char> *only) const {
  Result r;
  r.decisions.resize(rs_.decisions.size());
  std::vector<char> removed(rs_.rules.size(), 0); // by rule: an applicable exception to it
  for (int d : rs_.decisionOrder) {
    if (only && !(*only)[static_cast<std::size_t>(d)])
      continue;
    const ir::Decision &decision = rs_.decisions[d];
    DecisionResult &out = r.decisions[d];
    for (int rule : decision.rules) {
      if (rule == without || rs_.rules[rule].inactive)
        continue;
      Tri t = eval(*rs_.rules[rule].guard, c, &r);
      if (t == Tri::Undefined)
        r.undefinedRules.push_back(rule);
      if (t == Tri::True)
        out.applicable.push_back(rule);
    }
    settle(out, removed);
  }
  std::sort(r.undefinedRules.begin(), r.undefinedRules.end());
  return r;
}

DecisionResult Evaluator::settle(std::vector<int> applicable) const {
  // The same as settle(out, removed), with the rules removed found from the (short) list of
  // those that apply instead of a flag per rule of the ruleset.
  DecisionResult out;
  out.applicable = std::move(applicable);
  std::vector<int> removed;
  for (int other : out.applicable)
    removed.insert(removed.end(), rs_.rules[other].exceptionTo.begin(),
                   rs_.rules[other].exceptionTo.end());
  std::sort(removed.begin(), removed.end());
  for (int rule : out.applicable)
    if (!std::binary_search(removed.begin(), removed.end(), rule))
      out.remaining.push_back(rule);
  conclude(out);
  return out;
}

void Evaluator::settle(DecisionResult &out, std::vector<char> &removed) const {
  // A rule remains unless a rule of this decision that applies is an exception to it.
  for (int other : out.applicable)
    for (int target : rs_.rules[other].exceptionTo)
      removed[static_cast<std::size_t>(target)] = 1;
  for (int rule : out.applicable)
    if (!removed[static_cast<std::size_t>(rule)])
      out.remaining.push_back(rule);
  for (int other : out.applicable)
    for (int target : rs_.rules[other].exceptionTo)
      removed[static_cast<std::size_t>(target)] = 0;
  conclude(out);
}

void Evaluator::conclude(DecisionResult &out) const {
  for (int rule : out.remaining) {
    int o = rs_.rules[rule].outcome;
    if (!out.outcome)
      out.outcome = o;
    else if (*out.outcome != o)
      out.conflict = true;
  }
  if (out.conflict) {
    out.outcome.reset();
    return;
  }
  if (!out.outcome)
    return;
  out.obligations = rs_.outcomes[*out.outcome].obligations;
  for (int rule : out.remaining)
    out.obligations.insert(out.obligations.end(), rs_.rules[rule].obligations.begin(),
                           rs_.rules[rule].obligations.end());
  std::sort(out.obligations.begin(), out.obligations.end());
  out.obligations.erase(std::unique(out.obligations.begin(), out.obligations.end()),
                        out.obligations.end());
}

std::vector<Tri> Evaluator::asked(const Case &c) const {
  std::vector<Tri> out(rs_.questions.size(), Tri::True);
  for (int q : rs_.questionOrder) {
    const auto &when = rs_.questions[q].askedWhen;
    out[q] = when ? eval(*when, c, nullptr) : Tri::True;
  }
  return out;
}

bool Evaluator::wellFormed(const Case &c) const {
  if (c.answers.size() != rs_.questions.size())
    return false;
  std::vector<Tri> a = asked(c);
  for (std::size_t q = 0; q < rs_.questions.size(); ++q) {
    bool isAsked = a[q] == Tri::True;
    if (isAsked != c.answers[q].has_value())
      return false;
    if (isAsked && (*c.answers[q] < rs_.questions[q].lo || *c.answers[q] > rs_.questions[q].hi))
      return false;
  }
  return true;
}

bool Evaluator::assumed(const Case &c) const {
  for (const ir::Assumption &a : rs_.assumptions)
    if (eval(*a.cond, c, nullptr) != Tri::True)
      return false;
  return true;
}

std::vector<const ir::Expr *> Evaluator::culprits(const ir::Expr &e, const Case &c,
                                                  const Result *decided, Tri value) const {
  using K = ir::Expr::Kind;
  std::vector<const ir::Expr *> out;
  bool split = (e.kind == K::And && value == Tri::False) ||
               (value == Tri::Undefined && (e.kind == K::And || e.kind == K::Or));
  if (value == Tri::Undefined && e.kind == K::Not)
    return culprits(*e.args[0], c, decided, value);
  if (!split) {
    out.push_back(&e);
    return out;
  }
  for (const auto &a : e.args)
    if (eval(*a, c, decided) == value) {
      std::vector<const ir::Expr *> inner = culprits(*a, c, decided, value);
      out.insert(out.end(), inner.begin(), inner.end());
    }
  return out;
}

std::vector<int> Evaluator::failedAssumptions(const Case &c) const {
  std::vector<int> out;
  for (std::size_t a = 0; a < rs_.assumptions.size(); ++a)
    if (eval(*rs_.assumptions[a].cond, c, nullptr) != Tri::True)
      out.push_back(static_cast<int>(a));
  return out;
}

std::string assumptionName(const ir::Ruleset &rs, int a) {
  const ir::Assumption &as = rs.assumptions[a];
  if (!as.text.empty())
    return "assumption “" + as.text + "”";
  return "assumption `" + ir::toString(rs, *as.cond) + "`";
}

void Evaluator::enumerate(const std::function<void(const Case &)> &f) const {
  enumerateUpTo(UINT64_MAX, [&](const Case &c) {
    f(c);
    return true;
  });
}

bool Evaluator::enumerateUpTo(std::uint64_t maxCases,
                              const std::function<bool(const Case &)> &f) const {
  return walk(
      maxCases,
      [&](int q, const std::function<bool(std::int64_t)> &visit) {
        // Stops at hi without stepping past it (hi may be the largest 64-bit number).
        for (std::int64_t v = rs_.questions[q].lo; visit(v) && v != rs_.questions[q].hi; ++v) {
        }
      },
      f);
}

bool Evaluator::walk(
    std::uint64_t most,
    const std::function<void(int, const std::function<bool(std::int64_t)> &)> &answers,
    const std::function<bool(const Case &)> &f) const {
  std::uint64_t seen = 0;
  bool stopped = false;
  Case c;
  c.answers.assign(rs_.questions.size(), std::nullopt);
  const std::vector<int> &order = rs_.questionOrder;
  std::function<void(std::size_t)> step = [&](std::size_t i) {
    if (stopped)
      return;
    if (i == order.size()) {
      if (++seen > most || (assumed(c) && !f(c)))
        stopped = true;
      return;
    }
    int q = order[i];
    const auto &when = rs_.questions[q].askedWhen;
    if (when && eval(*when, c, nullptr) != Tri::True) {
      c.answers[q].reset();
      step(i + 1);
      return;
    }
    answers(q, [&](std::int64_t v) {
      c.answers[q] = v;
      step(i + 1);
      return !stopped;
    });
    c.answers[q].reset();
  };
  step(0);
  return !stopped;
}

std::vector<std::vector<std::int64_t>> Evaluator::classFirsts() const {
  std::size_t n = rs_.questions.size();
  std::vector<int> self(n);
  for (std::size_t q = 0; q < n; ++q)
    self[q] = static_cast<int>(q);
  std::vector<std::set<std::int64_t>> cuts(n);
  for (const ir::Rule &r : rs_.rules)
    if (r.guard)
      addCuts(*r.guard, self, cuts);
  for (const ir::Question &q : rs_.questions)
    if (q.askedWhen)
      addCuts(*q.askedWhen, self, cuts);
  for (const ir::Assumption &a : rs_.assumptions)
    addCuts(*a.cond, self, cuts);
  for (const ir::Property &p : rs_.properties)
    for (const ir::ExprRef &e : {p.cond, p.premise})
      if (e)
        addCuts(*e, self, cuts);
  // Each question's classes by their lowest answer.
  std::vector<std::vector<std::int64_t>> firsts(n);
  for (std::size_t q = 0; q < n; ++q) {
    const ir::Question &question = rs_.questions[q];
    if (question.type != ir::QuestionType::Range) {
      for (std::int64_t v = question.lo; v <= question.hi; ++v)
        firsts[q].push_back(v);
      continue;
    }
    firsts[q].push_back(question.lo);
    for (auto it = cuts[q].upper_bound(question.lo); it != cuts[q].end() && *it <= question.hi;
         ++it)
      firsts[q].push_back(*it);
  }
  return firsts;
}

bool Evaluator::enumerateClassesUpTo(std::uint64_t maxClasses,
                                     const std::function<bool(const Case &)> &f) const {
  std::vector<std::vector<std::int64_t>> firsts = classFirsts();
  return walk(
      maxClasses,
      [&](int q, const std::function<bool(std::int64_t)> &visit) {
        for (std::int64_t v : firsts[static_cast<std::size_t>(q)])
          if (!visit(v))
            return;
      },
      f);
}

void addCuts(const ir::Expr &e, const std::vector<int> &toIndex,
             std::vector<std::set<std::int64_t>> &cuts) {
  auto after = [](std::int64_t v) {
    return v == std::numeric_limits<std::int64_t>::max() ? v : v + 1;
  };
  if (e.question >= 0 && toIndex[e.question] >= 0) {
    std::set<std::int64_t> &c = cuts[toIndex[e.question]];
    if (e.kind == ir::Expr::Kind::QuestionRange) {
      c.insert(e.lo);
      c.insert(after(e.hi));
    } else if (e.kind == ir::Expr::Kind::QuestionIn) {
      for (std::int64_t v : e.values) {
        c.insert(v);
        c.insert(after(v));
      }
    }
  }
  for (const auto &a : e.args)
    addCuts(*a, toIndex, cuts);
}

std::string caseText(const ir::Ruleset &rs, const Case &c) {
  std::string out;
  for (std::size_t q = 0; q < rs.questions.size(); ++q) {
    if (!c.answers[q])
      continue;
    out += (out.empty() ? "" : ", ") + rs.questions[q].id + " = " +
           rs.questions[q].valueText(*c.answers[q]);
  }
  return out.empty() ? "(no questions asked)" : out;
}

} // namespace ww::eval
