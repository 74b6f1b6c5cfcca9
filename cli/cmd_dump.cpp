// `wegwijzer dump ast|ir PATH...`: a stage's view of the input, for golden tests (hidden).

#include "cli/cli.h"
#include "compiler/support/i18n.h"
#include "compiler/support/render.h"

#include <iostream>

namespace po = boost::program_options;

namespace ww::cli {

int cmdDump(int argc, char **argv) {
  if (argc >= 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::cout << tr("help.dump.usage_long") << "\n";
    return kOk;
  }
  if (argc < 2)
    throw UsageError(tr("help.dump.usage_short"));
  std::string what = argv[1];
  if (what != "ast" && what != "ir")
    throw UsageError(tr("usage.dump_what"));
  InputOptions options;
  po::options_description desc(optionsCaption("dump"));
  addInputOptions(desc, options, formatsHelp({"text"}));
  if (!parseCommand(argc - 1, argv + 1, tr("help.dump.usage"), desc, options, {"text"}))
    return kOk;
  Workspace ws;
  load(ws, options.paths, {options.includeDirs});
  if (what == "ast") {
    for (FileId id : ws.requested)
      if (ws.asts[id - 1])
        std::cout << ast::dump(*ws.asts[id - 1]);
  } else {
    for (const auto *list : {&ws.modules, &ws.rulesets})
      for (const ir::History &h : *list) {
        if (options.asOfDate) {
          std::cout << ir::dump(rulesetOn(h, *options.asOfDate));
          continue;
        }
        for (const ir::Ruleset &r : h.periods)
          std::cout << ir::dump(r);
      }
  }
  RenderOptions render{useColor(options)};
  for (const Diagnostic &d : ws.sink.sorted(ws.sources))
    std::cout << renderText(d, ws.sources, render);
  return ws.sink.hasErrors() ? kRuleErrors : kOk;
}

} // namespace ww::cli
