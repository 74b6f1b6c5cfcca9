#include "engine/workspace.h"

#include "compiler/parse/parse.h"
#include "compiler/sema/timeline.h"
#include "compiler/support/i18n.h"
#include "compiler/support/limits.h"
#include "compiler/support/parallel.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <set>

namespace fs = std::filesystem;

namespace ww::engine {

std::string ioProblem(const std::error_code &ec) {
  if (ec == std::errc::too_many_symbolic_link_levels)
    return tr("E0005.note.link_loop");
  if (ec == std::errc::permission_denied)
    return tr("E0005.note.permission");
  if (ec == std::errc::no_such_file_or_directory || !ec)
    return tr("E0005.note.no_such_file");
  if (ec == std::errc::is_a_directory)
    return tr("E0005.note.folder");
  if (ec == std::errc::not_supported)
    return tr("E0005.note.not_regular");
  return ec.message();
}

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
    std::error_code why;
    std::optional<std::string> text = files_.read(path, kMaxFileBytes, why);
    if (!text) {
      ws_.sink.error("E0005", usedAt, tr("E0005", {{"path", shown}}))
          .note(ioProblem(why));
      return 0;
    }
    bool tooLarge = text->size() > kMaxFileBytes;
    if (tooLarge)
      text = std::string();
    FileId id = ws_.sources.add(shown, std::move(*text));
    byPath_[key] = id;
    ws_.canonical.push_back(key);
    ws_.located.push_back(path);
    if (tooLarge) {
      // The size on disk (only the first bytes past the limit were read).
      std::error_code sizeError = std::make_error_code(std::errc::not_supported);
      std::uintmax_t size = 0;
      if (!options_.files)
        size = fs::file_size(path, sizeError);
      ws_.sink
          .error("E0007", Span{id, 0, 0},
                 sizeError ? tr("E0007.file_too_large", {{"limit", kMaxFileBytes}})
                           : tr("E0007.file_size", {{"size", fmt::format("{}", size)},
                                                    {"limit", kMaxFileBytes}}))
          .note(tr("E0007.note.limits"))
          .withHelp(tr("E0007.help.split_file"));
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
                   tr("E0107", {{"name", f->base->text}}))
            .label(b->name.span, tr("E0107.label.ruleset"));
        return {};
      }
      chain.push_back(base);
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
  }

  // A module named on its own is verified through the rulesets that extend it (directly or
  // through other modules): those in its folder and in the `-I` folders are added to the
  // requested files. Only files that mention `extends` (or `bouwt`, of the Dutch `bouwt voort
  // op`) are opened. E0008 when there is none.
  void addExtenders(FileId module, std::vector<FileId> &requested) {
    const ast::File *m = ws_.asts[module - 1].get();
    std::vector<fs::path> dirs{ws_.located[module - 1].parent_path()};
    for (const auto &d : options_.includeDirs)
      dirs.emplace_back(d);
    std::vector<fs::path> candidates;
    for (const fs::path &dir : dirs) {
      std::vector<fs::path> in = files_.wwFilesIn(dir);
      candidates.insert(candidates.end(), in.begin(), in.end());
    }
    std::sort(candidates.begin(), candidates.end());
    std::map<std::string, const ast::File *> modules; // by name, the first found
    std::vector<FileId> rulesets;
    for (const fs::path &path : candidates) {
      std::error_code why;
      std::optional<std::string> text = files_.read(path, kMaxFileBytes, why);
      if (!text || (text->find("extends") == std::string::npos &&
                    text->find("bouwt") == std::string::npos && path.stem() != m->name.text))
        continue;
      FileId id = open(path.lexically_normal(), Span{});
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
                 tr("E0008", {{"module", m->name.text}}))
          .note(tr("E0008.note.looked", {{"folders", looked}}))
          .withHelp(tr("E0008.help"));
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
      message = tr("E0304.itself", {{"module", head.name.text}});
    } else {
      for (FileId c : cycle)
        message += fmt::format("`{}` -> ", ws_.asts[c - 1]->name.text);
      message = tr("E0304", {{"path", fmt::format("{}`{}`", message, head.name.text)}});
    }
    for (FileId c : cycle)
      files += (files.empty() ? "" : ", ") + fmt::format("`{}`", path(c));
    Diagnostic &d = ws_.sink.error("E0304", head.base->span, message);
    for (std::size_t i = 1; i < cycle.size(); ++i) {
      const ast::File &f = *ws_.asts[cycle[i] - 1];
      d.label(f.base->span,
              tr("E0304.label.extends", {{"module", f.name.text}, {"base", f.base->text}}));
    }
    if (cycle.size() == 1)
      d.note(tr("E0304.note.chain", {{"path", fmt::format("`{}` -> `{}`", head.name.text,
                                                            head.name.text)}}));
    else
      d.note(tr("E0304.note.files", {{"files", files}}));
  }

  FileId findModule(FileId from, const ast::Name &name) {
    std::vector<fs::path> dirs{ws_.located[from - 1].parent_path()};
    for (const auto &d : options_.includeDirs)
      dirs.emplace_back(d);
    std::string file = name.text + ".ww";
    for (const fs::path &dir : dirs) {
      fs::path candidate = dir / file;
      if (std::error_code why = files_.status(candidate);
          why == std::errc::too_many_symbolic_link_levels) {
        ws_.sink
            .error("E0005", name.span,
                   tr("E0005", {{"path", files_.shown(candidate.lexically_normal())}}))
            .note(ioProblem(why));
        return 0;
      }
      if (!files_.exists(candidate) || files_.isDirectory(candidate))
        continue;
      FileId id = open(candidate.lexically_normal(), name.span);
      if (id == 0)
        return 0;
      const ast::File *m = ws_.asts[id - 1].get();
      if (m && m->name.text != name.text) {
        ws_.sink.error("E0106", name.span,
                       tr("E0106.other_name", {{"module", name.text},
                                               {"file", files_.shown(candidate.lexically_normal())},
                                               {"name", m->name.text}}));
        return 0;
      }
      return id;
    }
    Diagnostic &d =
        ws_.sink.error("E0106", name.span, tr("E0106", {{"module", name.text}}));
    std::string looked;
    for (const fs::path &dir : dirs)
      looked += (looked.empty() ? "" : ", ") + files_.shown((dir / file).lexically_normal());
    d.note(tr("E0106.note.looked", {{"files", looked}}));
    d.withHelp(tr("E0106.help"));
    return 0;
  }

  Workspace &ws_;
  const LoadOptions &options_;
  const FileSource &files_;
  std::map<std::string, FileId> byPath_;
  std::set<std::vector<FileId>> reportedCycles_;
};

void expand(Workspace &ws, const FileSource &files, const std::string &path,
            std::vector<fs::path> &out) {
  if (std::error_code why = files.status(path)) {
    ws.sink.error("E0005", Span{}, tr("E0005", {{"path", files.shown(path)}}))
        .note(ioProblem(why))
        .details = {{"path", path}};
    return;
  }
  if (!files.isDirectory(path)) {
    out.emplace_back(path);
    return;
  }
  // Links to folders are not followed (so a link loop of folders ends); a `.ww` link that
  // leads nowhere or back to itself is reported, and the other files are still read.
  std::vector<fs::path> unreadable;
  std::error_code why;
  std::vector<fs::path> found = files.wwFiles(path, unreadable, why);
  for (const fs::path &u : unreadable)
    ws.sink
        .error("E0005", Span{},
               tr("E0005", {{"path", files.shown(u.lexically_normal())}}))
        .note(ioProblem(std::make_error_code(std::errc::too_many_symbolic_link_levels)));
  if (why)
    ws.sink.error("E0005", Span{}, tr("E0005.folder", {{"path", files.shown(path)}}))
        .note(ioProblem(why));
  if (why || (found.empty() && !unreadable.empty()))
    return;
  if (found.empty()) {
    ws.sink.error("E0006", Span{}, tr("E0006", {{"path", files.shown(path)}}))
        .withHelp(tr("E0006.help"))
        .details = {{"path", path}};
    return;
  }
  out.insert(out.end(), found.begin(), found.end());
}

} // namespace

std::error_code FileSource::status(const fs::path &path) const {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (!ec && !fs::exists(st))
    ec = std::make_error_code(std::errc::no_such_file_or_directory);
  return ec;
}

bool FileSource::isDirectory(const fs::path &path) const {
  std::error_code ec;
  return fs::is_directory(fs::status(path, ec));
}

std::vector<fs::path> FileSource::wwFiles(const fs::path &dir, std::vector<fs::path> &unreadable,
                                          std::error_code &why) const {
  std::vector<fs::path> found;
  for (auto it = fs::recursive_directory_iterator(
           dir, fs::directory_options::skip_permission_denied, why);
       !why && it != fs::recursive_directory_iterator(); it.increment(why)) {
    if (it->path().extension() != ".ww")
      continue;
    std::error_code entryError;
    bool regular = it->is_regular_file(entryError);
    if (entryError == std::errc::too_many_symbolic_link_levels)
      unreadable.push_back(it->path());
    else if (regular)
      found.push_back(it->path());
  }
  std::sort(found.begin(), found.end());
  std::sort(unreadable.begin(), unreadable.end());
  return found;
}

std::vector<fs::path> FileSource::wwFiles(const fs::path &dir) const {
  std::vector<fs::path> unreadable;
  std::error_code why;
  return wwFiles(dir, unreadable, why);
}

std::vector<fs::path> FileSource::wwFilesIn(const fs::path &dir) const {
  std::vector<fs::path> found;
  std::error_code ec;
  for (fs::directory_iterator it(dir.empty() ? fs::path(".") : dir, ec), end; !ec && it != end;
       it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".ww")
      found.push_back(dir.empty() ? it->path().filename() : it->path());
  std::sort(found.begin(), found.end());
  return found;
}

std::optional<std::string> FileSource::read(const fs::path &path, std::size_t limit,
                                            std::error_code &why) const {
  fs::file_status st = fs::status(path, why);
  // A pipe may never end and a device may never stop (/dev/zero): only regular files are read.
  if (!why && fs::exists(st) && !fs::is_directory(st) && !fs::is_regular_file(st)) {
    why = std::make_error_code(std::errc::not_supported);
    return std::nullopt;
  }
  std::ifstream in;
  if (!why && !fs::is_directory(st))
    in.open(path, std::ios::binary);
  if (why || !in) {
    if (!why && fs::is_directory(st))
      why = std::make_error_code(std::errc::is_a_directory);
    else if (!why && fs::exists(st))
      why = std::make_error_code(std::errc::permission_denied);
    else if (!why)
      why = std::make_error_code(std::errc::no_such_file_or_directory);
    return std::nullopt;
  }
  // Read in chunks, at most one past the limit (a device or a pipe may never end).
  std::string text;
  std::error_code sizeError;
  std::uintmax_t size = fs::file_size(path, sizeError);
  if (!sizeError && size <= limit)
    text.reserve(size);
  std::vector<char> chunk(std::size_t(1) << 16);
  while (text.size() <= limit &&
         in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())).gcount() > 0)
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  return text;
}

std::optional<std::string> FileSource::read(const fs::path &path) const {
  std::error_code why;
  return read(path, std::numeric_limits<std::size_t>::max() - 1, why);
}

std::string FileSource::shown(const fs::path &path) const { return path.string(); }

std::string FileSource::identity(const fs::path &path) const {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path.string() : canonical.string();
}

bool isIoError(const Diagnostic &d) {
  return d.code == "E0005" || d.code == "E0006" || d.code == "E0008";
}

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
  // In rounds: the files requested so far are analysed side by side (each with the modules it
  // extends, in every period; each into a sink of its own, merged in their order, so the result
  // is that of one thread); a module named on its own then appends the rulesets that extend it
  // (only once it was analysed without errors; with errors, those are reported and nothing is
  // added), which the next round analyses.
  std::size_t named = ws.requested.size();
  std::map<std::string, FileId> rulesetNamed;
  struct Item {
    std::size_t index = 0; // in ws.requested
    std::vector<const ast::File *> files;
    DiagnosticSink sink;
    std::optional<ir::History> history;
  };
  for (std::size_t begin = 0; begin < ws.requested.size();) {
    std::size_t end = ws.requested.size();
    std::vector<Item> items;
    for (std::size_t i = begin; i < end; ++i) {
      FileId id = ws.requested[i];
      // Every output names a ruleset by its name: two of one name would be indistinguishable.
      if (const ast::File *f = ws.asts[id - 1].get(); f && f->kind == ast::File::Kind::Ruleset) {
        auto [first, isNew] = rulesetNamed.emplace(f->name.text, id);
        if (!isNew) {
          ws.sink
              .error("E0108", f->name.span,
                     tr("E0108", {{"ruleset", f->name.text}}))
              .label(ws.asts[first->second - 1]->name.span, tr("E0108.label.first"))
              .note(tr("E0108.note.not_checked"))
              .withHelp(tr("E0108.help"));
          ++ws.skipped;
          continue;
        }
      }
      std::vector<FileId> chain = loader.chain(id);
      if (chain.empty()) {
        ++ws.skipped;
        continue;
      }
      Item &item = items.emplace_back();
      item.index = i;
      for (FileId c : chain)
        item.files.push_back(ws.asts[c - 1].get());
    }
    parallelFor(items.size(), options.jobs, [&](std::size_t k) {
      items[k].history = sema::analyseHistory(items[k].files, items[k].sink);
    });
    for (Item &item : items) {
      for (Diagnostic &d : item.sink.mutableAll())
        ws.sink.report(std::move(d));
      if (!item.history) {
        ++ws.skipped;
        continue;
      }
      bool isModule = item.history->periods.front().isModule;
      (isModule ? ws.modules : ws.rulesets).push_back(std::move(*item.history));
      if (isModule && item.index < named && options.rulesetsOfModules)
        loader.addExtenders(ws.requested[item.index], ws.requested);
    }
    begin = end;
  }
}

} // namespace ww::engine
