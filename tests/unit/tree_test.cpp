// The exported decision tree against the evaluator, on every shipped ruleset: every root-to-leaf
// path is replayed. For each path, the cases consistent with its answers (the evaluator's
// enumeration, filtered by the answers along the path) must all reach that leaf, and the
// evaluator must give them the leaf's outcomes, obligations and rules; every enumerated case must
// be consistent with exactly one path. This is independent of the replay in buildTree, which
// walks cases down the tree instead of paths up to cases.
//
// WW_REPO_ROOT (a compile definition) names the repository root; the rulesets are read from
// WW_REPO_ROOT/rulesets.
#include <doctest/doctest.h>

#include <set>

#include "compiler/eval/evaluator.h"
#include "compiler/export/to_json.h"
#include "compiler/export/tree.h"
#include "engine/workspace.h"
#include "helpers.h"
#include "verifier/tree.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <limits>

#ifndef WW_REPO_ROOT
#error "tree_test needs -DWW_REPO_ROOT=\"<repository root>\""
#endif

namespace {

using ww::eval::Case;

/// One step of a path: the question asked and the answers of the edge taken.
struct Step {
  int question;
  const std::vector<std::int64_t> *values;
};

struct Path {
  std::vector<Step> steps;
  int leaf;
};

void collectPaths(const ww::exp::Tree &tree, int id, std::vector<Step> &steps,
                  std::vector<Path> &out) {
  const ww::exp::Node &n = tree.nodes[id];
  if (n.question < 0) {
    out.push_back({steps, id});
    return;
  }
  for (const ww::exp::Edge &e : n.edges) {
    steps.push_back({n.question, &e.values});
    collectPaths(tree, e.child, steps, out);
    steps.pop_back();
  }
}

/// The case answers the path's questions with one of each edge's answers.
bool consistent(const Path &p, const Case &c) {
  for (const Step &s : p.steps) {
    const auto &a = c.answers[s.question];
    if (!a || std::find(s.values->begin(), s.values->end(), *a) == s.values->end())
      return false;
  }
  return true;
}

/// The leaf the evaluator's result makes, written here from the definition in
/// compiler/export/tree.h (not taken from the tree builder).
ww::exp::Leaf expectedLeaf(const ww::ir::Ruleset &rs, int main, const ww::eval::Result &r) {
  ww::exp::Leaf leaf;
  for (const auto &d : r.decisions) {
    leaf.outcomes.push_back(d.outcome);
    leaf.conflicts.push_back(d.conflict);
  }
  const auto &m = r.decisions[main];
  std::set<int> obligations; // the case's: every decision's
  for (const auto &d : r.decisions)
    obligations.insert(d.obligations.begin(), d.obligations.end());
  leaf.obligations.assign(obligations.begin(), obligations.end());
  leaf.rules = m.remaining;
  for (int a : m.remaining) // remaining exceptions and the applicable rules they set aside
    for (int t : rs.rules[a].exceptionTo)
      if (std::find(m.applicable.begin(), m.applicable.end(), t) != m.applicable.end())
        leaf.exceptionsWon.push_back({a, t});
  std::sort(leaf.exceptionsWon.begin(), leaf.exceptionsWon.end());
  return leaf;
}

std::string leafText(const ww::ir::Ruleset &rs, const ww::exp::Leaf &leaf) {
  std::string out;
  for (std::size_t d = 0; d < leaf.outcomes.size(); ++d)
    out += fmt::format("{}={}{} ", rs.decisions[d].id,
                       leaf.outcomes[d] ? rs.outcomes[*leaf.outcomes[d]].id : "-",
                       leaf.conflicts[d] ? "(conflict)" : "");
  out += "obligations:";
  for (int k : leaf.obligations)
    out += " " + rs.obligations[k].id;
  out += " rules:";
  for (int r : leaf.rules)
    out += " " + rs.rules[r].id;
  out += " exceptions:";
  for (auto [a, t] : leaf.exceptionsWon)
    out += fmt::format(" {}>{}", rs.rules[a].id, rs.rules[t].id);
  return out;
}

struct Totals {
  std::size_t rulesets = 0, paths = 0, cases = 0, replays = 0, pathsSkippingAQuestion = 0;
};

void checkRuleset(const ww::ir::Ruleset &rs, Totals &totals) {
  INFO("ruleset ", rs.id);
  ww::DiagnosticSink sink;
  std::optional<ww::exp::Tree> tree = ww::verify::buildTree(rs, {}, sink);
  REQUIRE(tree.has_value());
  REQUIRE(tree->mainDecision >= 0);
  ww::eval::Evaluator ev(rs);

  std::vector<Case> cases;
  ev.enumerate([&](const Case &c) { cases.push_back(c); });
  REQUIRE(!cases.empty());
  // The replay in buildTree walks every case when there are at most replayLimit of them; with
  // more it stops there and replays one case on each path instead (this test needs every case).
  if (cases.size() <= ww::verify::TreeOptions{}.replayLimit)
    CHECK(tree->casesReplayed == cases.size());
  else
    CHECK(tree->proven.back().find("one on each root-to-leaf path") != std::string::npos);

  std::vector<Path> paths;
  std::vector<Step> steps;
  collectPaths(*tree, tree->root, steps, paths);
  CHECK(paths.size() == tree->paths);

  std::vector<int> pathsOf(cases.size(), 0);
  std::size_t unreachable = 0, wrongWalk = 0, wrongResult = 0, skipping = 0;
  std::string firstProblem;
  for (const Path &p : paths) {
    const ww::exp::Leaf &leaf = tree->nodes[p.leaf].leaf;
    std::size_t reached = 0;
    bool skips = false;
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const Case &c = cases[i];
      if (!consistent(p, c))
        continue;
      ++reached;
      ++pathsOf[i];
      ++totals.replays;
      if (ww::exp::walk(*tree, c.answers) != p.leaf) {
        ++wrongWalk;
        if (firstProblem.empty())
          firstProblem =
              fmt::format("{} does not walk to leaf {}", ww::eval::caseText(rs, c), p.leaf);
      }
      ww::exp::Leaf want = expectedLeaf(rs, tree->mainDecision, ev.run(c));
      if (!(want == leaf)) {
        ++wrongResult;
        if (firstProblem.empty())
          firstProblem =
              fmt::format("{}: the leaf says {}; the evaluator {}", ww::eval::caseText(rs, c),
                          leafText(rs, leaf), leafText(rs, want));
      }
      // A question asked in this case but not on the path: the tree skipped it because its
      // answer cannot change the result.
      std::size_t answered = 0;
      for (const auto &a : c.answers)
        answered += a.has_value();
      skips = skips || answered != p.steps.size();
    }
    if (reached == 0) {
      ++unreachable;
      if (firstProblem.empty())
        firstProblem = fmt::format("no case follows the path to leaf {}", p.leaf);
    }
    skipping += skips;
  }
  std::size_t notOnePath = 0;
  for (std::size_t i = 0; i < cases.size(); ++i)
    if (pathsOf[i] != 1) {
      ++notOnePath;
      if (firstProblem.empty())
        firstProblem =
            fmt::format("{} follows {} paths", ww::eval::caseText(rs, cases[i]), pathsOf[i]);
    }
  INFO(firstProblem);
  CHECK(unreachable == 0);
  CHECK(wrongWalk == 0);
  CHECK(wrongResult == 0);
  CHECK(notOnePath == 0);
  ++totals.rulesets;
  totals.paths += paths.size();
  totals.cases += cases.size();
  totals.pathsSkippingAQuestion += skipping;
  MESSAGE(
      fmt::format("{}: {} nodes, {} paths, {} cases; {} paths skip a question that cannot change "
                  "the result",
                  rs.id, tree->nodes.size(), paths.size(), cases.size(), skipping));
}

} // namespace

TEST_CASE("export: every path of every shipped ruleset's tree gives the evaluator's result") {
  auto start = std::chrono::steady_clock::now();
  ww::engine::Workspace ws;
  std::filesystem::path folder = std::filesystem::path(WW_REPO_ROOT) / "rulesets";
  ww::engine::load(ws, {folder.string()}, {});
  std::string errors;
  for (const auto &d : ws.sink.all())
    if (d.severity == ww::Severity::Error)
      errors += d.code + " " + d.message + "\n";
  INFO(errors);
  REQUIRE(!ws.sink.hasErrors());
  REQUIRE(ws.rulesets.size() >= 2);
  // Every period of every shipped ruleset; WW_TREE_PERIODS=N: each ruleset's N latest periods
  // only (the run under the sanitizers, .ci/run).
  std::size_t latest = std::numeric_limits<std::size_t>::max();
  if (const char *n = std::getenv("WW_TREE_PERIODS"); n && std::atoi(n) > 0)
    latest = static_cast<std::size_t>(std::atoi(n));
  Totals totals;
  for (const auto &history : ws.rulesets) {
    std::size_t count = history.periods.size();
    for (std::size_t p = count > latest ? count - latest : 0; p < count; ++p)
      checkRuleset(history.periods[p], totals);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE(fmt::format("{} rulesets, {} paths, {} cases, {} path replays in {:.1f} s",
                      totals.rulesets, totals.paths, totals.cases, totals.replays, secs));
}

TEST_CASE("walk: an answer without an edge, or a missing answer, reaches no leaf") {
  ww::engine::Workspace ws;
  ww::engine::load(
      ws, {(std::filesystem::path(WW_REPO_ROOT) / "rulesets" / "huisarts.ww").string()}, {});
  REQUIRE(!ws.sink.hasErrors());
  REQUIRE(ws.rulesets.size() == 1);
  const auto &rs = ws.rulesets.front().periods.back();
  ww::DiagnosticSink sink;
  auto tree = ww::verify::buildTree(rs, {}, sink);
  REQUIRE(tree.has_value());
  const ww::exp::Node &root = tree->nodes[tree->root];
  REQUIRE(root.question >= 0);
  std::vector<std::optional<std::int64_t>> answers(rs.questions.size());
  CHECK(ww::exp::walk(*tree, answers) == -1);
  answers[root.question] = rs.questions[root.question].hi + 1; // outside the domain
  CHECK(ww::exp::walk(*tree, answers) == -1);
}

// Found by fuzz_generated: the replay went on through every case after its limit, so export
// never ended on five questions of 0..99 (10^10 cases), nor on one of 0..2^63-1.
TEST_CASE("buildTree: the replay stops at its limit however many cases there are") {
  std::string text = "ruleset wide\nsource s \"S\"\n";
  for (const char *q : {"a", "b", "c", "d", "e"})
    text += fmt::format("question {} \"{}?\" 0..99\n", q, q);
  text += "question n \"N?\" 0..9223372036854775807\n"
          "decision x \"X\" {\n  outcome ja \"Ja\" cite s\n  outcome nee \"Nee\" cite s\n}\n"
          "rule r1 when a < 50 then ja cite s\nrule r2 when a >= 50 then nee cite s\n";
  auto f = wwtest::analyse(text);
  REQUIRE(f->rs.has_value());
  ww::verify::TreeOptions options;
  options.replayLimit = 1000;
  ww::DiagnosticSink sink;
  auto start = std::chrono::steady_clock::now();
  auto tree = ww::verify::buildTree(*f->rs, options, sink);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(tree.has_value());
  REQUIRE(tree->proven.size() == 4);
  CHECK(tree->proven[2] == "the first 1000 cases replayed through the evaluator agree with "
                           "the tree");
  // And then one case on each path: a < 50 and a >= 50, whatever the other answers.
  CHECK(tree->proven[3] == "2 more cases, one on each root-to-leaf path that a case takes (2 of "
                           "the tree's 2 paths visited), replayed through the evaluator agree "
                           "with the tree");
  CHECK(tree->casesReplayed == 1002);
  CHECK(secs < 60);
}

TEST_CASE("answerIntervals: a number question is cut where its conditions' bounds are") {
  auto f = wwtest::analyse(
      "ruleset cuts\nsource s \"S\"\n"
      "question a \"A?\" 0..99\nquestion b \"B?\" yes/no\n"
      "question n \"N?\" 0..9223372036854775807\n"
      "decision x \"X\" {\n  outcome ja \"Ja\" cite s\n  outcome nee \"Nee\" cite s\n}\n"
      "rule r1 when a < 50 and n >= 5 then ja cite s\n"
      "rule r2 when a >= 50 or n < 5 then nee cite s\n"
      "rule r3 when a == 70 and b then ja cite s\n");
  REQUIRE(f->rs.has_value());
  auto iv = ww::verify::answerIntervals(*f->rs);
  using I = ww::verify::Interval;
  CHECK(iv[0] == std::vector<I>{{0, 49}, {50, 69}, {70, 70}, {71, 99}});
  CHECK(iv[1] == std::vector<I>{{0, 0}, {1, 1}});
  CHECK(iv[2] == std::vector<I>{{0, 4}, {5, INT64_MAX}});
}

// 28 yes/no questions, none of which matters: the validation used to replay 2^28 cases (the
// first 2,000,000 of them: about 100 s); now the tree is one leaf, proven by Z3, with the first
// enumerated cases and one case on its one path replayed.
TEST_CASE("buildTree: 28 yes/no questions and one rule `when true` in well under a second") {
  std::string text = "ruleset many\nsource s \"S\"\n";
  for (int i = 0; i < 28; ++i)
    text += fmt::format("question q{} \"Q{}?\" yes/no\n", i, i);
  text += "decision x \"X\" {\n  outcome ja \"Ja\" cite s\n}\nrule r when true then ja cite s\n";
  auto f = wwtest::analyse(text);
  REQUIRE(f->rs.has_value());
  ww::DiagnosticSink sink;
  auto start = std::chrono::steady_clock::now();
  auto tree = ww::verify::buildTree(*f->rs, {}, sink);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(tree.has_value());
  CHECK(tree->nodes.size() == 1);
  CHECK(tree->paths == 1);
  REQUIRE(tree->proven.size() == 4);
  CHECK(tree->proven[2] == "the first 2000 cases replayed through the evaluator agree with the "
                           "tree");
  CHECK(tree->casesReplayed == 2001);
  MESSAGE(fmt::format("28 yes/no questions: {:.3f} s", secs));
  CHECK(secs < 5); // 1 s is the goal; the bound leaves room for a loaded machine
}

TEST_CASE("validateTree: a tree built without validation, validated later, is the same") {
  ww::engine::Workspace ws;
  std::filesystem::path file = std::filesystem::path(WW_REPO_ROOT) / "rulesets" / "huisarts.ww";
  ww::engine::load(ws, {file.string()}, {});
  REQUIRE(!ws.sink.hasErrors());
  const ww::ir::Ruleset &rs = ws.rulesets.front().periods.front();
  ww::DiagnosticSink sink;
  auto full = ww::verify::buildTree(rs, {}, sink);
  ww::verify::TreeOptions lazy;
  lazy.validate = false;
  auto tree = ww::verify::buildTree(rs, lazy, sink);
  REQUIRE(full.has_value());
  REQUIRE(tree.has_value());
  CHECK(tree->proven.empty());
  CHECK(tree->nodes == full->nodes);
  CHECK(ww::verify::validateTree(rs, *tree, {}, sink));
  CHECK(tree->proven == full->proven);
  CHECK(tree->casesReplayed == full->casesReplayed);
  CHECK(!sink.hasErrors());
}

TEST_CASE("validateTree: a tree with a wrong leaf or a missing answer is refused (E0602)") {
  ww::engine::Workspace ws;
  std::filesystem::path file = std::filesystem::path(WW_REPO_ROOT) / "rulesets" / "leerkracht.ww";
  ww::engine::load(ws, {file.string()}, {});
  REQUIRE(!ws.sink.hasErrors());
  const ww::ir::Ruleset &rs = ws.rulesets.front().periods.front();
  ww::DiagnosticSink sink;
  auto tree = ww::verify::buildTree(rs, {}, sink);
  REQUIRE(tree.has_value());
  const ww::exp::Tree good = *tree;
  for (auto &n : tree->nodes) // give one leaf a rule that did not decide there
    if (n.question < 0 && !n.leaf.rules.empty()) {
      n.leaf.rules.push_back(n.leaf.rules.front() == 0 ? 1 : 0);
      break;
    }
  // Both proofs: path by path, and (with a path limit below the tree's paths) in one query.
  ww::verify::TreeOptions onePiece;
  onePiece.pathLimit = 0;
  for (const ww::verify::TreeOptions &options : {ww::verify::TreeOptions{}, onePiece}) {
    ww::DiagnosticSink found;
    ww::exp::Tree copy = *tree;
    CHECK(!ww::verify::validateTree(rs, copy, options, found));
    REQUIRE(found.all().size() == 1);
    CHECK(found.all().front().code == "E0602");
  }
  // An answer that no edge takes any more (coverage): also refused, both ways.
  ww::exp::Tree uncovered = good;
  ww::exp::Edge &first = uncovered.nodes[uncovered.root].edges.front();
  REQUIRE(first.values.size() >= 1);
  first.values.pop_back();
  if (first.values.empty())
    uncovered.nodes[uncovered.root].edges.erase(uncovered.nodes[uncovered.root].edges.begin());
  for (const ww::verify::TreeOptions &options : {ww::verify::TreeOptions{}, onePiece}) {
    ww::DiagnosticSink found;
    ww::exp::Tree copy = uncovered;
    CHECK(!ww::verify::validateTree(rs, copy, options, found));
    REQUIRE(found.all().size() == 1);
    CHECK(found.all().front().code == "E0602");
  }
}

// [0, 2] and [4, 99] satisfy the same conditions (a == 3 false): their subtree is built once,
// and they share one edge.
TEST_CASE("buildTree: intervals that satisfy the same conditions share a subtree and an edge") {
  auto f = wwtest::analyse(
      "ruleset same\nsource s \"S\"\nquestion a \"A?\" 0..99\nquestion b \"B?\" yes/no\n"
      "decision x \"X\" {\n  outcome ja \"Ja\" cite s\n  outcome nee \"Nee\" cite s\n}\n"
      "rule r1 when a == 3 or b then ja cite s\nrule r2 when a != 3 and not b then nee cite s\n");
  REQUIRE(f->rs.has_value());
  CHECK(ww::verify::answerIntervals(*f->rs)[0] ==
        std::vector<ww::verify::Interval>{{0, 2}, {3, 3}, {4, 99}});
  ww::DiagnosticSink sink;
  auto tree = ww::verify::buildTree(*f->rs, {}, sink);
  REQUIRE(tree.has_value());
  const ww::exp::Node &root = tree->nodes[tree->root];
  REQUIRE(root.question == 0);
  REQUIRE(root.edges.size() == 2);
  CHECK(root.edges[0].values.size() == 99); // 0..2 and 4..99
  CHECK(root.edges[1].values == std::vector<std::int64_t>{3});
  CHECK(tree->nodes[root.edges[0].child].question == 1);  // then b
  CHECK(tree->nodes[root.edges[1].child].question == -1); // ja
  CHECK(tree->paths == 3);
}

// A question of 2^62 + 1 answers that changes nothing is skipped without listing its answers.
TEST_CASE("buildTree: a wide number question that cannot change the result costs nothing") {
  auto f = wwtest::analyse(
      "ruleset wide\nsource s \"S\"\nquestion n \"N?\" 0..4611686018427387904\n"
      "question b \"B?\" yes/no\n"
      "decision x \"X\" {\n  outcome ja \"Ja\" cite s\n  outcome nee \"Nee\" cite s\n}\n"
      "rule r1 when b then ja cite s\nrule r2 when not b then nee cite s\n");
  REQUIRE(f->rs.has_value());
  ww::DiagnosticSink sink;
  auto start = std::chrono::steady_clock::now();
  auto tree = ww::verify::buildTree(*f->rs, {}, sink);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(tree.has_value());
  CHECK(tree->nodes[tree->root].question == 1);
  CHECK(tree->paths == 2);
  CHECK(secs < 30);
}

TEST_CASE("export: no text of a ruleset becomes a control character in Markdown or DOT") {
  // An ESC sequence and a BEL in every kind of text: the files that `export -o` writes are
  // read with `cat` too, where no filter escapes them (fuzz_export found this).
  auto f = wwtest::analyse("ruleset esc \"Titel \x1b[2J\"\n"
                           "source s \"Wet \x1b]8;;x\x07\"\n"
                           "question q \"Vraag \x1b[31m?\" yes/no\n"
                           "decision d \"D\" {\n"
                           "  outcome ja \"Ja \x1b[0m\" cite s \"art. \x1b[1m\"\n"
                           "  outcome nee \"Nee\x07\" cite s\n"
                           "}\n"
                           "rule r1 when q then ja cite s\n"
                           "rule r2 when not q then nee cite s\n");
  REQUIRE(f->rs.has_value());
  ww::DiagnosticSink sink;
  auto tree = ww::verify::buildTree(*f->rs, {}, sink);
  REQUIRE(tree.has_value());
  ww::exp::Stamp stamp;
  stamp.toolVersion = "test";
  nlohmann::json doc = ww::exp::toJson(*f->rs, *tree, stamp);
  for (const std::string &out :
       {ww::exp::toMarkdown(doc), ww::exp::toDot(doc), ww::exp::toHtml(doc), ww::exp::toDmn(doc)}) {
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\x07') == std::string::npos);
  }
  // The texts are there, the control characters replaced by spaces.
  CHECK(ww::exp::toMarkdown(doc).find("Vraag  \\[31m?") != std::string::npos);
  CHECK(ww::exp::toDot(doc).find("Vraag  [31m?") != std::string::npos);
}

TEST_CASE("toDmn: one rule per root-to-leaf path, and a tree of more than 100,000 paths refused") {
  // A DAG of n yes/no questions, each edge of question i leading to question i + 1: 2^n paths
  // through n + 1 nodes.
  auto document = [](int n) {
    nlohmann::json questions = nlohmann::json::array(), nodes = nlohmann::json::array();
    nodes.push_back({{"id", 0},
                     {"leaf",
                      {{"outcome", "ja"},
                       {"decisions", {{"d", "ja"}}},
                       {"obligations", nlohmann::json::array()},
                       {"citations", nlohmann::json::array()},
                       {"rules", {"r"}},
                       {"exceptions", nlohmann::json::array()}}}});
    for (int i = n - 1; i >= 0; --i) {
      std::string q = "q" + std::to_string(i);
      questions.push_back({{"id", q}, {"text", q}, {"type", "yes/no"}});
      int id = n - i;
      nodes.push_back(
          {{"id", id},
           {"question", q},
           {"edges",
            {{{"answers", {"no"}}, {"next", id - 1}}, {{"answers", {"yes"}}, {"next", id - 1}}}}});
    }
    return nlohmann::json{
        {"format", "wegwijzer-tree/1"},
        {"ruleset", {{"id", "breed"}, {"title", "Breed"}, {"version", "0"}}},
        {"decision", "d"},
        {"decisions",
         {{{"id", "d"}, {"text", "D?"}, {"outcomes", {{{"id", "ja"}, {"text", "Ja"}}}}}}},
        {"questions", questions},
        {"nodes", nodes},
        {"root", n}};
  };
  auto count = [](const std::string &s, const std::string &what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1))
      ++n;
    return n;
  };
  std::string small = ww::exp::toDmn(document(3));
  CHECK(count(small, "<rule ") == 8);
  CHECK(count(small, "<text>true</text>") == 12); // each question true on half of the 8 rules
  CHECK(small.find("hitPolicy=\"UNIQUE\"") != std::string::npos);
  CHECK_THROWS_WITH_AS(ww::exp::toDmn(document(17)), // 131,072 paths, counted, not written
                       "the tree has more than 100000 root-to-leaf paths: too many rules for "
                       "one decision table",
                       std::runtime_error);
}
