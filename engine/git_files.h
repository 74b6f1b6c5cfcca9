#pragma once
/// Reading the files of a git revision (`git ls-tree`, `git show`) without a checkout, for
/// `wegwijzer diff --git REV`.

#include "engine/workspace.h"

#include <set>
#include <string>

namespace ww::engine {

/// The tree of one commit, seen from the current folder: paths are relative to it, as on the
/// file system. Diagnostics show a file as `REV:path`.
class GitFiles : public FileSource {
public:
  /// Reads the list of files of `rev`; throws std::runtime_error when git cannot resolve it.
  explicit GitFiles(std::string rev);

  using FileSource::read;
  using FileSource::wwFiles;
  std::error_code status(const std::filesystem::path &path) const override;
  bool isDirectory(const std::filesystem::path &path) const override;
  std::vector<std::filesystem::path> wwFiles(const std::filesystem::path &dir,
                                             std::vector<std::filesystem::path> &unreadable,
                                             std::error_code &why) const override;
  std::vector<std::filesystem::path> wwFilesIn(const std::filesystem::path &dir) const override;
  std::optional<std::string> read(const std::filesystem::path &path, std::size_t limit,
                                  std::error_code &why) const override;
  std::string shown(const std::filesystem::path &path) const override;
  std::string identity(const std::filesystem::path &path) const override;

  const std::string &commit() const { return commit_; }

private:
  /// The path inside the repository, or nothing when it lies outside it.
  std::optional<std::string> inRepo(const std::filesystem::path &path) const;

  std::string rev_, commit_;
  std::filesystem::path top_, prefix_; ///< the work tree's root; the current folder within it
  std::set<std::string> files_;        ///< every file of the commit, from the root
};

} // namespace ww::engine
