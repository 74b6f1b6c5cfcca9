#include "compiler/driver/workspace.h"

#include "compiler/parse/parse.h"
#include "compiler/sema/timeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace ww {
namespace {

class Loader {
public:
  Loader(Workspace &ws, const LoadOptions &options, const FileSource &files)
      : ws_(ws), options_(options), files_(files) {}

  // Reads and parses a file once; returns its id, or 0 when it cannot be read.
  FileId open(const fs::path &path, Span usedAt) {
    std::string key = files_.identity(path);
    if (auto it = byPath_.find(key); it != byPath_.end())
      return it->second;
    std::string shown = files_.shown(path);
    std::optional<std::string> text = files_.read(path);
    if (!text) {
      ws_.sink.error("E0005", usedAt, fmt::format("cannot read `{}`", shown))
          .note(files_.exists(path) ? "permission denied" : "no such file or directory");
      return 0;
    }
    FileId id = ws_.sources.add(shown, std::move(*text));
    byPath_[key] = id;
    ws_.canonical.push_back(key);
    ws_.asts.push_back(parse::parseFile(ws_.sources.file(id), ws_.sink));
    return id;
  }

  // The chain of files from the root module to `id`, or empty when it cannot be built.
  std::vector<FileId> chain(FileId id) {
    std::vector<FileId> chain{id};
    while (true) {
      const ast::File *f = ws_.asts[chain.back() - 1].get();
      if (!f)
        return {};
      if (!f->base)
        break;
      FileId base = findModule(chain.back(), *f->base);
      if (base == 0)
        return {};
      if (std::find(chain.begin(), chain.end(), base) != chain.end()) {
        std::string path;
        for (FileId c : chain)
          path += "`" + ws_.asts[c - 1]->name.text + "` -> ";
        path += "`" + f->base->text + "`";
        ws_.sink
            .error("E0304", f->base->span,
                   fmt::format("cycle in `extends`: `{}` extends itself", f->name.text))
            .note("the chain: " + path);
        return {};
      }
      const ast::File *b = ws_.asts[base - 1].get();
      if (b && b->kind != ast::File::Kind::Module) {
        ws_.sink
            .error("E0107", f->base->span,
                   fmt::format("`{}` is a ruleset, not a module: only a module can be extended",
                               f->base->text))
            .label(b->name.span, "declared as a ruleset here");
        return {};
      }
      chain.push_back(base);
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
  }

private:
  FileId findModule(FileId from, const ast::Name &name) {
    fs::path self = ws_.sources.file(from).path();
    std::vector<fs::path> dirs{self.parent_path()};
    for (const auto &d : options_.includeDirs)
      dirs.emplace_back(d);
    std::string file = name.text + ".ww";
    for (const fs::path &dir : dirs) {
      fs::path candidate = dir / file;
      if (!files_.exists(candidate) || files_.isDirectory(candidate))
        continue;
      FileId id = open(candidate.lexically_normal(), name.span);
      if (id == 0)
        return 0;
      const ast::File *m = ws_.asts[id - 1].get();
      if (m && m->name.text != name.text) {
        ws_.sink.error("E0106", name.span,
                       fmt::format("module `{}` not found: `{}` declares `{}` instead", name.text,
                                   files_.shown(candidate.lexically_normal()), m->name.text));
        return 0;
      }
      return id;
    }
    Diagnostic &d =
        ws_.sink.error("E0106", name.span, fmt::format("module `{}` not found", name.text));
    std::string looked;
    for (const fs::path &dir : dirs)
      looked += (looked.empty() ? "" : ", ") + files_.shown((dir / file).lexically_normal());
    d.note("looked for " + looked);
    d.withHelp("put the module next to this file, or pass its folder with `-I DIR`");
    return 0;
  }

  Workspace &ws_;
  const LoadOptions &options_;
  const FileSource &files_;
  std::map<std::string, FileId> byPath_;
};

void expand(Workspace &ws, const FileSource &files, const std::string &path,
            std::vector<fs::path> &out) {
  if (!files.exists(path)) {
    ws.sink.error("E0005", Span{}, fmt::format("cannot read `{}`", files.shown(path)))
        .note("no such file or directory")
        .details = {{"path", path}};
    return;
  }
  if (!files.isDirectory(path)) {
    out.emplace_back(path);
    return;
  }
  std::vector<fs::path> found = files.wwFiles(path);
  if (found.empty()) {
    ws.sink.error("E0006", Span{}, fmt::format("no `.ww` files in `{}`", files.shown(path)))
        .withHelp("pass a folder that holds rule files, or the files themselves")
        .details = {{"path", path}};
    return;
  }
  out.insert(out.end(), found.begin(), found.end());
}

} // namespace

bool FileSource::exists(const fs::path &path) const {
  std::error_code ec;
  return fs::exists(fs::status(path, ec));
}

bool FileSource::isDirectory(const fs::path &path) const {
  std::error_code ec;
  return fs::is_directory(fs::status(path, ec));
}

std::vector<fs::path> FileSource::wwFiles(const fs::path &dir) const {
  std::vector<fs::path> found;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(
           dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".ww")
      found.push_back(it->path());
  std::sort(found.begin(), found.end());
  return found;
}

std::optional<std::string> FileSource::read(const fs::path &path) const {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string FileSource::shown(const fs::path &path) const { return path.string(); }

std::string FileSource::identity(const fs::path &path) const {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path.string() : canonical.string();
}

bool isIoError(const Diagnostic &d) { return d.code == "E0005" || d.code == "E0006"; }

void load(Workspace &ws, const std::vector<std::string> &paths, const LoadOptions &options) {
  static const FileSource fileSystem;
  const FileSource &source = options.files ? *options.files : fileSystem;
  std::vector<fs::path> files;
  for (const std::string &p : paths)
    expand(ws, source, p, files);
  Loader loader(ws, options, source);
  for (const fs::path &f : files) {
    FileId id = loader.open(f.lexically_normal(), Span{});
    if (id && std::find(ws.requested.begin(), ws.requested.end(), id) == ws.requested.end())
      ws.requested.push_back(id);
  }
  for (FileId id : ws.requested) {
    std::vector<FileId> chain = loader.chain(id);
    if (chain.empty()) {
      ++ws.skipped;
      continue;
    }
    std::vector<const ast::File *> files;
    for (FileId c : chain)
      files.push_back(ws.asts[c - 1].get());
    auto history = sema::analyseHistory(files, ws.sink);
    if (!history) {
      ++ws.skipped;
      continue;
    }
    bool isModule = history->periods.front().isModule;
    (isModule ? ws.modules : ws.rulesets).push_back(std::move(*history));
  }
}

} // namespace ww
