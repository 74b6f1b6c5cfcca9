// Builds the decision tree with the solver and validates it with Z3 and the evaluator.
//
// The solver keeps the base constraints (well-formedness and the assumptions) asserted once;
// descending an edge pushes that edge's answer, so every query at a node is only the query's
// own part. A number question is split into the intervals its bounds cut (every condition on
// it compares it with constants, so the result is the same for every answer in an interval):
// one query per interval, never per value.

#include "verifier/tree.h"

#include "compiler/eval/evaluator.h"
#include "verifier/z3/encoder.h"
#include "verifier/z3/solver.h"

#include "compiler/support/i18n.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace ww::verify {

int mainDecision(const ir::Ruleset &rs) {
  int main = -1;
  for (std::size_t d = 0; d < rs.decisions.size(); ++d)
    if (rs.decisions[d].isMain)
      main = static_cast<int>(d);
  return main;
}

namespace {

// The solver gave up: out of time, or (outOfMemory) out of memory.
struct GaveUp {
  bool outOfMemory = false;
};

// Where the conditions on a number question change value: the first answers of the intervals
// between the bounds that conditions compare the question with.
void collectCuts(const ir::Ruleset &rs, const ir::Expr &e, std::set<const ir::Expr *> &seen,
                 std::vector<std::set<std::int64_t>> &cuts) {
  if (!seen.insert(&e).second)
    return;
  for (const auto &a : e.args)
    collectCuts(rs, *a, seen, cuts);
  if (e.question < 0 || rs.questions[e.question].type != ir::QuestionType::Range)
    return;
  const ir::Question &q = rs.questions[e.question];
  auto cutBelow = [&](std::int64_t v) { // a new interval starts at v
    if (v > q.lo && v <= q.hi)
      cuts[e.question].insert(v);
  };
  auto cutAfter = [&](std::int64_t v) { // a new interval starts after v
    if (v >= q.lo && v < q.hi)
      cuts[e.question].insert(v + 1);
  };
  if (e.kind == ir::Expr::Kind::QuestionRange) {
    cutBelow(e.lo);
    cutAfter(e.hi);
  } else if (e.kind == ir::Expr::Kind::QuestionIn) {
    for (auto v : e.values) {
      cutBelow(v);
      cutAfter(v);
    }
  }
}

// Calls f on every condition of the ruleset that the tree depends on or that properties read.
void forEachCondition(const ir::Ruleset &rs, const std::function<void(const ir::Expr &)> &f) {
  auto visit = [&](const ir::ExprRef &e) {
    if (e)
      f(*e);
  };
  for (const auto &r : rs.rules)
    visit(r.guard);
  for (const auto &q : rs.questions)
    visit(q.askedWhen);
  for (const auto &a : rs.assumptions)
    visit(a.cond);
  for (const auto &p : rs.properties) {
    visit(p.cond);
    visit(p.premise);
  }
}

// By question: the atoms (QuestionIn, QuestionRange) that compare it with constants.
void collectAtoms(const ir::Expr &e, std::set<const ir::Expr *> &seen,
                  std::vector<std::vector<const ir::Expr *>> &atoms) {
  if (!seen.insert(&e).second)
    return;
  for (const auto &a : e.args)
    collectAtoms(*a, seen, atoms);
  if (e.question >= 0 &&
      (e.kind == ir::Expr::Kind::QuestionIn || e.kind == ir::Expr::Kind::QuestionRange))
    atoms[e.question].push_back(&e);
}

} // namespace

std::vector<std::vector<Interval>> answerIntervals(const ir::Ruleset &rs) {
  std::vector<std::set<std::int64_t>> cuts(rs.questions.size());
  std::set<const ir::Expr *> seen;
  forEachCondition(rs, [&](const ir::Expr &e) { collectCuts(rs, e, seen, cuts); });
  std::vector<std::vector<Interval>> out(rs.questions.size());
  for (std::size_t q = 0; q < rs.questions.size(); ++q) {
    const ir::Question &question = rs.questions[q];
    if (question.type != ir::QuestionType::Range) {
      for (std::int64_t v = question.lo; v <= question.hi; ++v)
        out[q].push_back({v, v});
      continue;
    }
    std::int64_t start = question.lo;
    for (std::int64_t cut : cuts[q]) {
      out[q].push_back({start, cut - 1});
      start = cut;
    }
    out[q].push_back({start, question.hi});
  }
  return out;
}

namespace {

// The cases Evaluator::enumerate gives, in its order, until f returns false; false when it
// stopped early.
bool enumerateWhile(const ir::Ruleset &rs, const eval::Evaluator &ev,
                    const std::function<bool(const eval::Case &)> &f) {
  eval::Case c;
  c.answers.assign(rs.questions.size(), std::nullopt);
  std::function<bool(std::size_t)> step = [&](std::size_t i) {
    if (i == rs.questionOrder.size())
      return !ev.assumed(c) || f(c);
    int q = rs.questionOrder[i];
    const auto &when = rs.questions[q].askedWhen;
    if (when && ev.eval(*when, c, nullptr) != eval::Tri::True) {
      c.answers[q].reset();
      return step(i + 1);
    }
    for (std::int64_t v = rs.questions[q].lo;; ++v) {
      c.answers[q] = v;
      if (!step(i + 1))
        return false;
      if (v == rs.questions[q].hi)
        break;
    }
    c.answers[q].reset();
    return true;
  };
  return step(0);
}

// A key that identifies a node by its content (nodes are shared when equal).
std::string nodeKey(const exp::Node &n) {
  std::string k = fmt::format("q{}", n.question);
  for (const auto &e : n.edges) {
    k += fmt::format("|{}:", e.child);
    for (auto v : e.values)
      k += fmt::format("{},", v);
  }
  const exp::Leaf &l = n.leaf;
  k += "|o";
  for (const auto &o : l.outcomes)
    k += o ? fmt::format("{},", *o) : "-,";
  k += "c";
  for (bool c : l.conflicts)
    k += c ? '1' : '0';
  k += "b";
  for (int o : l.obligations)
    k += fmt::format("{},", o);
  k += "r";
  for (int r : l.rules)
    k += fmt::format("{},", r);
  k += "x";
  for (auto [a, t] : l.exceptionsWon)
    k += fmt::format("{}>{},", a, t);
  return k;
}

class TreeBuilder {
public:
  TreeBuilder(const ir::Ruleset &rs, const TreeOptions &options)
      : rs_(rs), ev_(rs), enc_(ctx_, rs), solver_(ctx_, options.timeoutMs, options.memoryMb, options.cache), c_(enc_.encodeCase("")),
        intervals_(answerIntervals(rs)), fixed_(rs.questions.size(), -1) {
    tree_.mainDecision = mainDecision(rs);
    // Which atoms each interval satisfies, as a small number per distinct combination.
    std::vector<std::vector<const ir::Expr *>> atoms(rs.questions.size());
    std::set<const ir::Expr *> seen;
    forEachCondition(rs, [&](const ir::Expr &e) { collectAtoms(e, seen, atoms); });
    for (std::size_t q = 0; q < rs.questions.size(); ++q) {
      std::map<std::vector<bool>, int> ids;
      signature_.emplace_back();
      for (const Interval &iv : intervals_[q]) {
        std::vector<bool> truth;
        for (const ir::Expr *a : atoms[q])
          truth.push_back(a->kind == ir::Expr::Kind::QuestionRange
                              ? a->lo <= iv.lo && iv.lo <= a->hi
                              : std::find(a->values.begin(), a->values.end(), iv.lo) !=
                                    a->values.end());
        signature_.back().push_back(
            ids.emplace(std::move(truth), static_cast<int>(ids.size())).first->second);
      }
    }
    // Asserted once: every query of the builder and of the validation is about these cases.
    solver_.add(c_.wellFormed && c_.assumptions);
  }

  exp::Tree build() {
    if (check() == Answer::Sat)
      tree_.root = node(0, enc_.decode(solver_.model(), c_));
    else // no case at all (contradictory assumptions, only with --unverified): one empty leaf
      tree_.root = leafNode(leafOf(enc_.decode(solver_.model(), c_)));
    return std::move(tree_);
  }

  /// One case on each root-to-leaf path of `tree` that some case takes (up to `limit` paths,
  /// depth first), found with the solver; `paths` counts the paths visited.
  std::vector<eval::Case> pathCases(const exp::Tree &tree, std::size_t limit, std::size_t &paths) {
    std::vector<eval::Case> out;
    for (auto &cases : casesByPath(tree, limit, 1))
      if (!cases.empty())
        out.push_back(std::move(cases.front()));
    paths = std::min(limit, tree.paths);
    return out;
  }

  /// Up to `perPath` different cases on each root-to-leaf path of `tree` (up to `limit` paths,
  /// depth first), by path: each next case differs from the ones before in some answer. A path
  /// that no case takes (an edge of a shared subtree) has none.
  std::vector<std::vector<eval::Case>> casesByPath(const exp::Tree &tree, std::size_t limit,
                                                   std::size_t perPath) {
    std::vector<std::vector<eval::Case>> out;
    std::function<void(int)> visit = [&](int id) {
      if (out.size() >= limit)
        return;
      const exp::Node &n = tree.nodes[id];
      if (n.question < 0) {
        out.emplace_back();
        solver_.push();
        while (out.back().size() < perPath && check() == Answer::Sat) {
          eval::Case c = enc_.decode(solver_.model(), c_);
          z3::expr_vector same(ctx_); // this case's answers: the next one differs in some
          for (std::size_t q = 0; q < rs_.questions.size(); ++q)
            same.push_back(c.answers[q] ? enc_.answerIs(c_, static_cast<int>(q), *c.answers[q])
                                        : !c_.asked[q]);
          solver_.add(!z3::mk_and(same));
          out.back().push_back(std::move(c));
        }
        solver_.pop();
        return;
      }
      for (const exp::Edge &e : n.edges) {
        solver_.push();
        solver_.add(takes(n.question, e));
        visit(e.child);
        solver_.pop();
      }
    };
    visit(tree.root);
    return out;
  }

  // Z3, one small query per root-to-leaf path and per question node on it (for trees of at
  // most `limit` paths): along every path, every case on it takes some edge of each node, and
  // has the leaf's result. Together: every case follows the tree to a leaf equal to the rules'
  // result. Sat: a counterexample; Unknown: the solver gave up.
  Answer validateByPaths(const exp::Tree &tree) {
    Answer out = Answer::Unsat;
    std::function<void(int)> visit = [&](int id) {
      const exp::Node &n = tree.nodes[id];
      if (out != Answer::Unsat)
        return;
      if (n.question < 0) {
        out = solver_.check(differsFrom(n.leaf), false);
        return;
      }
      z3::expr_vector some(ctx_);
      for (const exp::Edge &e : n.edges)
        some.push_back(takes(n.question, e));
      if ((out = solver_.check(!z3::mk_or(some), false)) != Answer::Unsat)
        return;
      for (const exp::Edge &e : n.edges) {
        solver_.push();
        solver_.add(takes(n.question, e));
        visit(e.child);
        solver_.pop();
      }
    };
    visit(tree.root);
    return out;
  }

  // Z3: every case the assumptions allow follows the tree to a leaf equal to the rules' result.
  Answer validate(const exp::Tree &tree) {
    std::map<int, z3::expr> memo;
    z3::expr ok = correct(tree, tree.root, memo);
    return solver_.check(!ok);
  }

  exp::Leaf leafOf(const eval::Case &c) const {
    return exp::leafOf(rs_, ev_, tree_.mainDecision, c);
  }

  std::size_t solverCalls() const { return solver_.calls(); }
  bool outOfMemory() const { return solver_.outOfMemory(); }

private:
  // The cases on the current path (asserted) and e: satisfiable? (The model is not needed.)
  Answer check(const z3::expr &e) {
    Answer a = solver_.check(e, false);
    if (a == Answer::Unknown)
      throw GaveUp{solver_.outOfMemory()};
    return a;
  }
  Answer check() { // with the model of a case on the current path
    Answer a = solver_.check(ctx_.bool_val(true));
    if (a == Answer::Unknown)
      throw GaveUp{solver_.outOfMemory()};
    return a;
  }

  // The cases whose result differs from `leaf`.
  z3::expr differsFrom(const exp::Leaf &leaf) {
    z3::expr_vector diffs(ctx_);
    for (std::size_t d = 0; d < rs_.decisions.size(); ++d) {
      const DecisionTerms &t = c_.decisions[d];
      if (leaf.outcomes[d])
        diffs.push_back(!(t.single && t.has[*leaf.outcomes[d]]));
      else
        diffs.push_back(t.single || (leaf.conflicts[d] ? !t.conflict : t.conflict));
    }
    for (std::size_t k = 0; k < rs_.obligations.size(); ++k) {
      z3::expr_vector any(ctx_);
      for (std::size_t d = 0; d < rs_.decisions.size(); ++d)
        any.push_back(c_.decisions[d].obliges[k]);
      bool has =
          std::binary_search(leaf.obligations.begin(), leaf.obligations.end(), static_cast<int>(k));
      diffs.push_back(has ? !z3::mk_or(any) : z3::mk_or(any));
    }
    if (tree_.mainDecision >= 0) {
      const DecisionTerms &t = c_.decisions[tree_.mainDecision];
      for (int r : rs_.decisions[tree_.mainDecision].rules) {
        bool has = std::find(leaf.rules.begin(), leaf.rules.end(), r) != leaf.rules.end();
        diffs.push_back(has ? !t.remains[r] : t.remains[r]);
      }
      // Which exceptions won over which rules is part of the leaf, so pin it too.
      for (int r : rs_.decisions[tree_.mainDecision].rules)
        for (int target : rs_.rules[r].exceptionTo) {
          bool won = std::find(leaf.exceptionsWon.begin(), leaf.exceptionsWon.end(),
                               std::make_pair(r, target)) != leaf.exceptionsWon.end();
          z3::expr wins = t.remains[r] && t.applies[target];
          diffs.push_back(won ? !wins : wins);
        }
    }
    return z3::mk_or(diffs);
  }

  int intern(exp::Node n) {
    std::string key = nodeKey(n);
    if (auto it = interned_.find(key); it != interned_.end())
      return it->second;
    tree_.nodes.push_back(std::move(n));
    int id = static_cast<int>(tree_.nodes.size()) - 1;
    interned_.emplace(std::move(key), id);
    return id;
  }

  int leafNode(exp::Leaf leaf) {
    exp::Node n;
    n.leaf = std::move(leaf);
    return intern(std::move(n));
  }

  // The answers of interval [a, b] of question q.
  z3::expr inInterval(int q, const Interval &iv) {
    const z3::expr &v = c_.value[q];
    if (iv.lo == iv.hi)
      return v == ctx_.int_val(static_cast<int64_t>(iv.lo));
    return v >= ctx_.int_val(static_cast<int64_t>(iv.lo)) &&
           v <= ctx_.int_val(static_cast<int64_t>(iv.hi));
  }

  // The subtree for the cases on the current path (asserted in the solver; `example` is one of
  // them), asking questions from questionOrder[i] on.
  int node(std::size_t i, eval::Case example) {
    exp::Leaf leaf = leafOf(example);
    if (check(differsFrom(leaf)) == Answer::Unsat)
      return leafNode(std::move(leaf));
    // The next question that can be asked here. One asked in the example needs no query here:
    // that it is asked in every case on the path is checked below.
    const auto &order = rs_.questionOrder;
    std::vector<eval::Tri> askedInExample = ev_.asked(example);
    while (i < order.size() && askedInExample[order[i]] != eval::Tri::True &&
           check(c_.asked[order[i]]) == Answer::Unsat)
      ++i;
    if (i == order.size())
      throw GaveUp{}; // a full case always has one result
    int q = order[i];
    // Asked-ness is fixed by earlier answers (no query for a question without `asked when`).
    if (!c_.asked[q].is_true() && check(!c_.asked[q]) == Answer::Sat)
      throw GaveUp{};
    exp::Node n;
    n.question = q;
    std::vector<int> children;                    // in the order of their first interval
    std::vector<std::vector<Interval>> intervals; // by child
    for (std::size_t k = 0; k < intervals_[q].size(); ++k) {
      const Interval &iv = intervals_[q][k];
      // The subtree depends on the cases on the path only through the atoms they satisfy: two
      // paths that fix the same questions to answers satisfying the same atoms get the same
      // subtree (and the same feasibility), so it is built once.
      fixed_[q] = signature_[q][k];
      std::string key = std::to_string(i + 1);
      for (int f : fixed_)
        key += "," + std::to_string(f);
      int child = -1;
      if (auto it = subtrees_.find(key); it != subtrees_.end()) {
        child = it->second;
      } else {
        solver_.push();
        solver_.add(inInterval(q, iv));
        if (check() == Answer::Sat) // otherwise not offered: no possible case
          child = node(i + 1, enc_.decode(solver_.model(), c_));
        solver_.pop();
        subtrees_.emplace(std::move(key), child);
      }
      fixed_[q] = -1;
      if (child < 0)
        continue;
      auto same = std::find(children.begin(), children.end(), child);
      if (same == children.end()) {
        children.push_back(child);
        intervals.emplace_back();
        same = children.end() - 1;
      }
      intervals[same - children.begin()].push_back(iv);
    }
    // A question whose every answer leads to the same place cannot change the result (and its
    // answers, however many, are never listed).
    if (children.size() == 1)
      return children.front();
    for (std::size_t e = 0; e < children.size(); ++e) {
      n.edges.push_back({{}, children[e]});
      for (const Interval &iv : intervals[e])
        for (std::int64_t v = iv.lo;; ++v) { // up to hi without going past it (hi may be 2^63-1)
          n.edges.back().values.push_back(v);
          if (v == iv.hi)
            break;
        }
    }
    return intern(std::move(n));
  }

  // The cases that take edge e of a node asking q.
  z3::expr takes(int q, const exp::Edge &e) {
    z3::expr_vector in(ctx_);
    std::vector<std::int64_t> values = e.values;
    std::sort(values.begin(), values.end());
    for (std::size_t k = 0; k < values.size();) { // runs of consecutive answers
      std::size_t j = k;
      while (j + 1 < values.size() && values[j + 1] == values[j] + 1)
        ++j;
      in.push_back(inInterval(q, {values[k], values[j]}));
      k = j + 1;
    }
    return c_.asked[q] && z3::mk_or(in);
  }

  z3::expr correct(const exp::Tree &tree, int id, std::map<int, z3::expr> &memo) {
    if (auto it = memo.find(id); it != memo.end())
      return it->second;
    const exp::Node &n = tree.nodes[id];
    z3::expr out(ctx_);
    if (n.question < 0) {
      out = !differsFrom(n.leaf);
    } else {
      z3::expr_vector parts(ctx_);
      z3::expr_vector covered(ctx_);
      for (const exp::Edge &e : n.edges) {
        z3::expr taken = takes(n.question, e);
        covered.push_back(taken);
        parts.push_back(z3::implies(taken, correct(tree, e.child, memo)));
      }
      parts.push_back(z3::mk_or(covered)); // every case takes some edge
      out = z3::mk_and(parts);
    }
    memo.emplace(id, out);
    return out;
  }

  const ir::Ruleset &rs_;
  eval::Evaluator ev_;
  z3::context ctx_;
  Encoder enc_;
  Solver solver_;
  CaseTerms c_;
  std::vector<std::vector<Interval>> intervals_;
  std::vector<std::vector<int>> signature_; ///< by question and interval: which atoms hold
  std::vector<int> fixed_; ///< by question: the signature of its answers on this path, or -1
  std::map<std::string, int> subtrees_; ///< (position, fixed_) → the subtree built, or -1
  std::map<std::string, int> interned_;
  exp::Tree tree_;
};

std::size_t countPaths(const exp::Tree &tree, int id, std::map<int, std::size_t> &memo) {
  if (auto it = memo.find(id); it != memo.end())
    return it->second;
  const exp::Node &n = tree.nodes[id];
  std::size_t total = 0;
  if (n.question < 0)
    total = 1;
  for (const auto &e : n.edges)
    total += countPaths(tree, e.child, memo);
  memo[id] = total;
  return total;
}

// The replay through the evaluator: how many cases, and how many reached a wrong leaf (or none).
struct Replay {
  std::size_t replayed = 0, wrong = 0;
};

void replayCase(const exp::Tree &tree, const TreeBuilder &builder, const eval::Evaluator &ev,
                const eval::Case &c, Replay &out) {
  ++out.replayed;
  int leaf = exp::walk(tree, c.answers);
  if (!ev.wellFormed(c) || !ev.assumed(c) || leaf < 0 ||
      !(tree.nodes[leaf].leaf == builder.leafOf(c)))
    ++out.wrong;
}

// Translation validation of `tree` with the solver of `builder`; fills tree.proven and
// tree.casesReplayed. Throws GaveUp when the solver does.
bool validateWith(TreeBuilder &builder, const ir::Ruleset &rs, exp::Tree &tree,
                  const TreeOptions &options, DiagnosticSink &sink) {
  // 1: Z3 proves the tree equal to the rules on every case: path by path when the paths are
  // not too many (many small queries are faster than one about the whole tree), else in one.
  Answer a =
      tree.paths <= options.pathLimit ? builder.validateByPaths(tree) : builder.validate(tree);
  if (a == Answer::Unknown)
    throw GaveUp{builder.outOfMemory()};
  if (a == Answer::Sat) {
    sink.error("E0602", rs.span, tr("E0602", {{"ruleset", rs.id}}))
        .note(tr("E0602.note.z3"));
    return false;
  }
  tree.proven.clear();
  tree.proven.push_back(tr("verifier.tree.proven_leaf"));
  tree.proven.push_back(tr("verifier.tree.proven_result"));
  // 2: the evaluator, independently of the encoding, on the enumerated cases up to the limit
  // (every case when there are few), and then on one case of every root-to-leaf path.
  eval::Evaluator ev(rs);
  Replay enumerated, onPaths;
  bool complete = enumerateWhile(rs, ev, [&](const eval::Case &c) {
    if (enumerated.replayed >= options.replayLimit)
      return false;
    replayCase(tree, builder, ev, c, enumerated);
    return true;
  });
  std::size_t pathsVisited = 0;
  if (!complete)
    for (const eval::Case &c : builder.pathCases(tree, options.pathLimit, pathsVisited))
      replayCase(tree, builder, ev, c, onPaths);
  if (std::size_t wrong = enumerated.wrong + onPaths.wrong; wrong > 0) {
    sink.error("E0602", rs.span, trn("E0602.cases", wrong, {{"ruleset", rs.id}}))
        .note(tr("E0602.note.replay"));
    return false;
  }
  tree.casesReplayed = enumerated.replayed + onPaths.replayed;
  tree.proven.push_back(tr(complete ? "verifier.tree.replayed_all" : "verifier.tree.replayed_first",
                           {{"count", i18n::number(enumerated.replayed)}}));
  if (!complete)
    tree.proven.push_back(tr("verifier.tree.replayed_paths",
                             {{"count", i18n::number(onPaths.replayed)},
                              {"visited", i18n::number(pathsVisited)},
                              {"paths", i18n::number(tree.paths)}}));
  return true;
}

void gaveUp(const ir::Ruleset &rs, const TreeOptions &options, const GaveUp &why,
            DiagnosticSink &sink) {
  if (why.outOfMemory)
    sink.error("E0601", rs.span,
               tr("E0601.memory", {{"ruleset", rs.id}, {"megabytes", options.memoryMb}}))
        .withHelp(tr("E0601.help.memory"));
  else
    sink.error("E0601", rs.span, tr("E0601", {{"ruleset", rs.id}}))
        .withHelp(tr("E0601.help.timeout"));
}

} // namespace

namespace {

// Runs `body` on a fresh builder; a builder that gives up (time, memory) is E0601 and `failed`.
template <typename Result, typename Body>
Result withBuilder(const ir::Ruleset &rs, const TreeOptions &options, DiagnosticSink &sink,
                   Result failed, Body body) {
  try {
    TreeBuilder builder(rs, options);
    return body(builder);
  } catch (const GaveUp &why) {
    gaveUp(rs, options, why, sink);
    return failed;
  } catch (const z3::exception &e) {
    if (std::string(e.msg()).find("memory") == std::string::npos)
      throw;
    gaveUp(rs, options, GaveUp{true}, sink); // push or assert beyond the memory limit
    return failed;
  }
}

} // namespace

std::optional<exp::Tree> buildTree(const ir::Ruleset &rs, const TreeOptions &options,
                                   DiagnosticSink &sink) {
  if (mainDecision(rs) < 0)
    return std::nullopt;
  return withBuilder<std::optional<exp::Tree>>(
      rs, options, sink, std::nullopt, [&](TreeBuilder &builder) -> std::optional<exp::Tree> {
        exp::Tree tree = builder.build();
        std::map<int, std::size_t> memo;
        tree.paths = countPaths(tree, tree.root, memo);
        if (options.validate && !validateWith(builder, rs, tree, options, sink))
          return std::nullopt;
        return tree;
      });
}

bool validateTree(const ir::Ruleset &rs, exp::Tree &tree, const TreeOptions &options,
                  DiagnosticSink &sink) {
  return withBuilder<bool>(rs, options, sink, false, [&](TreeBuilder &builder) {
    return validateWith(builder, rs, tree, options, sink);
  });
}

std::optional<std::vector<std::vector<eval::Case>>>
casesOnPaths(const ir::Ruleset &rs, const exp::Tree &tree, const TreeOptions &options,
             std::size_t perPath, DiagnosticSink &sink) {
  using Cases = std::optional<std::vector<std::vector<eval::Case>>>;
  return withBuilder<Cases>(rs, options, sink, std::nullopt, [&](TreeBuilder &builder) -> Cases {
    return builder.casesByPath(tree, options.pathLimit, perPath);
  });
}

} // namespace ww::verify
