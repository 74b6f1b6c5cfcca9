// `wegwijzer export RULESET --format json|dot|md|html [-o FILE]`: the verified decision tree.

#include "compiler/driver/cli.h"
#include "compiler/driver/verified_tree.h"
#include "compiler/driver/version.h"
#include "compiler/export/to_json.h"
#include "compiler/support/sha256.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>

namespace po = boost::program_options;

namespace ww::cli {

int cmdExport(int argc, char **argv) {
  InputOptions options;
  std::string outPath;
  bool unverified = false;
  double timeout = 10;
  po::options_description desc("export options");
  options.format = "json";
  addInputOptions(desc, options, "json, dot, md or html");
  desc.add_options()("output,o", po::value(&outPath), "write to FILE instead of standard output")(
      "unverified", po::bool_switch(&unverified),
      "export even when the ruleset does not verify (the output says so)")(
      "timeout", po::value(&timeout)->default_value(10), "seconds per solver call");
  if (!parseCommand(argc, argv,
                    "usage: wegwijzer export [options] RULESET\n\nWrites the ruleset's decision "
                    "tree, after proving that it gives exactly the rules' answers.",
                    desc, options, {"json", "dot", "md", "html"}))
    return kOk;
  VerifiedTree prepared;
  if (int code = prepareTree(prepared, options, timeout, unverified, "export"); code >= 0)
    return code;
  const ir::Ruleset &rs = *prepared.ruleset;
  const Workspace &ws = prepared.ws;
  bool verified = prepared.verified;
  const std::optional<exp::Tree> &tree = prepared.tree;

  exp::Stamp stamp;
  stamp.toolVersion = kVersion;
  stamp.verified = verified;
  if (!verified)
    stamp.note = "UNVERIFIED: exported with --unverified; `wegwijzer check` reports errors";
  for (FileId f : rs.files)
    stamp.sources.push_back({ws.sources.file(f).path(), sha256Hex(ws.sources.file(f).text())});
  nlohmann::json doc = exp::toJson(rs, *tree, stamp);
  std::string text = options.format == "json"  ? doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"
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
