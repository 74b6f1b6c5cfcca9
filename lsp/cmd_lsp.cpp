// `wegwijzer lsp`: the language server on standard input and output.
#include "cli/cli.h"
#include "cli/report.h"
#include "lsp/server.h"
#include "compiler/support/i18n.h"

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <iostream>
#include <unistd.h>

namespace po = boost::program_options;

namespace ww::lsp {

int cmdLsp(int argc, char **argv) {
  ServerOptions options;
  std::string asOf, cacheDir;
  bool noCache = false;
  po::options_description desc("lsp options");
  std::string lang;
  desc.add_options()("help,h", "show this help")(
      "lang", po::value(&lang)->value_name("nl|en"), tr("option.lang").c_str())(
      "include,I", po::value(&options.includeDirs)->composing(),
      "also look for modules (`extends`) in DIR")(
      "as-of", po::value(&asOf),
      "the date completion and \"explain a case\" use (default: today)")(
      "cache", po::value(&cacheDir), "keep decided proofs in DIR (default as for `check`)")(
      "no-cache", po::bool_switch(&noCache), "keep proofs in memory only")(
      "docs-url", po::value(&options.docsUrl)->default_value(WW_DOCS_URL),
      "where docs/diagnostics.md is published: a finding's code links to URL#CODE")(
      "debounce", po::value(&options.debounceMs)->default_value(options.debounceMs),
      "milliseconds without a change before the proofs run")(
      "jobs,j", po::value(&options.jobs)->default_value(0),
      "threads for the proofs (0: one per core)");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error &e) {
    throw cli::UsageError(e.what());
  }
  if (vm.count("help")) {
    std::cout << "usage: wegwijzer lsp [options]\n\nThe language server: Language Server "
                 "Protocol 3.17 on standard input and output\n(docs/editors.md).\n\n"
              << desc << "\n";
    return cli::kOk;
  }
  if (!asOf.empty()) {
    DateError why;
    options.asOf = parseDate(asOf, &why);
    if (!options.asOf)
      throw cli::UsageError(fmt::format("--as-of: {}", why.message));
  }
  if (auto dir = cli::cacheFolder(cacheDir, noCache))
    options.cacheDir = dir->string();
  std::signal(SIGPIPE, SIG_IGN); // a client that goes away ends the input, not the process
  auto read = [](char *buffer, std::size_t size) -> std::size_t {
    while (true) {
      ssize_t n = ::read(0, buffer, size);
      if (n >= 0)
        return static_cast<std::size_t>(n);
      if (errno != EINTR)
        return 0;
    }
  };
  auto write = [](const std::string &bytes) {
    std::size_t at = 0;
    while (at < bytes.size()) {
      ssize_t n = ::write(1, bytes.data() + at, bytes.size() - at);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      at += static_cast<std::size_t>(n);
    }
  };
  return serve(read, write, options);
}

} // namespace ww::lsp
