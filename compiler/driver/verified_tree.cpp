#include "compiler/driver/verified_tree.h"

#include "compiler/driver/report.h"
#include "compiler/support/render.h"
#include "verifier/tree.h"

#include <fmt/format.h>

#include <iostream>

namespace ww::cli {

const ir::Ruleset &singleRuleset(const Workspace &ws, const std::string &command) {
  if (ws.rulesets.size() != 1)
    throw UsageError(
        fmt::format("`{}` takes exactly one ruleset file; {} given", command, ws.rulesets.size()));
  return ws.rulesets.front();
}

int prepareTree(VerifiedTree &out, const InputOptions &options, double timeoutSeconds,
                bool allowUnverified, const std::string &command) {
  if (!(timeoutSeconds >= 0.001))
    throw UsageError("--timeout must be at least 0.001 seconds");
  Workspace &ws = out.ws;
  load(ws, options.paths, {options.includeDirs});
  bool color = useColor(options);
  auto fail = [&](int code) {
    for (const Diagnostic &d : ws.sink.sorted(ws.sources))
      if (d.severity == Severity::Error)
        std::cerr << renderText(d, ws.sources, {color});
    return code;
  };
  if (ws.sink.hasErrors() && ws.rulesets.empty()) {
    for (const Diagnostic &d : ws.sink.all())
      if (isIoError(d))
        return fail(kUsage);
    return fail(kRuleErrors);
  }
  const ir::Ruleset &rs = singleRuleset(ws, command);
  out.ruleset = &rs;
  CheckOptions check;
  check.verify.timeoutMs = std::max(1u, static_cast<unsigned>(timeoutSeconds * 1000));
  RunResult run = runChecks(ws, check);
  int status = exitCode(ws, run, check);
  out.verified = status == kOk;
  if (!out.verified && !allowUnverified) {
    bool exporting = command == "export";
    std::cerr << fmt::format("wegwijzer {}: `{}` does not verify; {}\n", command, rs.id,
                             exporting ? "nothing was exported" : "its questions are not asked");
    fail(0);
    std::cerr << fmt::format("(`wegwijzer check` shows every finding; `--unverified` {})\n",
                             exporting ? "exports anyway, stamped as such" : "asks anyway");
    return status;
  }
  if (verify::mainDecision(rs) < 0) {
    std::cerr << fmt::format("wegwijzer {}: `{}` has no main decision\n", command, rs.id);
    return kRuleErrors;
  }
  verify::TreeOptions treeOptions;
  treeOptions.timeoutMs = check.verify.timeoutMs;
  out.tree = verify::buildTree(rs, treeOptions, ws.sink);
  if (!out.tree) {
    bool gaveUp = false;
    for (const Diagnostic &d : ws.sink.all())
      gaveUp = gaveUp || d.code == "E0601";
    return fail(gaveUp ? kInconclusive : kRuleErrors);
  }
  out.tree->verified = out.verified;
  return -1;
}

} // namespace ww::cli
