// `wegwijzer fmt [--check] [--diff] [--keywords nl|en] PATH...`: the canonical layout
// (compiler/parse/format.h), in the file's own keyword set or the one asked for.

#include "cli/cli.h"
#include "compiler/parse/format.h"
#include "compiler/support/line_diff.h"
#include "compiler/support/render.h"

#include "compiler/support/i18n.h"

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
  po::options_description desc(optionsCaption("fmt"));
  desc.add_options()("check", po::bool_switch(&check), tr("help.option.fmt_check").c_str())(
      "diff", po::bool_switch(&diff), tr("help.option.fmt_diff").c_str())(
      "keywords", po::value(&keywords)->value_name("nl|en"),
      tr("help.option.fmt_keywords").c_str())(
      "color", po::value(&options.color)->default_value("auto")->value_name(tr("help.value.arg")),
      tr("help.option.color").c_str());
  std::string usage = tr("help.fmt.usage");
  if (!parseCommand(argc, argv, usage, desc, options, {"text"}))
    return kOk;
  std::optional<parse::KeywordSet> set;
  if (keywords == "nl")
    set = parse::KeywordSet::Dutch;
  else if (keywords == "en")
    set = parse::KeywordSet::English;
  else if (!keywords.empty())
    throw UsageError(tr("usage.fmt_keywords", {{"value", keywords}}));
  check = check || diff;
  FileSource files;
  std::vector<fs::path> paths;
  for (const std::string &p : options.paths) {
    if (!files.exists(p)) {
      std::cerr << "wegwijzer fmt: " << tr("usage.no_such_path", {{"path", p}}) << "\n";
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
      std::cerr << "wegwijzer fmt: " << tr("usage.cannot_read", {{"path", p.string()}}) << "\n";
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
      std::cerr << "wegwijzer fmt: " << tr("usage.cannot_write", {{"path", p.string()}}) << "\n";
      return kUsage;
    }
    std::cout << tr("fmt.cmd.formatted", {{"path", sources.file(id).path()}}) << "\n";
  }
  std::cout.flush();
  for (const Diagnostic &d : sink.sorted(sources))
    std::cerr << renderText(d, sources, {useColor(options)}) << "\n";
  if (sink.hasErrors())
    std::cerr << "wegwijzer fmt: "
              << tr(sink.errorCount() == 1 ? "fmt.cmd.left_with_errors.one" : "fmt.cmd.left_with_errors.other")
              << "\n";
  if (check && changed)
    std::cerr << "wegwijzer fmt: " << trn("fmt.cmd.not_canonical", changed) << "\n";
  return status;
}

} // namespace ww::cli
