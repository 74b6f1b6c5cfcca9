// ww_bench: times the front end and the verifier on synthetic rulesets of growing size, on the
// shipped rulesets and on a 10 MB input, and prints a markdown table. See docs/performance.md.
//
// Every measurement runs in a forked child, so that its peak RSS (wait4) is its own and a size
// that takes too long can be stopped (alarm) without losing the sizes before it.

#include "bench/child.h"
#include "bench/generator.h"
#include "bench/goals.h"
#include "bench/tables.h"
#include "engine/workspace.h"
#include "compiler/eval/evaluator.h"
#include "compiler/support/memory.h"
#include "verifier/tree.h"
#include "verifier/verify.h"

#include <fmt/format.h>
#include <z3.h>

#include <dlfcn.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

// ---- solver-call counting ------------------------------------------------------------------
// verify::Stats does not report solver calls (verify::Solver counts them but keeps the count
// private), so ww_bench interposes Z3_solver_check: the verifier's static library binds to this
// definition at link time, and it forwards to libz3's through dlsym(RTLD_NEXT).
namespace {
std::size_t g_solverCalls = 0;
double g_solverSeconds = 0;
using CheckFn = Z3_lbool (*)(Z3_context, Z3_solver);
} // namespace

extern "C" Z3_lbool Z3_API Z3_solver_check(Z3_context c, Z3_solver s) {
  static CheckFn real = reinterpret_cast<CheckFn>(dlsym(RTLD_NEXT, "Z3_solver_check"));
  if (!real) {
    std::fprintf(stderr, "ww_bench: cannot find libz3's Z3_solver_check\n");
    std::abort();
  }
  timespec a{}, b{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
  Z3_lbool r = real(c, s);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
  g_solverSeconds +=
      static_cast<double>(b.tv_sec - a.tv_sec) + static_cast<double>(b.tv_nsec - a.tv_nsec) / 1e9;
  ++g_solverCalls;
  return r;
}

namespace {

using ww::bench::Clock;
using ww::bench::cpuNow;
using ww::bench::maxRssKb;
using ww::bench::since;
using ww::bench::Timer;

struct Options {
  std::vector<std::pair<int, int>> sizes{{5, 20}, {10, 50}, {20, 100}, {40, 200}, {50, 10000}};
  std::uint32_t seed = 42;
  std::string rulesets = WW_BENCH_RULESETS; // the shipped rulesets/ folder
  int bigMb = 10;
  int maxSeconds = 120;
  unsigned timeoutMs = 10000;
  bool defects = true;
  bool shipped = true, generated = true, big = true, trees = true, tables = false, brute = false;
  bool goals = true;
  // --only tables: inputs × rows; the defaults are the sizes and its two reference shapes
  std::vector<std::pair<int, int>> tableSizes{{3, 500},  {3, 1000}, {3, 1500}, {5, 500},
                                              {5, 1000}, {5, 1500}, {7, 500},  {7, 1000},
                                              {7, 1500}, {5, 1600}, {3, 512}};
  int tableLists = 0;
  int tableOutcomes = 5;
  bool fastPath = true;   // --no-fast-path: the solver path only (verify::Options::boxFastPath)
  bool bothPaths = false; // --both-paths: every table size with and without the fast path
  int bruteQuestions = 20, bruteRows = 256;
  bool verbose = false;
  std::string keep;         // write the generated inputs here and keep them
  std::string generateOnly; // only write the generated inputs here
  std::string out;          // also write the markdown here
};

/// What one child measured (everything in one line of text through a pipe).
struct Measure {
  // CPU seconds per phase (and in Z3_solver_check), plus the verify phase's wall time
  double load = 0, verify = 0, tests = 0, verifySolver = 0, testsSolver = 0, verifyWall = 0;
  std::size_t verifyCalls = 0, testsCalls = 0;
  std::size_t rulesets = 0, questions = 0, rules = 0, properties = 0, tests_ = 0, checks = 0;
  std::size_t loadErrors = 0, errors = 0, warnings = 0, inconclusive = 0;
  long rssAfterLoadKb = 0;
  std::vector<std::string> perRuleset; // "name rules seconds calls solverSeconds"
};

std::string serialise(const Measure &m) {
  std::string s =
      fmt::format("M {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {}\n", m.load,
                  m.verifyWall, m.verify, m.tests, m.verifySolver, m.testsSolver, m.verifyCalls,
                  m.testsCalls, m.rulesets, m.questions, m.rules, m.properties, m.tests_, m.checks,
                  m.loadErrors, m.errors, m.warnings, m.inconclusive, m.rssAfterLoadKb);
  for (const auto &r : m.perRuleset)
    s += "R " + r + "\n";
  return s;
}

bool deserialise(const std::string &text, Measure &m) {
  std::istringstream in(text);
  std::string line;
  bool ok = false;
  while (std::getline(in, line)) {
    if (line.rfind("M ", 0) == 0) {
      std::istringstream l(line.substr(2));
      l >> m.load >> m.verifyWall >> m.verify >> m.tests >> m.verifySolver >> m.testsSolver >>
          m.verifyCalls >> m.testsCalls >> m.rulesets >> m.questions >> m.rules >> m.properties >>
          m.tests_ >> m.checks >> m.loadErrors >> m.errors >> m.warnings >> m.inconclusive >>
          m.rssAfterLoadKb;
      ok = !l.fail();
    } else if (line.rfind("R ", 0) == 0) {
      m.perRuleset.push_back(line.substr(2));
    }
  }
  return ok;
}

/// The measurement itself (in the child): load, verify everything, then tests only.
Measure measure(const std::vector<std::string> &paths, const Options &o) {
  Measure m;
  ww::engine::Workspace ws;
  Timer t0;
  ww::engine::load(ws, paths, {});
  m.load = t0.cpuSeconds();
  m.rssAfterLoadKb = maxRssKb();
  m.loadErrors = ws.sink.errorCount();
  if (o.verbose || m.loadErrors > 0)
    for (const auto &d : ws.sink.all())
      if (d.severity == ww::Severity::Error || o.verbose)
        std::cerr << "  load: " << d.code << " " << d.message << "\n";
  m.rulesets = ws.rulesets.size();
  // Every period of every ruleset is verified; the counts are those of the latest period.
  for (const auto &h : ws.rulesets) {
    const auto &rs = h.periods.back();
    m.questions += rs.questions.size();
    m.rules += rs.rules.size();
    m.properties += rs.properties.size();
    m.tests_ += rs.tests.size();
  }

  ww::verify::Options vo;
  vo.timeoutMs = o.timeoutMs;
  vo.boxFastPath = o.fastPath;
  std::size_t before = ws.sink.all().size();
  for (const auto &h : ws.rulesets)
    for (const auto &rs : h.periods) {
      std::size_t calls = g_solverCalls;
      double solver = g_solverSeconds;
      Timer t;
      ww::verify::Stats st = ww::verify::verify(rs, vo, ws.sink);
      double secs = t.cpuSeconds();
      m.verify += secs;
      m.verifyWall += t.wallSeconds();
      m.errors += st.errors;
      m.warnings += st.warnings;
      m.inconclusive += st.inconclusive;
      m.checks += st.checks.size();
      m.perRuleset.push_back(fmt::format("{} {} {:.3f} {} {:.3f}", rs.id, rs.rules.size(), secs,
                                         g_solverCalls - calls, g_solverSeconds - solver));
    }
  m.verifyCalls = g_solverCalls;
  m.verifySolver = g_solverSeconds;
  if (o.verbose)
    for (std::size_t i = before; i < ws.sink.all().size(); ++i)
      std::cerr << "  verify: " << ws.sink.all()[i].id << " " << ws.sink.all()[i].message << "\n";

  vo.testsOnly = true;
  ww::DiagnosticSink testSink;
  Timer t1;
  for (const auto &h : ws.rulesets)
    for (const auto &rs : h.periods)
      ww::verify::verify(rs, vo, testSink);
  m.tests = t1.cpuSeconds();
  m.testsCalls = g_solverCalls - m.verifyCalls;
  m.testsSolver = g_solverSeconds - m.verifySolver;
  return m;
}

struct Outcome {
  bool ok = false, timedOut = false;
  double wall = 0, cpu = 0; // the child's wall clock and user + system time
  long peakRssKb = 0;
  Measure m;
  std::string failure;
};

/// Runs work() in a child with a time limit; the child's peak RSS comes from wait4. The child's
/// text is left in `text`.
Outcome runChildWith(const std::function<std::string()> &work, const Options &o,
                     std::string &text);

Outcome runChild(const std::vector<std::string> &paths, const Options &o) {
  std::string text;
  Outcome out = runChildWith([&] { return serialise(measure(paths, o)); }, o, text);
  if (out.ok && !deserialise(text, out.m)) {
    out.ok = false;
    out.failure = "failed (no measurement)";
  }
  return out;
}

/// The decision trees of export and ask, per ruleset in `paths` that has a main decision (its
/// latest period): one line "T id questions nodes paths replayed fullCpu fullCalls lazyCpu
/// lazyCalls" per ruleset. `full` is what `export` builds (the tree and its validation: Z3
/// and the evaluator's replay); `lazy` is what `ask` waits for before the first question (the
/// tree without validation, which runs beside the questions).
std::string measureTrees(const std::vector<std::string> &paths, const Options &o) {
  ww::engine::Workspace ws;
  ww::engine::load(ws, paths, {});
  std::string out;
  for (const auto &h : ws.rulesets) {
    const ww::ir::Ruleset &rs = h.periods.back();
    if (ww::verify::mainDecision(rs) < 0)
      continue;
    ww::verify::TreeOptions to;
    to.timeoutMs = o.timeoutMs;
    ww::DiagnosticSink sink;
    std::size_t calls = g_solverCalls;
    Timer full;
    auto tree = ww::verify::buildTree(rs, to, sink);
    double fullCpu = full.cpuSeconds();
    std::size_t fullCalls = g_solverCalls - calls;
    to.validate = false;
    calls = g_solverCalls;
    double solver = g_solverSeconds;
    Timer lazy;
    auto quick = ww::verify::buildTree(rs, to, sink);
    double lazyCpu = lazy.cpuSeconds();
    std::size_t lazyCalls = g_solverCalls - calls;
    double lazySolver = g_solverSeconds - solver;
    if (!tree || !quick)
      out += fmt::format("T {} {} failed 0 0 {:.4f} {} {:.4f} {} {:.4f}\n", rs.id,
                         rs.questions.size(), fullCpu, fullCalls, lazyCpu, lazyCalls, lazySolver);
    else
      out += fmt::format("T {} {} {} {} {} {:.4f} {} {:.4f} {} {:.4f}\n", rs.id,
                         rs.questions.size(), tree->nodes.size(), tree->paths, tree->casesReplayed,
                         fullCpu, fullCalls, lazyCpu, lazyCalls, lazySolver);
  }
  return out;
}

/// `check` of a decision table (every period of every ruleset in `file`, as `wegwijzer check`
/// runs it), with or without the box fast path: one line "TB load verifyCpu verifyWall calls
/// inSolverCpu e0501 e0502 n0513 w0507 w0509 regionsGap regionsConflict errors warnings
/// inconclusive digest", where digest is a hash of every diagnostic (code, message, notes,
/// details).
std::string measureTable(const std::string &file, const Options &o, bool fast) {
  ww::engine::Workspace ws;
  Timer t0;
  ww::engine::load(ws, {file}, {});
  double load = t0.cpuSeconds();
  ww::verify::Options vo;
  vo.timeoutMs = o.timeoutMs;
  vo.boxFastPath = fast;
  std::size_t calls = g_solverCalls;
  double inSolver = g_solverSeconds;
  std::size_t errors = ws.sink.errorCount(), warnings = 0, inconclusive = 0;
  Timer t;
  for (const auto &h : ws.rulesets)
    for (const auto &rs : h.periods) {
      ww::verify::Stats st = ww::verify::verify(rs, vo, ws.sink);
      errors += st.errors;
      warnings += st.warnings;
      inconclusive += st.inconclusive;
    }
  double cpu = t.cpuSeconds(), wall = t.wallSeconds();
  std::map<std::string, std::size_t> codes;
  std::size_t regionsGap = 0, regionsConflict = 0;
  std::string all;
  for (const auto &d : ws.sink.all()) {
    ++codes[d.code];
    std::size_t regions =
        d.details.is_object() && d.details.contains("regions") ? d.details["regions"].size() : 0;
    (d.code == "E0501" ? regionsGap : d.code == "E0502" ? regionsConflict : regions) += regions;
    all += d.code + d.message;
    for (const auto &n : d.notes)
      all += "\n" + n;
    all += d.details.dump() + "\n";
    if (o.verbose)
      std::cerr << "  " << d.code << " " << d.message << "\n";
  }
  return fmt::format("TB {:.4f} {:.4f} {:.4f} {} {:.4f} {} {} {} {} {} {} {} {} {} {} {:016x}\n",
                     load, cpu, wall, g_solverCalls - calls, g_solverSeconds - inSolver,
                     codes["E0501"], codes["E0502"], codes["N0513"], codes["W0507"], codes["W0509"],
                     regionsGap, regionsConflict, errors, warnings, inconclusive,
                     std::hash<std::string>{}(all));
}

/// Every case of the (only) ruleset in `file`, decided one by one by the evaluator: what a
/// brute-force checker does. One line "BF cases seconds gapCases conflictPairs deadRules".
std::string measureBrute(const std::string &file) {
  ww::engine::Workspace ws;
  ww::engine::load(ws, {file}, {});
  if (ws.rulesets.empty())
    return "";
  const ww::ir::Ruleset &rs = ws.rulesets.front().periods.back();
  ww::eval::Evaluator ev(rs);
  Timer t;
  ww::eval::Case c;
  c.answers.assign(rs.questions.size(), std::nullopt);
  for (std::size_t q = 0; q < rs.questions.size(); ++q)
    c.answers[q] = rs.questions[q].lo;
  std::size_t cases = 0, gaps = 0;
  std::set<std::pair<int, int>> pairs;
  std::vector<bool> applied(rs.rules.size(), false);
  for (;;) {
    ++cases;
    ww::eval::Result res = ev.run(c);
    for (const auto &d : res.decisions) {
      if (!d.outcome && !d.conflict)
        ++gaps;
      for (int r : d.applicable)
        applied[static_cast<std::size_t>(r)] = true;
      if (d.conflict)
        for (std::size_t i = 0; i < d.remaining.size(); ++i)
          for (std::size_t j = i + 1; j < d.remaining.size(); ++j)
            if (rs.rules[d.remaining[i]].outcome != rs.rules[d.remaining[j]].outcome)
              pairs.insert(std::minmax(d.remaining[i], d.remaining[j]));
    }
    // The next case, in mixed radix over the questions' domains (the last question fastest).
    std::size_t q = rs.questions.size();
    while (q-- > 0) {
      if (*c.answers[q] < rs.questions[q].hi) {
        ++*c.answers[q];
        break;
      }
      c.answers[q] = rs.questions[q].lo;
    }
    if (q == static_cast<std::size_t>(-1))
      break;
  }
  std::size_t dead = static_cast<std::size_t>(std::count(applied.begin(), applied.end(), false));
  return fmt::format("BF {} {:.4f} {} {} {}\n", cases, t.cpuSeconds(), gaps, pairs.size(), dead);
}

Outcome runChildWith(const std::function<std::string()> &work, const Options &o,
                     std::string &text) {
  ww::bench::ChildResult r = ww::bench::runChild(work, o.maxSeconds);
  text = std::move(r.text);
  Outcome out;
  out.ok = r.ok;
  out.timedOut = r.timedOut;
  out.wall = r.wall;
  out.cpu = r.cpu;
  out.peakRssKb = r.peakRssKb;
  out.failure = r.failure;
  return out;
}

std::string secs(double s) {
  return s < 10 ? fmt::format("{:.3f} s", s) : fmt::format("{:.1f} s", s);
}
std::string mib(long kb) { return fmt::format("{:.0f} MiB", kb / 1024.0); }

struct Table {
  std::string md;
  void header() {
    md +=
        "| Input | Q | Rules | Props | Tests | Load (CPU) | Verify (CPU) | Verify (wall) | Solver "
        "calls | In Z3_solver_check (CPU) | Tests only (CPU) | Peak RSS | Findings |\n";
    md += "| ----- | -: | ----: | ----: | ----: | ---------: | -----------: | ------------: | "
          "-----------: | -----------------------: | ---------------: | -------: | -------- |\n";
  }
  void row(const std::string &name, const Outcome &r) {
    if (!r.ok) {
      md += fmt::format("| {} | | | | | | {} (CPU {}) | | | | | {} | |\n", name, r.failure,
                        secs(r.cpu), r.peakRssKb ? mib(r.peakRssKb) : "");
      return;
    }
    const Measure &m = r.m;
    std::string findings =
        fmt::format("{} E, {} W{}", m.errors + m.loadErrors, m.warnings,
                    m.inconclusive ? fmt::format(", {} inconclusive", m.inconclusive) : "");
    md += fmt::format(
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} ({:.0f} %) | {} | {} | {} |\n", name,
        m.questions, m.rules, m.properties, m.tests_, secs(m.load), secs(m.verify),
        secs(m.verifyWall), m.verifyCalls, secs(m.verifySolver),
        m.verify > 0 ? 100 * m.verifySolver / m.verify : 0.0, secs(m.tests), mib(r.peakRssKb),
        findings);
  }
};

void usage() {
  std::cout << "usage: ww_bench [--sizes 5x20,10x50,...] [--seed N] [--rulesets DIR] [--big-mb N]\n"
               "                [--max-seconds S] [--timeout-ms MS] [--no-defects] [--only WHAT]\n"
               "                [--keep DIR] [--generate-only DIR] [--out FILE] [--verbose]\n\n"
               "WHAT is goals (every row of the speed goals, cold and warm), generated, shipped,\n"
               "big, trees (export and ask per shipped ruleset),\n"
               "tables (decision tables: --table-sizes NxR,... --table-lists L --table-outcomes K\n"
               "--no-fast-path --both-paths) or brute (check against enumerating every case:\n"
               "--brute-questions N --brute-rows R). Prints a markdown table of load (parse +\n"
               "analyse), verify (every check and the tests), solver calls, tests only, and peak\n"
               "RSS per input. A size that takes longer than --max-seconds (default 120) is\n"
               "stopped, and the larger sizes are skipped.\n";
}

std::vector<std::pair<int, int>> parseSizes(const std::string &text) {
  std::vector<std::pair<int, int>> out;
  std::stringstream s(text);
  std::string item;
  while (std::getline(s, item, ',')) {
    auto x = item.find('x');
    if (x == std::string::npos)
      throw std::runtime_error("size must read AxB, e.g. 10x50");
    out.push_back({std::stoi(item.substr(0, x)), std::stoi(item.substr(x + 1))});
  }
  return out;
}

bool parseArgs(int argc, char **argv, Options &o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc)
        throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      usage();
      return false;
    } else if (a == "--sizes") {
      o.sizes = parseSizes(next());
    } else if (a == "--seed")
      o.seed = static_cast<std::uint32_t>(std::stoul(next()));
    else if (a == "--rulesets")
      o.rulesets = next();
    else if (a == "--big-mb")
      o.bigMb = std::stoi(next());
    else if (a == "--max-seconds")
      o.maxSeconds = std::stoi(next());
    else if (a == "--timeout-ms")
      o.timeoutMs = static_cast<unsigned>(std::stoul(next()));
    else if (a == "--no-defects")
      o.defects = false;
    else if (a == "--table-sizes")
      o.tableSizes = parseSizes(next());
    else if (a == "--table-lists")
      o.tableLists = std::stoi(next());
    else if (a == "--table-outcomes")
      o.tableOutcomes = std::stoi(next());
    else if (a == "--no-fast-path")
      o.fastPath = false;
    else if (a == "--both-paths")
      o.bothPaths = true;
    else if (a == "--brute-questions")
      o.bruteQuestions = std::stoi(next());
    else if (a == "--brute-rows")
      o.bruteRows = std::stoi(next());
    else if (a == "--verbose")
      o.verbose = true;
    else if (a == "--keep")
      o.keep = next();
    else if (a == "--generate-only")
      o.generateOnly = next();
    else if (a == "--out")
      o.out = next();
    else if (a == "--only") {
      std::string w = next();
      o.shipped = w == "shipped";
      o.generated = w == "generated";
      o.big = w == "big";
      o.trees = w == "trees";
      o.tables = w == "tables";
      o.brute = w == "brute";
      o.goals = w == "goals";
      if (!o.shipped && !o.generated && !o.big && !o.trees && !o.tables && !o.brute && !o.goals)
        throw std::runtime_error(
            "--only: goals, generated, shipped, big, trees, tables or brute");
    } else
      throw std::runtime_error("unknown option " + a);
  }
  return true;
}

void writeFile(const fs::path &p, const std::string &text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
  if (!f)
    throw std::runtime_error("cannot write " + p.string());
}

} // namespace

int main(int argc, char **argv) {
  ww::keepFreedMemory(); // as the command line does
  Options o;
  try {
    if (!parseArgs(argc, argv, o))
      return 0;
  } catch (const std::exception &e) {
    std::cerr << "ww_bench: " << e.what() << "\n";
    return 2;
  }

  if (!o.generateOnly.empty()) {
    fs::create_directories(o.generateOnly);
    for (auto [q, r] : o.sizes)
      for (bool defects : {false, true}) {
        if (defects && !o.defects)
          continue;
        ww::bench::Generated g = ww::bench::generate({q, r, o.seed, defects});
        writeFile(fs::path(o.generateOnly) / (g.name + ".ww"), g.text);
        std::cout << fs::path(o.generateOnly) / (g.name + ".ww") << ": " << g.rules << " rules, "
                  << g.exceptions << " exceptions, " << g.properties << " properties, " << g.tests
                  << " tests, " << g.askedWhen << " asked-when\n";
      }
    return 0;
  }

  fs::path dir;
  if (!o.keep.empty()) {
    dir = o.keep;
    fs::create_directories(dir);
  } else {
    std::string tmpl = (fs::temp_directory_path() / "ww_bench.XXXXXX").string();
    if (!mkdtemp(tmpl.data())) {
      std::cerr << "ww_bench: cannot create a temporary folder\n";
      return 2;
    }
    dir = tmpl;
  }

  // The goals first: every row of docs/performance.md's table, cold and warm.
  std::string goals;
  if (o.goals)
    goals = ww::bench::goalsTable({o.rulesets, (dir / "goals").string(), o.maxSeconds});

  Table table;
  table.header();
  std::string perRuleset;
  auto progress = [](const std::string &what, const Outcome &r) {
    std::cerr << fmt::format(
        "ww_bench: {}: {} (wall {:.1f} s)\n", what,
        r.ok ? fmt::format("load {:.2f} s, verify {:.2f} s CPU, {} solver calls, peak RSS {} MiB",
                           r.m.load, r.m.verify, r.m.verifyCalls, r.peakRssKb / 1024)
             : r.failure,
        r.wall);
  };

  if (o.generated) {
    bool stop = false;
    for (auto [q, r] : o.sizes) {
      for (bool defects : {false, true}) {
        if (stop || (defects && !o.defects))
          continue;
        ww::bench::Generated g = ww::bench::generate({q, r, o.seed, defects});
        fs::path file = dir / (g.name + ".ww");
        writeFile(file, g.text);
        std::string name =
            fmt::format("generated {}×{}{}", q, r, defects ? " + gap, conflict" : "");
        Outcome res = runChild({file.string()}, o);
        progress(name, res);
        table.row(name, res);
        if (!res.ok) {
          stop = true;
          table.md +=
              fmt::format("| (larger sizes skipped after {}: {}) | | | | | | | | | | | | |\n", name,
                          res.failure);
        }
      }
    }
  }

  if (o.shipped) {
    Outcome res = runChild({o.rulesets}, o);
    progress("shipped rulesets", res);
    table.row(fmt::format("shipped `rulesets/` ({} rulesets)", res.m.rulesets), res);
    if (res.ok) {
      perRuleset += "| Ruleset | Rules (incl. module) | Verify (CPU) | Solver calls | In "
                    "Z3_solver_check (CPU) |\n";
      perRuleset += "| ------- | ----: | -----: | -----------: | ---------: |\n";
      for (const auto &line : res.m.perRuleset) {
        std::istringstream l(line);
        std::string id;
        std::size_t rules = 0, calls = 0;
        double s = 0, z = 0;
        l >> id >> rules >> s >> calls >> z;
        perRuleset +=
            fmt::format("| {} | {} | {} | {} | {} |\n", id, rules, secs(s), calls, secs(z));
      }
    }
  }

  if (o.big && o.bigMb > 0) {
    fs::path file = dir / "groot.ww";
    {
      ww::bench::Generated small = ww::bench::generate({5, 20, o.seed, false});
      std::string text = ww::bench::commentBlock(static_cast<std::size_t>(o.bigMb), o.seed);
      text += small.text;
      writeFile(file, text);
    }
    Outcome res = runChild({file.string()}, o);
    progress("big file", res);
    table.row(fmt::format("{} MiB of comments + 5×20 ruleset", o.bigMb), res);
  }

  std::string trees;
  if (o.trees) {
    std::string text;
    Outcome res = runChildWith([&] { return measureTrees({o.rulesets}, o); }, o, text);
    std::cerr << fmt::format("ww_bench: trees: {} (wall {:.1f} s)\n", res.ok ? "done" : res.failure,
                             res.wall);
    trees = "| Ruleset | Q | Nodes | Paths | Cases replayed | export: tree + validation (CPU) | "
            "Solver calls | ask: to the first question (CPU) | Solver calls | of which in "
            "Z3_solver_check (CPU) |\n"
            "| ------- | -: | ----: | ----: | ----: | ----: | ----: | ----: | ----: | ----: |\n";
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("T ", 0) != 0)
        continue;
      std::istringstream l(line.substr(2));
      std::string id, nodes;
      std::size_t questions = 0, paths = 0, replayed = 0, fullCalls = 0, lazyCalls = 0;
      double fullCpu = 0, lazyCpu = 0, lazySolver = 0;
      l >> id >> questions >> nodes >> paths >> replayed >> fullCpu >> fullCalls >> lazyCpu >>
          lazyCalls >> lazySolver;
      trees += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", id,
                           questions, nodes, paths, replayed, secs(fullCpu), fullCalls,
                           secs(lazyCpu), lazyCalls, secs(lazySolver));
    }
    if (!res.ok)
      trees += fmt::format("| ({}) | | | | | | | | | |\n", res.failure);
  }

  std::string tables;
  if (o.tables) {
    tables = "| Table | Inputs | Rows | Moved | Path | Verify (CPU) | Verify (wall) | Child CPU | "
             "Peak RSS | Solver calls | In Z3_solver_check | Gaps (E0501) | Conflicts (E0502) | "
             "Regions: gaps + "
             "conflicts | Raw conflicting pairs | Uncovered points | Other findings |\n"
             "| ----- | -: | ---: | ---: | ---- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
             "---: | ---: | ---: | ---: | ---- |\n";
    for (auto [n, rows] : o.tableSizes) {
      ww::bench::TableOptions to;
      to.numbers = n;
      to.lists = o.tableLists;
      to.rows = rows;
      to.outcomes = o.tableOutcomes;
      to.seed = o.seed;
      ww::bench::Table t = ww::bench::generateTable(to);
      fs::path file = dir / (t.name + ".ww");
      writeFile(file, t.text);
      std::size_t raw = ww::bench::conflictingPairs(t);
      std::uint64_t uncovered = ww::bench::uncoveredPoints(t);
      std::vector<bool> paths;
      if (o.fastPath || o.bothPaths)
        paths.push_back(true);
      if (!o.fastPath || o.bothPaths)
        paths.push_back(false);
      std::string digest;
      for (bool fast : paths) {
        std::string text;
        Outcome res = runChildWith([&] { return measureTable(file.string(), o, fast); }, o, text);
        std::istringstream l(text.substr(text.rfind("TB ", 0) == 0 ? 3 : text.size()));
        double load = 0, cpu = 0, wall = 0, inSolver = 0;
        std::size_t calls = 0, e0501 = 0, e0502 = 0, n0513 = 0, w0507 = 0, w0509 = 0, rg = 0,
                    rc = 0, errors = 0, warnings = 0, inconclusive = 0;
        std::string hash;
        l >> load >> cpu >> wall >> calls >> inSolver >> e0501 >> e0502 >> n0513 >> w0507 >>
            w0509 >> rg >> rc >> errors >> warnings >> inconclusive >> hash;
        std::string name = fmt::format("{}×{}", n, rows);
        std::string path = fast ? "box fast path" : "solver";
        std::cerr << fmt::format("ww_bench: table {} ({}): {} (wall {:.1f} s)\n", name, path,
                                 res.ok ? fmt::format("verify {:.2f} s CPU, {} solver calls, "
                                                      "peak RSS {} MiB",
                                                      cpu, calls, res.peakRssKb / 1024)
                                        : res.failure,
                                 res.wall);
        if (!res.ok || l.fail()) {
          tables += fmt::format("| {} | {} | {} | {} | {} | {} (child CPU {}) | | | {} | | | | | | "
                                "{} | {} | |\n",
                                name, n + o.tableLists, t.rows.size(), t.perturbed, path,
                                res.ok ? "no measurement" : res.failure, secs(res.cpu),
                                mib(res.peakRssKb), raw, uncovered);
          continue;
        }
        std::string other = fmt::format(
            "{} W0507, {} W0509{}{}", w0507, w0509, n0513 ? fmt::format(", {} N0513", n0513) : "",
            inconclusive ? fmt::format(", {} E0511", inconclusive) : "");
        if (!digest.empty())
          other += hash == digest ? "; same diagnostics" : "; DIAGNOSTICS DIFFER";
        digest = hash;
        tables += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | "
                              "{} | {} | {} | {} |\n",
                              name, n + o.tableLists, t.rows.size(), t.perturbed, path, secs(cpu),
                              secs(wall), secs(res.cpu), mib(res.peakRssKb), calls, secs(inSolver),
                              e0501, e0502, rg + rc, raw, uncovered, other);
      }
    }
  }

  std::string brute;
  if (o.brute) {
    ww::bench::Table t =
        ww::bench::generateYesNoTable(o.bruteQuestions, o.bruteRows, o.tableOutcomes, o.seed);
    fs::path file = dir / (t.name + ".ww");
    writeFile(file, t.text);
    brute = "| Input | Method | CPU | Wall | Solver calls | Findings | Ratio to check |\n"
            "| ----- | ------ | --: | ---: | ---: | -------- | ---: |\n";
    std::string text;
    Outcome bf = runChildWith([&] { return measureBrute(file.string()); }, o, text);
    std::istringstream l(text.substr(text.rfind("BF ", 0) == 0 ? 3 : text.size()));
    std::size_t cases = 0, gaps = 0, pairs = 0, dead = 0;
    double bfCpu = 0;
    l >> cases >> bfCpu >> gaps >> pairs >> dead;
    std::string input =
        fmt::format("{} yes/no questions, {} rules", o.bruteQuestions, t.rows.size());
    std::cerr << fmt::format("ww_bench: brute force: {} cases in {:.2f} s CPU\n", cases, bfCpu);
    std::string digest;
    for (bool fast : {true, false}) {
      std::string out;
      Outcome res = runChildWith([&] { return measureTable(file.string(), o, fast); }, o, out);
      std::istringstream m(out.substr(out.rfind("TB ", 0) == 0 ? 3 : out.size()));
      double load = 0, cpu = 0, wall = 0, inSolver = 0;
      std::size_t calls = 0, e0501 = 0, e0502 = 0, n0513 = 0, w0507 = 0, w0509 = 0;
      std::size_t rg = 0, rc = 0, errors = 0, warnings = 0, inconclusive = 0;
      std::string hash;
      m >> load >> cpu >> wall >> calls >> inSolver >> e0501 >> e0502 >> n0513 >> w0507 >> w0509 >>
          rg >> rc >> errors >> warnings >> inconclusive >> hash;
      std::string same = fast ? "" : hash == digest ? "; same diagnostics" : "; DIAGNOSTICS DIFFER";
      digest = hash;
      std::cerr << fmt::format("ww_bench: brute-force input, check ({}): {:.3f} s CPU\n",
                               fast ? "fast path" : "solver", cpu);
      brute += fmt::format("| {} | `check` ({}) | {} | {} | {} | {} E0501, {} E0502{}, {} W0507, "
                           "{} W0509{} | {:.0f}× |\n",
                           input, fast ? "box fast path" : "solver path",
                           res.ok ? secs(cpu) : res.failure, secs(wall), calls, e0501, e0502,
                           n0513 ? " + N0513" : "", w0507, w0509, same,
                           cpu > 0 ? bfCpu / cpu : 0.0);
    }
    brute += fmt::format("| {} | evaluator, every case | {} | {} | 0 | {} cases: {} without "
                         "outcome, {} conflicting pairs, {} dead rules | 1× |\n",
                         input, bf.ok ? secs(bfCpu) : bf.failure, secs(bf.wall), cases, gaps, pairs,
                         dead);
  }

  std::string md = goals;
  if (o.generated || o.shipped || o.big)
    md += (md.empty() ? "" : "\n") + table.md;
  if (!perRuleset.empty())
    md += "\n" + perRuleset;
  if (!trees.empty())
    md += "\n" + trees;
  if (!tables.empty())
    md += (md.empty() ? "" : "\n") + tables;
  if (!brute.empty())
    md += (md.empty() ? "" : "\n") + brute;
  std::cout << md;
  if (!o.out.empty())
    writeFile(o.out, md);
  if (o.keep.empty())
    fs::remove_all(dir);
  return 0;
}
