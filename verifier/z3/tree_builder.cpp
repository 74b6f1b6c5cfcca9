// Builds the decision tree with the solver and validates it with Z3 and the evaluator.

#include "verifier/tree.h"

#include "compiler/eval/evaluator.h"
#include "verifier/z3/encoder.h"
#include "verifier/z3/solver.h"

#include <fmt/format.h>

#include <map>

namespace ww::verify {

int mainDecision(const ir::Ruleset &rs) {
  int main = -1;
  for (std::size_t d = 0; d < rs.decisions.size(); ++d)
    if (rs.decisions[d].isMain)
      main = static_cast<int>(d);
  return main;
}

namespace {

struct GaveUp {};

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

class TreeBuilder {
public:
  TreeBuilder(const ir::Ruleset &rs, const TreeOptions &options)
      : rs_(rs), ev_(rs), enc_(ctx_, rs), solver_(ctx_, options.timeoutMs), c_(enc_.encodeCase("")),
        base_(c_.wellFormed && c_.assumptions) {
    tree_.mainDecision = mainDecision(rs);
  }

  exp::Tree build() {
    tree_.root = node(0, ctx_.bool_val(true));
    return std::move(tree_);
  }

  z3::context &ctx() { return ctx_; }

  // Z3: every case the assumptions allow follows the tree to a leaf equal to the rules' result.
  Answer validate(const exp::Tree &tree) {
    std::map<int, z3::expr> memo;
    z3::expr ok = correct(tree, tree.root, memo);
    return solver_.check(base_ && !ok);
  }

  exp::Leaf leafOf(const eval::Case &c) const {
    eval::Result r = ev_.run(c);
    exp::Leaf leaf;
    for (const auto &d : r.decisions) {
      leaf.outcomes.push_back(d.outcome);
      leaf.conflicts.push_back(d.conflict);
    }
    if (tree_.mainDecision >= 0) {
      const auto &m = r.decisions[tree_.mainDecision];
      // The case's obligations: those of every decision (helper decisions such as the legal
      // ground carry obligations of their own).
      for (const auto &d : r.decisions)
        leaf.obligations.insert(leaf.obligations.end(), d.obligations.begin(), d.obligations.end());
      std::sort(leaf.obligations.begin(), leaf.obligations.end());
      leaf.obligations.erase(std::unique(leaf.obligations.begin(), leaf.obligations.end()),
                             leaf.obligations.end());
      leaf.rules = m.remaining;
      // The remaining exceptions and the applicable rules they set aside.
      for (int a : m.remaining)
        for (int t : rs_.rules[a].exceptionTo)
          if (std::find(m.applicable.begin(), m.applicable.end(), t) != m.applicable.end())
            leaf.exceptionsWon.push_back({a, t});
      std::sort(leaf.exceptionsWon.begin(), leaf.exceptionsWon.end());
    }
    return leaf;
  }

private:
  Answer check(const z3::expr &e) {
    Answer a = solver_.check(e);
    if (a == Answer::Unknown)
      throw GaveUp{};
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
    for (std::size_t i = 0; i < tree_.nodes.size(); ++i)
      if (tree_.nodes[i] == n)
        return static_cast<int>(i);
    tree_.nodes.push_back(std::move(n));
    return static_cast<int>(tree_.nodes.size()) - 1;
  }

  // The subtree for the cases satisfying path, asking questions from questionOrder[i] on.
  int node(std::size_t i, const z3::expr &path) {
    z3::expr here = base_ && path;
    check(here); // sat: the caller only descends into possible answers
    eval::Case example = enc_.decode(solver_.model(), c_);
    exp::Leaf leaf = leafOf(example);
    if (check(here && differsFrom(leaf)) == Answer::Unsat) {
      exp::Node n;
      n.leaf = std::move(leaf);
      return intern(std::move(n));
    }
    // The next question that can be asked here.
    const auto &order = rs_.questionOrder;
    while (i < order.size() && check(here && c_.asked[order[i]]) == Answer::Unsat)
      ++i;
    if (i == order.size())
      throw GaveUp{}; // a full case always has one result
    int q = order[i];
    exp::Node n;
    n.question = q;
    z3::expr notAsked = here && !c_.asked[q];
    if (check(notAsked) == Answer::Sat)
      throw GaveUp{}; // asked-ness is fixed by earlier answers
    auto offer = [&](std::int64_t v) {
      z3::expr answer = c_.value[q] == ctx_.int_val(static_cast<int64_t>(v));
      if (check(here && answer) == Answer::Unsat)
        return; // not offered: no possible case
      int child = node(i + 1, path && c_.asked[q] && answer);
      if (!n.edges.empty() && n.edges.back().child == child)
        n.edges.back().values.push_back(v);
      else {
        bool merged = false;
        for (auto &e : n.edges)
          if (e.child == child) {
            e.values.push_back(v);
            merged = true;
          }
        if (!merged)
          n.edges.push_back({{v}, child});
      }
    };
    // Counted up to hi without going past it: hi may be the largest 64-bit number.
    for (std::int64_t v = rs_.questions[q].lo;; ++v) {
      offer(v);
      if (v == rs_.questions[q].hi)
        break;
    }
    // A question whose every answer leads to the same place cannot change the result.
    if (n.edges.size() == 1)
      return n.edges.front().child;
    return intern(std::move(n));
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
        z3::expr_vector in(ctx_);
        for (auto v : e.values)
          in.push_back(c_.value[n.question] == ctx_.int_val(static_cast<int64_t>(v)));
        z3::expr takes = c_.asked[n.question] && z3::mk_or(in);
        covered.push_back(takes);
        parts.push_back(z3::implies(takes, correct(tree, e.child, memo)));
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
  z3::expr base_;
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

} // namespace

std::optional<exp::Tree> buildTree(const ir::Ruleset &rs, const TreeOptions &options,
                                   DiagnosticSink &sink) {
  if (mainDecision(rs) < 0)
    return std::nullopt;
  try {
    TreeBuilder builder(rs, options);
    exp::Tree tree = builder.build();
    std::map<int, std::size_t> memo;
    tree.paths = countPaths(tree, tree.root, memo);
    // Translation validation, 1: Z3.
    Answer a = builder.validate(tree);
    if (a == Answer::Unknown)
      throw GaveUp{};
    if (a == Answer::Sat) {
      sink.error("E0602", rs.span,
                 fmt::format("the decision tree of `{}` does not match its rules", rs.id))
          .note("translation validation found a case whose leaf differs from the rules' result");
      return std::nullopt;
    }
    tree.proven.push_back("every case the assumptions allow reaches exactly one leaf (Z3)");
    tree.proven.push_back(
        "every leaf's result equals the rules' result on every case that reaches it (Z3)");
    // 2: the evaluator, on every enumerated case (up to the limit).
    eval::Evaluator ev(rs);
    std::size_t replayed = 0, wrong = 0;
    bool complete = true;
    // Stops at the limit: the cases of wide ranges are too many to walk whole.
    complete = enumerateWhile(rs, ev, [&](const eval::Case &c) {
      if (replayed >= options.replayLimit)
        return false;
      ++replayed;
      int leaf = exp::walk(tree, c.answers);
      if (leaf < 0 || !(tree.nodes[leaf].leaf == builder.leafOf(c)))
        ++wrong;
      return true;
    });
    if (wrong > 0) {
      sink.error("E0602", rs.span,
                 fmt::format("the decision tree of `{}` does not match its rules on {} cases",
                             rs.id, wrong))
          .note("found by replaying enumerated cases through the evaluator");
      return std::nullopt;
    }
    tree.casesReplayed = replayed;
    tree.proven.push_back(
        fmt::format("{} {} cases replayed through the evaluator agree with the tree",
                    complete ? "all" : "the first", replayed));
    return tree;
  } catch (const GaveUp &) {
    sink.error(
            "E0601", rs.span,
            fmt::format("could not build the decision tree of `{}` within the time limit", rs.id))
        .withHelp("raise `--timeout`");
    return std::nullopt;
  }
}

} // namespace ww::verify
