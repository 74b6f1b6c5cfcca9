#pragma once
/// `wegwijzer lsp`: the language server (docs/editors.md). It reads LSP 3.17 messages from one
/// stream and writes to another; everything it knows of the rules comes from the engine
/// library (engine::load, engine::runChecks, the findings, the waivers) and the front end.

#include "compiler/support/date.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ww::lsp {

struct ServerOptions {
  std::vector<std::string> includeDirs; ///< `-I DIR`
  std::optional<Date> asOf;             ///< `--as-of`: the date completion and explain use
  std::optional<std::string> cacheDir;  ///< proofs kept between runs; none: in memory only
  std::string docsUrl;                  ///< docs/diagnostics.md as published (code links)
  unsigned debounceMs = 200;            ///< quiet time after a change before the proofs run
  unsigned jobs = 0;                    ///< threads for the proofs; 0: one per core
  /// `--lang` was given: it wins over the client's `initializationOptions.language`.
  bool languageGiven = false;
};

/// Serves until `exit` (or the end of the input). `read(buffer, size)` gives input bytes (0 at
/// the end), `write(bytes)` takes output. Returns the process's exit code: 0 after `shutdown`
/// then `exit`, 1 otherwise (as LSP asks).
int serve(const std::function<std::size_t(char *, std::size_t)> &read,
          const std::function<void(const std::string &)> &write, const ServerOptions &options);

/// `wegwijzer lsp [options]` (docs/cli.md): serves on standard input and output.
int cmdLsp(int argc, char **argv);

} // namespace ww::lsp
