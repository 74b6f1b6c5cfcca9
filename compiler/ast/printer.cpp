#include "compiler/ast/decl.h"

#include <fmt/format.h>

namespace ww::ast {
namespace {

std::string valueText(const Value &v) {
  switch (v.kind) {
  case Value::Kind::Id:
    return v.id;
  case Value::Kind::Yes:
    return "yes";
  case Value::Kind::No:
    return "no";
  case Value::Kind::Int:
    return std::to_string(v.number);
  }
  return v.id;
}

std::string names(const std::vector<Name> &list) {
  std::string out;
  for (const Name &n : list)
    out += (out.empty() ? "" : ", ") + n.text;
  return out;
}

std::string typeText(const AnswerType &t) {
  switch (t.kind) {
  case AnswerType::Kind::YesNo:
    return "yes/no";
  case AnswerType::Kind::Range:
    return fmt::format("{}..{}", t.lo, t.hi);
  case AnswerType::Kind::OneOf: {
    std::string out = "one of {";
    for (const auto &a : t.answers) {
      out += fmt::format(" {} \"{}\"", a.name.text, a.label);
      if (a.replaces.written())
        out += " replaces " + names(a.replaces.names) +
               (a.replaces.reason.empty() ? "" : fmt::format(" \"{}\"", a.replaces.reason));
    }
    return out + " }";
  }
  }
  return "";
}

std::string citations(const std::vector<Citation> &list) {
  std::string out;
  for (const Citation &c : list)
    out += c.locator.empty() ? fmt::format(" cite {}", c.source.text)
                             : fmt::format(" cite {} \"{}\"", c.source.text, c.locator);
  return out;
}

// Wraps a child in parentheses when it binds more loosely than its parent.
int precedence(const Expr &e) {
  switch (e.kind) {
  case ExprKind::Implies:
    return 1;
  case ExprKind::Or:
    return 2;
  case ExprKind::And:
    return 3;
  case ExprKind::Not:
    return 4;
  default:
    return 5;
  }
}

std::string child(const Expr &e, int parent) {
  std::string s = toString(e);
  return precedence(e) < parent ? "(" + s + ")" : s;
}

} // namespace

const char *compareOpText(CompareOp op) {
  switch (op) {
  case CompareOp::Eq:
    return "==";
  case CompareOp::Ne:
    return "!=";
  case CompareOp::Lt:
    return "<";
  case CompareOp::Le:
    return "<=";
  case CompareOp::Gt:
    return ">";
  case CompareOp::Ge:
    return ">=";
  }
  return "==";
}

std::string toString(const Expr &e) {
  switch (e.kind) {
  case ExprKind::Bool:
    return e.boolValue ? "true" : "false";
  case ExprKind::Not:
    return "not " + child(*e.children[0], 4);
  case ExprKind::And:
    return child(*e.children[0], 3) + " and " + child(*e.children[1], 3);
  case ExprKind::Or:
    return child(*e.children[0], 2) + " or " + child(*e.children[1], 2);
  case ExprKind::Implies:
    return child(*e.children[0], 2) + " implies " + child(*e.children[1], 1);
  case ExprKind::Name:
    return e.subject.text;
  case ExprKind::Compare:
    return fmt::format("{} {} {}", e.subject.text, compareOpText(e.op), valueText(e.value));
  case ExprKind::InSet: {
    std::string out;
    for (const Value &v : e.values)
      out += (out.empty() ? "" : ", ") + valueText(v);
    return fmt::format("{} {}in {{{}}}", e.subject.text, e.negated ? "not " : "", out);
  }
  case ExprKind::InRange:
    return fmt::format("{} {}in {}..{}", e.subject.text, e.negated ? "not " : "", e.lo, e.hi);
  case ExprKind::Discloses:
    return e.subject.text + (e.withoutConsent ? " discloses without consent" : " discloses");
  case ExprKind::WithoutConsent:
    return e.subject.text + " without consent";
  case ExprKind::Obliges:
    return e.subject.text + " obliges " + e.target.text;
  case ExprKind::Is:
    return e.subject.text + " is " + e.target.text;
  }
  return "";
}

std::string dump(const File &f) {
  std::string out = fmt::format("{} {} \"{}\"", f.kind == File::Kind::Module ? "module" : "ruleset",
                                f.name.text, f.title);
  if (f.base)
    out += " extends " + f.base->text;
  out += "\n";
  for (const auto &s : f.sources)
    out +=
        fmt::format("{}source {} \"{}\"\n", s.isOverride ? "override " : "", s.name.text, s.text);
  for (const auto &p : f.parameters)
    out += fmt::format("parameter {} \"{}\" {}\n", p.name.text, p.text, typeText(p.type));
  for (const auto &s : f.sets)
    out += fmt::format("set {} = {}{}\n", s.name.text, valueText(s.value), citations(s.citations));
  for (const auto &q : f.questions) {
    out += fmt::format("{}question {} \"{}\" {}", q.isOverride ? "override " : "", q.name.text,
                       q.text, typeText(q.type));
    if (q.askedWhen)
      out += " asked when " + toString(*q.askedWhen);
    out += "\n";
  }
  for (const auto &o : f.obligations)
    out += fmt::format("obligation {} \"{}\"\n", o.name.text, o.text);
  for (const auto &fl : f.flags)
    out += fmt::format("flag {} \"{}\"\n", fl.name.text, fl.text);
  for (const auto &d : f.defines)
    out += fmt::format("define {} = {}\n", d.name.text, toString(*d.cond));
  for (const auto &d : f.decisions) {
    out +=
        fmt::format("{}decision {} \"{}\" {{\n", d.isExtend ? "extend " : "", d.name.text, d.text);
    for (const auto &o : d.outcomes) {
      out += fmt::format("  outcome {} \"{}\"", o.name.text, o.text);
      if (o.discloses)
        out += " discloses";
      if (o.withoutConsent)
        out += " without consent";
      if (!o.obligations.empty())
        out += " obliges " + names(o.obligations);
      if (!o.flags.empty())
        out += " is " + names(o.flags);
      out += citations(o.citations) + "\n";
    }
    out += "}\n";
  }
  for (const auto &r : f.rules) {
    out += fmt::format("{}rule {}", r.isOverride ? "override " : "", r.name.text);
    if (!r.exceptionTo.empty())
      out += " exception to " + names(r.exceptionTo);
    out += fmt::format(" when {} then {}", toString(*r.cond), r.outcome.text);
    if (!r.obligations.empty())
      out += " obliges " + names(r.obligations);
    out += citations(r.citations) + "\n";
  }
  for (const auto &a : f.assumes)
    out += fmt::format("assume \"{}\": {}\n", a.text, toString(*a.cond));
  for (const auto &p : f.properties) {
    out += fmt::format("property {}\"{}\": ", p.name.text.empty() ? "" : p.name.text + " ", p.text);
    if (p.kind == PropertyDecl::Kind::Independence) {
      out += fmt::format("{} does not depend on {}", p.decision.text, names(p.questions));
      if (p.cond)
        out += " where " + toString(*p.cond);
    } else {
      out += toString(*p.cond);
    }
    out += "\n";
  }
  for (const auto &t : f.tests) {
    out += fmt::format("test \"{}\" {{\n  given", t.text);
    for (std::size_t i = 0; i < t.givens.size(); ++i)
      out += fmt::format("{} {} = {}", i ? "," : "", t.givens[i].question.text,
                         valueText(t.givens[i].value));
    out += "\n";
    for (const auto &e : t.expects) {
      out += "  expect " + e.outcome.text;
      if (e.obligations)
        out += " obliges " + names(*e.obligations);
      out += "\n";
    }
    out += "}\n";
  }
  return out;
}

} // namespace ww::ast
