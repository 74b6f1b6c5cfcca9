// `wegwijzer export RULESET --format json|dot|md|html [-o FILE]`: the verified decision tree.

#include "compiler/driver/cli.h"
#include "compiler/driver/report.h"
#include "compiler/driver/version.h"
#include "compiler/export/to_json.h"
#include "compiler/support/render.h"
#include "compiler/support/sha256.h"
#include "verifier/tree.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>

namespace po = boost::program_options;

namespace ww::cli {

const ir::Ruleset& singleRuleset(const Workspace& ws, const std::string& command) {
  if (ws.rulesets.size() != 1)
    throw UsageError(fmt::format("`{}` takes exactly one ruleset file; {} given", command,
                                 ws.rulesets.size()));
  return ws.rulesets.front();
}

int cmdExport(int argc, char** argv) {
  InputOptions options;
  std::string outPath;
  bool unverified = false;
  double timeout = 10;
  po::options_description desc("export options");
  options.format = "json";
  addInputOptions(desc, options, "json, dot, md or html");
  desc.add_options()("output,o", po::value(&outPath), "write to FILE instead of standard output")
      ("unverified", po::bool_switch(&unverified),
       "export even when the ruleset does not verify (the output says so)")
      ("timeout", po::value(&timeout)->default_value(10), "seconds per solver call");
  if (!parseCommand(argc, argv,
                    "usage: wegwijzer export [options] RULESET\n\nWrites the ruleset's decision "
                    "tree, after proving that it gives exactly the rules' answers.",
                    desc, options, {"json", "dot", "md", "html"}))
    return kOk;
  if (!(timeout > 0)) throw UsageError("--timeout must be positive");

  Workspace ws;
  load(ws, options.paths, {options.includeDirs});
  bool color = useColor(options);
  auto fail = [&](int code) {
    for (const Diagnostic& d : ws.sink.sorted(ws.sources))
      if (d.severity == Severity::Error) std::cerr << renderText(d, ws.sources, {color});
    return code;
  };
  if (ws.sink.hasErrors() && ws.rulesets.empty()) {
    for (const Diagnostic& d : ws.sink.all())
      if (isIoError(d)) return fail(kUsage);
    return fail(kRuleErrors);
  }
  const ir::Ruleset& rs = singleRuleset(ws, "export");
  CheckOptions check;
  check.verify.timeoutMs = static_cast<unsigned>(timeout * 1000);
  RunResult run = runChecks(ws, check);
  int status = exitCode(ws, run, check);
  bool verified = status == kOk;
  if (!verified && !unverified) {
    std::cerr << fmt::format("wegwijzer export: `{}` does not verify; nothing was exported\n", rs.id);
    fail(0);
    std::cerr << "(`wegwijzer check` shows every finding; `--unverified` exports anyway, stamped as such)\n";
    return status;
  }
  verify::TreeOptions treeOptions;
  treeOptions.timeoutMs = check.verify.timeoutMs;
  std::optional<exp::Tree> tree = verify::buildTree(rs, treeOptions, ws.sink);
  if (!tree) {
    bool gaveUp = false;
    for (const Diagnostic& d : ws.sink.all()) gaveUp = gaveUp || d.code == "E0601";
    if (verify::mainDecision(rs) < 0)
      std::cerr << fmt::format("wegwijzer export: `{}` has no decision to export\n", rs.id);
    return fail(gaveUp ? kInconclusive : kRuleErrors);
  }
  tree->verified = verified;

  exp::Stamp stamp;
  stamp.toolVersion = kVersion;
  stamp.verified = verified;
  if (!verified) stamp.note = "UNVERIFIED: exported with --unverified; `wegwijzer check` reports errors";
  for (FileId f : rs.files)
    stamp.sources.push_back({ws.sources.file(f).path(), sha256Hex(ws.sources.file(f).text())});
  nlohmann::json doc = exp::toJson(rs, *tree, stamp);
  std::string text = options.format == "json"  ? doc.dump(2) + "\n"
                     : options.format == "dot" ? exp::toDot(doc)
                     : options.format == "md"  ? exp::toMarkdown(doc)
                                               : exp::toHtml(doc);
  if (outPath.empty()) {
    std::cout << text;
  } else {
    std::ofstream out(outPath, std::ios::binary);
    if (!out || !(out << text)) {
      std::cerr << fmt::format("wegwijzer export: cannot write `{}`\n", outPath);
      return kUsage;
    }
  }
  return kOk;
}

} // namespace ww::cli
