#include "lsp/index.h"

#include "compiler/support/periods.h"
#include "compiler/support/i18n.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace ww::lsp {

const char *kindName(SymbolKind kind) {
  switch (kind) {
  case SymbolKind::Ruleset:
    return "ruleset";
  case SymbolKind::Module:
    return "module";
  case SymbolKind::Source:
    return "source";
  case SymbolKind::Question:
    return "question";
  case SymbolKind::Answer:
    return "answer";
  case SymbolKind::Parameter:
    return "parameter";
  case SymbolKind::Obligation:
    return "obligation";
  case SymbolKind::Flag:
    return "flag";
  case SymbolKind::Define:
    return "define";
  case SymbolKind::Decision:
    return "decision";
  case SymbolKind::Outcome:
    return "outcome";
  case SymbolKind::Rule:
    return "rule";
  case SymbolKind::Property:
    return "property";
  case SymbolKind::Test:
    return "test";
  }
  return "name";
}

std::string kindWord(SymbolKind kind) {
  return tr(std::string("word.") + kindName(kind));
}

std::string Symbol::key() const {
  return fmt::format("{}\x1f{}\x1f{}", kindName(kind), container, name);
}

namespace {

std::string validityLine(const ast::Validity &v) {
  return v.written() && !v.bad ? tr("lsp.valid", {{"period", periodShown(v.period)}}) : "";
}

std::string answerTypeLine(const ast::AnswerType &t) {
  switch (t.kind) {
  case ast::AnswerType::Kind::YesNo:
    return tr("lsp.answers.yes_no", {{"yes", tr("word.yes")}, {"no", tr("word.no")}});
  case ast::AnswerType::Kind::Range:
    return tr("lsp.answers.range", {{"low", std::to_string(t.lo)}, {"high", std::to_string(t.hi)}});
  case ast::AnswerType::Kind::OneOf:
    break;
  }
  std::string out = tr("lsp.answers.one_of");
  for (const ast::AnswerType::Answer &a : t.answers) {
    out += fmt::format("\n- `{}` {}", a.name.text, a.label);
    if (std::string v = validityLine(a.valid); !v.empty())
      out += " (" + v + ")";
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> citesOf(const std::vector<ast::Citation> &cs) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const ast::Citation &c : cs)
    out.emplace_back(c.source.text, c.locator);
  return out;
}

} // namespace

Index::Index(const engine::Workspace &ws) {
  chains_.resize(ws.sources.size());
  // The module a file extends: a module of that name beside it, else any of that name.
  auto baseOf = [&](const ast::File &f) -> FileId {
    if (!f.base)
      return 0;
    FileId any = 0;
    std::filesystem::path dir = ws.located[f.file - 1].parent_path();
    for (const auto &other : ws.asts) {
      if (!other || other->kind != ast::File::Kind::Module || other->name.text != f.base->text ||
          other->file == f.file)
        continue;
      if (ws.located[other->file - 1].parent_path() == dir)
        return other->file;
      if (!any)
        any = other->file;
    }
    return any;
  };
  for (const auto &f : ws.asts) {
    if (!f)
      continue;
    std::vector<FileId> chain{f->file};
    const ast::File *at = f.get();
    while (FileId base = baseOf(*at)) {
      if (std::find(chain.begin(), chain.end(), base) != chain.end())
        break; // a cycle (E-coded by sema); stop here
      chain.push_back(base);
      at = ws.asts[base - 1].get();
    }
    chains_[f->file - 1] = std::move(chain);
  }
  for (const auto &f : ws.asts)
    if (f)
      indexFile(*f);
  for (Pending &p : pending_) {
    Use u{p.name.span, p.file, -1};
    if (p.value && lookup(p.file, p.container, {SymbolKind::Decision}))
      p.kinds = {SymbolKind::Outcome};
    if (std::optional<int> s = lookupKinds(p.file, p.name.text, p.kinds, p.container))
      u.symbol = *s;
    uses_.push_back(u);
  }
  pending_.clear();
}

int Index::declare(Symbol s) {
  int id = static_cast<int>(symbols_.size());
  byName_[{s.file, s.name}].push_back(id);
  symbols_.push_back(std::move(s));
  return id;
}

void Index::use(FileId file, const ast::Name &name, std::initializer_list<SymbolKind> kinds,
                const std::string &container) {
  if (!name.span.valid() || name.text.empty())
    return;
  pending_.push_back({file, name, std::vector<SymbolKind>(kinds), container});
}

void Index::useValue(FileId file, const ast::Name &subject, const ast::Value &v) {
  if (v.kind != ast::Value::Kind::Id)
    return;
  // The subject decides what the value is (once every file is declared): an outcome of a
  // decision, else an answer.
  if (v.span.valid() && !v.id.empty())
    pending_.push_back({file, ast::Name{v.id, v.span}, {SymbolKind::Answer}, subject.text, true});
}

void Index::useCitations(FileId file, const std::vector<ast::Citation> &cites) {
  for (const ast::Citation &c : cites)
    use(file, c.source, {SymbolKind::Source});
}

void Index::useExpr(FileId file, const ast::Expr &e) {
  for (const ast::ExprPtr &c : e.children)
    if (c)
      useExpr(file, *c);
  switch (e.kind) {
  case ast::ExprKind::Bool:
  case ast::ExprKind::Not:
  case ast::ExprKind::And:
  case ast::ExprKind::Or:
  case ast::ExprKind::Implies:
    return;
  case ast::ExprKind::Name:
  case ast::ExprKind::InRange:
    use(file, e.subject, {SymbolKind::Question, SymbolKind::Parameter, SymbolKind::Define});
    return;
  case ast::ExprKind::Compare:
    use(file, e.subject,
        {SymbolKind::Question, SymbolKind::Parameter, SymbolKind::Define, SymbolKind::Decision});
    useValue(file, e.subject, e.value);
    return;
  case ast::ExprKind::InSet:
    use(file, e.subject,
        {SymbolKind::Question, SymbolKind::Parameter, SymbolKind::Decision});
    for (const ast::Value &v : e.values)
      useValue(file, e.subject, v);
    return;
  case ast::ExprKind::Discloses:
  case ast::ExprKind::WithoutConsent:
    use(file, e.subject, {SymbolKind::Decision});
    return;
  case ast::ExprKind::Obliges:
    use(file, e.subject, {SymbolKind::Decision});
    use(file, e.target, {SymbolKind::Obligation});
    return;
  case ast::ExprKind::Is:
    use(file, e.subject, {SymbolKind::Decision});
    use(file, e.target, {SymbolKind::Flag});
    return;
  }
}

void Index::indexFile(const ast::File &f) {
  FileId file = f.file;
  auto add = [&](SymbolKind kind, const ast::Name &name, Span whole, std::string text = "",
                 std::string container = "") -> Symbol & {
    Symbol s;
    s.kind = kind;
    s.name = name.text;
    s.container = std::move(container);
    s.file = file;
    s.nameSpan = name.span;
    s.whole = whole;
    s.text = std::move(text);
    return symbols_[declare(std::move(s))];
  };
  if (!f.name.text.empty()) {
    Symbol &s = add(f.kind == ast::File::Kind::Module ? SymbolKind::Module : SymbolKind::Ruleset,
                    f.name, f.headerSpan, f.title);
    s.valid = f.valid;
    if (std::string v = validityLine(f.valid); !v.empty())
      s.details.push_back(tr("lsp.models_the_law", {{"period", periodShown(f.valid.period)}}));
  }
  if (f.base)
    use(file, *f.base, {SymbolKind::Module});
  for (const ast::SourceDecl &d : f.sources) {
    Symbol &s = add(SymbolKind::Source, d.name, d.span, d.text);
    s.valid = d.valid;
  }
  auto answers = [&](const ast::Name &owner, const ast::AnswerType &t) {
    for (const ast::AnswerType::Answer &a : t.answers) {
      Symbol &s = add(SymbolKind::Answer, a.name, a.name.span, a.label, owner.text);
      s.valid = a.valid;
      s.details.push_back(tr("lsp.answer_to", {{"question", owner.text}}));
      if (a.replaces.written()) {
        std::vector<std::string> names;
        for (const ast::Name &n : a.replaces.names)
          names.push_back("`" + n.text + "`");
        std::string list;
        if (i18n::language() == i18n::Lang::En)
          for (const std::string &n : names)
            list += (list.empty() ? "" : ", ") + n;
        else
          list = i18n::listAnd(names);
        s.details.push_back(a.replaces.reason.empty()
                                ? tr("lsp.replaces", {{"answers", list}})
                                : tr("lsp.replaces_because",
                                     {{"answers", list}, {"reason", a.replaces.reason}}));
      }
      for (const ast::Name &n : a.replaces.names)
        use(file, n, {SymbolKind::Answer}, owner.text);
    }
  };
  for (const ast::QuestionDecl &d : f.questions) {
    Symbol &s = add(SymbolKind::Question, d.name, d.span, d.text);
    s.valid = d.valid;
    s.help = d.help;
    s.details.push_back(answerTypeLine(d.type));
    s.yesNo = d.type.kind == ast::AnswerType::Kind::YesNo;
    if (d.askedWhen)
      s.details.push_back(tr("lsp.asked_when", {{"condition", ast::toString(*d.askedWhen)}}));
    answers(d.name, d.type);
    if (d.askedWhen)
      useExpr(file, *d.askedWhen);
  }
  for (const ast::ParameterDecl &d : f.parameters) {
    Symbol &s = add(SymbolKind::Parameter, d.name, d.span, d.text);
    s.details.push_back(answerTypeLine(d.type));
    s.yesNo = d.type.kind == ast::AnswerType::Kind::YesNo;
    answers(d.name, d.type);
  }
  for (const ast::SetDecl &d : f.sets) {
    use(file, d.name, {SymbolKind::Parameter});
    useValue(file, d.name, d.value);
    useCitations(file, d.citations);
  }
  for (const ast::ObligationDecl &d : f.obligations)
    add(SymbolKind::Obligation, d.name, d.span, d.text).valid = d.valid;
  for (const ast::FlagDecl &d : f.flags)
    add(SymbolKind::Flag, d.name, d.span, d.text).valid = d.valid;
  for (const ast::DefineDecl &d : f.defines) {
    Symbol &s = add(SymbolKind::Define, d.name, d.span, d.text);
    s.valid = d.valid;
    if (d.cond) {
      s.details.push_back(tr("lsp.means", {{"condition", ast::toString(*d.cond)}}));
      useExpr(file, *d.cond);
    }
  }
  for (const ast::DecisionDecl &d : f.decisions) {
    if (d.isExtend)
      use(file, d.name, {SymbolKind::Decision});
    else
      add(SymbolKind::Decision, d.name, d.span, d.text);
    for (const ast::OutcomeDecl &o : d.outcomes) {
      Symbol &s = add(SymbolKind::Outcome, o.name, o.span, o.text, d.name.text);
      s.valid = o.valid;
      s.cites = citesOf(o.citations);
      s.details.push_back(tr(!o.discloses         ? "lsp.outcome_of"
                             : o.withoutConsent ? "lsp.outcome_of.without_consent"
                                                : "lsp.outcome_of.discloses",
                             {{"decision", d.name.text}}));
      for (const ast::Name &n : o.obligations)
        use(file, n, {SymbolKind::Obligation});
      for (const ast::Name &n : o.flags)
        use(file, n, {SymbolKind::Flag});
      useCitations(file, o.citations);
    }
  }
  for (const ast::RuleDecl &d : f.rules) {
    Symbol &s = add(SymbolKind::Rule, d.name, d.span);
    s.valid = d.valid;
    s.cites = citesOf(d.citations);
    if (d.cond)
      s.details.push_back(tr("lsp.when", {{"condition", ast::toString(*d.cond)}}));
    if (!d.outcome.text.empty())
      s.details.push_back(tr("lsp.then", {{"outcome", d.outcome.text}}));
    for (const ast::Name &n : d.exceptionTo)
      use(file, n, {SymbolKind::Rule});
    if (d.cond)
      useExpr(file, *d.cond);
    use(file, d.outcome, {SymbolKind::Outcome});
    for (const ast::Name &n : d.obligations)
      use(file, n, {SymbolKind::Obligation});
    useCitations(file, d.citations);
  }
  for (const ast::AssumeDecl &d : f.assumes)
    if (d.cond)
      useExpr(file, *d.cond);
  for (const ast::PropertyDecl &d : f.properties) {
    if (!d.name.text.empty()) {
      Symbol &s = add(SymbolKind::Property, d.name, d.span, d.text);
      s.valid = d.valid;
    }
    if (d.cond)
      useExpr(file, *d.cond);
    if (d.kind == ast::PropertyDecl::Kind::Independence) {
      use(file, d.decision, {SymbolKind::Decision});
      for (const ast::Name &q : d.questions)
        use(file, q, {SymbolKind::Question, SymbolKind::Parameter});
    }
  }
  for (const ast::TestDecl &d : f.tests) {
    Symbol s;
    s.kind = SymbolKind::Test;
    s.name = d.text;
    s.file = file;
    s.nameSpan = d.span;
    s.whole = d.span;
    s.text = d.text;
    if (d.asOf)
      s.details.push_back(tr("lsp.as_of", {{"date", i18n::date(*d.asOf)}}));
    declare(std::move(s));
    for (const ast::Given &g : d.givens) {
      use(file, g.question, {SymbolKind::Question, SymbolKind::Parameter});
      useValue(file, g.question, g.value);
    }
    for (const ast::Expectation &x : d.expects) {
      use(file, x.outcome, {SymbolKind::Outcome});
      if (x.obligations)
        for (const ast::Name &n : *x.obligations)
          use(file, n, {SymbolKind::Obligation});
    }
  }
}

const std::vector<FileId> &Index::chain(FileId file) const {
  static const std::vector<FileId> none;
  if (file == 0 || file > chains_.size())
    return none;
  return chains_[file - 1];
}

FileId Index::family(FileId file) const {
  const std::vector<FileId> &c = chain(file);
  return c.empty() ? file : c.back();
}

std::optional<int> Index::lookupKinds(FileId file, const std::string &name,
                                      const std::vector<SymbolKind> &kinds,
                                      const std::string &container) const {
  for (FileId f : chain(file)) {
    auto it = byName_.find({f, name});
    if (it == byName_.end())
      continue;
    for (int i : it->second) {
      const Symbol &s = symbols_[i];
      if (std::find(kinds.begin(), kinds.end(), s.kind) == kinds.end())
        continue;
      if (!container.empty() && s.container != container)
        continue;
      return i;
    }
  }
  return std::nullopt;
}

std::optional<int> Index::lookup(FileId file, const std::string &name,
                                 std::initializer_list<SymbolKind> kinds,
                                 const std::string &container) const {
  return lookupKinds(file, name, std::vector<SymbolKind>(kinds), container);
}

std::optional<std::pair<int, Span>> Index::at(FileId file, std::size_t offset) const {
  auto inside = [&](Span s) { return s.file == file && s.begin <= offset && offset <= s.end; };
  for (const Use &u : uses_)
    if (u.symbol >= 0 && inside(u.span))
      return std::pair{u.symbol, u.span};
  for (std::size_t i = 0; i < symbols_.size(); ++i)
    if (symbols_[i].kind != SymbolKind::Test && inside(symbols_[i].nameSpan))
      return std::pair{static_cast<int>(i), symbols_[i].nameSpan};
  return std::nullopt;
}

std::vector<int> Index::declarations(int symbol) const {
  std::vector<int> out;
  const Symbol &target = symbols_[symbol];
  std::string key = target.key();
  FileId fam = family(target.file);
  for (std::size_t i = 0; i < symbols_.size(); ++i)
    if (symbols_[i].key() == key && family(symbols_[i].file) == fam)
      out.push_back(static_cast<int>(i));
  return out;
}

std::vector<Span> Index::references(int symbol, bool withDeclarations) const {
  const Symbol &target = symbols_[symbol];
  std::string key = target.key();
  FileId fam = family(target.file);
  std::vector<Span> decls, refs;
  if (withDeclarations)
    for (int d : declarations(symbol))
      decls.push_back(symbols_[d].nameSpan);
  for (const Use &u : uses_)
    if (u.symbol >= 0 && symbols_[u.symbol].key() == key && family(u.file) == fam)
      refs.push_back(u.span);
  std::sort(decls.begin(), decls.end());
  std::sort(refs.begin(), refs.end());
  decls.insert(decls.end(), refs.begin(), refs.end());
  decls.erase(std::unique(decls.begin(), decls.end()), decls.end());
  return decls;
}

std::vector<int> Index::visible(FileId file) const {
  std::vector<int> out;
  for (FileId f : chain(file))
    for (std::size_t i = 0; i < symbols_.size(); ++i)
      if (symbols_[i].file == f)
        out.push_back(static_cast<int>(i));
  return out;
}

} // namespace ww::lsp
