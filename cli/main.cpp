/// wegwijzer: write, verify and export the rules on sharing information despite a duty of
/// secrecy. One executable; one cmd_<name>.cpp per subcommand.

#include "cli/cli.h"
#include "compiler/support/i18n.h"
#include "compiler/support/memory.h"
#include "compiler/support/version.h"
#include "compiler/support/terminal.h"
#include "lsp/server.h"

#include <fmt/format.h>

#include <cstring>
#include <iostream>
#include <pthread.h>

namespace {

// The overview of the commands (`wegwijzer --help`), in the language of the run.
std::string help() { return ww::tr("help.overview"); }

// The language of every text (docs/cli.md#language): `--lang` anywhere before `--` (the last one
// wins), else WEGWIJZER_LANG, else the locale. Set before anything is printed; the commands
// accept `--lang` as an option too, so that their --help lists it. False (and the error printed)
// when the language is not one we have.
bool chooseLanguage(int argc, char **argv) {
  using namespace ww::i18n;
  Choice env = languageFromEnvironment();
  setLanguage(env.lang);
  std::optional<std::string> given;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--")
      break;
    if (arg == "--lang") {
      if (i + 1 >= argc) {
        std::cerr << "wegwijzer: " << tr("usage.lang_needs_value") << "\n";
        return false;
      }
      given = argv[++i];
    } else if (arg.starts_with("--lang=")) {
      given = std::string(arg.substr(7));
    }
  }
  if (given) {
    auto lang = parseLanguage(*given);
    if (!lang) {
      std::cerr << "wegwijzer: " << tr("usage.unknown_language", {{"name", *given}}) << "\n";
      return false;
    }
    setLanguage(*lang);
    return true;
  }
  if (!env.error.empty()) {
    std::cerr << "wegwijzer: " << tr("usage.unknown_language_env", {{"name", env.error}}) << "\n";
    return false;
  }
  return true;
}

int dispatch(int argc, char **argv) {
  using namespace ww::cli;
  if (!chooseLanguage(argc, argv))
    return kUsage;
  if (argc < 2) {
    std::cerr << help() << "\n";
    return kUsage;
  }
  std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << help() << "\n";
    return kOk;
  }
  if (command == "--version") {
    std::cout << "wegwijzer " << ww::kVersion << "\n";
    return kOk;
  }
  try {
    if (command == "lsp")
      return ww::lsp::cmdLsp(argc - 1, argv + 1);
    if (command == "check")
      return cmdCheck(argc - 1, argv + 1, false);
    if (command == "test")
      return cmdCheck(argc - 1, argv + 1, true);
    if (command == "dump")
      return cmdDump(argc - 1, argv + 1);
    if (command == "export")
      return cmdExport(argc - 1, argv + 1);
    if (command == "explain")
      return cmdExplain(argc - 1, argv + 1);
    if (command == "ask")
      return cmdAsk(argc - 1, argv + 1);
    if (command == "diff")
      return cmdDiff(argc - 1, argv + 1);
    if (command == "fmt")
      return cmdFmt(argc - 1, argv + 1);
  } catch (const UsageError &e) {
    std::cerr << fmt::format("wegwijzer {}: {}\n{}\n", command, e.what(),
                             ww::tr("usage.see_help", {{"command", command}}));
    return kUsage;
  }
  std::cerr << fmt::format("wegwijzer: {}\n\n{}\n",
                           ww::tr("usage.unknown_command", {{"command", command}}), help());
  return kUsage;
}

struct Args {
  int argc;
  char **argv;
  int result;
};

} // namespace

int main(int argc, char **argv) {
  ww::keepFreedMemory();
  // Nothing a rule file or an argument contains acts on the terminal (support/terminal.h).
  ww::TerminalSafeBuf out(std::cout.rdbuf()), err(std::cerr.rdbuf());
  std::streambuf *stdoutBuf = std::cout.rdbuf(&out), *stderrBuf = std::cerr.rdbuf(&err);
  struct Restore {
    std::streambuf *o, *e;
    ~Restore() {
      std::cout.flush();
      std::cerr.flush();
      std::cout.rdbuf(o);
      std::cerr.rdbuf(e);
    }
  } restore{stdoutBuf, stderrBuf};
  // Deep inputs recurse deeply in the parser and the analyses: run on a large stack.
  Args args{argc, argv, 0};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, std::size_t(1) << 30);
  pthread_t thread;
  auto body = [](void *p) -> void * {
    auto *a = static_cast<Args *>(p);
    try {
      a->result = dispatch(a->argc, a->argv);
    } catch (const std::exception &e) {
      std::cerr << "wegwijzer: " << ww::tr("internal_error", {{"what", e.what()}}) << "\n";
      a->result = 70;
    }
    return nullptr;
  };
  if (pthread_create(&thread, &attr, body, &args) != 0) {
    body(&args);
    return args.result;
  }
  pthread_join(thread, nullptr);
  return args.result;
}
