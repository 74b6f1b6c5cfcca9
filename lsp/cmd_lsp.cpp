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
  std::string optionsTitle = tr("lsp.option.title");
  po::options_description desc(optionsTitle);
  std::string lang;
  std::string help = tr("lsp.option.help"), langHelp = tr("option.lang"),
              include = tr("lsp.option.include"), asOfHelp = tr("lsp.option.as_of"),
              cache = tr("lsp.option.cache"), noCacheHelp = tr("lsp.option.no_cache"),
              docsUrl = tr("lsp.option.docs_url"), debounce = tr("lsp.option.debounce"),
              jobs = tr("lsp.option.jobs");
  desc.add_options()("help,h", help.c_str())(
      "lang", po::value(&lang)->value_name("nl|en"), langHelp.c_str())(
      "include,I", po::value(&options.includeDirs)->composing(), include.c_str())(
      "as-of", po::value(&asOf), asOfHelp.c_str())(
      "cache", po::value(&cacheDir), cache.c_str())(
      "no-cache", po::bool_switch(&noCache), noCacheHelp.c_str())(
      "docs-url", po::value(&options.docsUrl)->default_value(WW_DOCS_URL), docsUrl.c_str())(
      "debounce", po::value(&options.debounceMs)->default_value(options.debounceMs),
      debounce.c_str())(
      "jobs,j", po::value(&options.jobs)->default_value(0), jobs.c_str());
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error &e) {
    throw cli::UsageError(e.what());
  }
  if (vm.count("help")) {
    std::cout << tr("lsp.usage") << "\n\n" << tr("lsp.usage.about") << "\n\n" << desc << "\n";
    return cli::kOk;
  }
  options.languageGiven = vm.count("lang") > 0;
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
