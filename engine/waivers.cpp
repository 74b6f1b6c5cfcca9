#include "engine/waivers.h"

#include "compiler/parse/parse.h"
#include "compiler/support/i18n.h"
#include "compiler/support/limits.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace fs = std::filesystem;

namespace ww::engine {
namespace {

struct Token {
  enum class Kind { Word, String, Date, End, Bad };
  Kind kind = Kind::End;
  std::string text;
  std::uint32_t begin = 0, end = 0;
};

class Lexer {
public:
  explicit Lexer(const std::string &text) : s_(text) {}

  Token next() {
    skip();
    Token t;
    t.begin = static_cast<std::uint32_t>(i_);
    if (i_ >= s_.size()) {
      t.end = t.begin;
      return t;
    }
    char c = s_[i_];
    if (c == '"') {
      ++i_;
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\n') {
        if (s_[i_] == '\\' && i_ + 1 < s_.size())
          ++i_;
        t.text += s_[i_++];
      }
      t.kind = i_ < s_.size() && s_[i_] == '"' ? Token::Kind::String : Token::Kind::Bad;
      if (t.kind == Token::Kind::String)
        ++i_;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-'))
        t.text += s_[i_++];
      t.kind = Token::Kind::Date;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_'))
        t.text += s_[i_++];
      t.kind = Token::Kind::Word;
    } else {
      std::size_t n = std::max<std::size_t>(1, utf8SequenceLength(static_cast<unsigned char>(c)));
      t.text = s_.substr(i_, n);
      i_ += n;
      t.kind = Token::Kind::Bad;
    }
    t.end = static_cast<std::uint32_t>(i_);
    return t;
  }

private:
  void skip() {
    while (i_ < s_.size()) {
      if (std::isspace(static_cast<unsigned char>(s_[i_]))) {
        ++i_;
      } else if (s_.compare(i_, 2, "//") == 0) {
        while (i_ < s_.size() && s_[i_] != '\n')
          ++i_;
      } else if (s_.compare(i_, 2, "/*") == 0) {
        std::size_t e = s_.find("*/", i_ + 2);
        i_ = e == std::string::npos ? s_.size() : e + 2;
      } else {
        return;
      }
    }
  }

  const std::string &s_;
  std::size_t i_ = 0;
};

std::string describe(const Token &t) {
  switch (t.kind) {
  case Token::Kind::End:
    return tr("E0901.found.end");
  case Token::Kind::String:
    return tr("E0901.found.text");
  default:
    return "`" + t.text + "`";
  }
}

// waive "ID" because "REASON" by "AUTHOR" until YYYY-MM-DD
void parseFile(const SourceFile &file, DiagnosticSink &sink, std::vector<Waiver> &out) {
  Lexer lex(file.text());
  Token t = lex.next();
  auto span = [&](std::uint32_t a, std::uint32_t b) { return Span{file.id(), a, b}; };
  while (t.kind != Token::Kind::End) {
    Waiver w;
    std::uint32_t start = t.begin;
    bool ok = true;
    auto fail = [&](const std::string &expected) {
      sink.error("E0901", span(t.begin, std::max(t.end, t.begin + 1)),
                 tr("E0901", {{"expected", expected}, {"found", describe(t)}}))
          .withHelp(tr("E0901.help.write"));
      ok = false;
    };
    auto keyword = [&](const char *word) {
      if (!ok)
        return;
      if (t.kind != Token::Kind::Word || t.text != word)
        return fail(tr("E0901.expected.keyword", {{"word", word}}));
      t = lex.next();
    };
    auto text = [&](std::string &into, const std::string &what) {
      if (!ok)
        return;
      if (t.kind != Token::Kind::String || t.text.empty())
        return fail(what);
      into = t.text;
      t = lex.next();
    };
    keyword("waive");
    text(w.id, tr("E0901.expected.id"));
    keyword("because");
    text(w.reason, tr("E0901.expected.reason"));
    keyword("by");
    text(w.author, tr("E0901.expected.author"));
    keyword("until");
    if (ok) {
      auto date = t.kind == Token::Kind::Date ? ww::parseDate(t.text) : std::nullopt;
      if (!date) {
        fail(tr("E0901.expected.date"));
      } else {
        w.until = *date;
        w.span = span(start, t.end);
        out.push_back(w);
        t = lex.next();
      }
    }
    if (!ok) // skip to the next `waive`
      while (t.kind != Token::Kind::End && !(t.kind == Token::Kind::Word && t.text == "waive"))
        t = lex.next();
  }
}

} // namespace

std::vector<Waiver> loadWaivers(Workspace &ws, const FileSource *files) {
  static const FileSource fileSystem;
  const FileSource &source = files ? *files : fileSystem;
  std::vector<Waiver> out;
  std::set<std::string> seen;
  std::size_t requested = ws.requested.size();
  for (std::size_t i = 0; i < requested; ++i) {
    const ast::File *f = ws.asts[ws.requested[i] - 1].get();
    if (!f || f->kind != ast::File::Kind::Ruleset)
      continue;
    fs::path path = fs::path(ws.located[ws.requested[i] - 1]).replace_extension(".waivers");
    std::error_code status = source.status(path);
    if (!seen.insert(path.string()).second || status == std::errc::no_such_file_or_directory)
      continue;
    std::error_code why = status;
    std::optional<std::string> text;
    if (!why)
      text = source.read(path, kMaxFileBytes, why);
    if (!text) {
      ws.sink.error("E0005", Span{}, tr("E0005", {{"path", source.shown(path)}}))
          .note(ioProblem(why))
          .details = {{"path", path.string()}};
      continue;
    }
    bool tooLarge = text->size() > kMaxFileBytes;
    FileId id = ws.sources.add(source.shown(path), tooLarge ? std::string() : std::move(*text));
    ws.asts.push_back(nullptr);
    ws.canonical.push_back(source.identity(path));
    ws.located.push_back(path);
    if (tooLarge) {
      ws.sink
          .error("E0007", Span{id, 0, 0},
                 tr("E0007.file_too_large", {{"limit", kMaxFileBytes}}))
          .note(tr("E0007.note.limits"))
          .withHelp(tr("waiver.help.too_large"));
      continue;
    }
    if (!parse::isText(ws.sources.file(id), ws.sink, tr("waiver.files").c_str()))
      continue;
    std::size_t first = out.size();
    parseFile(ws.sources.file(id), ws.sink, out);
    for (std::size_t k = first; k < out.size(); ++k)
      out[k].ruleset = f->name.text;
  }
  return out;
}

void applyWaivers(Workspace &ws, const std::vector<Waiver> &waivers, Date date,
                  const std::vector<std::string> &verified, bool onlyTests) {
  // In force, by ruleset and id: a waiver waives findings of its own ruleset only.
  std::map<std::pair<std::string, std::string>, const Waiver *> inForce;
  std::vector<Diagnostic> problems;
  for (const Waiver &w : waivers) {
    if (w.until <= date) {
      Diagnostic d;
      d.code = "E0902";
      d.span = w.span;
      d.message = tr("E0902", {{"id", w.id}, {"date", i18n::date(w.until)}});
      d.notes.push_back(tr("E0902.note.granted", {{"author", w.author}, {"reason", w.reason}}));
      d.help.push_back(tr("E0902.help.renew"));
      problems.push_back(std::move(d));
      continue;
    }
    auto [it, fresh] = inForce.try_emplace({w.ruleset, w.id}, &w);
    if (!fresh) {
      Diagnostic d;
      d.severity = Severity::Warning;
      d.code = "W0904";
      d.span = w.span;
      d.message = tr("W0904", {{"id", w.id}});
      d.labels.push_back({it->second->span, tr("W0904.label.first")});
      d.help.push_back(tr("W0904.help.remove"));
      problems.push_back(std::move(d));
    }
  }
  std::set<std::pair<std::string, std::string>> matched;
  for (Diagnostic &d : ws.sink.mutableAll()) {
    auto it = d.id.empty() ? inForce.end() : inForce.find({d.ruleset, d.id});
    if (it == inForce.end())
      continue;
    const Waiver &w = *it->second;
    // `waiver` goes into JSON, SARIF and JUnit: its date stays ISO in both languages.
    d.waiver = tr("waiver.summary",
                  {{"until", w.until.iso()}, {"author", w.author}, {"reason", w.reason}});
    d.notes.push_back(tr("waiver.note.waived", {{"until", i18n::date(w.until)},
                                                {"author", w.author},
                                                {"reason", w.reason}}));
    matched.insert(it->first);
  }
  for (const auto &[key, w] : inForce) {
    if (matched.count(key))
      continue;
    const std::string &id = key.second;
    std::string named = id.substr(id.find(':') + 1);
    named = named.substr(0, named.find(':'));
    Diagnostic d;
    d.code = "E0903";
    d.span = w->span;
    if (named != w->ruleset) {
      // Another ruleset's finding: it can never match, whatever that ruleset has.
      d.message =
          tr("E0903.other_ruleset", {{"id", id}, {"named", named}, {"ruleset", w->ruleset}});
      d.notes.push_back(tr("E0903.note.beside", {{"ruleset", w->ruleset}}));
      d.help.push_back(tr("E0903.help.move", {{"named", named}}));
      problems.push_back(std::move(d));
      continue;
    }
    bool checked = std::find(verified.begin(), verified.end(), named) != verified.end();
    if (!checked || (onlyTests && id.rfind("E0510:", 0) != 0))
      continue;
    d.message = tr("E0903", {{"id", id}});
    d.help.push_back(tr("E0903.help.remove"));
    problems.push_back(std::move(d));
  }
  for (Diagnostic &d : problems)
    ws.sink.report(std::move(d));
}

} // namespace ww::engine
