#include "cli/cli.h"

#include "compiler/support/i18n.h"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace po = boost::program_options;

namespace ww::cli {

void addInputOptions(po::options_description &desc, InputOptions &options,
                     const std::string &formats) {
  desc.add_options()("include,I", po::value(&options.includeDirs)->composing(),
                     "also look for modules in DIR (repeatable)")(
      "format", po::value(&options.format)->default_value(options.format), formats.c_str())(
      "color", po::value(&options.color)->default_value("auto"),
      "auto, always or never")("as-of", po::value(&options.asOf)->value_name("DATE"),
                               "the date (YYYY-MM-DD) the answers are for");
}

Date answerDate(const InputOptions &options) {
  if (options.asOfDate)
    return *options.asOfDate;
  if (auto d = today())
    return *d;
  throw UsageError("WW_TODAY is set but is not a date (YYYY-MM-DD)");
}

const ir::Ruleset &rulesetOn(const ir::History &history, const Date &date) {
  if (const ir::Ruleset *rs = history.at(date))
    return *rs;
  throw UsageError(fmt::format("ruleset `{}` does not model {}: it models {}", history.id,
                               date.iso(), history.span.text()));
}

bool parseCommand(int argc, char **argv, const std::string &usage, po::options_description &desc,
                  InputOptions &options, const std::vector<std::string> &formats) {
  std::string lang;
  desc.add_options()("lang", po::value(&lang)->value_name("nl|en"), tr("option.lang").c_str())(
      "help,h", "show this help");
  po::options_description hidden;
  hidden.add_options()("path", po::value(&options.paths)->composing(), "files or folders");
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description positional;
  positional.add("path", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error &e) {
    throw UsageError(e.what());
  }
  if (vm.count("help")) {
    std::cout << usage << "\n\n" << desc << "\n";
    return false;
  }
  if (std::find(formats.begin(), formats.end(), options.format) == formats.end())
    throw UsageError(fmt::format("unknown format `{}`", options.format));
  if (options.color != "auto" && options.color != "always" && options.color != "never")
    throw UsageError(fmt::format("unknown --color value `{}`", options.color));
  if (options.paths.empty())
    throw UsageError("no PATH given: name ruleset files or folders");
  if (!options.asOf.empty()) {
    DateError error;
    options.asOfDate = parseDate(options.asOf, &error);
    if (!options.asOfDate)
      throw UsageError(fmt::format("--as-of: {}; {}", error.message, error.help));
  }
  return true;
}

bool useColor(const InputOptions &options) {
  if (options.color == "always")
    return true;
  if (options.color == "never")
    return false;
  const char *noColor = std::getenv("NO_COLOR");
  if (noColor && *noColor)
    return false;
  return isatty(STDOUT_FILENO) != 0;
}

} // namespace ww::cli
