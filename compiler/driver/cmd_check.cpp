// `wegwijzer check` and `wegwijzer test`: the CI gate.

#include "compiler/driver/cli.h"
#include "compiler/driver/progress.h"
#include "compiler/driver/report.h"
#include "compiler/review/coverage.h"
#include "compiler/review/waivers.h"
#include "verifier/tree.h"

#include <fmt/format.h>

#include <iostream>

namespace po = boost::program_options;

namespace ww::cli {
namespace {

// `test --coverage`: per ruleset, the rules, exceptions and tree leaves the tests reach.
// Returns false when some ruleset is below minPercent.
bool reportCoverage(const Workspace &ws, const RunResult &run, double minPercent,
                    const Date &date, std::ostream &out) {
  bool ok = true;
  for (const ir::History &h : ws.rulesets) {
    // The rules that hold on the date (`--as-of`, else today), else the latest period's.
    const ir::Ruleset &rs = h.at(date) ? *h.at(date) : h.periods.back();
    bool errors = false;
    for (const Diagnostic &d : ws.sink.all())
      errors = errors || (d.severity == Severity::Error && d.ruleset == rs.id && d.waiver.empty());
    std::optional<exp::Tree> tree;
    if (!errors && verify::mainDecision(rs) >= 0) {
      DiagnosticSink scratch; // a tree that cannot be built only means: no leaves counted
      tree = verify::buildTree(rs, {}, scratch);
    }
    review::Coverage c = review::coverage(rs, tree ? &*tree : nullptr);
    out << fmt::format("coverage of ruleset `{}`: {:.1f}% ({} of {}): rules {}/{}, exceptions "
                       "{}/{}, ",
                       rs.id, c.percent(), c.reached(), c.total(),
                       c.rules.size() - c.rulesMissed.size(), c.rules.size(),
                       c.exceptions.size() - c.exceptionsMissed.size(), c.exceptions.size());
    out << (c.hasTree ? fmt::format("tree leaves {}/{}\n", c.leavesReached, c.leaves)
                      : std::string("tree leaves not counted (no verified tree)\n"));
    auto list = [&](const char *what, const std::vector<std::string> &xs, bool quote) {
      if (xs.empty())
        return;
      std::string s;
      for (const auto &x : xs)
        s += (s.empty() ? "" : ", ") + (quote ? "`" + x + "`" : x);
      out << fmt::format("  {} no test reaches: {}\n", what, s);
    };
    list("rules", c.rulesMissed, true);
    list("exceptions", c.exceptionsMissed, false);
    if (!c.suggestedTests.empty()) {
      out << "  leaves no test reaches, each with a test to paste:\n";
      for (const std::string &t : c.suggestedTests) {
        std::string indented = "    ";
        for (char ch : t)
          indented += ch == '\n' ? std::string("\n    ") : std::string(1, ch);
        out << indented << "\n";
      }
    }
    if (c.percent() < minPercent) {
      ok = false;
      out << fmt::format("  below the minimum coverage of {}%\n", minPercent);
    }
  }
  (void)run;
  return ok;
}

} // namespace

int cmdCheck(int argc, char **argv, bool testsOnly) {
  InputOptions options;
  CheckOptions check;
  check.testsOnly = testsOnly;
  std::string name = testsOnly ? "test" : "check";
  po::options_description desc(name + " options");
  addInputOptions(desc, options, "text, json, sarif or junit");
  bool withCoverage = false;
  double minCoverage = 0;
  if (!testsOnly)
    addCheckOptions(desc, check);
  else
    desc.add_options()("coverage", po::bool_switch(&withCoverage),
                       "report the rules, exceptions and tree leaves the tests reach (text)")(
        "min-coverage", po::value(&minCoverage),
        "exit 1 when a ruleset's coverage is below N percent (implies --coverage)");
  std::string usage =
      testsOnly ? "usage: wegwijzer test [options] PATH...\n\nRuns the tests of the rulesets in "
                  "PATH (files, or folders searched for *.ww)."
                : "usage: wegwijzer check [options] PATH...\n\nParses, analyses and verifies the "
                  "rulesets in PATH (files, or folders searched for *.ww) and runs their tests.";
  if (!parseCommand(argc, argv, usage, desc, options, {"text", "json", "sarif", "junit"}))
    return kOk;
  if (!testsOnly)
    validateCheckOptions(check);
  if (!(minCoverage >= 0 && minCoverage <= 100))
    throw UsageError("--min-coverage must be a percentage from 0 to 100");
  check.asOf = options.asOfDate;
  check.progress = Progress::stderrIsTerminal();

  Workspace ws;
  LoadOptions loadOptions{options.includeDirs};
  loadOptions.rulesetsOfModules = true; // a module is verified through its rulesets
  load(ws, options.paths, loadOptions);
  RunResult result = runChecks(ws, check);
  std::vector<std::string> verified;
  for (const verify::Stats &s : result.stats)
    verified.push_back(s.ruleset);
  std::optional<Date> today = ww::today();
  if (!today)
    throw UsageError("WW_TODAY is set but is not a date (YYYY-MM-DD)");
  review::applyWaivers(ws, review::loadWaivers(ws), *today, verified, testsOnly);
  std::cout << renderRun(ws, result, options.format, useColor(options), check);
  int status = exitCode(ws, result, check);
  if (withCoverage || minCoverage > 0) {
    bool enough = reportCoverage(ws, result, minCoverage, answerDate(options), std::cout);
    if (!enough && status == kOk)
      status = kRuleErrors;
  }
  return status;
}

} // namespace ww::cli
