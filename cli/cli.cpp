#include "cli/cli.h"

#include "compiler/support/periods.h"
#include "compiler/support/i18n.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace po = boost::program_options;

namespace ww::cli {

void addInputOptions(po::options_description &desc, InputOptions &options,
                     const std::string &formats) {
  desc.add_options()("include,I",
                     po::value(&options.includeDirs)->composing()->value_name(tr("help.value.include")),
                     tr("help.option.include").c_str())(
      "format",
      po::value(&options.format)->default_value(options.format)->value_name(tr("help.value.arg")),
      formats.c_str())("color",
                       po::value(&options.color)->default_value("auto")->value_name(
                           tr("help.value.arg")),
                       tr("help.option.color").c_str())(
      "as-of", po::value(&options.asOf)->value_name(tr("help.value.date")),
      tr("help.option.as_of").c_str());
}

Date answerDate(const InputOptions &options) {
  if (options.asOfDate)
    return *options.asOfDate;
  if (auto d = today())
    return *d;
  throw UsageError(tr("usage.ww_today"));
}

const ir::Ruleset &rulesetOn(const ir::History &history, const Date &date) {
  if (const ir::Ruleset *rs = history.at(date))
    return *rs;
  throw UsageError(tr("usage.not_modelled", {{"ruleset", history.id},
                                             {"date", i18n::date(date)},
                                             {"span", periodShown(history.span)}}));
}

namespace {

// boost::program_options keeps the value of an invalid option value among its substitutions,
// which only a derived class can name.
struct OptionError : po::error_with_option_name {
  static std::string value(const po::error_with_option_name &e) {
    const auto &subs = e.*(&OptionError::m_substitutions);
    auto it = subs.find("value");
    return it == subs.end() ? std::string() : it->second;
  }
};

// boost::program_options' own message in the language of the run. English keeps boost's words
// (as the catalogue writes them too); the rest of the languages say it from the catalogue.
std::string optionError(const po::error &e) {
  if (i18n::language() == i18n::Lang::En)
    return e.what();
  auto *named = dynamic_cast<const po::error_with_option_name *>(&e);
  std::string option = named ? named->get_option_name() : std::string();
  if (dynamic_cast<const po::unknown_option *>(&e))
    return tr("usage.option.unknown", {{"option", option}});
  if (dynamic_cast<const po::ambiguous_option *>(&e))
    return tr("usage.option.ambiguous", {{"option", option}});
  if (dynamic_cast<const po::multiple_occurrences *>(&e))
    return tr("usage.option.twice", {{"option", option}});
  if (dynamic_cast<const po::multiple_values *>(&e))
    return tr("usage.option.one_value", {{"option", option}});
  if (dynamic_cast<const po::required_option *>(&e))
    return tr("usage.option.required", {{"option", option}});
  if (auto *syntax = dynamic_cast<const po::invalid_syntax *>(&e)) {
    switch (syntax->kind()) {
    case po::invalid_syntax::missing_parameter:
    case po::invalid_syntax::empty_adjacent_parameter:
      return tr("usage.option.needs_value", {{"option", option}});
    case po::invalid_syntax::extra_parameter:
      return tr("usage.option.no_value", {{"option", option}});
    default:
      return tr("usage.option.syntax", {{"option", option}});
    }
  }
  if (auto *invalid = dynamic_cast<const po::validation_error *>(&e)) {
    switch (invalid->kind()) {
    case po::validation_error::multiple_values_not_allowed:
      return tr("usage.option.one_value", {{"option", option}});
    case po::validation_error::at_least_one_value_required:
      return tr("usage.option.needs_value", {{"option", option}});
    default:
      return tr("usage.option.bad_value", {{"option", option}, {"value", OptionError::value(*invalid)}});
    }
  }
  if (dynamic_cast<const po::too_many_positional_options_error *>(&e))
    return tr("usage.option.too_many_paths");
  return tr("usage.option.other", {{"what", e.what()}});
}

} // namespace

std::string optionsCaption(const std::string &command) {
  return tr("help.caption", {{"command", command}});
}

std::string formatsHelp(const std::vector<std::string> &formats) {
  return i18n::listOr(formats);
}

bool parseCommand(int argc, char **argv, const std::string &usage, po::options_description &desc,
                  InputOptions &options, const std::vector<std::string> &formats) {
  std::string lang;
  desc.add_options()("lang", po::value(&lang)->value_name("nl|en"), tr("option.lang").c_str())(
      "help,h", tr("help.option.help").c_str());
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
    throw UsageError(optionError(e));
  }
  if (vm.count("help")) {
    std::cout << usage << "\n\n" << desc << "\n";
    return false;
  }
  if (std::find(formats.begin(), formats.end(), options.format) == formats.end())
    throw UsageError(tr("usage.unknown_format", {{"format", options.format}}));
  if (options.color != "auto" && options.color != "always" && options.color != "never")
    throw UsageError(tr("usage.unknown_color", {{"value", options.color}}));
  if (options.paths.empty())
    throw UsageError(tr("usage.no_path"));
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
