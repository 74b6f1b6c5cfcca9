#include "lsp/server.h"

#include "cli/answers.h"
#include "compiler/export/tree.h"
#include "compiler/parse/format.h"
#include "compiler/parse/keywords.h"
#include "compiler/support/diagnostic_docs.h"
#include "compiler/support/i18n.h"
#include "compiler/support/periods.h"
#include "compiler/support/version.h"
#include "engine/check.h"
#include "engine/findings.h"
#include "engine/waivers.h"
#include "engine/workspace.h"
#include "lsp/index.h"
#include "lsp/jsonrpc.h"
#include "lsp/text.h"
#include "verifier/proof_cache.h"
#include "verifier/tree.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

namespace ww::lsp {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// JSON-RPC error codes (LSP 3.17).
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kServerNotInitialized = -32002;
constexpr int kRequestFailed = -32803;

struct RpcError {
  int code;
  std::string message;
};

std::string normal(const fs::path &p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal().string();
}

/// The open documents, by normal absolute path.
struct Documents {
  std::map<std::string, std::string> text;
  std::map<std::string, int> version;
};

/// Reads open documents from memory (unsaved edits count), everything else from disk.
class Overlay : public engine::FileSource {
public:
  explicit Overlay(std::map<std::string, std::string> docs) : docs_(std::move(docs)) {}
  std::error_code status(const fs::path &path) const override {
    if (docs_.count(normal(path)))
      return {};
    return FileSource::status(path);
  }
  bool isDirectory(const fs::path &path) const override {
    return !docs_.count(normal(path)) && FileSource::isDirectory(path);
  }
  std::vector<fs::path> wwFiles(const fs::path &dir, std::vector<fs::path> &unreadable,
                                std::error_code &why) const override {
    std::vector<fs::path> out = FileSource::wwFiles(dir, unreadable, why);
    std::string prefix = normal(dir) + "/";
    for (const auto &[path, text] : docs_)
      if (path.rfind(prefix, 0) == 0 && fs::path(path).extension() == ".ww" &&
          std::find(out.begin(), out.end(), fs::path(path)) == out.end() &&
          !FileSource::exists(path))
        out.push_back(path);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<fs::path> wwFilesIn(const fs::path &dir) const override {
    std::vector<fs::path> out = FileSource::wwFilesIn(dir);
    for (const auto &[path, text] : docs_)
      if (fs::path(path).parent_path() == fs::path(normal(dir)) &&
          fs::path(path).extension() == ".ww" && !FileSource::exists(path))
        out.push_back(path);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::optional<std::string> read(const fs::path &path, std::size_t limit,
                                  std::error_code &why) const override {
    if (auto it = docs_.find(normal(path)); it != docs_.end())
      return it->second.size() > limit ? it->second.substr(0, limit + 1) : it->second;
    return FileSource::read(path, limit, why);
  }
  std::string identity(const fs::path &path) const override {
    if (docs_.count(normal(path)))
      return normal(path);
    return FileSource::identity(path);
  }

private:
  std::map<std::string, std::string> docs_;
};

/// What the server knows of the workspace at one moment: the files as they were then, their
/// names, and (once the proofs ran) the findings and the tests' results.
struct Snapshot {
  engine::Workspace ws;
  std::unique_ptr<Index> index;
  std::map<std::string, FileId> byPath; ///< normal absolute path -> file
  std::vector<std::string> paths;       ///< the files loaded
  std::map<std::string, int> versions;  ///< the documents' versions it was built from
  FileId file(const std::string &path) const {
    auto it = byPath.find(path);
    return it == byPath.end() ? 0 : it->second;
  }
  std::string pathOf(FileId f) const { return normal(ws.located[f - 1]); }
};

/// A test's last result, for its code lens.
struct TestResult {
  bool passed = true;
  std::string message;
};

json range(const SourceManager &sources, Span s) {
  const SourceFile &f = sources.file(s.file);
  LineMap map(f.text());
  Position a = map.positionOf(s.begin), b = map.positionOf(s.end);
  return {{"start", {{"line", a.line}, {"character", a.character}}},
          {"end", {{"line", b.line}, {"character", b.character}}}};
}

json zeroRange() {
  return {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}};
}

Position positionParam(const json &p) {
  return {p.at("line").get<std::uint32_t>(), p.at("character").get<std::uint32_t>()};
}


// The values of the placeholders of a catalogue text found in `text`: the quick fixes read a
// name out of a finding's message or help in whatever language it was written. Empty when the
// text is not the pattern filled in.
std::map<std::string, std::string> unfill(const std::string &pattern, const std::string &text) {
  std::string re;
  std::vector<std::string> names;
  static const std::string special = R"(\^$.|?*+()[]{}/)";
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if ((c == '{' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == c) {
      re += std::string("\\") + c;
      ++i;
      continue;
    }
    if (c == '{') {
      std::size_t close = pattern.find('}', i);
      if (close != std::string::npos) {
        names.push_back(pattern.substr(i + 1, close - i - 1));
        bool quoted = i > 0 && pattern[i - 1] == '`';
        re += quoted ? "([^`]+)" : "(.+?)";
        i = close;
        continue;
      }
    }
    if (special.find(c) != std::string::npos)
      re += '\\';
    re += c;
  }
  std::map<std::string, std::string> out;
  if (names.empty())
    return out;
  std::smatch m;
  try {
    if (!std::regex_search(text, m, std::regex(re)))
      return out;
  } catch (const std::regex_error &) {
    return out;
  }
  for (std::size_t i = 0; i < names.size(); ++i)
    out[names[i]] = m[i + 1].str();
  return out;
}

// The texts, in the language, of the catalogue's keys whose English text matches `english`,
// with the placeholders' names the English text has at the groups of `english`.
struct Pattern {
  std::string text;
  std::vector<std::string> groups;
};
std::vector<Pattern> patterns(const std::regex &english) {
  std::vector<Pattern> out;
  const nlohmann::json &en = i18n::catalogue(i18n::Lang::En);
  const nlohmann::json &here = i18n::catalogue(i18n::language());
  for (auto it = en.begin(); it != en.end(); ++it) {
    if (!it.value().is_string())
      continue;
    std::string v = it.value().get<std::string>();
    std::smatch m;
    if (!std::regex_match(v, m, english))
      continue;
    auto h = here.find(it.key());
    Pattern p{h != here.end() && h->is_string() ? h->get<std::string>() : v, {}};
    for (std::size_t i = 1; i < m.size(); ++i)
      p.groups.push_back(m[i].str());
    out.push_back(std::move(p));
  }
  return out;
}

// `did you mean `x`?` (or the same help in the language) in a help line: x.
std::optional<std::string> suggestion(const std::vector<std::string> &help) {
  static const std::regex re("did you mean `([^`]+)`\\?");
  for (const std::string &h : help) {
    std::smatch m;
    if (std::regex_search(h, m, re))
      return m[1].str();
  }
  static const std::regex english(R"(did you mean `\{(\w+)\}`\?)");
  for (const Pattern &p : patterns(english))
    for (const std::string &h : help)
      if (auto v = unfill(p.text, h); v.count(p.groups[0]))
        return v[p.groups[0]];
  return std::nullopt;
}

// The older rule and the date of "if `new` replaces `old` from DATE, end the old rule with
// `valid until DATE`" (or the same help in the language).
std::optional<std::pair<std::string, std::string>> endsRule(const std::string &h) {
  static const std::regex re("if `([^`]+)` replaces `([^`]+)` from ([0-9-]+), end the old rule");
  std::smatch m;
  if (std::regex_search(h, m, re))
    return std::make_pair(m[2].str(), m[3].str());
  static const std::regex english(R"(if `\{(\w+)\}` replaces `\{(\w+)\}` from \{(\w+)\}, )"
                                  R"(end the old rule with `valid until \{(\w+)\}`)");
  for (const Pattern &p : patterns(english)) {
    std::map<std::string, std::string> v = unfill(p.text, h);
    if (!v.count(p.groups[1]))
      continue;
    for (const std::string &g : {p.groups[3], p.groups[2]})
      if (v.count(g) && parseDate(v[g]))
        return std::make_pair(v[p.groups[1]], v[g]);
  }
  return std::nullopt;
}

// The first `name` in backticks after `marker` in a text.
std::string afterMarker(const std::string &text, const std::string &marker) {
  std::size_t at = text.find(marker);
  if (at == std::string::npos)
    return "";
  at += marker.size();
  std::size_t end = text.find('`', at);
  return end == std::string::npos ? "" : text.substr(at, end - at);
}

const std::vector<std::string> kKeywords = {
    "module", "ruleset", "extends", "extend", "override", "source", "question", "parameter",
    "set", "obligation", "flag", "define", "decision", "outcome", "rule", "assume", "property",
    "test", "asked when", "when", "then", "help", "exception to", "cite", "obliges",
    "discloses", "without consent", "is", "one of", "yes/no", "yes", "no", "true", "false",
    "given", "expect", "does not depend on", "where", "and", "or", "implies", "in", "not in",
    "valid from", "valid until", "as of", "replaces"};

// The keywords completion offers in a file of `set` (docs/language.md#dutch-keywords).
const std::vector<std::string> &keywordsOf(parse::KeywordSet set) {
  static const std::vector<std::string> dutch = [] {
    std::vector<std::string> out;
    for (const parse::KeywordSpelling &k : parse::keywordSpellings())
      if (std::find(out.begin(), out.end(), k.dutch) == out.end())
        out.push_back(k.dutch);
    out.push_back("niet in");
    return out;
  }();
  return set == parse::KeywordSet::Dutch ? dutch : kKeywords;
}

// A name the author may declare in a file of `set`: a letter or `_`, then letters, digits or
// `_`, and no keyword (in English every word of kKeywords is one; in Dutch a keyword of one
// word is, and the words of longer ones are names).
bool identifier(const std::string &s, parse::KeywordSet set = parse::KeywordSet::English) {
  static const std::regex re("[A-Za-z_][A-Za-z0-9_]*");
  return std::regex_match(s, re) && !parse::reservedWord(s, set);
}



int lspSymbolKind(SymbolKind k) {
  switch (k) {
  case SymbolKind::Ruleset:
  case SymbolKind::Module:
    return 2; // Module
  case SymbolKind::Source:
    return 15; // String
  case SymbolKind::Question:
    return 7; // Property
  case SymbolKind::Answer:
    return 22; // EnumMember
  case SymbolKind::Parameter:
    return 14; // Constant
  case SymbolKind::Obligation:
  case SymbolKind::Flag:
    return 24; // Event
  case SymbolKind::Define:
    return 13; // Variable
  case SymbolKind::Decision:
    return 10; // Enum
  case SymbolKind::Outcome:
    return 22; // EnumMember
  case SymbolKind::Rule:
    return 12; // Function
  case SymbolKind::Property:
    return 11; // Interface
  case SymbolKind::Test:
    return 6; // Method
  }
  return 13;
}

// Semantic token types, in the order of the legend.
const std::vector<std::string> kTokenTypes = {"namespace", "type",     "enum",     "enumMember",
                                              "variable",  "property", "function", "parameter",
                                              "event",     "string",   "method",   "interface"};
int tokenType(SymbolKind k) {
  switch (k) {
  case SymbolKind::Ruleset:
  case SymbolKind::Module:
    return 0;
  case SymbolKind::Source:
    return 9;
  case SymbolKind::Question:
    return 5;
  case SymbolKind::Answer:
  case SymbolKind::Outcome:
    return 3;
  case SymbolKind::Parameter:
    return 7;
  case SymbolKind::Obligation:
  case SymbolKind::Flag:
    return 8;
  case SymbolKind::Define:
    return 4;
  case SymbolKind::Decision:
    return 2;
  case SymbolKind::Rule:
    return 6;
  case SymbolKind::Property:
    return 11;
  case SymbolKind::Test:
    return 10;
  }
  return 4;
}

class Server {
public:
  Server(const std::function<std::size_t(char *, std::size_t)> &read,
         const std::function<void(const std::string &)> &write, const ServerOptions &options)
      : reader_(read), writer_(write), options_(options),
        cache_(newCache()) {
    asOf_ = options.asOf;
    includeDirs_ = options.includeDirs;
  }

  int run() {
    worker_ = std::thread([this] { work(); });
    int code = 1;
    while (true) {
      Incoming in = reader_.next();
      if (in.kind == Incoming::Kind::End)
        break;
      if (in.kind != Incoming::Kind::Message) {
        writer_.send({{"jsonrpc", "2.0"},
                      {"id", nullptr},
                      {"error", {{"code", kParseError}, {"message", in.error}}}});
        continue;
      }
      if (!handle(in.message)) {
        code = shutdown_ ? 0 : 1;
        break;
      }
    }
    stop();
    return code;
  }

private:
  // --- plumbing --------------------------------------------------------------------------

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      cancel_ = true;
    }
    wake_.notify_all();
    {
      std::lock_guard lock(replyMutex_);
      for (auto &[id, p] : waiting_)
        p.set_value(json());
      waiting_.clear();
    }
    if (worker_.joinable())
      worker_.join();
    std::vector<Task> tasks;
    {
      std::lock_guard lock(mutex_);
      tasks.swap(tasks_);
    }
    for (Task &t : tasks)
      if (t.thread.joinable())
        t.thread.join();
    cache()->flush();
  }

  std::shared_ptr<verify::ProofCache> newCache() const {
    return std::make_shared<verify::ProofCache>(
        options_.cacheDir ? std::optional<fs::path>(*options_.cacheDir) : std::nullopt);
  }

  // The proofs of the session; its memory is bounded: once a cache holds kMaxCacheEntries, it
  // is written to disk (with a folder) and a new one starts (reading the folder again).
  static constexpr std::size_t kMaxCacheEntries = 400000;
  std::shared_ptr<verify::ProofCache> cache() {
    std::lock_guard lock(cacheMutex_);
    return cache_;
  }
  void keepCacheBounded() {
    std::shared_ptr<verify::ProofCache> c = cache();
    c->flush();
    if (c->entries() > kMaxCacheEntries) {
      auto fresh = newCache();
      std::lock_guard lock(cacheMutex_);
      cache_ = fresh;
    }
  }

  // Runs a task beside the reader; the threads of tasks that ended are joined here.
  void spawn(std::function<void()> task) {
    std::lock_guard lock(mutex_);
    if (stopping_)
      return;
    for (auto it = tasks_.begin(); it != tasks_.end();)
      if (it->done->load()) {
        it->thread.join();
        it = tasks_.erase(it);
      } else {
        ++it;
      }
    auto done = std::make_shared<std::atomic<bool>>(false);
    tasks_.push_back({std::thread([task = std::move(task), done] {
                        task();
                        *done = true;
                      }),
                      done});
  }

  void notify(const std::string &method, json params) {
    writer_.send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }

  // A request to the client; the answer (null when there is none) once it arrives.
  json ask(const std::string &method, json params) {
    std::future<json> answer;
    std::string id;
    {
      std::lock_guard lock(replyMutex_);
      if (stopping_)
        return json();
      id = fmt::format("ww-{}", ++nextRequest_);
      answer = waiting_[id].get_future();
    }
    writer_.send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    return answer.get();
  }

  // Handles one message; false after `exit`.
  bool handle(const json &m) {
    if (!m.is_object()) {
      writer_.send({{"jsonrpc", "2.0"},
                    {"id", nullptr},
                    {"error", {{"code", kInvalidRequest}, {"message", "a message is an object"}}}});
      return true;
    }
    bool hasId = m.contains("id") && (m["id"].is_string() || m["id"].is_number_integer());
    // A response to a request of ours.
    if (!m.contains("method")) {
      if (hasId && m["id"].is_string()) {
        std::lock_guard lock(replyMutex_);
        if (auto it = waiting_.find(m["id"].get<std::string>()); it != waiting_.end()) {
          it->second.set_value(m.value("result", json()));
          waiting_.erase(it);
        }
      }
      return true;
    }
    if (!m["method"].is_string()) {
      if (hasId)
        fail(m["id"], kInvalidRequest, "the method is not a string");
      return true;
    }
    std::string method = m["method"];
    json params = m.value("params", json::object());
    if (method == "exit")
      return false;
    if (!hasId) {
      try {
        notification(method, params);
      } catch (const std::exception &) {
        // A notification has no answer: a malformed one is dropped.
      }
      return true;
    }
    json id = m["id"];
    if (!initialized_ && method != "initialize") {
      fail(id, kServerNotInitialized, "the server was not initialized");
      return true;
    }
    if (shutdown_) {
      fail(id, kInvalidRequest, "the server is shutting down");
      return true;
    }
    if (method == "workspace/executeCommand") {
      // Commands may ask the client (a question, an edit): they run beside the reader.
      spawn([this, id, params] {
        try {
          reply(id, executeCommand(params));
        } catch (const RpcError &e) {
          fail(id, e.code, e.message);
        } catch (const std::exception &e) {
          fail(id, kRequestFailed, e.what());
        }
      });
      return true;
    }
    try {
      reply(id, request(method, params));
    } catch (const RpcError &e) {
      fail(id, e.code, e.message);
    } catch (const json::exception &e) {
      fail(id, kInvalidParams, fmt::format("invalid parameters: {}", e.what()));
    } catch (const std::exception &e) {
      fail(id, kRequestFailed, e.what());
    }
    return true;
  }

  void reply(const json &id, json result) {
    writer_.send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }
  void fail(const json &id, int code, const std::string &message) {
    writer_.send(
        {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }

  // --- lifecycle and documents -----------------------------------------------------------

  json initialize(const json &params) {
    initialized_ = true;
    // The language of every text (docs/lsp.md): `--lang`, else the client's
    // `initializationOptions.language` ("nl", "en"; "auto" or nothing: the environment's).
    // Chosen here, before any text is made.
    if (!options_.languageGiven && params.contains("initializationOptions") &&
        params["initializationOptions"].is_object()) {
      const json &o = params["initializationOptions"];
      if (o.contains("language") && o["language"].is_string())
        if (auto lang = i18n::parseLanguage(o["language"].get<std::string>()))
          i18n::setLanguage(*lang);
    }
    if (params.contains("initializationOptions"))
      configure(params["initializationOptions"]);
    if (params.contains("capabilities")) {
      const json &c = params["capabilities"];
      lensRefresh_ = c.contains("workspace") && c["workspace"].contains("codeLens") &&
                     c["workspace"]["codeLens"].value("refreshSupport", false);
    }
    json tokens = {{"legend", {{"tokenTypes", kTokenTypes}, {"tokenModifiers", json::array()}}},
                   {"full", true}};
    return {
        {"capabilities",
         {{"positionEncoding", "utf-16"},
          {"textDocumentSync", {{"openClose", true}, {"change", 1}, {"save", true}}},
          {"hoverProvider", true},
          {"definitionProvider", true},
          {"referencesProvider", true},
          {"renameProvider", {{"prepareProvider", true}}},
          {"documentSymbolProvider", true},
          {"workspaceSymbolProvider", true},
          {"completionProvider", {{"triggerCharacters", {" ", "{", ","}}}},
          {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
          {"codeLensProvider", {{"resolveProvider", false}}},
          {"documentFormattingProvider", true},
          {"semanticTokensProvider", tokens},
          {"executeCommandProvider",
           {{"commands", {"wegwijzer.runTest", "wegwijzer.explainCase", "wegwijzer.addWaiver"}}}}}},
        {"serverInfo", {{"name", "wegwijzer"}, {"version", kVersion}}}};
  }

  void configure(const json &o) {
    if (!o.is_object())
      return;
    std::lock_guard lock(mutex_);
    if (o.contains("includePaths") && o["includePaths"].is_array()) {
      includeDirs_ = options_.includeDirs;
      for (const json &d : o["includePaths"])
        if (d.is_string())
          includeDirs_.push_back(d.get<std::string>());
    }
    if (o.contains("asOf") && o["asOf"].is_string()) {
      std::string s = o["asOf"];
      asOf_ = s.empty() ? options_.asOf : parseDate(s);
    }
  }

  void notification(const std::string &method, const json &params) {
    if (method == "initialized" || method == "$/setTrace")
      return;
    if (method == "$/cancelRequest")
      return; // requests are answered at once; long work is cancelled by the next change
    if (method == "workspace/didChangeConfiguration") {
      if (params.contains("settings")) {
        const json &s = params["settings"];
        configure(s.contains("wegwijzer") ? s["wegwijzer"] : s);
        changed("");
      }
      return;
    }
    if (method == "textDocument/didOpen") {
      const json &d = params.at("textDocument");
      std::string path = uriToPath(d.at("uri"));
      if (path.empty())
        return;
      setDocument(normal(path), d.at("text").get<std::string>(), d.value("version", 0));
      return;
    }
    if (method == "textDocument/didChange") {
      const json &d = params.at("textDocument");
      std::string path = normal(uriToPath(d.at("uri")));
      std::string text;
      {
        std::lock_guard lock(mutex_);
        text = docs_.text[path];
      }
      for (const json &c : params.at("contentChanges")) {
        if (!c.contains("range")) {
          text = c.at("text").get<std::string>();
          continue;
        }
        LineMap map(text);
        std::size_t a = map.offsetOf(positionParam(c["range"]["start"]));
        std::size_t b = map.offsetOf(positionParam(c["range"]["end"]));
        if (b < a)
          std::swap(a, b);
        text = text.substr(0, a) + c.at("text").get<std::string>() + text.substr(b);
      }
      setDocument(path, std::move(text), d.value("version", 0));
      return;
    }
    if (method == "textDocument/didClose") {
      std::string path = normal(uriToPath(params.at("textDocument").at("uri")));
      {
        std::lock_guard lock(mutex_);
        docs_.text.erase(path);
        docs_.version.erase(path);
      }
      changed(path);
      return;
    }
    if (method == "textDocument/didSave" || method == "workspace/didChangeWatchedFiles")
      changed("");
  }

  void setDocument(const std::string &path, std::string text, int version) {
    {
      std::lock_guard lock(mutex_);
      docs_.text[path] = std::move(text);
      docs_.version[path] = version;
      folders_.insert(fs::path(path).parent_path().string());
    }
    quickPass(path);
    changed(path);
  }

  // A change: the running proofs are cancelled and start again once the author pauses.
  void changed(const std::string &) {
    {
      std::lock_guard lock(mutex_);
      dirty_ = true;
      cancel_ = true;
      due_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.debounceMs);
    }
    wake_.notify_all();
  }

  // --- diagnostics ---------------------------------------------------------------------

  // The front end's findings for one file, at once: the file alone is read (with its modules).
  void quickPass(const std::string &path) {
    std::map<std::string, std::string> docs;
    std::vector<std::string> include;
    {
      std::lock_guard lock(mutex_);
      docs = docs_.text;
      include = includeDirs_;
    }
    if (fs::path(path).extension() != ".ww")
      return;
    Overlay files(docs);
    engine::Workspace ws;
    engine::LoadOptions lo{include};
    lo.files = &files;
    engine::load(ws, {path}, lo);
    std::vector<json> out;
    for (const Diagnostic &d : ws.sink.sorted(ws.sources))
      if (d.span.valid() && normal(ws.located[d.span.file - 1]) == path &&
          d.severity != Severity::Note)
        out.push_back(toLsp(ws, d));
    publish(path, out);
  }

  void publish(const std::string &path, const std::vector<json> &diagnostics) {
    json params = {{"uri", pathToUri(path)}, {"diagnostics", diagnostics}};
    {
      std::lock_guard lock(mutex_);
      if (auto it = docs_.version.find(path); it != docs_.version.end())
        params["version"] = it->second;
      published_.insert(path);
    }
    notify("textDocument/publishDiagnostics", std::move(params));
  }

  json toLsp(const engine::Workspace &ws, const Diagnostic &d) {
    json out;
    out["range"] = d.span.valid() ? range(ws.sources, d.span) : zeroRange();
    out["severity"] = !d.waiver.empty()                  ? 3
                      : d.severity == Severity::Error   ? 1
                      : d.severity == Severity::Warning ? 2
                                                        : 3;
    out["code"] = d.code;
    if (!options_.docsUrl.empty())
      out["codeDescription"] = {{"href", options_.docsUrl + "#" + d.code}};
    out["source"] = "wegwijzer";
    std::string message = d.message;
    if (d.rulesets.size() > 1) {
      std::vector<std::string> names;
      for (const std::string &r : d.rulesets)
        names.push_back("`" + r + "`");
      message += "\n" + tr("lsp.diagnostic.in_rulesets", {{"rulesets", i18n::listItems(names)}});
    } else if (!d.ruleset.empty() && d.span.valid() &&
               ws.asts[d.span.file - 1] && ws.asts[d.span.file - 1]->name.text != d.ruleset) {
      message += "\n" + tr("lsp.diagnostic.in_ruleset", {{"ruleset", d.ruleset}});
    }
    if (!d.waiver.empty())
      message += "\n" + tr("lsp.diagnostic.waived", {{"waiver", d.waiver}});
    std::size_t lines = 0;
    const std::string note = tr("render.note"), help = tr("render.help");
    for (const std::string &n : d.notes)
      if (lines++ < 12)
        message += "\n" + note + ": " + n;
    for (const std::string &h : d.help)
      message += "\n" + help + ": " + h;
    out["message"] = message;
    json related = json::array();
    for (const Label &l : d.labels)
      if (l.span.valid())
        related.push_back({{"location",
                            {{"uri", pathToUri(normal(ws.located[l.span.file - 1]))},
                             {"range", range(ws.sources, l.span)}}},
                           {"message", l.message.empty() ? tr("lsp.diagnostic.here") : l.message}});
    if (!related.empty())
      out["relatedInformation"] = related;
    json data = json::object();
    if (auto s = suggestion(d.help))
      data["suggest"] = *s;
    if (!d.id.empty() && d.waiver.empty())
      data["id"] = d.id;
    if (!d.ruleset.empty())
      data["ruleset"] = d.ruleset;
    if (d.code == "E0501" && d.details.is_object() && d.details.contains("regions")) {
      // The finding's id is E0501:ruleset:decision, in every language.
      std::size_t colon = d.id.find(':', 6);
      data["decision"] = d.id.rfind("E0501:", 0) == 0 && colon != std::string::npos
                             ? d.id.substr(colon + 1)
                             : afterMarker(d.message, "decision `");
      json conds = json::array();
      for (const json &r : d.details["regions"])
        conds.push_back(regionCondition(r));
      data["regions"] = conds;
    }
    for (const std::string &h : d.help)
      if (auto end = endsRule(h))
        data["endRule"] = {{"rule", end->first}, {"date", end->second}};
    if (d.code == "E0101") {
      if (d.message.rfind("unknown outcome `", 0) == 0)
        data["outcome"] = afterMarker(d.message, "unknown outcome `");
      else if (i18n::has(i18n::language(), "E0101")) {
        auto v = unfill(tr("E0101", {{"what", tr("word.outcome")}}), d.message);
        if (v.count("name"))
          data["outcome"] = v["name"];
      }
    }
    out["data"] = data;
    return out;
  }

  // The condition of a region of a gap (regionJson), in the language.
  static std::string regionCondition(const json &region) {
    std::vector<std::string> parts;
    for (const json &a : region.value("answers", json::array())) {
      std::string q = a.at("question");
      if (a.contains("min")) {
        parts.push_back(fmt::format("{} in {}..{}", q, a["min"].get<std::int64_t>(),
                                    a["max"].get<std::int64_t>()));
        continue;
      }
      std::vector<std::string> vs = a.value("answers", std::vector<std::string>{});
      if (vs.size() == 1 && (vs[0] == "yes" || vs[0] == "no"))
        parts.push_back(vs[0] == "yes" ? q : "not " + q);
      else if (vs.size() == 1)
        parts.push_back(fmt::format("{} == {}", q, vs[0]));
      else {
        std::string list;
        for (const std::string &v : vs)
          list += (list.empty() ? "" : ", ") + v;
        parts.push_back(fmt::format("{} in {{{}}}", q, list));
      }
    }
    if (parts.empty())
      return "true";
    std::string out;
    for (const std::string &p : parts)
      out += (out.empty() ? "" : " and ") + p;
    return out;
  }

  // --- the worker: snapshots and proofs ----------------------------------------------------

  std::shared_ptr<Snapshot> build(const std::map<std::string, std::string> &docs,
                                  const std::map<std::string, int> &versions,
                                  const std::set<std::string> &folders,
                                  const std::vector<std::string> &include, Overlay &files) {
    auto s = std::make_shared<Snapshot>();
    std::set<std::string> paths;
    for (const std::string &dir : folders)
      for (const fs::path &p : files.wwFilesIn(dir))
        paths.insert(normal(p));
    for (const auto &[path, text] : docs)
      if (fs::path(path).extension() == ".ww")
        paths.insert(path);
    s->paths.assign(paths.begin(), paths.end());
    engine::LoadOptions lo{include};
    lo.files = &files;
    engine::load(s->ws, s->paths, lo);
    for (std::size_t i = 0; i < s->ws.located.size(); ++i)
      s->byPath[normal(s->ws.located[i])] = static_cast<FileId>(i + 1);
    s->index = std::make_unique<Index>(s->ws);
    s->versions = versions;
    return s;
  }

  // The snapshot of the documents as they are now (built here when the worker has not yet).
  std::shared_ptr<Snapshot> fresh() {
    std::map<std::string, std::string> docs;
    std::map<std::string, int> versions;
    std::set<std::string> folders;
    std::vector<std::string> include;
    {
      std::lock_guard lock(mutex_);
      if (snapshot_ && snapshot_->versions == docs_.version && !staleFiles_)
        return snapshot_;
      docs = docs_.text;
      versions = docs_.version;
      folders = folders_;
      include = includeDirs_;
    }
    Overlay files(docs);
    auto s = build(docs, versions, folders, include, files);
    std::lock_guard lock(mutex_);
    if (!snapshot_ || snapshot_->versions != docs_.version || staleFiles_) {
      snapshot_ = s;
      staleFiles_ = false;
    }
    return s;
  }

  void work() {
    while (true) {
      std::map<std::string, std::string> docs;
      std::map<std::string, int> versions;
      std::set<std::string> folders;
      std::vector<std::string> include;
      std::optional<Date> asOf;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || dirty_; });
        if (stopping_)
          return;
        while (!stopping_ && std::chrono::steady_clock::now() < due_)
          wake_.wait_until(lock, due_);
        if (stopping_)
          return;
        dirty_ = false;
        cancel_ = false;
        docs = docs_.text;
        versions = docs_.version;
        folders = folders_;
        include = includeDirs_;
        asOf = asOf_;
      }
      if (folders.empty() && docs.empty())
        continue;
      Overlay files(docs);
      std::shared_ptr<Snapshot> s = build(docs, versions, folders, include, files);
      {
        std::lock_guard lock(mutex_);
        snapshot_ = s;
        staleFiles_ = false;
      }
      // The proofs add their findings to the snapshot's sink, which no request reads.
      engine::Workspace *checked = &s->ws;
      engine::CheckOptions co;
      std::shared_ptr<verify::ProofCache> proofs = cache();
      co.verify.cache = proofs.get();
      co.verify.maxRegions = 3;
      co.jobs = options_.jobs;
      co.cancel = &cancel_;
      auto started = std::chrono::steady_clock::now();
      engine::RunResult run = engine::runChecks(*checked, co);
      if (run.cancelled || cancel_)
        continue;
      keepCacheBounded();
      std::vector<std::string> verified;
      for (const verify::Stats &st : run.stats)
        verified.push_back(st.ruleset);
      if (std::optional<Date> today = ww::today())
        engine::applyWaivers(*checked, engine::loadWaivers(*checked, &files), *today, verified,
                             false);
      engine::settleFindings(*checked);
      std::vector<Diagnostic> all =
          engine::groupFindings(*checked, checked->sink.sorted(checked->sources));
      std::map<std::string, std::vector<json>> byFile;
      for (const std::string &p : s->paths)
        byFile[p];
      for (const Diagnostic &d : all) {
        if (d.severity == Severity::Note && d.code != "E0000")
          continue;
        std::string path;
        if (d.span.valid())
          path = normal(checked->located[d.span.file - 1]);
        else if (!checked->requested.empty())
          path = normal(checked->located[checked->requested.front() - 1]);
        if (!path.empty() &&
            (fs::path(path).extension() == ".ww" || fs::path(path).extension() == ".waivers"))
          byFile[path].push_back(toLsp(*checked, d));
      }
      std::map<std::pair<std::string, std::string>, TestResult> tests;
      collectTests(*checked, run, tests);
      {
        std::lock_guard lock(mutex_);
        if (dirty_)
          continue; // a newer change: its run publishes
        tests_ = std::move(tests);
        lastCheckSeconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                          started).count();
        ++checksDone_;
      }
      std::set<std::string> before;
      {
        std::lock_guard lock(mutex_);
        before = published_;
      }
      for (const auto &[path, list] : byFile)
        publish(path, list);
      for (const std::string &p : before)
        if (!byFile.count(p))
          publish(p, {});
      if (lensRefresh_)
        spawn([this] { (void)ask("workspace/codeLens/refresh", nullptr); });
      notify("$/wegwijzer/checked",
             {{"seconds", lastCheckSeconds_}, {"rulesets", run.stats.size()}});
    }
  }

  // The tests' results, by the test's file and text: failed when it fails in any ruleset.
  static void collectTests(const engine::Workspace &ws, const engine::RunResult &run,
                           std::map<std::pair<std::string, std::string>, TestResult> &out) {
    for (const verify::Stats &st : run.stats) {
      // The tests this ruleset runs: those of the files of its chain (its own, its modules').
      std::map<std::string, std::pair<std::string, std::string>> byName; // "test “x”" -> key
      for (const ir::History &h : ws.rulesets) {
        if (h.id != st.ruleset)
          continue;
        for (const ir::Ruleset &period : h.periods)
          for (FileId f : period.files)
            if (const ast::File *file = ws.asts[f - 1].get())
              for (const ast::TestDecl &t : file->tests)
                byName[fmt::format("test “{}”", t.text)] = {normal(ws.located[f - 1]), t.text};
      }
      for (const verify::CheckRecord &r : st.checks) {
        if (r.kind != "test")
          continue;
        auto it = byName.find(r.subject.empty() ? r.name : r.subject);
        if (it == byName.end())
          continue;
        TestResult &t = out[it->second];
        if (r.status == verify::CheckRecord::Status::Failed ||
            r.status == verify::CheckRecord::Status::Inconclusive) {
          t.passed = false;
          if (t.message.empty())
            t.message = fmt::format("{}: {}", st.ruleset, r.message);
        }
      }
    }
  }

  // --- requests ----------------------------------------------------------------------------

  json request(const std::string &method, const json &params) {
    if (method == "initialize")
      return initialize(params);
    if (method == "shutdown") {
      shutdown_ = true;
      return nullptr;
    }
    if (method == "textDocument/hover")
      return hover(params);
    if (method == "textDocument/definition")
      return definition(params);
    if (method == "textDocument/references")
      return references(params);
    if (method == "textDocument/prepareRename")
      return prepareRename(params);
    if (method == "textDocument/rename")
      return rename(params);
    if (method == "textDocument/documentSymbol")
      return documentSymbols(params);
    if (method == "workspace/symbol")
      return workspaceSymbols(params);
    if (method == "textDocument/completion")
      return completion(params);
    if (method == "textDocument/codeAction")
      return codeActions(params);
    if (method == "textDocument/codeLens")
      return codeLenses(params);
    if (method == "textDocument/formatting")
      return formatting(params);
    if (method == "textDocument/semanticTokens/full")
      return semanticTokens(params);
    if (method == "wegwijzer/status") {
      std::lock_guard lock(mutex_);
      return {{"checks", checksDone_}, {"lastCheckSeconds", lastCheckSeconds_}};
    }
    throw RpcError{kMethodNotFound, "no such method: " + method};
  }

  struct At {
    std::shared_ptr<Snapshot> s;
    FileId file = 0;
    std::size_t offset = 0;
    std::string path;
  };

  At at(const json &params, bool needPosition = true) {
    At a;
    a.path = normal(uriToPath(params.at("textDocument").at("uri")));
    a.s = fresh();
    a.file = a.s->file(a.path);
    if (a.file && needPosition) {
      LineMap map(a.s->ws.sources.file(a.file).text());
      a.offset = map.offsetOf(positionParam(params.at("position")));
    }
    return a;
  }

  json location(const Snapshot &s, Span span) {
    return {{"uri", pathToUri(s.pathOf(span.file))}, {"range", range(s.ws.sources, span)}};
  }

  std::string symbolMarkdown(const Snapshot &s, const Symbol &sym) {
    std::string out =
        sym.container.empty()
            ? tr("lsp.hover.title", {{"kind", kindWord(sym.kind)}, {"name", sym.name}})
            : tr(sym.kind == SymbolKind::Answer ? "lsp.hover.title_answer" : "lsp.hover.title_of",
                 {{"kind", kindWord(sym.kind)}, {"name", sym.name}, {"container", sym.container}});
    if (!sym.text.empty() && sym.kind != SymbolKind::Test)
      out += "\n\n" + sym.text;
    if (!sym.help.empty())
      out += "\n\n*" + sym.help + "*";
    for (const std::string &d : sym.details)
      out += "\n\n" + d;
    if (sym.valid.written() && !sym.valid.bad)
      out += "\n\n" + tr("lsp.valid", {{"period", periodShown(sym.valid.period)}});
    for (const auto &[source, locator] : sym.cites) {
      std::string text;
      if (auto src = s.index->lookup(sym.file, source, {SymbolKind::Source}))
        text = s.index->symbols()[*src].text;
      out += "\n\n" + tr("lsp.hover.cites", {{"source", source}}) +
             (text.empty() ? "" : ": " + text) + (locator.empty() ? "" : ", " + locator);
    }
    out += fmt::format("\n\n{}", fs::path(s.pathOf(sym.file)).filename().string());
    return out;
  }

  json hover(const json &params) {
    At a = at(params);
    if (!a.file)
      return nullptr;
    const std::string &text = a.s->ws.sources.file(a.file).text();
    if (auto hit = a.s->index->at(a.file, a.offset)) {
      const Symbol &sym = a.s->index->symbols()[hit->first];
      return {{"contents", {{"kind", "markdown"}, {"value", symbolMarkdown(*a.s, sym)}}},
              {"range", range(a.s->ws.sources, hit->second)}};
    }
    // A date: the period of the file's ruleset it falls in.
    std::size_t b = a.offset, e = a.offset;
    while (b > 0 && (std::isdigit(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == '-'))
      --b;
    while (e < text.size() && (std::isdigit(static_cast<unsigned char>(text[e])) || text[e] == '-'))
      ++e;
    if (e - b == 10) {
      if (std::optional<Date> d = parseDate(text.substr(b, 10)))
        return {{"contents", {{"kind", "markdown"}, {"value", dateHover(*a.s, a.file, *d)}}},
                {"range", range(a.s->ws.sources, Span{a.file, static_cast<std::uint32_t>(b),
                                                      static_cast<std::uint32_t>(e)})}};
    }
    return nullptr;
  }

  std::string dateHover(const Snapshot &s, FileId file, const Date &d) {
    std::string out = fmt::format("**{}** ({})", d.iso(), d.dutch());
    auto describe = [&](const ir::History &h) {
      for (std::size_t i = 0; i < h.periods.size(); ++i)
        if (h.periods[i].period.contains(d))
          return "\n\n" + tr("lsp.hover.date_period", {{"ruleset", h.id},
                                                        {"number", i + 1},
                                                        {"periods", h.periods.size()},
                                                        {"period", periodShown(h.periods[i].period)}});
      return "\n\n" + tr("lsp.hover.date_not_modelled", {{"ruleset", h.id}});
    };
    for (const ir::History &h : s.ws.rulesets)
      if (!h.periods.empty() && h.periods.front().span.file == file)
        out += describe(h);
    return out;
  }

  json definition(const json &params) {
    At a = at(params);
    if (!a.file)
      return nullptr;
    auto hit = a.s->index->at(a.file, a.offset);
    if (!hit)
      return nullptr;
    json out = json::array();
    // The nearest declaration first, then other versions of it.
    out.push_back(location(*a.s, a.s->index->symbols()[hit->first].nameSpan));
    for (int d : a.s->index->declarations(hit->first))
      if (d != hit->first)
        out.push_back(location(*a.s, a.s->index->symbols()[d].nameSpan));
    return out;
  }

  json references(const json &params) {
    At a = at(params);
    if (!a.file)
      return nullptr;
    auto hit = a.s->index->at(a.file, a.offset);
    if (!hit)
      return json::array();
    bool withDecl = params.value("context", json::object()).value("includeDeclaration", true);
    json out = json::array();
    for (Span sp : a.s->index->references(hit->first, withDecl))
      out.push_back(location(*a.s, sp));
    return out;
  }

  json prepareRename(const json &params) {
    At a = at(params);
    if (!a.file)
      return nullptr;
    auto hit = a.s->index->at(a.file, a.offset);
    if (!hit || a.s->index->symbols()[hit->first].kind == SymbolKind::Test)
      throw RpcError{kRequestFailed, tr("lsp.rename.nothing")};
    return {{"range", range(a.s->ws.sources, hit->second)},
            {"placeholder", a.s->index->symbols()[hit->first].name}};
  }

  json rename(const json &params) {
    At a = at(params);
    std::string newName = params.at("newName");
    parse::KeywordSet here = a.file ? parse::keywordSetOf(a.s->ws.sources.file(a.file).text())
                                    : parse::KeywordSet::English;
    if (!identifier(newName, here))
      throw RpcError{kInvalidParams, tr("lsp.rename.not_a_name", {{"name", newName}})};
    auto hit = a.file ? a.s->index->at(a.file, a.offset) : std::nullopt;
    if (!hit || a.s->index->symbols()[hit->first].kind == SymbolKind::Test)
      throw RpcError{kRequestFailed, tr("lsp.rename.nothing")};
    // Every file the rename changes must keep reading the name as a name, in its keyword set.
    std::set<FileId> touched;
    for (Span sp : a.s->index->references(hit->first, true))
      touched.insert(sp.file);
    for (FileId f : touched)
      if (!identifier(newName, parse::keywordSetOf(a.s->ws.sources.file(f).text())))
        throw RpcError{kInvalidParams, tr("lsp.rename.not_a_name", {{"name", newName}})};
    const Symbol &sym = a.s->index->symbols()[hit->first];
    if (auto clash = a.s->index->lookup(sym.file, newName, {sym.kind}, sym.container))
      throw RpcError{kRequestFailed, tr("lsp.rename.exists",
                                        {{"kind", kindWord(sym.kind)}, {"name", newName}})};
    std::map<std::string, json> changes;
    for (Span sp : a.s->index->references(hit->first, true))
      changes[pathToUri(a.s->pathOf(sp.file))].push_back(
          {{"range", range(a.s->ws.sources, sp)}, {"newText", newName}});
    json edit = json::object();
    for (auto &[uri, list] : changes)
      edit[uri] = list;
    return {{"changes", edit}};
  }

  json documentSymbols(const json &params) {
    At a = at(params, false);
    json out = json::array();
    if (!a.file)
      return out;
    const auto &syms = a.s->index->symbols();
    std::map<std::string, std::size_t> containers; // a question or decision -> its entry
    for (const Symbol &sym : syms) {
      if (sym.file != a.file)
        continue;
      json entry = {{"name", sym.kind == SymbolKind::Test ? "test “" + sym.name + "”" : sym.name},
                    {"kind", lspSymbolKind(sym.kind)},
                    {"range", range(a.s->ws.sources, sym.whole.valid() ? sym.whole : sym.nameSpan)},
                    {"selectionRange", range(a.s->ws.sources, sym.nameSpan)}};
      if (!sym.text.empty() && sym.kind != SymbolKind::Test)
        entry["detail"] = sym.text;
      if (sym.kind == SymbolKind::Answer || sym.kind == SymbolKind::Outcome) {
        auto it = containers.find(sym.container);
        if (it != containers.end() && sym.whole.begin >= out[it->second]["_b"].get<std::uint32_t>() &&
            sym.whole.end <= out[it->second]["_e"].get<std::uint32_t>()) {
          out[it->second]["children"].push_back(entry);
          continue;
        }
      }
      if (sym.kind == SymbolKind::Question || sym.kind == SymbolKind::Parameter ||
          sym.kind == SymbolKind::Decision) {
        entry["children"] = json::array();
        entry["_b"] = sym.whole.begin;
        entry["_e"] = sym.whole.end;
        containers[sym.name] = out.size();
      }
      out.push_back(entry);
    }
    for (json &e : out) {
      e.erase("_b");
      e.erase("_e");
    }
    return out;
  }

  json workspaceSymbols(const json &params) {
    std::shared_ptr<Snapshot> s = fresh();
    std::string query = params.value("query", "");
    auto lower = [](std::string t) {
      for (char &c : t)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return t;
    };
    std::string q = lower(query);
    json out = json::array();
    for (const Symbol &sym : s->index->symbols()) {
      if (sym.kind == SymbolKind::Answer || sym.kind == SymbolKind::Test)
        continue;
      if (!q.empty() && lower(sym.name).find(q) == std::string::npos)
        continue;
      json e = {{"name", sym.name},
                {"kind", lspSymbolKind(sym.kind)},
                {"location", location(*s, sym.nameSpan)}};
      if (!sym.container.empty())
        e["containerName"] = sym.container;
      out.push_back(e);
      if (out.size() >= 500)
        break;
    }
    return out;
  }

  json completion(const json &params) {
    At a = at(params);
    json items = json::array();
    if (!a.file)
      return items;
    const std::string &text = a.s->ws.sources.file(a.file).text();
    parse::KeywordSet set = parse::keywordSetOf(text);
    bool dutch = set == parse::KeywordSet::Dutch;
    std::size_t lineStart = text.rfind('\n', a.offset ? a.offset - 1 : 0);
    lineStart = lineStart == std::string::npos || a.offset == 0 ? 0 : lineStart + 1;
    std::string before = text.substr(lineStart, a.offset - lineStart);
    std::optional<Date> asOf;
    {
      std::lock_guard lock(mutex_);
      asOf = asOf_ ? asOf_ : ww::today();
    }
    const auto &syms = a.s->index->symbols();
    auto validNow = [&](const Symbol &sym) {
      return !asOf || !sym.valid.written() || sym.valid.bad || sym.valid.period.contains(*asOf);
    };
    auto item = [&](const Symbol &sym) {
      json i = {{"label", sym.name}, {"kind", sym.kind == SymbolKind::Answer ? 20 : 6}};
      i["detail"] = sym.valid.written() && !sym.valid.bad
                        ? tr("lsp.completion.valid", {{"kind", kindWord(sym.kind)},
                                                      {"period", periodShown(sym.valid.period)}})
                        : kindWord(sym.kind);
      if (!sym.text.empty())
        i["documentation"] = sym.text;
      i["sortText"] = (validNow(sym) ? "0" : "1") + sym.name;
      return i;
    };
    // After `x ==`, `x !=`, `x in {` or `given x =`: the answers of x (or a decision's outcomes).
    static const std::regex afterCompare(R"(([A-Za-z_][A-Za-z0-9_]*)\s*(==|!=|=)\s*[A-Za-z0-9_]*$)");
    static const std::regex afterIn(R"(([A-Za-z_][A-Za-z0-9_]*)\s+(not\s+)?in\s*\{[^}]*$)");
    std::smatch m;
    if (std::regex_search(before, m, afterCompare) || std::regex_search(before, m, afterIn)) {
      std::string subject = m[1].str();
      bool decision = a.s->index->lookup(a.file, subject, {SymbolKind::Decision}).has_value();
      std::set<std::string> seen;
      for (int i : a.s->index->visible(a.file)) {
        const Symbol &sym = syms[i];
        if (sym.container == subject &&
            (sym.kind == (decision ? SymbolKind::Outcome : SymbolKind::Answer)) &&
            seen.insert(sym.name).second)
          items.push_back(item(sym));
      }
      auto q = a.s->index->lookup(a.file, subject, {SymbolKind::Question, SymbolKind::Parameter});
      if (items.empty() && q && syms[*q].yesNo)
        for (const char *v : {dutch ? "ja" : "yes", dutch ? "nee" : "no"})
          items.push_back({{"label", v}, {"kind", 12}});
      if (!items.empty())
        return items;
    }
    std::set<std::string> seen;
    for (int i : a.s->index->visible(a.file)) {
      const Symbol &sym = syms[i];
      if (sym.kind == SymbolKind::Test || sym.kind == SymbolKind::Ruleset ||
          sym.kind == SymbolKind::Module || sym.kind == SymbolKind::Answer)
        continue;
      if (seen.insert(std::string(kindName(sym.kind)) + sym.name).second)
        items.push_back(item(sym));
    }
    for (const std::string &k : keywordsOf(set))
      items.push_back({{"label", k}, {"kind", 14}, {"sortText", "2" + k}});
    auto snippet = [&](const std::string &label, const std::string &body, const std::string &doc) {
      items.push_back({{"label", label},
                       {"kind", 15},
                       {"insertTextFormat", 2},
                       {"insertText", body},
                       {"documentation", doc},
                       {"sortText", "3" + label}});
    };
    if (dutch) {
      snippet("regel …", "regel ${1:naam}\n  als ${2:voorwaarde}\n  dan ${3:de_uitkomst}\n  verwijst naar ${4:de_bron} \"${5:art.}\"",
              "een regel: als de voorwaarde vervuld is, de uitkomst");
      snippet("test …",
              "test \"${1:omschrijving}\" {\n  gegeven ${2:de_vraag} = ${3:antwoord}\n  verwacht ${4:de_uitkomst}\n}",
              "een test: de gegeven antwoorden en de verwachte uitkomst");
      snippet("regel … geldig vanaf", "regel ${1:naam}\n  als ${2:voorwaarde}\n  dan ${3:de_uitkomst}\n  verwijst naar ${4:de_bron} \"${5:art.}\"\n  geldig vanaf ${6:2025-01-01}",
              "een versie van een regel: zij geldt vanaf een datum");
      snippet("uitzondering …", "regel ${1:naam} uitzondering op ${2:andere_regel}\n  als ${3:voorwaarde}\n  dan ${4:de_uitkomst}",
              "een uitzondering op een andere regel");
      return items;
    }
    snippet("rule …", "rule ${1:naam}\n  when ${2:voorwaarde}\n  then ${3:uitkomst}\n  cite ${4:bron} \"${5:art.}\"",
            "a rule: when the condition holds, the outcome");
    snippet("test …",
            "test \"${1:omschrijving}\" {\n  given ${2:vraag} = ${3:antwoord}\n  expect ${4:uitkomst}\n}",
            "a test: the answers given and the outcome expected");
    snippet("rule … valid from", "rule ${1:naam}\n  when ${2:voorwaarde}\n  then ${3:uitkomst}\n  cite ${4:bron} \"${5:art.}\"\n  valid from ${6:2025-01-01}",
            "a dated version of a rule: it holds from a date");
    snippet("exception …", "rule ${1:naam} exception to ${2:regel}\n  when ${3:voorwaarde}\n  then ${4:uitkomst}",
            "an exception to another rule");
    return items;
  }

  json codeActions(const json &params) {
    At a = at(params, false);
    json out = json::array();
    if (!a.file)
      return out;
    const Snapshot &s = *a.s;
    std::string uri = pathToUri(a.path);
    const auto &syms = s.index->symbols();
    for (const json &d : params.value("context", json::object()).value("diagnostics", json::array())) {
      if (!d.contains("data") || !d["data"].is_object())
        continue;
      const json &data = d["data"];
      if (data.contains("suggest")) {
        std::string to = data["suggest"];
        out.push_back({{"title", tr("lsp.fix.change_to", {{"name", to}})},
                       {"kind", "quickfix"},
                       {"isPreferred", true},
                       {"diagnostics", {d}},
                       {"edit", {{"changes", {{uri, {{{"range", d["range"]}, {"newText", to}}}}}}}}});
      }
      if (data.contains("outcome")) {
        std::string name = data["outcome"];
        std::set<std::string> seen;
        for (int i : s.index->visible(a.file)) {
          const Symbol &dec = syms[i];
          if (dec.kind != SymbolKind::Decision || !seen.insert(dec.name).second)
            continue;
          out.push_back(declareOutcome(s, a.file, uri, dec, name, d));
        }
      }
      if (data.contains("regions") && data.contains("ruleset"))
        closeGap(s, data, d, out);
      if (data.contains("endRule"))
        endRule(s, a.file, data["endRule"], d, out);
      if (data.contains("id") && data.contains("ruleset")) {
        std::string rulesetPath = rulesetFile(s, data["ruleset"]);
        if (!rulesetPath.empty())
          out.push_back({{"title", tr("lsp.fix.waive", {{"id", data["id"].get<std::string>()}})},
                         {"kind", "quickfix"},
                         {"diagnostics", {d}},
                         {"command",
                          {{"title", tr("lsp.fix.add_waiver")},
                           {"command", "wegwijzer.addWaiver"},
                           {"arguments", {{{"uri", pathToUri(rulesetPath)}, {"id", data["id"]}}}}}}});
      }
    }
    return out;
  }

  std::string rulesetFile(const Snapshot &s, const std::string &ruleset) {
    for (const auto &f : s.ws.asts)
      if (f && f->kind == ast::File::Kind::Ruleset && f->name.text == ruleset)
        return s.pathOf(f->file);
    return "";
  }

  json edit(const Snapshot &s, FileId file, std::size_t offset, const std::string &text) {
    Span at{file, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(offset)};
    return {{"changes",
             {{pathToUri(s.pathOf(file)), {{{"range", range(s.ws.sources, at)}, {"newText", text}}}}}}};
  }

  json declareOutcome(const Snapshot &s, FileId file, const std::string &, const Symbol &dec,
                      const std::string &name, const json &d) {
    std::string decl = fmt::format("outcome {} \"{}\"", name, name);
    json e;
    if (dec.file == file && dec.whole.valid()) {
      // Inside the decision's block, before its closing brace.
      const std::string &text = s.ws.sources.file(file).text();
      std::size_t close = text.rfind('}', dec.whole.end ? dec.whole.end - 1 : 0);
      if (close == std::string::npos || close < dec.whole.begin)
        close = dec.whole.end;
      e = edit(s, file, close, "  " + decl + "\n");
    } else {
      const std::string &text = s.ws.sources.file(file).text();
      e = edit(s, file, text.size(),
               fmt::format("{}\nextend decision {} {{\n  {}\n}}\n",
                           text.empty() || text.back() == '\n' ? "" : "\n", dec.name, decl));
    }
    return {{"title", tr("lsp.fix.declare_outcome", {{"outcome", name}, {"decision", dec.name}})},
            {"kind", "quickfix"},
            {"diagnostics", {d}},
            {"edit", e}};
  }

  void closeGap(const Snapshot &s, const json &data, const json &d, json &out) {
    std::string path = rulesetFile(s, data["ruleset"]);
    FileId file = s.file(path);
    std::string decision = data.value("decision", "");
    if (!file || decision.empty())
      return;
    std::string cond;
    for (const json &c : data["regions"]) {
      std::string part = c.get<std::string>();
      cond += cond.empty() ? part : " or " + part;
    }
    if (data["regions"].size() > 1) {
      cond.clear();
      for (const json &c : data["regions"])
        cond += (cond.empty() ? "(" : " or (") + c.get<std::string>() + ")";
    }
    const auto &syms = s.index->symbols();
    const std::string &text = s.ws.sources.file(file).text();
    // A rule name not yet taken.
    std::string name;
    for (int n = 1; n < 1000; ++n) {
      name = fmt::format("{}_gat_{}", decision, n);
      if (!s.index->lookup(file, name, {SymbolKind::Rule}))
        break;
    }
    std::set<std::string> seen;
    int count = 0;
    for (int i : s.index->visible(file)) {
      const Symbol &o = syms[i];
      if (o.kind != SymbolKind::Outcome || o.container != decision || !seen.insert(o.name).second)
        continue;
      if (++count > 8)
        break;
      std::string rule = fmt::format("{}\nrule {}\n  when {}\n  then {}\n",
                                     text.empty() || text.back() == '\n' ? "" : "\n", name, cond,
                                     o.name);
      out.push_back({{"title", tr("lsp.fix.close_gap", {{"outcome", o.name}})},
                     {"kind", "quickfix"},
                     {"diagnostics", {d}},
                     {"edit", edit(s, file, text.size(), rule)}});
    }
  }

  void endRule(const Snapshot &s, FileId file, const json &end, const json &d, json &out) {
    std::string rule = end.value("rule", ""), date = end.value("date", "");
    // The older rule: in this file's chain, or in the file of the diagnostic's other rule.
    std::optional<int> sym = s.index->lookup(file, rule, {SymbolKind::Rule});
    if (!sym)
      return;
    for (int v : s.index->declarations(*sym)) {
      const Symbol &r = s.index->symbols()[v];
      if (r.valid.written() && r.valid.period.until)
        continue; // this version already ends
      if (r.valid.written() && r.valid.period.from && !(*r.valid.period.from < *parseDate(date)))
        continue;
      json e = r.valid.written() ? edit(s, r.file, r.valid.span.end, " until " + date)
                                 : edit(s, r.file, r.whole.end, " valid until " + date);
      out.push_back({{"title", tr("lsp.fix.end_rule",
                                  {{"rule", rule}, {"clause", "valid until " + date}})},
                     {"kind", "quickfix"},
                     {"isPreferred", true},
                     {"diagnostics", {d}},
                     {"edit", e}});
      return;
    }
  }

  json codeLenses(const json &params) {
    At a = at(params, false);
    json out = json::array();
    if (!a.file)
      return out;
    std::map<std::pair<std::string, std::string>, TestResult> tests;
    {
      std::lock_guard lock(mutex_);
      tests = tests_;
    }
    std::string uri = pathToUri(a.path);
    const ast::File *f = a.s->ws.asts[a.file - 1].get();
    for (const Symbol &sym : a.s->index->symbols()) {
      if (sym.file != a.file)
        continue;
      if (sym.kind == SymbolKind::Test) {
        std::string title = tr("lsp.lens.run_test");
        if (auto it = tests.find({a.path, sym.name}); it != tests.end())
          title = tr(it->second.passed ? "lsp.lens.passed" : "lsp.lens.failed");
        Span start{sym.whole.file, sym.whole.begin, sym.whole.begin};
        out.push_back({{"range", range(a.s->ws.sources, start)},
                       {"command",
                        {{"title", title},
                         {"command", "wegwijzer.runTest"},
                         {"arguments", {uri, sym.name}}}}});
      }
      bool header = sym.kind == SymbolKind::Ruleset; // the main decision, above the header
      if ((header || sym.kind == SymbolKind::Decision) && f &&
          f->kind == ast::File::Kind::Ruleset) {
        Span start{sym.whole.file, sym.whole.begin, sym.whole.begin};
        out.push_back({{"range", range(a.s->ws.sources, start)},
                       {"command",
                        {{"title", tr(header ? "lsp.lens.explain" : "lsp.lens.explain_decision")},
                         {"command", "wegwijzer.explainCase"},
                         {"arguments", {uri, header ? std::string() : sym.name}}}}});
      }
    }
    return out;
  }

  json formatting(const json &params) {
    At a = at(params, false);
    if (!a.file)
      return nullptr;
    const SourceFile &f = a.s->ws.sources.file(a.file);
    DiagnosticSink sink;
    std::optional<std::string> text = parse::formatFile(f, sink);
    if (!text)
      throw RpcError{kRequestFailed, tr("lsp.format.syntax_errors")};
    if (*text == f.text())
      return json::array();
    LineMap map(f.text());
    Position end = map.positionOf(f.text().size());
    return json::array({{{"range",
                          {{"start", {{"line", 0}, {"character", 0}}},
                           {"end", {{"line", end.line}, {"character", end.character}}}}},
                         {"newText", *text}}});
  }

  json semanticTokens(const json &params) {
    At a = at(params, false);
    json data = json::array();
    if (!a.file)
      return {{"data", data}};
    const SourceFile &f = a.s->ws.sources.file(a.file);
    LineMap map(f.text());
    std::vector<std::pair<Span, int>> tokens;
    const auto &syms = a.s->index->symbols();
    for (const Symbol &sym : syms)
      if (sym.file == a.file && sym.kind != SymbolKind::Test && sym.nameSpan.valid())
        tokens.emplace_back(sym.nameSpan, tokenType(sym.kind));
    for (const Use &u : a.s->index->uses())
      if (u.file == a.file && u.symbol >= 0)
        tokens.emplace_back(u.span, tokenType(syms[u.symbol].kind));
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end(),
                             [](const auto &x, const auto &y) { return x.first == y.first; }),
                 tokens.end());
    Position last;
    for (const auto &[span, type] : tokens) {
      Position p = map.positionOf(span.begin), q = map.positionOf(span.end);
      if (q.line != p.line || q.character <= p.character)
        continue; // a token on one line only
      std::uint32_t dl = p.line - last.line;
      std::uint32_t dc = dl == 0 ? p.character - last.character : p.character;
      for (std::uint32_t v : {dl, dc, q.character - p.character, static_cast<std::uint32_t>(type), 0u})
        data.push_back(v);
      last = p;
    }
    return {{"data", data}};
  }

  // --- commands ----------------------------------------------------------------------------

  json executeCommand(const json &params) {
    std::string command = params.at("command");
    json args = params.value("arguments", json::array());
    if (command == "wegwijzer.runTest")
      return runTest(args);
    if (command == "wegwijzer.explainCase")
      return explainCase(args);
    if (command == "wegwijzer.addWaiver")
      return addWaiver(args);
    throw RpcError{kInvalidParams, "no such command: " + command};
  }

  json runTest(const json &args) {
    if (args.size() < 2 || !args[0].is_string() || !args[1].is_string())
      throw RpcError{kInvalidParams, "wegwijzer.runTest takes a document's URI and a test"};
    std::string path = normal(uriToPath(args[0]));
    std::string test = args[1];
    std::map<std::string, std::string> docs;
    std::vector<std::string> include;
    {
      std::lock_guard lock(mutex_);
      docs = docs_.text;
      include = includeDirs_;
    }
    Overlay files(docs);
    engine::Workspace ws;
    engine::LoadOptions lo{include};
    lo.files = &files;
    lo.rulesetsOfModules = true; // a module's test runs in the rulesets that extend it
    engine::load(ws, {path}, lo);
    engine::CheckOptions co;
    co.verify.testsOnly = true;
    std::shared_ptr<verify::ProofCache> proofs = cache();
    co.verify.cache = proofs.get();
    engine::RunResult run = engine::runChecks(ws, co);
    std::map<std::pair<std::string, std::string>, TestResult> results;
    collectTests(ws, run, results);
    auto it = results.find({path, test});
    json out;
    if (it == results.end()) {
      std::string why = tr("lsp.test.not_run");
      for (const Diagnostic &d : ws.sink.sorted(ws.sources))
        if (d.severity == Severity::Error) {
          why = tr("lsp.test.not_run_errors",
                   {{"file", fs::path(path).filename().string()}, {"message", d.message}});
          break;
        }
      out = {{"passed", false}, {"message", why}};
    } else {
      std::string message = it->second.passed ? tr("lsp.test.passed", {{"test", test}})
                                              : it->second.message;
      // The failure's notes say what was expected and what came out.
      if (!it->second.passed)
        for (const Diagnostic &d : ws.sink.all())
          if (d.code == "E0510" && d.message.find("“" + test + "”") != std::string::npos) {
            for (const std::string &n : d.notes)
              message += "\n" + n;
            break;
          }
      out = {{"passed", it->second.passed}, {"message", message}};
      std::lock_guard lock(mutex_);
      tests_[it->first] = it->second;
    }
    notify("window/showMessage",
           {{"type", out["passed"].get<bool>() ? 3 : 1}, {"message", out["message"]}});
    if (lensRefresh_)
      (void)ask("workspace/codeLens/refresh", nullptr);
    return out;
  }

  json explainCase(const json &args) {
    if (args.size() < 2 || !args[0].is_string() || !args[1].is_string())
      throw RpcError{kInvalidParams, "wegwijzer.explainCase takes a document's URI and a decision"};
    std::string path = normal(uriToPath(args[0]));
    std::map<std::string, std::string> docs;
    std::vector<std::string> include;
    std::optional<Date> asOf;
    {
      std::lock_guard lock(mutex_);
      docs = docs_.text;
      include = includeDirs_;
      asOf = asOf_ ? asOf_ : ww::today();
    }
    Overlay files(docs);
    engine::Workspace ws;
    engine::LoadOptions lo{include};
    lo.files = &files;
    engine::load(ws, {path}, lo);
    if (ws.rulesets.size() != 1 || !asOf)
      throw RpcError{kRequestFailed, tr("lsp.explain.not_a_ruleset")};
    const ir::Ruleset *rs = ws.rulesets.front().at(*asOf);
    if (!rs)
      throw RpcError{kRequestFailed, tr("lsp.explain.not_modelled",
                                        {{"ruleset", ws.rulesets.front().id},
                                         {"date", i18n::date(*asOf)}})};
    if (ws.sink.hasErrors())
      throw RpcError{kRequestFailed, tr("lsp.explain.errors")};
    verify::TreeOptions to;
    std::shared_ptr<verify::ProofCache> proofs = cache();
    to.cache = proofs.get();
    to.validate = false;
    DiagnosticSink sink;
    std::optional<exp::Tree> tree = verify::buildTree(*rs, to, sink);
    if (!tree)
      throw RpcError{kRequestFailed, tr("lsp.explain.no_tree")};
    std::string decision = args[1];
    if (!decision.empty()) {
      auto d = std::find_if(rs->decisions.begin(), rs->decisions.end(),
                            [&](const ir::Decision &x) { return x.id == decision; });
      if (d == rs->decisions.end())
        throw RpcError{kInvalidParams, tr("lsp.explain.no_decision",
                                          {{"decision", decision}, {"date", i18n::date(*asOf)}})};
      // Every decision is in the explanation; the ruleset's main one comes first.
    }
    std::vector<std::pair<int, std::int64_t>> path_;
    int node = tree->root;
    while (tree->nodes[node].question >= 0) {
      const exp::Node &n = tree->nodes[node];
      const ir::Question &q = rs->questions[n.question];
      json actions = json::array();
      std::vector<std::pair<std::string, const exp::Edge *>> choices;
      for (const exp::Edge &e : n.edges) {
        std::string label = q.type == ir::QuestionType::Range
                                ? exp::valueRanges(e.values, "–")
                                : q.valueLabel(e.values.front());
        if (q.type != ir::QuestionType::Range)
          for (std::size_t i = 1; i < e.values.size(); ++i)
            label += " / " + q.valueLabel(e.values[i]);
        choices.emplace_back(label, &e);
        actions.push_back({{"title", label}});
      }
      json answer = ask("window/showMessageRequest",
                        {{"type", 3}, {"message", q.text}, {"actions", actions}});
      if (!answer.is_object() || !answer.contains("title"))
        return {{"text", ""}, {"cancelled", true}};
      auto chosen = std::find_if(choices.begin(), choices.end(),
                                 [&](const auto &c) { return c.first == answer["title"]; });
      if (chosen == choices.end())
        return {{"text", ""}, {"cancelled", true}};
      path_.emplace_back(node, chosen->second->values.front());
      node = chosen->second->child;
    }
    std::string text = cli::leafSummary(*rs, *tree, path_, tree->nodes[node].leaf);
    return {{"text", "```\n" + text + "```\n"}, {"date", asOf->iso()}};
  }

  json addWaiver(const json &args) {
    if (args.empty() || !args[0].is_object())
      throw RpcError{kInvalidParams, "wegwijzer.addWaiver takes {uri, id, reason, expires, by}"};
    const json &a = args[0];
    std::string uri = a.value("uri", ""), id = a.value("id", ""), reason = a.value("reason", "");
    std::string expires = a.value("expires", "");
    std::string by = a.value("by", "");
    if (by.empty())
      if (const char *user = std::getenv("USER"))
        by = user;
    if (reason.empty() || expires.empty())
      throw RpcError{kInvalidParams, tr("lsp.waiver.needs_reason")};
    if (!parseDate(expires))
      throw RpcError{kInvalidParams, tr("lsp.waiver.not_a_date", {{"date", expires}})};
    if (by.empty())
      throw RpcError{kInvalidParams, tr("lsp.waiver.needs_by")};
    std::string path = normal(uriToPath(uri));
    if (path.empty() || id.empty())
      throw RpcError{kInvalidParams, tr("lsp.waiver.needs_id")};
    fs::path waivers = fs::path(path).replace_extension(".waivers");
    std::string existing;
    bool exists = false;
    {
      std::lock_guard lock(mutex_);
      if (auto it = docs_.text.find(waivers.string()); it != docs_.text.end()) {
        existing = it->second;
        exists = true;
      }
    }
    if (!exists) {
      engine::FileSource disk;
      std::error_code why;
      if (auto t = disk.read(waivers, std::size_t(16) << 20, why)) {
        existing = *t;
        exists = true;
      }
    }
    auto quote = [](const std::string &t) {
      std::string out = "\"";
      for (char c : t)
        out += c == '"' ? std::string("\\\"") : c == '\n' ? std::string(" ") : std::string(1, c);
      return out + "\"";
    };
    std::string entry = fmt::format("{}waive {}\n  because {}\n  by {}\n  until {}\n",
                                    existing.empty() || existing.back() == '\n' ? "" : "\n",
                                    quote(id), quote(reason), quote(by), expires);
    if (!existing.empty())
      entry = "\n" + entry;
    std::string wuri = pathToUri(waivers.string());
    LineMap map(existing);
    Position end = map.positionOf(existing.size());
    json textEdit = {{"textDocument", {{"uri", wuri}, {"version", nullptr}}},
                     {"edits",
                      {{{"range",
                         {{"start", {{"line", end.line}, {"character", end.character}}},
                          {"end", {{"line", end.line}, {"character", end.character}}}}},
                        {"newText", entry}}}}};
    json changes = json::array();
    if (!exists)
      changes.push_back({{"kind", "create"}, {"uri", wuri}, {"options", {{"ignoreIfExists", true}}}});
    changes.push_back(textEdit);
    json result = ask("workspace/applyEdit",
                      {{"label", tr("lsp.fix.add_waiver")}, {"edit", {{"documentChanges", changes}}}});
    bool applied = result.is_object() && result.value("applied", false);
    if (applied) {
      std::lock_guard lock(mutex_);
      staleFiles_ = true;
    }
    changed("");
    return {{"applied", applied}, {"file", waivers.string()}};
  }

  Reader reader_;
  Writer writer_;
  ServerOptions options_;
  std::mutex cacheMutex_;
  std::shared_ptr<verify::ProofCache> cache_;

  std::mutex mutex_; ///< everything below, but the worker's own state
  std::condition_variable wake_;
  Documents docs_;
  std::set<std::string> folders_;
  std::vector<std::string> includeDirs_;
  std::optional<Date> asOf_;
  std::shared_ptr<Snapshot> snapshot_;
  bool staleFiles_ = false; ///< a file on disk changed (a waiver added): build again
  bool dirty_ = false;
  std::atomic<bool> stopping_{false};
  std::chrono::steady_clock::time_point due_;
  std::atomic<bool> cancel_{false};
  std::map<std::pair<std::string, std::string>, TestResult> tests_;
  std::set<std::string> published_;
  double lastCheckSeconds_ = 0;
  std::size_t checksDone_ = 0;
  struct Task {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::vector<Task> tasks_;

  std::mutex replyMutex_;
  std::map<std::string, std::promise<json>> waiting_;
  std::size_t nextRequest_ = 0;

  std::thread worker_;
  std::atomic<bool> initialized_{false};
  std::atomic<bool> shutdown_{false};
  bool lensRefresh_ = false;
};

} // namespace

int serve(const std::function<std::size_t(char *, std::size_t)> &read,
          const std::function<void(const std::string &)> &write, const ServerOptions &options) {
  Server server(read, write, options);
  return server.run();
}

} // namespace ww::lsp
