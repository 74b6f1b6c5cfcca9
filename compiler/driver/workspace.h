#pragma once
/// Loading a run's files: paths and folders, `extends` resolved next to the file or through
/// `-I DIR`, every file parsed once, every ruleset and module analysed.

#include "compiler/ast/decl.h"
#include "compiler/ir/ruleset.h"
#include "compiler/support/diagnostic.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ww {

/// Where `load` reads files from. The default reads the file system; `diff --git` reads a
/// revision of a git repository instead.
class FileSource {
public:
  virtual ~FileSource() = default;
  virtual bool exists(const std::filesystem::path &path) const;
  virtual bool isDirectory(const std::filesystem::path &path) const;
  /// The `.ww` files under a folder, at any depth, sorted.
  virtual std::vector<std::filesystem::path> wwFiles(const std::filesystem::path &dir) const;
  /// The file's bytes, or nothing when it cannot be read.
  virtual std::optional<std::string> read(const std::filesystem::path &path) const;
  /// The path as diagnostics show it.
  virtual std::string shown(const std::filesystem::path &path) const;
  /// What makes two paths the same file (the canonical path on the file system).
  virtual std::string identity(const std::filesystem::path &path) const;
};

struct LoadOptions {
  std::vector<std::string> includeDirs; ///< `-I DIR`, searched after the file's own folder
  const FileSource *files = nullptr;    ///< null: the file system
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
