// `wegwijzer check` and `wegwijzer test`: the CI gate.

#include "compiler/driver/cli.h"
#include "compiler/driver/report.h"

#include <iostream>

namespace po = boost::program_options;

namespace ww::cli {

int cmdCheck(int argc, char **argv, bool testsOnly) {
  InputOptions options;
  CheckOptions check;
  check.testsOnly = testsOnly;
  std::string name = testsOnly ? "test" : "check";
  po::options_description desc(name + " options");
  addInputOptions(desc, options, "text, json, sarif or junit");
  if (!testsOnly)
    addCheckOptions(desc, check);
  std::string usage =
      testsOnly ? "usage: wegwijzer test [options] PATH...\n\nRuns the tests of the rulesets in "
                  "PATH (files, or folders searched for *.ww)."
                : "usage: wegwijzer check [options] PATH...\n\nParses, analyses and verifies the "
                  "rulesets in PATH (files, or folders searched for *.ww) and runs their tests.";
  if (!parseCommand(argc, argv, usage, desc, options, {"text", "json", "sarif", "junit"}))
    return kOk;
  if (!testsOnly)
    validateCheckOptions(check);
  check.asOf = options.asOfDate;

  Workspace ws;
  LoadOptions loadOptions{options.includeDirs};
  loadOptions.rulesetsOfModules = true; // a module is verified through its rulesets
  load(ws, options.paths, loadOptions);
  RunResult result = runChecks(ws, check);
  std::cout << renderRun(ws, result, options.format, useColor(options), check);
  return exitCode(ws, result, check);
}

} // namespace ww::cli
