// `wegwijzer fmt [--check] [--diff] [--keywords nl|en] PATH...`: the canonical layout
// (compiler/parse/format.h), in the file's own keyword set or the one asked for.

#include "cli/cli.h"
#include "compiler/parse/format.h"
#include "compiler/support/line_diff.h"
#include "compiler/support/render.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace ww::cli {

int cmdFmt(int argc, char **argv) {
  InputOptions options;
  bool check = false, diff = false;
  std::string keywords;
  po::options_description desc("fmt options");
  desc.add_options()("check", po::bool_switch(&check),
                     "change nothing: list the files that are not in the canonical layout and "
                     "exit 1 if there are any")(
      "diff", po::bool_switch(&diff),
      "with --check (implied): print a unified diff of each such file instead of its path")(
      "keywords", po::value(&keywords),
      "nl or en: write the files with Dutch or English keywords (a file keeps its own "
      "set without this option)")(
      "color", po::value(&options.color)->default_value("auto"), "auto, always or never");
  std::string usage =
      "usage: wegwijzer fmt [--check] [--diff] [--keywords nl|en] PATH...\n\nRewrites the .ww "
      "files in PATH (files, or folders searched for *.ww) in the canonical layout.";
  if (!parseCommand(argc, argv, usage, desc, options, {"text"}))
    return kOk;
  std::optional<parse::KeywordSet> set;
  if (keywords == "nl")
    set = parse::KeywordSet::Dutch;
  else if (keywords == "en")
    set = parse::KeywordSet::English;
  else if (!keywords.empty())
    throw UsageError(fmt::format("--keywords takes `nl` or `en`, not `{}`", keywords));
  check = check || diff;
  FileSource files;
  std::vector<fs::path> paths;
  for (const std::string &p : options.paths) {
    if (!files.exists(p)) {
      std::cerr << fmt::format("wegwijzer fmt: cannot read `{}`: no such file or directory\n", p);
      return kUsage;
    }
    if (files.isDirectory(p)) {
      auto found = files.wwFiles(p);
      paths.insert(paths.end(), found.begin(), found.end());
    } else {
      paths.emplace_back(p);
    }
  }
  SourceManager sources;
  DiagnosticSink sink;
  int status = kOk;
  std::size_t changed = 0;
  for (const fs::path &p : paths) {
    std::optional<std::string> text = files.read(p);
    if (!text) {
      std::cerr << fmt::format("wegwijzer fmt: cannot read `{}`\n", p.string());
      return kUsage;
    }
    FileId id = sources.add(p.lexically_normal().string(), *text);
    std::optional<std::string> formatted = parse::formatFile(sources.file(id), sink, set);
    if (!formatted) {
      status = kRuleErrors;
      continue;
    }
    if (*formatted == *text)
      continue;
    ++changed;
    if (check) {
      if (diff) {
        // `a/PATH` and `b/PATH`, as git names them (an absolute path without its first `/`).
        std::string name = sources.file(id).path();
        name.erase(0, name.find_first_not_of('/'));
        std::cout << unifiedDiff(*text, *formatted, "a/" + name, "b/" + name);
      } else {
        std::cout << sources.file(id).path() << "\n";
      }
      status = kRuleErrors;
      continue;
    }
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << *formatted;
    if (!out) {
      std::cerr << fmt::format("wegwijzer fmt: cannot write `{}`\n", p.string());
      return kUsage;
    }
    std::cout << "formatted " << sources.file(id).path() << "\n";
  }
  std::cout.flush();
  for (const Diagnostic &d : sink.sorted(sources))
    std::cerr << renderText(d, sources, {useColor(options)}) << "\n";
  if (sink.hasErrors())
    std::cerr << fmt::format("wegwijzer fmt: {} with errors left as they are\n",
                             sink.errorCount() == 1 ? "a file" : "files");
  if (check && changed)
    std::cerr << fmt::format(
        "wegwijzer fmt: {} not in the canonical layout (run `wegwijzer fmt`)\n",
        changed == 1 ? "1 file is" : fmt::format("{} files are", changed));
  return status;
}

} // namespace ww::cli
