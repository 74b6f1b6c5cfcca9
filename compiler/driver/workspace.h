#pragma once
/// Loading a run's files: paths and folders, `extends` resolved next to the file or through
/// `-I DIR`, every file parsed once, every ruleset and module analysed.

#include "compiler/ast/decl.h"
#include "compiler/ir/ruleset.h"
#include "compiler/support/diagnostic.h"

#include <memory>
#include <string>
#include <vector>

namespace ww {

struct LoadOptions {
  std::vector<std::string> includeDirs; ///< `-I DIR`, searched after the file's own folder
  /// A module named on its own brings in the rulesets that extend it, from its folder and the
  /// `-I` folders (`check`, `test`); E0008 when there is none.
  bool rulesetsOfModules = false;
};

/// Everything one run has read, and what the front end made of it.
struct Workspace {
  SourceManager sources;
  DiagnosticSink sink;
  std::vector<std::unique_ptr<ast::File>> asts; ///< by FileId - 1; null when it did not parse
  std::vector<std::string> canonical;           ///< by FileId - 1
  std::vector<FileId> requested;                ///< the files named on the command line
  std::vector<ir::History> rulesets;            ///< analysed rulesets, in path order
  std::vector<ir::History> modules;             ///< analysed modules, in path order
  std::size_t skipped = 0;                      ///< requested files not analysed (errors)
};

/// Loads and analyses the given paths, each ruleset once per period of its timeline. Missing paths
/// and folders without `.ww` files are reported as E0005/E0006, which the driver maps to exit
/// code 2.
void load(Workspace &ws, const std::vector<std::string> &paths, const LoadOptions &options);

/// True for the codes that mean "usage or I/O error" (exit code 2), not "the rules are wrong".
bool isIoError(const Diagnostic &diagnostic);

} // namespace ww
