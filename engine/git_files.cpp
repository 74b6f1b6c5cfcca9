#include "engine/git_files.h"

#include <fmt/format.h>

#include <cstdio>
#include <stdexcept>

namespace fs = std::filesystem;

namespace ww::engine {
namespace {

std::string quote(const std::string &s) {
  std::string out = "'";
  for (char c : s)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a git command; its standard output, or nothing when it fails.
std::optional<std::string> git(const std::string &args) {
  std::string command = "git " + args + " 2>/dev/null";
  FILE *pipe = popen(command.c_str(), "r");
  if (!pipe)
    return std::nullopt;
  std::string out;
  char buffer[65536];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    out.append(buffer, n);
  int status = pclose(pipe);
  if (status != 0)
    return std::nullopt;
  return out;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
    s.pop_back();
  return s;
}

} // namespace

GitFiles::GitFiles(std::string rev) : rev_(std::move(rev)) {
  auto commit = git("rev-parse --verify --quiet " + quote(rev_ + "^{commit}"));
  if (!commit)
    throw std::runtime_error(fmt::format("`{}` is not a git revision here", rev_));
  commit_ = trimmed(*commit);
  auto top = git("rev-parse --show-toplevel");
  auto prefix = git("rev-parse --show-prefix");
  if (!top || !prefix)
    throw std::runtime_error("the current folder is not in a git work tree");
  top_ = trimmed(*top);
  prefix_ = trimmed(*prefix);
  auto list = git("ls-tree -r -z --name-only --full-tree " + quote(commit_));
  if (!list)
    throw std::runtime_error(fmt::format("cannot list the files of `{}`", rev_));
  std::size_t start = 0;
  for (std::size_t i = 0; i < list->size(); ++i)
    if ((*list)[i] == '\0') {
      files_.insert(list->substr(start, i - start));
      start = i + 1;
    }
}

std::optional<std::string> GitFiles::inRepo(const fs::path &path) const {
  fs::path full = path.is_absolute() ? path : fs::current_path() / path;
  fs::path rel = full.lexically_normal().lexically_relative(fs::path(top_).lexically_normal());
  std::string s = rel.generic_string();
  if (s.empty() || s == ".")
    return std::string();
  if (s.rfind("..", 0) == 0)
    return std::nullopt;
  if (s.back() == '/')
    s.pop_back();
  return s;
}

std::error_code GitFiles::status(const fs::path &path) const {
  auto p = inRepo(path);
  if (isDirectory(path) || (p && files_.count(*p)))
    return {};
  return std::make_error_code(std::errc::no_such_file_or_directory);
}

bool GitFiles::isDirectory(const fs::path &path) const {
  auto p = inRepo(path);
  if (!p)
    return false;
  if (p->empty())
    return true;
  auto it = files_.lower_bound(*p + "/");
  return it != files_.end() && it->rfind(*p + "/", 0) == 0;
}

std::vector<fs::path> GitFiles::wwFiles(const fs::path &dir, std::vector<fs::path> &,
                                        std::error_code &why) const {
  std::vector<fs::path> out;
  auto p = inRepo(dir);
  if (!p) {
    why = std::make_error_code(std::errc::no_such_file_or_directory);
    return out;
  }
  std::string start = p->empty() ? "" : *p + "/";
  for (auto it = files_.lower_bound(start); it != files_.end() && it->rfind(start, 0) == 0; ++it)
    if (fs::path(*it).extension() == ".ww")
      out.push_back(dir / it->substr(start.size()));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<fs::path> GitFiles::wwFilesIn(const fs::path &dir) const {
  std::vector<fs::path> out;
  auto p = inRepo(dir);
  if (!p)
    return out;
  std::string start = p->empty() ? "" : *p + "/";
  for (auto it = files_.lower_bound(start); it != files_.end() && it->rfind(start, 0) == 0; ++it) {
    std::string rest = it->substr(start.size());
    if (rest.find('/') == std::string::npos && fs::path(rest).extension() == ".ww")
      out.push_back(dir / rest);
  }
  return out;
}

std::optional<std::string> GitFiles::read(const fs::path &path, std::size_t,
                                          std::error_code &why) const {
  auto p = inRepo(path);
  if (!p || !files_.count(*p)) {
    why = std::make_error_code(std::errc::no_such_file_or_directory);
    return std::nullopt;
  }
  auto text = git("show " + quote(commit_ + ":" + *p));
  if (!text)
    why = std::make_error_code(std::errc::io_error);
  return text;
}

std::string GitFiles::shown(const fs::path &path) const {
  return rev_ + ":" + path.lexically_normal().generic_string();
}

std::string GitFiles::identity(const fs::path &path) const {
  auto p = inRepo(path);
  return p ? *p : path.string();
}

} // namespace ww::engine
