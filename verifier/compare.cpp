// The semantic part of a comparison: the cases whose outcome or obligations differ, generalised
// into regions, and an exact count by enumeration. The regions are found on the union's classes
// of alike cases when there are few enough (buildCells, searchCells), else with both versions
// encoded in one solver over the union of their questions, linked where they share a question.

#include "verifier/compare.h"

#include "compiler/eval/evaluator.h"
#include "compiler/support/i18n.h"
#include "verifier/boxes.h"
#include "verifier/regions.h"
#include "verifier/z3/encoder.h"
#include "verifier/z3/solver.h"

#include <fmt/format.h>

#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <set>

namespace ww::verify {

std::string DecisionSide::text() const {
  if (conflict)
    return tr("diff.side.conflict");
  if (outcome.empty())
    return tr("diff.side.no_outcome");
  std::string out = "`" + outcome + "`";
  return out;
}

bool Comparison::anyCaseChanged() const {
  for (const DecisionComparison &d : decisions)
    if (!d.transitions.empty())
      return true;
  return false;
}

namespace {

constexpr int kMaxTransitions = 50; // kinds of change searched per decision

// One question of the union of both versions, as the regions name it.
struct UnionQuestion {
  int oldQ = -1, newQ = -1;    ///< -1: the version does not have it
  std::vector<int> oldToUnion; ///< list questions: old answer -> union answer
  std::vector<int> unionToOld; ///< list questions: union answer -> old answer (-1: none)
  /// List questions: union answer -> new answer (-1: none). The new answers themselves, and
  /// an old answer that the new version's `replaces` sends to one of its answers.
  std::vector<int> unionToNew;
  std::int64_t newLo = 0, newHi = 0, oldLo = 0, oldHi = 0;
};

// An outcome or obligation of a decision in either version.
struct Pair {
  int oldIdx = -1, newIdx = -1;
};

// What one kind of change is, to count its cases: the two sides' states.
struct Key {
  std::string before, after;
  friend auto operator<=>(const Key &, const Key &) = default;
};

// "`a`, `b`" (Dutch "`a` en `b`"), or "nothing".
std::string joinIds(const std::vector<std::string> &ids) {
  std::vector<std::string> quoted;
  for (const auto &id : ids)
    quoted.push_back("`" + id + "`");
  if (quoted.empty())
    return tr("diff.nothing");
  return i18n::listItems(quoted);
}

DecisionSide sideOf(const ir::Ruleset &rs, const eval::DecisionResult &r) {
  DecisionSide s;
  s.conflict = r.conflict;
  if (r.outcome)
    s.outcome = rs.outcomes[*r.outcome].id;
  for (int rule : r.remaining) {
    const ir::Rule &x = rs.rules[rule];
    s.rules.push_back(x.id);
    std::string cites;
    for (const ir::Citation &c : x.citations)
      cites += (cites.empty() ? "" : "; ") + rs.sources[c.source].text +
               (c.locator.empty() ? "" : ", " + c.locator);
    s.citations.push_back(fmt::format("`{}`: {}", x.id, cites.empty() ? tr("diff.no_citation") : cites));
  }
  if (r.outcome)
    for (int o : r.obligations)
      s.obligations.push_back(rs.obligations[o].id);
  return s;
}

// Whether two versions' rules say the same in every case: the IR dumps (every question,
// answer, decision, outcome, rule, exception, obligation and assumption, by id) agree but for
// the period line. Texts are compared by compareDeclarations.
bool sameRules(const ir::Ruleset &a, const ir::Ruleset &b) {
  auto body = [](const ir::Ruleset &rs) {
    std::string d = ir::dump(rs);
    std::size_t at = d.find("\nperiod ");
    if (at != std::string::npos)
      d.erase(at + 1, d.find('\n', at + 1) - at);
    return d;
  };
  return body(a) == body(b);
}

constexpr std::size_t kMaxCells = 20000; // classes of cases the comparison enumerates at most

class Comparer {
public:
  Comparer(const ir::Ruleset &before, const ir::Ruleset &after, const CompareOptions &options)
      : old_(before), new_(after), options_(options), oldEv_(before), newEv_(after),
        oldEnc_(ctx_, before), newEnc_(ctx_, after), solver_(ctx_, options.timeoutMs, options.memoryMb, options.cache) {}

  Comparison run() {
    out_.oldId = old_.id;
    out_.newId = new_.id;
    out_.declarations = compareDeclarations(old_, new_, maps_);
    // An outcome that kept its id but says something else is another answer.
    for (std::size_t o = 0; o < old_.outcomes.size(); ++o) {
      int n = maps_.outcomes[o];
      if (n >= 0 && (old_.outcomes[o].text != new_.outcomes[n].text ||
                     old_.outcomes[o].discloses != new_.outcomes[n].discloses ||
                     old_.outcomes[o].withoutConsent != new_.outcomes[n].withoutConsent))
        reworded_.insert(static_cast<int>(o));
    }
    buildUnion();
    // The same declarations and the same rules (a period both versions share unchanged):
    // no case can change, so only the cases are counted.
    bool same = out_.declarations.empty() && reworded_.empty() && sameRules(old_, new_);
    if (!same && !buildCells()) {
      unionEnc_ = std::make_unique<Encoder>(ctx_, union_);
      finder_ = std::make_unique<RegionFinder>(*unionEnc_, solver_, union_);
      encode();
    }
    for (std::size_t nd = 0; nd < new_.decisions.size(); ++nd) {
      int od = -1;
      for (std::size_t d = 0; d < old_.decisions.size(); ++d)
        if (maps_.decisions[d] == static_cast<int>(nd))
          od = static_cast<int>(d);
      if (od < 0)
        continue;
      if (same) {
        out_.decisions.push_back({new_.decisions[nd].id, old_.decisions[od].id, {}, 0, 0, false});
        continue;
      }
      compareDecision(od, static_cast<int>(nd));
    }
    count();
    return std::move(out_);
  }

private:
  // The union's questions: the new version's, in its order (list answers only the old version
  // has are added after the new ones), then those only the old version has.
  void buildUnion() {
    union_.id = new_.id;
    std::vector<int> newToOld(new_.questions.size(), -1);
    for (std::size_t q = 0; q < old_.questions.size(); ++q)
      if (maps_.questions[q] >= 0)
        newToOld[maps_.questions[q]] = static_cast<int>(q);
    std::vector<bool> oldUsed(old_.questions.size(), false);
    for (std::size_t nq = 0; nq < new_.questions.size(); ++nq) {
      ir::Question q = new_.questions[nq];
      q.askedWhen = nullptr;
      UnionQuestion x;
      x.newQ = static_cast<int>(nq);
      x.newLo = q.lo;
      x.newHi = q.hi;
      int oq = newToOld[nq];
      if (oq >= 0 && old_.questions[oq].type == q.type) {
        const ir::Question &o = old_.questions[oq];
        x.oldQ = oq;
        x.oldLo = o.lo;
        x.oldHi = o.hi;
        oldUsed[oq] = true;
        if (q.type == ir::QuestionType::OneOf) {
          x.unionToOld.assign(q.answers.size(), -1);
          for (std::size_t na = 0; na < q.answers.size(); ++na)
            x.unionToNew.push_back(static_cast<int>(na));
          std::vector<bool> replacing(q.answers.size(), false);
          for (std::size_t a = 0; a < o.answers.size(); ++a) {
            int na = maps_.answers[oq][a];
            if (na < 0) {
              q.answers.push_back(o.answers[a]);
              x.unionToOld.push_back(static_cast<int>(a));
              x.oldToUnion.push_back(static_cast<int>(q.answers.size()) - 1);
              // An old answer that the new version replaces: compared with its replacement.
              int by = -1;
              for (const ir::Redirect &r : new_.questions[nq].redirects)
                if (r.id == o.answers[a].id)
                  by = r.answer;
              x.unionToNew.push_back(by);
              if (by >= 0) {
                replacing[by] = true;
                out_.notes.push_back(tr("diff.note.replaced", {{"answer", o.answers[a].id},
                                                               {"question", q.id},
                                                               {"by", q.answers[by].id}}));
                continue;
              }
              out_.notes.push_back(tr("diff.note.answer_only_old",
                                      {{"answer", o.answers[a].id}, {"question", q.id}}));
            } else {
              x.unionToOld[na] = static_cast<int>(a);
              x.oldToUnion.push_back(na);
            }
          }
          for (std::size_t na = 0; na < new_.questions[nq].answers.size(); ++na)
            if (x.unionToOld[na] < 0 && !replacing[na])
              out_.notes.push_back(tr("diff.note.answer_only_new",
                                      {{"answer", q.answers[na].id}, {"question", q.id}}));
          q.hi = static_cast<std::int64_t>(q.answers.size()) - 1;
        } else if (q.type == ir::QuestionType::Range && (o.lo != q.lo || o.hi != q.hi)) {
          out_.notes.push_back(tr("diff.note.range", {{"question", q.id},
                                                      {"old", fmt::format("{}..{}", o.lo, o.hi)},
                                                      {"new", fmt::format("{}..{}", q.lo, q.hi)}}));
          q.lo = std::min(q.lo, o.lo);
          q.hi = std::max(q.hi, o.hi);
        }
      } else {
        out_.notes.push_back(tr(oq >= 0 ? "diff.note.question_only_new.form"
                                        : "diff.note.question_only_new",
                                {{"question", q.id}}));
        if (q.type == ir::QuestionType::OneOf) // the union's answers are the new version's
          for (std::size_t na = 0; na < q.answers.size(); ++na)
            x.unionToNew.push_back(static_cast<int>(na));
      }
      union_.questions.push_back(q);
      questions_.push_back(x);
    }
    for (std::size_t oq = 0; oq < old_.questions.size(); ++oq) {
      if (oldUsed[oq])
        continue;
      ir::Question q = old_.questions[oq];
      q.askedWhen = nullptr;
      bool clash = false;
      for (const auto &other : union_.questions)
        clash = clash || other.id == q.id;
      if (clash)
        q.id += "@old";
      UnionQuestion x;
      x.oldQ = static_cast<int>(oq);
      x.oldLo = q.lo;
      x.oldHi = q.hi;
      if (q.type == ir::QuestionType::OneOf) // the union's answers are the old version's
        for (std::size_t a = 0; a < q.answers.size(); ++a) {
          x.unionToOld.push_back(static_cast<int>(a));
          x.oldToUnion.push_back(static_cast<int>(a));
        }
      out_.notes.push_back(tr("diff.note.question_only_old", {{"question", q.id}}));
      union_.questions.push_back(q);
      questions_.push_back(x);
    }
  }

  // Both versions' variables, and the union's, linked where a question is shared.
  void encode() {
    oldTerms_ = std::make_unique<CaseTerms>(oldEnc_.encodeCase("old!"));
    newTerms_ = std::make_unique<CaseTerms>(newEnc_.encodeCase("new!"));
    unionTerms_ = std::make_unique<CaseTerms>(ctx_);
    CaseTerms &O = *oldTerms_, &N = *newTerms_, &U = *unionTerms_;
    z3::expr_vector wf(ctx_);
    auto num = [&](std::int64_t v) { return ctx_.int_val(static_cast<int64_t>(v)); };
    for (std::size_t i = 0; i < questions_.size(); ++i) {
      const UnionQuestion &x = questions_[i];
      const ir::Question &q = union_.questions[i];
      if (x.oldQ >= 0 && x.newQ >= 0) {
        z3::expr v = ctx_.int_const(("union!" + q.id).c_str());
        z3::expr asked = O.asked[x.oldQ] || N.asked[x.newQ];
        U.value.push_back(v);
        U.asked.push_back(asked);
        wf.push_back(v >= num(q.lo) && v <= num(q.hi));
        wf.push_back(z3::implies(!asked, v == num(q.lo)));
        if (q.type == ir::QuestionType::OneOf) {
          z3::expr_vector to(ctx_);
          for (std::size_t u = 0; u < x.unionToNew.size(); ++u)
            if (x.unionToNew[u] >= 0)
              to.push_back(v == num(static_cast<std::int64_t>(u)) &&
                           N.value[x.newQ] == num(x.unionToNew[u]));
          wf.push_back(z3::implies(N.asked[x.newQ], z3::mk_or(to)));
        } else {
          wf.push_back(z3::implies(N.asked[x.newQ], N.value[x.newQ] == v));
        }
        if (q.type == ir::QuestionType::OneOf) {
          z3::expr_vector same(ctx_);
          for (std::size_t a = 0; a < x.oldToUnion.size(); ++a)
            same.push_back(O.value[x.oldQ] == num(static_cast<std::int64_t>(a)) &&
                           v == num(x.oldToUnion[a]));
          wf.push_back(z3::implies(O.asked[x.oldQ],
                                   same.empty() ? ctx_.bool_val(false) : z3::mk_or(same)));
        } else {
          wf.push_back(z3::implies(O.asked[x.oldQ], O.value[x.oldQ] == v));
        }
      } else if (x.newQ >= 0) {
        U.value.push_back(N.value[x.newQ]);
        U.asked.push_back(N.asked[x.newQ]);
      } else {
        U.value.push_back(O.value[x.oldQ]);
        U.asked.push_back(O.asked[x.oldQ]);
      }
    }
    U.wellFormed = wf.empty() ? ctx_.bool_val(true) : z3::mk_and(wf);
    U.assumptions = ctx_.bool_val(true);
    base_ = std::make_unique<z3::expr>(O.wellFormed && O.assumptions && N.wellFormed &&
                                       N.assumptions && U.wellFormed);
  }

  // The old and the new case of a union case (which determines both).
  std::optional<std::pair<eval::Case, eval::Case>> project(const eval::Case &u) {
    z3::expr_vector fixed(ctx_);
    for (std::size_t q = 0; q < union_.questions.size(); ++q)
      fixed.push_back(u.answers[q] ? unionEnc_->answerIs(*unionTerms_, static_cast<int>(q),
                                                         *u.answers[q])
                                   : !unionTerms_->asked[q]);
    if (solver_.check(*base_ && z3::mk_and(fixed)) != Answer::Sat)
      return std::nullopt;
    return std::make_pair(oldEnc_.decode(solver_.model(), *oldTerms_),
                          newEnc_.decode(solver_.model(), *newTerms_));
  }

  // The decision's outcomes (or obligations) in either version, paired by the name maps.
  std::vector<Pair> outcomePairs(int od, int nd) const {
    std::vector<Pair> out;
    for (int o : new_.decisions[nd].outcomes) {
      Pair p{-1, o};
      for (int x : old_.decisions[od].outcomes)
        if (maps_.outcomes[x] == o && !reworded_.count(x))
          p.oldIdx = x;
      out.push_back(p);
    }
    for (int x : old_.decisions[od].outcomes) {
      int o = maps_.outcomes[x];
      if (o < 0 || new_.outcomes[o].decision != nd || reworded_.count(x))
        out.push_back({x, -1});
    }
    return out;
  }

  std::vector<Pair> obligationPairs() const {
    std::vector<Pair> out;
    for (std::size_t k = 0; k < new_.obligations.size(); ++k) {
      Pair p{-1, static_cast<int>(k)};
      for (std::size_t x = 0; x < old_.obligations.size(); ++x)
        if (maps_.obligations[x] == static_cast<int>(k))
          p.oldIdx = static_cast<int>(x);
      out.push_back(p);
    }
    for (std::size_t x = 0; x < old_.obligations.size(); ++x)
      if (maps_.obligations[x] < 0)
        out.push_back({static_cast<int>(x), -1});
    return out;
  }

  static z3::expr pick(const std::vector<z3::expr> &xs, int i, z3::context &ctx) {
    return i < 0 ? ctx.bool_val(false) : xs[i];
  }

  // The state a decision has in a case, as the result of evaluating it.
  z3::expr stateIs(const DecisionTerms &t, const eval::DecisionResult &r) {
    if (r.conflict)
      return t.conflict;
    if (!r.outcome)
      return !t.any;
    return t.single && t.has[*r.outcome];
  }

  // The outcome of an old result in the new version's names (to tell changes apart).
  std::string oldKey(const eval::DecisionResult &r) const {
    if (r.conflict)
      return "#conflict";
    if (!r.outcome)
      return "#none";
    int o = maps_.outcomes[*r.outcome];
    return o < 0 || reworded_.count(*r.outcome) ? "#old:" + old_.outcomes[*r.outcome].id
                                                : new_.outcomes[o].id;
  }
  std::string newKey(const eval::DecisionResult &r) const {
    if (r.conflict)
      return "#conflict";
    if (!r.outcome)
      return "#none";
    return new_.outcomes[*r.outcome].id;
  }
  std::string oldObligationsKey(const eval::DecisionResult &r) const {
    std::vector<std::string> ids;
    for (int k : r.obligations)
      ids.push_back(maps_.obligations[k] < 0 ? "#old:" + old_.obligations[k].id
                                             : new_.obligations[maps_.obligations[k]].id);
    std::sort(ids.begin(), ids.end());
    std::string s;
    for (const auto &i : ids)
      s += i + ",";
    return s;
  }
  std::string newObligationsKey(const eval::DecisionResult &r) const {
    std::vector<std::string> ids;
    for (int k : r.obligations)
      ids.push_back(new_.obligations[k].id);
    std::sort(ids.begin(), ids.end());
    std::string s;
    for (const auto &i : ids)
      s += i + ",";
    return s;
  }

  void compareDecision(int od, int nd) {
    DecisionComparison dc;
    dc.id = new_.decisions[nd].id;
    dc.oldId = old_.decisions[od].id;
    if (cells_) {
      searchCells(dc, od, nd, false);
      searchCells(dc, od, nd, true);
      out_.decisions.push_back(std::move(dc));
      return;
    }
    const DecisionTerms &O = oldTerms_->decisions[od];
    const DecisionTerms &N = newTerms_->decisions[nd];
    z3::expr_vector differs(ctx_);
    for (const Pair &p : outcomePairs(od, nd))
      differs.push_back(pick(O.has, p.oldIdx, ctx_) != pick(N.has, p.newIdx, ctx_));
    z3::expr outcomeChanged =
        O.any != N.any || O.conflict != N.conflict ||
        (O.single && N.single && (differs.empty() ? ctx_.bool_val(false) : z3::mk_or(differs)));
    z3::expr_vector oblDiffers(ctx_);
    std::vector<Pair> obligations = obligationPairs();
    for (const Pair &p : obligations)
      oblDiffers.push_back(pick(O.obliges, p.oldIdx, ctx_) != pick(N.obliges, p.newIdx, ctx_));
    z3::expr obligationsChanged =
        !outcomeChanged && O.single &&
        (oblDiffers.empty() ? ctx_.bool_val(false) : z3::mk_or(oblDiffers));
    searchTransitions(dc, od, nd, outcomeChanged, false);
    searchTransitions(dc, od, nd, obligationsChanged, true);
    out_.decisions.push_back(std::move(dc));
  }

  void searchTransitions(DecisionComparison &dc, int od, int nd, const z3::expr &changed,
                         bool obligationsOnly) {
    const DecisionTerms &O = oldTerms_->decisions[od];
    const DecisionTerms &N = newTerms_->decisions[nd];
    z3::expr todo = *base_ && changed;
    for (int kinds = 0;; ++kinds) {
      Answer a = solver_.check(todo);
      if (a == Answer::Unknown)
        out_.inconclusive = true;
      if (a != Answer::Sat)
        return;
      if (kinds == kMaxTransitions) {
        dc.truncated = true;
        return;
      }
      std::optional<eval::Case> example = finder_->smallest(todo, *unionTerms_);
      if (!example)
        example = unionEnc_->decode(solver_.model(), *unionTerms_);
      auto cases = project(*example);
      if (!cases) {
        out_.inconclusive = true;
        return;
      }
      eval::DecisionResult before = oldEv_.run(cases->first).decisions[od];
      eval::DecisionResult after = newEv_.run(cases->second).decisions[nd];
      z3::expr kind = stateIs(O, before) && stateIs(N, after);
      if (obligationsOnly) {
        z3::expr_vector exact(ctx_);
        exact.push_back(changed);
        for (const Pair &p : obligationPairs()) {
          auto has = [](const std::vector<int> &xs, int i) {
            return i >= 0 && std::find(xs.begin(), xs.end(), i) != xs.end();
          };
          exact.push_back(pick(O.obliges, p.oldIdx, ctx_) ==
                          ctx_.bool_val(has(before.obligations, p.oldIdx)));
          exact.push_back(pick(N.obliges, p.newIdx, ctx_) ==
                          ctx_.bool_val(has(after.obligations, p.newIdx)));
        }
        kind = kind && z3::mk_and(exact);
      }
      RegionSearch found = finder_->find(*base_, kind, *unionTerms_, options_.maxRegions);
      if (found.inconclusive)
        out_.inconclusive = true;
      record(dc, od, nd, before, after, obligationsOnly, found, [&](const eval::Case &u) {
        return project(u);
      });
      todo = todo && !kind;
    }
  }

  // The kind of change between two results of a decision, and whether only its obligations
  // changed; nothing when it did not change.
  std::optional<std::pair<Key, bool>> changeOf(const eval::DecisionResult &x,
                                               const eval::DecisionResult &y) const {
    if (oldKey(x) != newKey(y))
      return std::pair{keyOf(x, y, false), false};
    if (!x.outcome || oldObligationsKey(x) == newObligationsKey(y))
      return std::nullopt;
    return std::pair{keyOf(x, y, true), true};
  }

  // The key of the change from `x` to `y`: the outcomes, with the obligations when only they
  // changed.
  Key keyOf(const eval::DecisionResult &x, const eval::DecisionResult &y,
            bool obligationsOnly) const {
    Key key{oldKey(x), newKey(y)};
    if (obligationsOnly) {
      key.before += "|" + oldObligationsKey(x);
      key.after += "|" + newObligationsKey(y);
    }
    return key;
  }

  // A kind of change found (from `before` to `after`, the results in its smallest case), with
  // its regions: `project` gives the old and new case of a union case.
  void record(DecisionComparison &dc, int od, int nd, const eval::DecisionResult &before,
              const eval::DecisionResult &after, bool obligationsOnly, const RegionSearch &found,
              const std::function<std::optional<std::pair<eval::Case, eval::Case>>(
                  const eval::Case &)> &project) {
    Transition t;
    t.obligationsOnly = obligationsOnly;
    DecisionSide b = sideOf(old_, before), n = sideOf(new_, after);
    t.before = b.text();
    t.after = n.text();
    if (!obligationsOnly && t.before == t.after)
      t.after += " " + tr("diff.reworded"); // the same id, another text: another answer
    if (obligationsOnly) {
      t.before += " " + tr("diff.side.obliges", {{"obligations", joinIds(b.obligations)}});
      t.after += " " + tr("diff.side.obliges", {{"obligations", joinIds(n.obligations)}});
    }
    for (const Region &r : found.regions) {
      ChangedRegion cr;
      cr.cases = regionText(union_, r);
      cr.example = exampleText(union_, r.example);
      cr.json = regionJson(union_, r);
      if (auto pc = project(r.example)) {
        cr.before = sideOf(old_, oldEv_.run(pc->first).decisions[od]);
        cr.after = sideOf(new_, newEv_.run(pc->second).decisions[nd]);
      }
      t.regions.push_back(std::move(cr));
    }
    regionsOf_.push_back(found.regions);
    t.uncovered = found.more;
    t.uncoveredIsLowerBound = found.moreCapped;
    keys_.push_back({static_cast<int>(out_.decisions.size()), keyOf(before, after, obligationsOnly),
                     obligationsOnly});
    transitionIndex_.push_back(dc.transitions.size());
    dc.transitions.push_back(std::move(t));
  }

  // The kinds of change of one decision found on the cells (buildCells), as searchTransitions
  // finds them with the solver: each time the smallest case with a change of a kind not yet
  // found, then the regions of its kind by the same region search.
  void searchCells(DecisionComparison &dc, int od, int nd, bool obligationsOnly) {
    const std::vector<Cell> &cells = *cells_;
    std::vector<std::optional<Key>> kindOf(cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
      auto c = changeOf(cells[i].before.decisions[od], cells[i].after.decisions[nd]);
      if (c && c->second == obligationsOnly)
        kindOf[i] = c->first;
    }
    for (int kinds = 0;; ++kinds) {
      std::optional<std::size_t> first;
      for (std::size_t i = 0; i < cells.size(); ++i)
        if (kindOf[i] && (!first || corner(cells[i].box) < corner(cells[*first].box)))
          first = i;
      if (!first)
        return;
      if (kinds == kMaxTransitions) {
        dc.truncated = true;
        return;
      }
      Key kind = *kindOf[*first];
      std::vector<Box> finding;
      std::vector<const Box *> rest;
      for (std::size_t i = 0; i < cells.size(); ++i)
        if (kindOf[i] == kind) {
          finding.push_back(cells[i].box);
          kindOf[i].reset(); // found: not a kind still to find
        } else {
          rest.push_back(&cells[i].box);
        }
      CellSpace space(union_, std::move(finding), std::move(rest));
      RegionSearch found = searchRegions(space, union_, options_.maxRegions);
      const Cell &c = cells[*first];
      record(dc, od, nd, c.before.decisions[od], c.after.decisions[nd], obligationsOnly, found,
             [&](const eval::Case &u) -> std::optional<std::pair<eval::Case, eval::Case>> {
               eval::Case point = sentinel(u);
               for (const Cell &x : cells)
                 if (x.box.contains(point))
                   return std::pair{x.oldCase, x.newCase};
               return std::nullopt;
             });
    }
  }

  // A union case with each unasked question at the answer one below its domain (CellSpace).
  eval::Case sentinel(const eval::Case &u) const {
    eval::Case c = u;
    for (std::size_t q = 0; q < c.answers.size(); ++q)
      if (!c.answers[q])
        c.answers[q] = union_.questions[q].lo - 1;
    return c;
  }

  // An order of the union's questions in which every `asked when` reads only earlier ones.
  std::optional<std::vector<int>> unionOrder() const {
    std::size_t n = questions_.size();
    std::vector<int> oldToUnion(old_.questions.size(), -1), newToUnion(new_.questions.size(), -1);
    for (std::size_t i = 0; i < n; ++i) {
      if (questions_[i].oldQ >= 0)
        oldToUnion[questions_[i].oldQ] = static_cast<int>(i);
      if (questions_[i].newQ >= 0)
        newToUnion[questions_[i].newQ] = static_cast<int>(i);
    }
    std::vector<std::set<int>> deps(n);
    std::function<void(const ir::Expr &, const std::vector<int> &, std::set<int> &)> reads =
        [&](const ir::Expr &e, const std::vector<int> &map, std::set<int> &into) {
          if (e.question >= 0)
            into.insert(map[e.question]);
          for (const auto &a : e.args)
            reads(*a, map, into);
        };
    for (std::size_t i = 0; i < n; ++i) {
      const UnionQuestion &x = questions_[i];
      if (x.oldQ >= 0 && old_.questions[x.oldQ].askedWhen)
        reads(*old_.questions[x.oldQ].askedWhen, oldToUnion, deps[i]);
      if (x.newQ >= 0 && new_.questions[x.newQ].askedWhen)
        reads(*new_.questions[x.newQ].askedWhen, newToUnion, deps[i]);
    }
    std::vector<int> order;
    std::vector<bool> done(n, false);
    while (order.size() < n) {
      bool progress = false;
      for (std::size_t i = 0; i < n; ++i) {
        if (done[i])
          continue;
        bool ready = true;
        for (int d : deps[i])
          ready = ready && (d < 0 || done[d]);
        if (!ready)
          continue;
        done[i] = true;
        order.push_back(static_cast<int>(i));
        progress = true;
      }
      if (!progress)
        return std::nullopt;
    }
    return order;
  }

  // The answers of each union question that behave alike, as intervals [first, last]: a list
  // question's answers one by one; a number question's answers between two cuts (addCuts, the
  // domains of both versions and the bounds of the regions found) as one interval, so that a
  // wide range is counted, not enumerated.
  std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> answerClasses() const {
    std::size_t n = questions_.size();
    std::vector<std::set<std::int64_t>> cuts(n);
    std::vector<int> oldToUnion(old_.questions.size(), -1), newToUnion(new_.questions.size(), -1);
    for (std::size_t i = 0; i < n; ++i) {
      if (questions_[i].oldQ >= 0)
        oldToUnion[questions_[i].oldQ] = static_cast<int>(i);
      if (questions_[i].newQ >= 0)
        newToUnion[questions_[i].newQ] = static_cast<int>(i);
    }
    for (auto [rs, map] : {std::pair{&old_, &oldToUnion}, std::pair{&new_, &newToUnion}}) {
      for (const ir::Rule &r : rs->rules)
        eval::addCuts(*r.guard, *map, cuts);
      for (const ir::Question &q : rs->questions)
        if (q.askedWhen)
          eval::addCuts(*q.askedWhen, *map, cuts);
      for (const ir::Assumption &a : rs->assumptions)
        eval::addCuts(*a.cond, *map, cuts);
    }
    auto after = [](std::int64_t v) {
      return v == std::numeric_limits<std::int64_t>::max() ? v : v + 1;
    };
    for (const auto &regions : regionsOf_)
      for (const Region &r : regions)
        for (const Literal &l : r.literals) {
          if (l.isRange) {
            cuts[l.question].insert(l.lo);
            cuts[l.question].insert(after(l.hi));
          }
          for (std::int64_t v : l.values) {
            cuts[l.question].insert(v);
            cuts[l.question].insert(after(v));
          }
        }
    std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> out(n);
    for (std::size_t i = 0; i < n; ++i) {
      const ir::Question &q = union_.questions[i];
      const UnionQuestion &x = questions_[i];
      if (q.type != ir::QuestionType::Range) {
        for (std::int64_t v = q.lo; v <= q.hi; ++v)
          out[i].push_back({v, v});
        continue;
      }
      std::set<std::int64_t> &c = cuts[i];
      for (std::int64_t b : {x.oldLo, after(x.oldHi), x.newLo, after(x.newHi)})
        c.insert(b);
      std::int64_t first = q.lo;
      for (auto it = c.upper_bound(q.lo); it != c.end() && *it <= q.hi; ++it) {
        out[i].push_back({first, *it - 1});
        first = *it;
      }
      out[i].push_back({first, q.hi});
    }
    return out;
  }

  using Classes = std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>>;

  // Where walkUnion is: both versions' cases and the union's, and per union question the class
  // of alike answers the union's case is in.
  struct Walk {
    eval::Case oc, nc, uc;
    std::vector<std::pair<std::int64_t, std::int64_t>> cls;
  };

  // Every case of the union in which both versions' assumptions hold, one class of alike
  // answers at a time (`classes`, answerClasses): `leaf` sees each class at its first answers,
  // with the number of cases it has, and returns false to stop. False when the walk stopped:
  // by `leaf`, after enumerateLimit steps, or at a class of more than 2^64 cases.
  bool walkUnion(const std::vector<int> &order, const Classes &classes,
                 const std::function<bool(const Walk &, Wide)> &leaf) {
    Walk w;
    w.oc.answers.assign(old_.questions.size(), std::nullopt);
    w.nc.answers.assign(new_.questions.size(), std::nullopt);
    w.uc.answers.assign(union_.questions.size(), std::nullopt);
    w.cls.assign(union_.questions.size(), {0, 0});
    std::uint64_t steps = 0;
    Wide weight = 1;
    bool aborted = false;
    auto asks = [](const eval::Evaluator &ev, const ir::Ruleset &rs, int q, const eval::Case &c) {
      const auto &when = rs.questions[q].askedWhen;
      return !when || ev.eval(*when, c, nullptr) == eval::Tri::True;
    };
    std::function<void(std::size_t)> step = [&](std::size_t i) {
      if (aborted)
        return;
      if (++steps > options_.enumerateLimit) {
        aborted = true;
        return;
      }
      if (i == order.size()) {
        if (oldEv_.assumed(w.oc) && newEv_.assumed(w.nc) && !leaf(w, weight))
          aborted = true;
        return;
      }
      int u = order[i];
      const UnionQuestion &x = questions_[u];
      bool oAsk = x.oldQ >= 0 && asks(oldEv_, old_, x.oldQ, w.oc);
      bool nAsk = x.newQ >= 0 && asks(newEv_, new_, x.newQ, w.nc);
      if (!oAsk && !nAsk)
        return step(i + 1);
      const ir::Question &q = union_.questions[u];
      Wide outer = weight;
      for (auto [v, last] : classes[u]) {
        if (aborted)
          break;
        weight = outer * (static_cast<Wide>(static_cast<std::uint64_t>(last) -
                                            static_cast<std::uint64_t>(v)) +
                          1);
        if (weight > kMost) {
          aborted = true;
          break;
        }
        std::optional<std::int64_t> ov, nv;
        if (oAsk) {
          if (q.type == ir::QuestionType::OneOf)
            ov = x.unionToOld[v] < 0 ? std::nullopt : std::optional<std::int64_t>(x.unionToOld[v]);
          else if (v >= x.oldLo && v <= x.oldHi)
            ov = v;
          if (!ov)
            continue;
        }
        if (nAsk) {
          if (q.type == ir::QuestionType::OneOf && x.unionToNew[v] >= 0)
            nv = x.unionToNew[v];
          else if (q.type != ir::QuestionType::OneOf && v >= x.newLo && v <= x.newHi)
            nv = v;
          else
            continue;
        }
        if (oAsk)
          w.oc.answers[x.oldQ] = ov;
        if (nAsk)
          w.nc.answers[x.newQ] = nv;
        w.uc.answers[u] = v;
        w.cls[u] = {v, last};
        step(i + 1);
      }
      weight = outer;
      if (x.oldQ >= 0)
        w.oc.answers[x.oldQ].reset();
      if (x.newQ >= 0)
        w.nc.answers[x.newQ].reset();
      w.uc.answers[u].reset();
    };
    step(0);
    return !aborted;
  }

  // A class of alike cases of the union (walkUnion) as a box over the union's questions (an
  // unasked question at the answer one below its domain, as CellSpace reads it), with both
  // versions' cases and results at its first answers.
  struct Cell {
    Box box;
    eval::Case oldCase, newCase;
    eval::Result before, after;
  };

  // The union's classes of alike cases, when there are at most kMaxCells (and the options
  // allow it): the changed cases are then found on them (searchCells) instead of with the
  // solver.
  bool buildCells() {
    // WW_DIFF_SOLVER=1: always the solver (for measuring and comparing).
    if (const char *off = std::getenv("WW_DIFF_SOLVER");
        !options_.enumerateCells || (off && *off && *off != '0'))
      return false;
    auto order = unionOrder();
    if (!order)
      return false;
    for (const ir::Question &q : union_.questions)
      if (q.lo == std::numeric_limits<std::int64_t>::min())
        return false;
    std::vector<Cell> cells;
    bool complete = walkUnion(*order, answerClasses(), [&](const Walk &w, Wide) {
      if (cells.size() == kMaxCells)
        return false;
      Cell c;
      for (std::size_t u = 0; u < union_.questions.size(); ++u) {
        std::int64_t unasked = union_.questions[u].lo - 1;
        c.box.dims.push_back(w.uc.answers[u] ? ValueSet{w.cls[u]} : ValueSet{{unasked, unasked}});
      }
      c.oldCase = w.oc;
      c.newCase = w.nc;
      c.before = oldEv_.run(w.oc);
      c.after = newEv_.run(w.nc);
      cells.push_back(std::move(c));
      return true;
    });
    if (!complete)
      return false;
    cells_ = std::move(cells);
    return true;
  }

  // Every case of the union, one class of alike answers at a time (walkUnion over
  // answerClasses), while there are not too many; each class counts as many cases as it has
  // answers.
  void count() {
    auto order = unionOrder();
    if (!order)
      return;
    std::map<std::pair<int, Key>, std::size_t> byKey;
    for (std::size_t i = 0; i < keys_.size(); ++i)
      byKey[{keys_[i].decision, keys_[i].key}] = i;
    std::vector<Wide> perTransition(keys_.size(), 0);
    std::vector<std::vector<Wide>> perRegion(keys_.size());
    for (std::size_t i = 0; i < keys_.size(); ++i)
      perRegion[i].assign(regionsOf_[i].size(), 0);
    std::vector<Wide> outcomeChanged(out_.decisions.size(), 0),
        obligationsChanged(out_.decisions.size(), 0);
    std::vector<std::pair<int, int>> decisions; // old, new index per compared decision
    for (const DecisionComparison &d : out_.decisions) {
      int od = -1, nd = -1;
      for (std::size_t i = 0; i < old_.decisions.size(); ++i)
        if (old_.decisions[i].id == d.oldId)
          od = static_cast<int>(i);
      for (std::size_t i = 0; i < new_.decisions.size(); ++i)
        if (new_.decisions[i].id == d.id)
          nd = static_cast<int>(i);
      decisions.emplace_back(od, nd);
    }
    Wide cases = 0, changed = 0;
    bool unknownKind = false;
    bool complete = walkUnion(*order, answerClasses(), [&](const Walk &w, Wide weight) {
      cases += weight;
      eval::Result a = oldEv_.run(w.oc), b = newEv_.run(w.nc);
      bool any = false;
      for (std::size_t d = 0; d < decisions.size(); ++d) {
        auto c = changeOf(a.decisions[decisions[d].first], b.decisions[decisions[d].second]);
        if (!c)
          continue;
        auto &[key, obligationsOnly] = *c;
        (obligationsOnly ? obligationsChanged : outcomeChanged)[d] += weight;
        any = true;
        auto it = byKey.find({static_cast<int>(d), key});
        if (it == byKey.end() || keys_[it->second].obligationsOnly != obligationsOnly) {
          unknownKind = true;
          continue;
        }
        perTransition[it->second] += weight;
        for (std::size_t r = 0; r < regionsOf_[it->second].size(); ++r)
          if (inRegion(regionsOf_[it->second][r], w.uc))
            perRegion[it->second][r] += weight;
      }
      if (any)
        changed += weight;
      return true;
    });
    bool tooMany = cases > kMost;
    if (!complete || unknownKind || out_.inconclusive || tooMany)
      return;
    out_.counted = true;
    out_.cases = static_cast<std::uint64_t>(cases);
    out_.changed = static_cast<std::uint64_t>(changed);
    for (std::size_t d = 0; d < out_.decisions.size(); ++d) {
      out_.decisions[d].outcomeChanged = static_cast<std::uint64_t>(outcomeChanged[d]);
      out_.decisions[d].obligationsChanged = static_cast<std::uint64_t>(obligationsChanged[d]);
    }
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      Transition &t = out_.decisions[keys_[i].decision].transitions[transitionIndex_[i]];
      t.count = static_cast<std::uint64_t>(perTransition[i]);
      for (std::size_t r = 0; r < t.regions.size(); ++r)
        t.regions[r].count = static_cast<std::uint64_t>(perRegion[i][r]);
    }
  }

  struct KeyOf {
    int decision;
    Key key;
    bool obligationsOnly;
  };

  const ir::Ruleset &old_, &new_;
  const CompareOptions &options_;
  eval::Evaluator oldEv_, newEv_;
  z3::context ctx_;
  Encoder oldEnc_, newEnc_;
  Solver solver_;
  NameMaps maps_;
  std::set<int> reworded_; ///< old outcomes whose new version says something else
  Comparison out_;
  ir::Ruleset union_;
  std::vector<UnionQuestion> questions_;
  std::unique_ptr<Encoder> unionEnc_;
  std::unique_ptr<RegionFinder> finder_;
  std::unique_ptr<CaseTerms> oldTerms_, newTerms_, unionTerms_;
  std::unique_ptr<z3::expr> base_;
  std::vector<KeyOf> keys_;                   ///< per transition found, in order
  std::vector<std::size_t> transitionIndex_;  ///< per transition: its index in its decision
  std::vector<std::vector<Region>> regionsOf_; ///< per transition: its regions
  std::optional<std::vector<Cell>> cells_;     ///< buildCells: the classes of alike cases
};

} // namespace

Comparison compare(const ir::Ruleset &before, const ir::Ruleset &after,
                   const CompareOptions &options) {
  try {
    return Comparer(before, after, options).run();
  } catch (const z3::exception &e) {
    Comparison c;
    c.oldId = before.id;
    c.newId = after.id;
    c.error = e.msg();
    return c;
  }
}

} // namespace ww::verify
