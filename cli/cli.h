#pragma once
/// What every subcommand shares: options that read rulesets, exit codes, output.

#include "compiler/support/i18n.h"
#include "engine/workspace.h"

#include <boost/program_options.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace ww::cli {

// The engine's loading, as the commands use it.
using engine::FileSource;
using engine::isIoError;
using engine::load;
using engine::LoadOptions;
using engine::Workspace;

/// Documented in docs/cli.md; never change their meaning.
enum ExitCode { kOk = 0, kRuleErrors = 1, kUsage = 2, kInconclusive = 3, kChanged = 4 };

/// Thrown for a usage error; main prints it and exits with kUsage.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Options of every command that reads rulesets: PATH..., -I DIR, --format, --color.
struct InputOptions {
  std::vector<std::string> paths;
  std::vector<std::string> includeDirs;
  std::string format = "text";
  std::string color = "auto";
  std::string asOf;             ///< `--as-of DATE` as written; empty when not given
  std::optional<Date> asOfDate; ///< parsed by parseCommand
};

/// Adds -I, --format (with the allowed formats in its help), --color and --as-of to desc.
void addInputOptions(boost::program_options::options_description &desc, InputOptions &options,
                     const std::string &formats);

/// "check options" / "opties van check": the caption of a command's options in --help.
std::string optionsCaption(const std::string &command);
/// The formats a command writes, for the help of --format: "text, json or md".
std::string formatsHelp(const std::vector<std::string> &formats);
/// A number with a fraction for people (`50,0` in Dutch).
using i18n::decimal;

/// Parses argv for a subcommand: its options plus positional PATHs. Returns false when
/// --help was given (and printed).
bool parseCommand(int argc, char **argv, const std::string &usage,
                  boost::program_options::options_description &desc, InputOptions &options,
                  const std::vector<std::string> &formats);

/// The date a command answers for: `--as-of`, or else today (see ww::today()).
Date answerDate(const InputOptions &options);

/// The IR of `history` that holds on `date`; a usage error when the ruleset does not model it.
const ir::Ruleset &rulesetOn(const ir::History &history, const Date &date);

/// Whether to colour text output (NO_COLOR, --color, and whether stdout is a terminal).
bool useColor(const InputOptions &options);

int cmdCheck(int argc, char **argv, bool testsOnly);
int cmdDump(int argc, char **argv);
int cmdExport(int argc, char **argv);
int cmdExplain(int argc, char **argv);
int cmdAsk(int argc, char **argv);
int cmdDiff(int argc, char **argv);
int cmdFmt(int argc, char **argv);

} // namespace ww::cli
