#include "compiler/driver/workspace.h"

#include "compiler/parse/parse.h"
#include "compiler/sema/timeline.h"
#include "compiler/support/limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace ww {
namespace {

// Why a path cannot be read, as a note: lowercase, without the path.
std::string ioProblem(const std::error_code &ec) {
  if (ec == std::errc::too_many_symbolic_link_levels)
    return "too many levels of symbolic links (a symbolic link that leads back to itself)";
  if (ec == std::errc::permission_denied)
    return "permission denied";
  if (ec == std::errc::no_such_file_or_directory || !ec)
    return "no such file or directory";
  if (ec == std::errc::is_a_directory)
    return "it is a folder, not a file";
  return ec.message();
}

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
    std::error_code statError;
    fs::file_status st = fs::status(path, statError);
    std::ifstream in;
    if (!statError && !fs::is_directory(st))
      in.open(path, std::ios::binary);
    if (statError || !in) {
      if (!statError && fs::is_directory(st))
        statError = std::make_error_code(std::errc::is_a_directory);
      else if (!statError && fs::exists(st))
        statError = std::make_error_code(std::errc::permission_denied);
      ws_.sink.error("E0005", usedAt, fmt::format("cannot read `{}`", shown))
          .note(ioProblem(statError));
      return 0;
    }
    // Read in chunks, at most one past the limit (a device or a pipe may never end).
    std::string text;
    std::error_code sizeError;
    std::uintmax_t size = fs::file_size(path, sizeError);
    if (!sizeError && size <= kMaxFileBytes)
      text.reserve(size);
    std::vector<char> chunk(std::size_t(1) << 16);
    while (text.size() <= kMaxFileBytes &&
           in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())).gcount() > 0)
      text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    bool tooLarge = text.size() > kMaxFileBytes;
    if (tooLarge)
      text = std::string();
    FileId id = ws_.sources.add(shown, std::move(text));
    byPath_[key] = id;
    ws_.canonical.push_back(key);
    if (tooLarge) {
      ws_.sink
          .error("E0007", Span{id, 0, 0},
                 sizeError ? fmt::format("file too large (the limit is {} bytes)", kMaxFileBytes)
                           : fmt::format("file too large: {} bytes (the limit is {})", size,
                                         kMaxFileBytes))
          .note("see the limits in docs/language.md")
          .withHelp("split the file into a module and rulesets that extend it");
      ws_.asts.push_back(nullptr);
      return id;
    }
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
      if (auto at = std::find(chain.begin(), chain.end(), base); at != chain.end()) {
        reportCycle(std::vector<FileId>(at, chain.end()));
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
  // One E0304 per cycle, however many files lead into it: at the `extends` of the cycle's
  // file whose path sorts first, with a label at every other `extends` of the cycle.
  void reportCycle(std::vector<FileId> cycle) {
    auto path = [&](FileId id) { return ws_.sources.file(id).path(); };
    auto first = std::min_element(cycle.begin(), cycle.end(),
                                  [&](FileId a, FileId b) { return path(a) < path(b); });
    std::rotate(cycle.begin(), first, cycle.end());
    std::vector<FileId> key = cycle;
    std::sort(key.begin(), key.end());
    if (!reportedCycles_.insert(key).second)
      return;
    const ast::File &head = *ws_.asts[cycle.front() - 1];
    std::string message, files;
    if (cycle.size() == 1) {
      message = fmt::format("cycle in `extends`: `{}` extends itself", head.name.text);
    } else {
      for (FileId c : cycle)
        message += fmt::format("`{}` -> ", ws_.asts[c - 1]->name.text);
      message = fmt::format("cycle in `extends`: {}`{}`", message, head.name.text);
    }
    for (FileId c : cycle)
      files += (files.empty() ? "" : ", ") + fmt::format("`{}`", path(c));
    Diagnostic &d = ws_.sink.error("E0304", head.base->span, message);
    for (std::size_t i = 1; i < cycle.size(); ++i) {
      const ast::File &f = *ws_.asts[cycle[i] - 1];
      d.label(f.base->span, fmt::format("`{}` extends `{}` here", f.name.text, f.base->text));
    }
    if (cycle.size() == 1)
      d.note(fmt::format("the chain: `{}` -> `{}`", head.name.text, head.name.text));
    else
      d.note("the files of the cycle: " + files);
  }

  FileId findModule(FileId from, const ast::Name &name) {
    fs::path self = ws_.sources.file(from).path();
    std::vector<fs::path> dirs{self.parent_path()};
    for (const auto &d : options_.includeDirs)
      dirs.emplace_back(d);
    std::string file = name.text + ".ww";
    for (const fs::path &dir : dirs) {
      fs::path candidate = dir / file;
      std::error_code ec;
      fs::file_status st = fs::status(candidate, ec);
      if (ec == std::errc::too_many_symbolic_link_levels) {
        ws_.sink
            .error("E0005", name.span,
                   fmt::format("cannot read `{}`", candidate.lexically_normal().string()))
            .note(ioProblem(ec));
        return 0;
      }
      if (ec || !fs::is_regular_file(st))
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
  std::set<std::vector<FileId>> reportedCycles_;
};

void expand(Workspace &ws, const std::string &path, std::vector<fs::path> &out) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    ws.sink.error("E0005", Span{}, fmt::format("cannot read `{}`", path)).note(ioProblem(ec));
    return;
  }
  if (!fs::is_directory(st)) {
    out.emplace_back(path);
    return;
  }
  // Links to folders are not followed (so a link loop of folders ends); a `.ww` link that
  // leads nowhere or back to itself is reported, and the other files are still read.
  std::vector<fs::path> found;
  bool unreadable = false;
  for (auto it = fs::recursive_directory_iterator(
           path, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().extension() != ".ww")
      continue;
    std::error_code entryError;
    bool regular = it->is_regular_file(entryError);
    if (entryError == std::errc::too_many_symbolic_link_levels) {
      ws.sink
          .error("E0005", Span{},
                 fmt::format("cannot read `{}`", it->path().lexically_normal().string()))
          .note(ioProblem(entryError));
      unreadable = true;
    } else if (regular) {
      found.push_back(it->path());
    }
  }
  if (ec)
    ws.sink.error("E0005", Span{}, fmt::format("cannot read folder `{}`", path))
        .note(ioProblem(ec));
  if (ec || (found.empty() && unreadable))
    return;
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
  std::map<std::string, FileId> rulesetNamed;
  for (std::size_t i = 0; i < ws.requested.size(); ++i) {
    FileId id = ws.requested[i];
    // Every output names a ruleset by its name: two of one name would be indistinguishable.
    if (const ast::File *f = ws.asts[id - 1].get(); f && f->kind == ast::File::Kind::Ruleset) {
      auto [first, isNew] = rulesetNamed.emplace(f->name.text, id);
      if (!isNew) {
        ws.sink
            .error("E0108", f->name.span,
                   fmt::format("a second ruleset named `{}` in this run", f->name.text))
            .label(ws.asts[first->second - 1]->name.span, "the first one is here")
            .note("reports name a ruleset by its name only; this one is not checked")
            .withHelp("give every ruleset its own name, or check them in separate runs");
        ++ws.skipped;
        continue;
      }
    }
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
