// The box fast path of the verifier (verifier/boxes.*): on decision tables it must report
// exactly what the solver path reports. Differential test over seeded random tables (number,
// yes/no and list questions; ranges, answer sets and their negations; overlaps, gaps, dead
// and redundant rules, rule obligations), plus which decisions the fast path takes.
//
// WW_BOXES_SEEDS (environment) overrides the number of seeds.
#include <doctest/doctest.h>

#include "helpers.h"
#include "verifier/boxes.h"
#include "verifier/verify.h"

#include <fmt/format.h>

#include <cstdlib>
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
  int used = 0, findings = 0;
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
  }
  MESSAGE(fmt::format("{} tables, {} on the fast path, {} findings", seeds(), used, findings));
  CHECK(used == static_cast<int>(seeds())); // every generated table is a box table
  CHECK(findings > static_cast<int>(seeds()));
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
