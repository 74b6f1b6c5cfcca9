// The box fast path of the verifier (verifier/boxes.*): on decision tables it must report
// exactly what the solver path reports. Differential test over seeded random tables (number,
// yes/no and list questions; ranges, answer sets and their negations; overlaps, gaps, dead
// and redundant rules, rule obligations), plus which decisions the fast path takes; and the
// one region search over the solver, the boxes and a list of every case.
//
// WW_BOXES_SEEDS (environment) overrides the number of seeds.
#include <doctest/doctest.h>

#include "compiler/eval/evaluator.h"
#include "helpers.h"
#include "verifier/boxes.h"
#include "verifier/regions.h"
#include "verifier/verify.h"
#include "verifier/z3/encoder.h"
#include "verifier/z3/solver.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <random>

namespace {

class TableGen {
public:
  explicit TableGen(unsigned seed) : rng_(seed) {}

  std::string run() {
    std::string out = "ruleset t\n\nobligation ob0 \"Ob 0\"\nobligation ob1 \"Ob 1\"\n\n";
    int nq = pick(1, 3);
    for (int i = 0; i < nq; ++i) {
      int k = pick(0, 2);
      kinds_.push_back(k);
      if (k == 0) {
        highs_.push_back(pick(3, 30));
        out += fmt::format("question q{} \"Q{}?\" 0..{}\n", i, i, highs_.back());
      } else if (k == 1) {
        highs_.push_back(1);
        out += fmt::format("question q{} \"Q{}?\" yes/no\n", i, i);
      } else {
        highs_.push_back(pick(1, 3));
        out += fmt::format("question q{} \"Q{}?\" one of {{", i, i);
        for (int a = 0; a <= highs_.back(); ++a)
          out += fmt::format(" q{}a{} \"A{}\"", i, a, a);
        out += " }\n";
      }
    }
    int no = pick(2, 3);
    out += "\ndecision d \"D?\" {\n";
    for (int o = 0; o < no; ++o)
      out += fmt::format("  outcome o{} \"O{}\"{}\n", o, o, chance(0.2) ? " obliges ob0" : "");
    out += "}\n\n";
    int nr = pick(2, 12);
    std::vector<std::string> conds;
    for (int r = 0; r < nr; ++r) {
      // Now and then the same condition again, for redundant rules.
      std::string c =
          !conds.empty() && chance(0.15)
              ? conds[static_cast<std::size_t>(pick(0, static_cast<int>(conds.size()) - 1))]
              : condition(nq);
      conds.push_back(c);
      std::string line = fmt::format("rule r{} when {} then o{}", r, c, pick(0, no - 1));
      if (chance(0.2))
        line += chance(0.5) ? " obliges ob0" : " obliges ob1";
      out += line + "\n";
    }
    return out;
  }

private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

  std::string atom(int q) {
    int hi = highs_[static_cast<std::size_t>(q)];
    switch (kinds_[static_cast<std::size_t>(q)]) {
    case 0: {
      int a = pick(0, hi), b = pick(0, hi);
      if (a > b)
        std::swap(a, b);
      switch (pick(0, 4)) {
      case 0:
        return fmt::format("q{} in {}..{}", q, a, b);
      case 1:
        return fmt::format("q{} < {}", q, b);
      case 2:
        return fmt::format("q{} >= {}", q, a);
      case 3:
        return fmt::format("q{} not in {}..{}", q, a, b);
      default:
        return fmt::format("q{} == {}", q, a);
      }
    }
    case 1:
      return chance(0.5) ? fmt::format("q{}", q) : fmt::format("not q{}", q);
    default: {
      std::string set;
      for (int a = 0; a <= hi; ++a)
        if (chance(0.5))
          set += fmt::format("{}q{}a{}", set.empty() ? "" : ", ", q, a);
      if (set.empty())
        return fmt::format("q{} != q{}a{}", q, q, pick(0, hi));
      return fmt::format("q{} {} {{{}}}", q, chance(0.3) ? "not in" : "in", set);
    }
    }
  }

  std::string condition(int nq) {
    if (chance(0.08))
      return "true";
    int n = pick(1, 3);
    std::string out;
    for (int i = 0; i < n; ++i)
      out += (out.empty() ? "" : " and ") + atom(pick(0, nq - 1));
    return out;
  }

  std::mt19937 rng_;
  std::vector<int> kinds_, highs_;
};

// Everything a reader or a tool sees of a run: every diagnostic in full, every check record.
std::string everything(const ww::DiagnosticSink &sink, const ww::verify::Stats &st) {
  std::string out;
  for (const auto &d : sink.all()) {
    out += fmt::format("{} {} {} @{}-{}: {}\n", d.code, static_cast<int>(d.severity), d.id,
                       d.span.begin, d.span.end, d.message);
    for (const auto &l : d.labels)
      out += fmt::format("  label @{}-{}: {}\n", l.span.begin, l.span.end, l.message);
    for (const auto &n : d.notes)
      out += "  note: " + n + "\n";
    out += "  details: " + d.details.dump() + "\n";
  }
  for (const auto &c : st.checks)
    out += fmt::format("check {} {} {} {}\n", c.kind, c.name, ww::verify::statusName(c.status),
                       c.message);
  return out;
}

unsigned seeds() {
  const char *v = std::getenv("WW_BOXES_SEEDS");
  return v ? static_cast<unsigned>(std::strtoul(v, nullptr, 10)) : 200;
}

} // namespace

TEST_CASE("boxes: the fast path reports exactly what the solver path reports") {
  int used = 0, findings = 0, idleParts = 0;
  for (unsigned seed = 1; seed <= seeds(); ++seed) {
    std::string text = TableGen(seed).run();
    INFO("seed ", seed, "\n", text);
    auto f = wwtest::analyse(text);
    REQUIRE(f->rs.has_value());
    used += ww::verify::boxTable(*f->rs, 0).has_value();
    ww::verify::Options fast, slow;
    slow.boxFastPath = false;
    ww::DiagnosticSink a, b;
    ww::verify::Stats sa = ww::verify::verify(*f->rs, fast, a);
    ww::verify::Stats sb = ww::verify::verify(*f->rs, slow, b);
    CHECK(everything(a, sa) == everything(b, sb));
    findings += static_cast<int>(b.all().size());
    for (const auto &d : b.all())
      idleParts += d.code == "W0516";
  }
  MESSAGE(fmt::format("{} tables, {} on the fast path, {} findings, {} parts that never decide",
                      seeds(), used, findings, idleParts));
  CHECK(used == static_cast<int>(seeds())); // every generated table is a box table
  CHECK(findings > static_cast<int>(seeds()));
  // W0516's parts of conditions are found by box arithmetic on the fast path: some must occur.
  CHECK(idleParts > 0);
}

TEST_CASE("consistency asked per pair of outcomes reports exactly what the one query reports") {
  int conflicts = 0;
  for (unsigned seed = 1; seed <= std::min(seeds(), 60u); ++seed) {
    std::string text = TableGen(seed).run();
    INFO("seed ", seed, "\n", text);
    auto f = wwtest::analyse(text);
    REQUIRE(f->rs.has_value());
    ww::verify::Options whole, byPairs;
    whole.boxFastPath = byPairs.boxFastPath = false; // the solver path of checkConsistency
    byPairs.consistencyByPairsFrom = 0;
    ww::DiagnosticSink a, b;
    ww::verify::Stats sa = ww::verify::verify(*f->rs, whole, a);
    ww::verify::Stats sb = ww::verify::verify(*f->rs, byPairs, b);
    CHECK(everything(a, sa) == everything(b, sb));
    for (const auto &d : a.all())
      conflicts += d.code == "E0502";
  }
  CHECK(conflicts > 0); // some tables have rules that conflict
}

TEST_CASE("boxes: the fast path takes only decisions that are box tables") {
  const std::string head = "ruleset t\nquestion a \"A?\" 0..9\nquestion b \"B?\" yes/no\n"
                           "decision d \"D?\" { outcome x \"X\" outcome y \"Y\" }\n";
  auto table = [](const std::string &text) {
    auto f = wwtest::analyse(text);
    REQUIRE(f->rs.has_value());
    return ww::verify::boxTable(*f->rs, 0).has_value();
  };
  CHECK(
      table(head + "rule r1 when a < 5 and b then x\nrule r2 when not (a in 2..3 or b) then y\n"));
  CHECK(table(head + "rule r1 when true then x\nrule r2 when a != 3 then y\n"));
  // A disjunction, an exception, an assumption, an `asked when`: the solver path.
  CHECK_FALSE(table(head + "rule r1 when a < 5 or b then x\n"));
  CHECK_FALSE(table(head + "rule r1 when a < 5 then x\nrule r2 exception to r1 when b then y\n"));
  CHECK_FALSE(table(head + "rule r1 when a < 5 then x\nassume \"z\": a > 1\n"));
  CHECK_FALSE(table("ruleset t\nquestion a \"A?\" 0..9\nquestion b \"B?\" yes/no asked when a > 2\n"
                    "decision d \"D?\" { outcome x \"X\" }\nrule r1 when a < 5 then x\n"));
}

TEST_CASE("boxes: the uncovered part of a box is exact") {
  using ww::verify::Box;
  Box domain{{{{0, 9}}, {{0, 9}}}};
  Box left{{{{0, 4}}, {{0, 9}}}};
  Box corner{{{{5, 9}}, {{0, 2}, {5, 6}}}};
  auto gaps = ww::verify::uncovered(domain, {&left, &corner});
  std::uint64_t points = 0;
  for (const Box &g : gaps) {
    CHECK_FALSE(ww::verify::meets(g, left));
    CHECK_FALSE(ww::verify::meets(g, corner));
    std::uint64_t n = 1;
    for (const auto &d : g.dims) {
      std::uint64_t w = 0;
      for (auto [lo, hi] : d)
        w += static_cast<std::uint64_t>(hi - lo + 1);
      n *= w;
    }
    points += n;
  }
  CHECK(points == 5 * 5); // a 5..9, b in {3, 4, 7, 8, 9}
  CHECK(ww::verify::covered(Box{{{{0, 3}}, {{1, 2}}}}, {&left}));
  CHECK_FALSE(ww::verify::covered(Box{{{{3, 6}}, {{1, 4}}}}, {&left, &corner}));
}

TEST_CASE("boxes: tables without questions, or with inactive rules, agree with the solver") {
  auto same = [](const std::string &text) {
    auto f = wwtest::analyse(text);
    REQUIRE(f->rs.has_value());
    REQUIRE(ww::verify::boxTable(*f->rs, 0).has_value());
    ww::verify::Options slow;
    slow.boxFastPath = false;
    ww::DiagnosticSink a, b;
    ww::verify::Stats sa = ww::verify::verify(*f->rs, {}, a);
    ww::verify::Stats sb = ww::verify::verify(*f->rs, slow, b);
    CHECK(everything(a, sa) == everything(b, sb));
    return b.all().size();
  };
  CHECK(same("ruleset t\ndecision d \"D?\" { outcome x \"X\" outcome y \"Y\" }\n"
             "rule a when true then x\nrule b when true then y\nrule c when true then x\n") == 4);
  CHECK(same("ruleset t\nparameter p \"P?\" yes/no\nset p = no\nquestion a \"A?\" 0..9\n"
             "decision d \"D?\" { outcome x \"X\" outcome y \"Y\" }\n"
             "rule r1 when a < 5 then x\nrule r2 when p and a > 2 then y\n"
             "rule r3 when a >= 4 then y\n") > 0);
}

// The one region search (verifier/region_search.h) over three answerers of its questions: the
// solver, box arithmetic, and a list of every case decided by the evaluator. On the same
// findings they must find the same regions, in the same order, with the same examples and
// counts.
namespace {

using ww::verify::CaseSpace;
using ww::verify::LeftCount;
using ww::verify::Region;
using ww::verify::RegionSearch;
using ww::verify::inRegion;


/// Every case of a ruleset whose questions are always asked, in question order (the first
/// question varies slowest), with whether the finding holds in it.
class ListSpace : public CaseSpace {
public:
  ListSpace(const ww::ir::Ruleset &rs, const std::function<bool(const ww::eval::Case &)> &finding) {
    ww::eval::Case c;
    for (const auto &q : rs.questions)
      c.answers.push_back(q.lo);
    for (;;) {
      cases_.push_back({c, finding(c), true});
      std::size_t q = rs.questions.size(); // the last question not at its highest answer
      for (; q > 0 && *c.answers[q - 1] == rs.questions[q - 1].hi; --q)
        c.answers[q - 1] = rs.questions[q - 1].lo;
      if (q == 0)
        break;
      c.answers[q - 1] = *c.answers[q - 1] + 1;
    }
  }
  Left anyLeft() override { return first() ? Left::Yes : Left::No; }
  ww::eval::Case smallestLeft() override { return first()->c; }
  bool holdsIn(const Region &r) override {
    ++asked;
    return std::all_of(cases_.begin(), cases_.end(),
                       [&](const Entry &e) { return e.finding || !inRegion(r, e.c); });
  }
  bool caseIn(const Region &r) override {
    ++asked;
    return std::any_of(cases_.begin(), cases_.end(),
                       [&](const Entry &e) { return e.finding && inRegion(r, e.c); });
  }
  void setAside(const Region &r) override {
    for (Entry &e : cases_)
      if (inRegion(r, e.c))
        e.left = false;
  }
  bool gaveUp() const override { return false; }
  LeftCount countLeft(std::size_t cap) override {
    std::size_t n = static_cast<std::size_t>(std::count_if(
        cases_.begin(), cases_.end(), [](const Entry &e) { return e.finding && e.left; }));
    return {std::min(n, cap), n > cap, false};
  }

  int asked = 0; ///< holdsIn and caseIn so far

private:
  struct Entry {
    ww::eval::Case c;
    bool finding, left;
  };
  const Entry *first() const {
    for (const Entry &e : cases_)
      if (e.finding && e.left)
        return &e;
    return nullptr;
  }
  std::vector<Entry> cases_;
};

/// A space that answers as `inner` for `budget` questions (holdsIn and caseIn), then undecided.
class GivingUp : public CaseSpace {
public:
  GivingUp(CaseSpace &inner, int budget) : inner_(inner), budget_(budget) {}
  Left anyLeft() override { return gaveUp() ? Left::Undecided : inner_.anyLeft(); }
  ww::eval::Case smallestLeft() override { return inner_.smallestLeft(); }
  bool holdsIn(const Region &r) override { return spend() && inner_.holdsIn(r); }
  bool caseIn(const Region &r) override { return spend() && inner_.caseIn(r); }
  void setAside(const Region &r) override { inner_.setAside(r); }
  bool gaveUp() const override { return budget_ < 0; }
  LeftCount countLeft(std::size_t cap) override { return inner_.countLeft(cap); }

private:
  bool spend() { return budget_-- > 0; }
  CaseSpace &inner_;
  int budget_;
};

std::string searchText(const ww::ir::Ruleset &rs, const RegionSearch &s) {
  std::string out;
  for (const Region &r : s.regions)
    out += ww::verify::regionJson(rs, r).dump() + "\n";
  return out +
         fmt::format("more {} capped {} inconclusive {}\n", s.more, s.moreCapped, s.inconclusive);
}

} // namespace

TEST_CASE("region search: the solver, box arithmetic and a list of cases find the same regions") {
  int searches = 0, listed = 0, regions = 0, capped = 0;
  for (unsigned seed = 1; seed <= 30; ++seed) {
    std::string text = TableGen(seed).run();
    INFO("seed ", seed, "\n", text);
    auto f = wwtest::analyse(text);
    REQUIRE(f->rs.has_value());
    const ww::ir::Ruleset &rs = *f->rs;
    auto table = ww::verify::boxTable(rs, 0);
    REQUIRE(table.has_value());
    z3::context ctx;
    ww::verify::Encoder enc(ctx, rs);
    ww::verify::Solver solver(ctx, 60000, ww::verify::kSolverMemoryMb);
    ww::verify::RegionFinder finder(enc, solver, rs);
    ww::verify::CaseTerms c = enc.encodeCase("");
    solver.add(c.wellFormed);
    ww::eval::Evaluator ev(rs);
    const auto &terms = c.decisions[0];
    // The findings: the gap, and where each meeting pair of rules both apply.
    struct Finding {
      ww::verify::BoxFinding boxes;
      z3::expr formula;
      std::function<bool(const ww::eval::Case &)> holds;
    };
    std::vector<Finding> findings;
    findings.push_back(
        {ww::verify::gapFinding(rs, *table), !terms.any,
         [&](const ww::eval::Case &x) { return ev.run(x).decisions[0].remaining.empty(); }});
    for (std::size_t a = 0; a < table->rules.size(); ++a)
      for (int b : table->near[a])
        if (b > static_cast<int>(a) && findings.size() < 6) {
          int ra = table->rules[a], rb = table->rules[static_cast<std::size_t>(b)];
          findings.push_back({ww::verify::bothFinding(*table, static_cast<int>(a), b),
                              terms.remains[ra] && terms.remains[rb],
                              [&ev, ra, rb](const ww::eval::Case &x) {
                                auto rem = ev.run(x).decisions[0].remaining;
                                return std::count(rem.begin(), rem.end(), ra) &&
                                       std::count(rem.begin(), rem.end(), rb);
                              }});
        }
    std::size_t cases = 1;
    for (const auto &q : rs.questions)
      cases *= static_cast<std::size_t>(q.hi - q.lo + 1);
    for (const Finding &fd : findings)
      for (int max : {1, 10}) {
        INFO("max ", max);
        RegionSearch bySolver = finder.find(c.assumptions, fd.formula, c, max);
        RegionSearch byBoxes = ww::verify::boxRegions(rs, fd.boxes, max);
        CHECK_FALSE(bySolver.inconclusive);
        CHECK(searchText(rs, byBoxes) == searchText(rs, bySolver));
        if (cases <= 5000) {
          ListSpace list(rs, fd.holds);
          CHECK(searchText(rs, ww::verify::searchRegions(list, rs, max)) ==
                searchText(rs, bySolver));
          ++listed;
        }
        ++searches;
        regions += static_cast<int>(bySolver.regions.size());
        capped += bySolver.moreCapped;
      }
  }
  MESSAGE(fmt::format("{} searches ({} also over the list), {} regions, {} with more than 100 "
                      "cases left",
                      searches, listed, regions, capped));
  CHECK(listed > searches / 2);
  CHECK(regions > searches / 2);
  CHECK(capped > 0);
}

TEST_CASE("region search: an undecided answer stops the search and keeps what was found") {
  auto f = wwtest::analyse("ruleset t\nquestion a \"A?\" 0..9\nquestion b \"B?\" yes/no\n"
                           "decision d \"D?\" { outcome x \"X\" }\n"
                           "rule r1 when a < 3 then x\nrule r2 when a > 6 and b then x\n");
  REQUIRE(f->rs.has_value());
  const ww::ir::Ruleset &rs = *f->rs;
  ww::eval::Evaluator ev(rs);
  auto gap = [&](const ww::eval::Case &x) { return ev.run(x).decisions[0].remaining.empty(); };
  ListSpace whole(rs, gap);
  RegionSearch all = ww::verify::searchRegions(whole, rs, 10);
  CHECK(searchText(rs, all).find("inconclusive false") != std::string::npos);
  REQUIRE(all.regions.size() == 2);
  CHECK(ww::verify::regionText(rs, all.regions[0]) == "a in 3..6 (any other answers)");
  // A region may overlap the regions before it: the finding holds everywhere in it.
  CHECK(ww::verify::regionText(rs, all.regions[1]) == "a in 3..9, b = no");
  ListSpace first(rs, gap);
  ww::verify::searchRegions(first, rs, 1);
  // Out of answers while generalising the first region: what was shown so far is kept (b
  // dropped), nothing more is claimed, and the search stops there.
  ListSpace list(rs, gap);
  GivingUp limited(list, 1);
  RegionSearch part = ww::verify::searchRegions(limited, rs, 10);
  CHECK(part.inconclusive);
  REQUIRE(part.regions.size() == 1);
  CHECK(ww::verify::regionText(rs, part.regions[0]) == "a = 3 (any other answers)");
  CHECK(part.more == 0);
  // Out of answers right after the first region: the second stays the one case found.
  ListSpace list2(rs, gap);
  GivingUp later(list2, first.asked);
  RegionSearch half = ww::verify::searchRegions(later, rs, 10);
  CHECK(half.inconclusive);
  REQUIRE(half.regions.size() == 2);
  CHECK(ww::verify::regionText(rs, half.regions[0]) == "a in 3..6 (any other answers)");
  CHECK(ww::verify::regionText(rs, half.regions[1]) == "a = 7, b = no");
}
