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
  Loader(Workspace &ws, const LoadOptions &options) : ws_(ws), options_(options) {}

  // Reads and parses a file once; returns its id, or 0 when it cannot be read.
  FileId open(const fs::path &path, const std::string &shown, Span usedAt) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    std::string key = ec ? path.string() : canonical.string();
    if (auto it = byPath_.find(key); it != byPath_.end())
      return it->second;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      ws_.sink.error("E0005", usedAt, fmt::format("cannot read `{}`", shown))
          .note(fs::exists(path) ? "permission denied" : "no such file or directory");
      return 0;
    }
    std::ostringstream text;
    text << in.rdbuf();
    FileId id = ws_.sources.add(shown, text.str());
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

  // A module named on its own is verified through the rulesets that extend it (directly or
  // through other modules): those in its folder and in the `-I` folders are added to the
  // requested files. Only files that mention `extends` are opened. E0008 when there is none.
  void addExtenders(FileId module, std::vector<FileId> &requested) {
    const ast::File *m = ws_.asts[module - 1].get();
    std::vector<fs::path> dirs{fs::path(ws_.sources.file(module).path()).parent_path()};
    for (const auto &d : options_.includeDirs)
      dirs.emplace_back(d);
    std::vector<fs::path> candidates;
    for (const fs::path &dir : dirs) {
      std::error_code ec;
      for (fs::directory_iterator it(dir.empty() ? fs::path(".") : dir, ec), end; !ec && it != end;
           it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".ww")
          candidates.push_back(dir.empty() ? it->path().filename() : it->path());
    }
    std::sort(candidates.begin(), candidates.end());
    std::map<std::string, const ast::File *> modules; // by name, the first found
    std::vector<FileId> rulesets;
    for (const fs::path &path : candidates) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (text.str().find("extends") == std::string::npos && path.stem() != m->name.text)
        continue;
      FileId id = open(path, path.lexically_normal().string(), Span{});
      const ast::File *f = id ? ws_.asts[id - 1].get() : nullptr;
      if (!f)
        continue;
      if (f->kind == ast::File::Kind::Module)
        modules.emplace(f->name.text, f);
      else if (f->base)
        rulesets.push_back(id);
    }
    bool any = false;
    for (FileId id : rulesets) {
      // Follow `extends` by name, at most as many steps as there are modules (no cycles).
      const ast::File *f = ws_.asts[id - 1].get();
      for (std::size_t step = 0; f && f->base && step <= modules.size(); ++step) {
        if (f->base->text == m->name.text) {
          any = true;
          if (std::find(requested.begin(), requested.end(), id) == requested.end())
            requested.push_back(id);
          break;
        }
        auto it = modules.find(f->base->text);
        f = it == modules.end() ? nullptr : it->second;
      }
    }
    if (!any) {
      std::string looked;
      for (const fs::path &dir : dirs)
        looked += (looked.empty() ? "`" : ", `") +
                  (dir.empty() ? std::string(".") : dir.lexically_normal().string()) + "`";
      ws_.sink
          .error("E0008", m->name.span,
                 fmt::format("module `{}` is not verified on its own, and no ruleset extends it",
                             m->name.text))
          .note("looked for rulesets that extend it in " + looked)
          .withHelp("check a ruleset that extends the module, or pass the folder of its "
                    "rulesets with `-I DIR`");
    }
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
      if (!fs::is_regular_file(candidate))
        continue;
      FileId id = open(candidate, candidate.lexically_normal().string(), name.span);
      if (id == 0)
        return 0;
      const ast::File *m = ws_.asts[id - 1].get();
      if (m && m->name.text != name.text) {
        ws_.sink.error("E0106", name.span,
                       fmt::format("module `{}` not found: `{}` declares `{}` instead", name.text,
                                   candidate.lexically_normal().string(), m->name.text));
        return 0;
      }
      return id;
    }
    Diagnostic &d =
        ws_.sink.error("E0106", name.span, fmt::format("module `{}` not found", name.text));
    std::string looked;
    for (const fs::path &dir : dirs)
      looked += (looked.empty() ? "" : ", ") + (dir / file).lexically_normal().string();
    d.note("looked for " + looked);
    d.withHelp("put the module next to this file, or pass its folder with `-I DIR`");
    return 0;
  }

  Workspace &ws_;
  const LoadOptions &options_;
  std::map<std::string, FileId> byPath_;
};

void expand(Workspace &ws, const std::string &path, std::vector<fs::path> &out) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    ws.sink.error("E0005", Span{}, fmt::format("cannot read `{}`", path))
        .note("no such file or directory");
    return;
  }
  if (!fs::is_directory(st)) {
    out.emplace_back(path);
    return;
  }
  std::vector<fs::path> found;
  for (auto it = fs::recursive_directory_iterator(
           path, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".ww")
      found.push_back(it->path());
  if (found.empty()) {
    ws.sink.error("E0006", Span{}, fmt::format("no `.ww` files in `{}`", path))
        .withHelp("pass a folder that holds rule files, or the files themselves");
    return;
  }
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
}

} // namespace

bool isIoError(const Diagnostic &d) {
  return d.code == "E0005" || d.code == "E0006" || d.code == "E0008";
}

void load(Workspace &ws, const std::vector<std::string> &paths, const LoadOptions &options) {
  std::vector<fs::path> files;
  for (const std::string &p : paths)
    expand(ws, p, files);
  Loader loader(ws, options);
  for (const fs::path &f : files) {
    FileId id = loader.open(f, f.lexically_normal().string(), Span{});
    if (id && std::find(ws.requested.begin(), ws.requested.end(), id) == ws.requested.end())
      ws.requested.push_back(id);
  }
  // Index-based: a module named on its own appends the rulesets that extend it (only once it
  // was analysed without errors; with errors, those are reported and nothing is added).
  std::size_t named = ws.requested.size();
  for (std::size_t i = 0; i < ws.requested.size(); ++i) {
    FileId id = ws.requested[i];
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
    if (isModule && i < named && options.rulesetsOfModules)
      loader.addExtenders(id, ws.requested);
  }
}

} // namespace ww
