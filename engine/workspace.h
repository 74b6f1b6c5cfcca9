#pragma once
/// Loading a run's files: paths and folders, `extends` resolved next to the file or through
/// `-I DIR`, every file parsed once, every ruleset and module analysed.

#include "compiler/ast/decl.h"
#include "compiler/ir/ruleset.h"
#include "compiler/support/diagnostic.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <system_error>
#include <string>
#include <vector>

namespace ww::engine {

/// Where `load` reads files from. The default reads the file system; `diff --git` reads a
/// revision of a git repository instead.
class FileSource {
public:
  virtual ~FileSource() = default;
  /// Why `path` cannot be used: no error when it exists (a file or a folder), else the reason
  /// (no such file, a symbolic link that leads back to itself, ...).
  virtual std::error_code status(const std::filesystem::path &path) const;
  bool exists(const std::filesystem::path &path) const { return !status(path); }
  virtual bool isDirectory(const std::filesystem::path &path) const;
  /// The `.ww` files under a folder, at any depth, sorted. Links to folders are not followed;
  /// a `.ww` entry that cannot be read (a link that leads back to itself) goes to `unreadable`;
  /// `why` is set when the folder cannot be listed.
  virtual std::vector<std::filesystem::path> wwFiles(const std::filesystem::path &dir,
                                                     std::vector<std::filesystem::path> &unreadable,
                                                     std::error_code &why) const;
  std::vector<std::filesystem::path> wwFiles(const std::filesystem::path &dir) const;
  /// The `.ww` files directly in a folder (the current folder when `dir` is empty), sorted.
  virtual std::vector<std::filesystem::path> wwFilesIn(const std::filesystem::path &dir) const;
  /// The file's bytes, at most `limit + 1` of them, or nothing with the reason in `why`
  /// (`not_supported` for what is not a regular file: a pipe or a device is never read).
  virtual std::optional<std::string> read(const std::filesystem::path &path, std::size_t limit,
                                          std::error_code &why) const;
  std::optional<std::string> read(const std::filesystem::path &path) const;
  /// The path as diagnostics show it.
  virtual std::string shown(const std::filesystem::path &path) const;
  /// What makes two paths the same file (the canonical path on the file system).
  virtual std::string identity(const std::filesystem::path &path) const;
};

struct LoadOptions {
  std::vector<std::string> includeDirs; ///< `-I DIR`, searched after the file's own folder
  const FileSource *files = nullptr;    ///< null: the file system
  /// A module named on its own brings in the rulesets that extend it, from its folder and the
  /// `-I` folders (`check`, `test`); E0008 when there is none.
  bool rulesetsOfModules = false;
  /// Rulesets analysed at once (each with its modules, every period); 0: one per core. The
  /// result is the same whatever the number.
  unsigned jobs = 0;
};

/// Everything one run has read, and what the front end made of it.
struct Workspace {
  SourceManager sources;
  DiagnosticSink sink;
  std::vector<std::unique_ptr<ast::File>> asts; ///< by FileId - 1; null when it did not parse
  std::vector<std::string> canonical;           ///< by FileId - 1
  /// By FileId - 1: the path the file was read at, through the `FileSource` (the shown path
  /// may differ: `REV:path` for a git revision). Modules and waivers are looked up beside it.
  std::vector<std::filesystem::path> located;
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

/// Why a path cannot be read, as a note: lowercase, without the path.
std::string ioProblem(const std::error_code &why);

} // namespace ww::engine
