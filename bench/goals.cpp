// ww_bench --only goals: every row of the speed goals (docs/performance.md, "Goals"), cold and
// warm, through the engine's calls (as `check`, `diff`, `export` and `ask` make them).

#include "bench/goals.h"

#include "bench/child.h"
#include "bench/generator.h"
#include "bench/tables.h"
#include "engine/check.h"
#include "engine/diff.h"
#include "verifier/proof_cache.h"
#include "verifier/tree.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace ww::bench {
namespace {

void writeFile(const fs::path &p, const std::string &text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

std::string readFile(const fs::path &p) {
  std::ifstream f(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

// The edits of the warm rows: one rule of one profession, one rule of the module.
void editProfession(const fs::path &folder) {
  fs::path p = folder / "huisarts.ww";
  std::string s = readFile(p);
  auto swap = [&](const std::string &a, const std::string &b) {
    std::size_t at = s.find(a);
    if (at != std::string::npos)
      s.replace(at, a.size(), b);
  };
  swap("leeftijd_gevraagd and leeftijd < 12 then", "leeftijd_gevraagd and leeftijd < 11 then");
  swap("leeftijd in 12..15 then kind_en_ouders", "leeftijd in 11..15 then kind_en_ouders");
  writeFile(p, s);
}

void editModule(const fs::path &folder) {
  fs::path p = folder / "basis.ww";
  std::string s = readFile(p);
  std::string a = "when not toestemming_gevraagd and not kind_betrokken";
  std::size_t at = s.find(a);
  if (at != std::string::npos)
    s.replace(at, a.size(), "when not kind_betrokken and not toestemming_gevraagd");
  writeFile(p, s);
}

// The solver calls a run asked, and how they were answered: "calls solved shared reused".
std::string callsLine(const std::vector<verify::Stats> &stats) {
  std::size_t calls = 0, shared = 0, reused = 0;
  for (const verify::Stats &s : stats) {
    calls += s.solverCalls;
    shared += s.shared;
    reused += s.reused;
  }
  return fmt::format("C {} {} {} {}\n", calls, calls - shared, shared - reused, reused);
}

std::string check(const std::vector<std::string> &paths, const fs::path &cache) {
  verify::ProofCache proofs(cache.empty() ? std::nullopt : std::optional(cache));
  engine::Workspace ws;
  engine::load(ws, paths, {});
  engine::CheckOptions options;
  options.verify.cache = &proofs;
  engine::RunResult run = engine::runChecks(ws, options);
  proofs.flush();
  return callsLine(run.stats);
}

std::string diff(const std::string &oldPath, const std::string &newPath, std::optional<Date> a,
                 std::optional<Date> b, const fs::path &cache) {
  verify::ProofCache proofs(cache);
  engine::DiffResult result;
  engine::DiffOptions options;
  options.verify.cache = &proofs;
  options.compare.cache = &proofs;
  options.everyDate = !a;
  options.today = Date{2026, 12, 6};
  engine::diff(result, {{oldPath}, nullptr, b.value_or(Date{})},
               {{newPath}, nullptr, a.value_or(Date{})}, options);
  proofs.flush();
  std::vector<verify::Stats> all = result.beforeStats;
  all.insert(all.end(), result.afterStats.begin(), result.afterStats.end());
  return callsLine(all);
}

// `export` (check on the date, then the tree and its validation) or what `ask` waits for before
// its first question (the tree without validation).
std::string tree(const std::string &path, const fs::path &cache, bool validate) {
  verify::ProofCache proofs(cache);
  engine::Workspace ws;
  engine::load(ws, {path}, {});
  Date today{2026, 12, 6};
  const ir::Ruleset *rs = ws.rulesets.front().at(today);
  std::vector<verify::Stats> stats;
  if (validate) {
    engine::CheckOptions options;
    options.verify.cache = &proofs;
    options.asOf = today;
    stats = engine::runChecks(ws, options).stats;
  }
  verify::TreeOptions to;
  to.cache = &proofs;
  to.validate = validate;
  DiagnosticSink sink;
  auto t = verify::buildTree(*rs, to, sink);
  proofs.flush();
  return callsLine(stats) + fmt::format("T {}\n", t ? t->nodes.size() : 0);
}

struct Cell {
  ChildResult r;
  std::size_t calls = 0, solved = 0, shared = 0, reused = 0;
};

Cell measure(const std::function<std::string()> &work, int maxSeconds) {
  Cell c;
  c.r = runChild(work, maxSeconds);
  std::istringstream in(c.r.text);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("C ", 0) == 0) {
      std::istringstream l(line.substr(2));
      l >> c.calls >> c.solved >> c.shared >> c.reused;
    }
  return c;
}

std::string cellText(const Cell &c) {
  if (!c.r.ok)
    return c.r.failure;
  return fmt::format("{:.2f} s ({:.2f} s CPU)", c.r.wall, c.r.cpu);
}

std::string callsText(const Cell &c) {
  if (!c.r.ok || c.calls == 0)
    return "";
  return fmt::format("{} solved, {} shared, {} reused", c.solved, c.shared, c.reused);
}

} // namespace

std::string goalsTable(const GoalsOptions &o) {
  fs::path dir = o.scratch;
  fs::create_directories(dir);
  auto fresh = [&](const std::string &name) {
    fs::path p = dir / name;
    fs::remove_all(p);
    return p;
  };
  auto copyRulesets = [&](const std::string &name) {
    fs::path p = fresh(name);
    fs::copy(o.rulesets, p);
    return p;
  };
  std::string md = "| Work | Goal | Cold | Warm | Solver calls (cold; warm) | Peak RSS |\n"
                   "| ---- | ---- | ---: | ---: | ---- | ---: |\n";
  auto row = [&](const std::string &what, const std::string &goal, const Cell &cold,
                 const Cell *warm) {
    std::string calls = callsText(cold);
    if (warm && !callsText(*warm).empty())
      calls += "; " + callsText(*warm);
    long rss = std::max(cold.r.peakRssKb, warm ? warm->r.peakRssKb : 0L);
    md += fmt::format("| {} | {} | {} | {} | {} | {:.0f} MiB |\n", what, goal, cellText(cold),
                      warm ? cellText(*warm) : "—", calls, rss / 1024.0);
    std::cerr << fmt::format("ww_bench: {}: cold {}{}\n", what, cellText(cold),
                             warm ? ", warm " + cellText(*warm) : "");
  };
  int limit = o.maxSeconds;

  // check rulesets/: cold; warm unchanged; warm after editing a profession; and the module.
  {
    fs::path work = copyRulesets("rulesets"), cache = fresh("cache-check");
    std::vector<std::string> paths{work.string()};
    Cell cold = measure([&] { return check(paths, cache); }, limit);
    Cell warm = measure([&] { return check(paths, cache); }, limit);
    row("`check rulesets/`: 11 rulesets × 5 periods", "under 2 s cold", cold, &warm);
    editProfession(work);
    Cell profession = measure([&] { return check(paths, cache); }, limit);
    row("the same after editing one rule of `huisarts.ww`", "under 0.3 s", profession, nullptr);
    editModule(work);
    Cell module = measure([&] { return check(paths, cache); }, limit);
    row("the same after editing one rule of `basis.ww`", "under 1 s", module, nullptr);
  }
  // diff of two dates of one version.
  {
    fs::path cache = fresh("cache-dates");
    auto work = [&] {
      return diff(o.rulesets, o.rulesets, Date{2014, 6, 1}, Date{2020, 6, 1}, cache);
    };
    Cell cold = measure(work, limit), warm = measure(work, limit);
    row("`diff --as-of 2014-06-01 --against-as-of 2020-06-01 rulesets/`", "under 5 s", cold,
        &warm);
  }
  // diff of one changed ruleset on every date (what `diff --git` compares); warm: main was
  // checked before (CI keeps the cache), then the same diff again.
  {
    fs::path before = copyRulesets("diff-old"), after = copyRulesets("diff-new");
    editProfession(after);
    fs::path cache = fresh("cache-diff");
    auto work = [&] { return diff(before.string(), after.string(), {}, {}, cache); };
    Cell cold = measure(work, limit);
    fs::remove_all(cache);
    measure([&] { return check({before.string()}, cache); }, limit);
    Cell warm = measure(work, limit);
    row("`diff` of one changed ruleset, every period (warm: main checked before)", "under 2 s",
        cold, &warm);
  }
  // ask and export of a dated ruleset (today's period).
  {
    std::string huisarts = (fs::path(o.rulesets) / "huisarts.ww").string();
    std::vector<std::string> withModule{huisarts};
    fs::path cacheAsk = fresh("cache-ask");
    Cell cold = measure([&] { return tree(huisarts, cacheAsk, false); }, limit);
    Cell warm = measure([&] { return tree(huisarts, cacheAsk, false); }, limit);
    row("`ask`: to the first question, dated `huisarts`", "under 0.2 s", cold, &warm);
    fs::path cacheExport = fresh("cache-export");
    Cell coldE = measure([&] { return tree(huisarts, cacheExport, true); }, limit);
    Cell warmE = measure([&] { return tree(huisarts, cacheExport, true); }, limit);
    row("`export` of one dated ruleset", "under 0.5 s", coldE, &warmE);
  }
  // 10,000 rules × 50 questions, clean; and a decision table of 1,600 rows × 5 inputs.
  {
    Generated g = generate({50, 10000, 42, false});
    fs::path file = dir / (g.name + ".ww");
    writeFile(file, g.text);
    Cell cold = measure([&] { return check({file.string()}, {}); }, limit);
    row("10,000 rules × 50 questions, generated", "under 10 s, under 1 GB", cold, nullptr);
    TableOptions to;
    to.numbers = 5;
    to.rows = 1600;
    Table t = generateTable(to);
    fs::path tableFile = dir / (t.name + ".ww");
    writeFile(tableFile, t.text);
    Cell table = measure([&] { return check({tableFile.string()}, {}); }, limit);
    row("decision table 1,600 × 5 (fast path)", "under 1 s CPU", table, nullptr);
  }
  return md;
}

} // namespace ww::bench
