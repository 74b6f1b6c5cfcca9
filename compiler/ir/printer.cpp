#include "compiler/ir/ruleset.h"

#include <fmt/format.h>

namespace ww::ir {
namespace {

std::string join(const std::vector<std::string> &parts, const char *sep) {
  std::string out;
  for (const auto &p : parts)
    out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string child(const Ruleset &rs, const Expr &e) {
  bool atom = e.kind != Expr::Kind::And && e.kind != Expr::Kind::Or;
  // fmt::format, not "(" + s + ")": GCC 12 at -O3 reports a false -Wrestrict on the latter.
  return atom ? toString(rs, e) : fmt::format("({})", toString(rs, e));
}

} // namespace

std::string toString(const Ruleset &rs, const Expr &e) {
  std::vector<std::string> parts;
  switch (e.kind) {
  case Expr::Kind::Const:
    return e.value ? "true" : "false";
  case Expr::Kind::Not:
    return "not " + child(rs, *e.args[0]);
  case Expr::Kind::And:
  case Expr::Kind::Or:
    for (const auto &a : e.args)
      parts.push_back(child(rs, *a));
    return join(parts, e.kind == Expr::Kind::And ? " and " : " or ");
  case Expr::Kind::QuestionIn: {
    const Question &q = rs.questions[e.question];
    if (q.type == QuestionType::YesNo && e.values.size() == 1)
      return e.values[0] ? q.id : "not " + q.id;
    for (auto v : e.values)
      parts.push_back(q.valueText(v));
    if (parts.size() == 1)
      return q.id + " == " + parts[0];
    return q.id + " in {" + join(parts, ", ") + "}";
  }
  case Expr::Kind::QuestionRange:
    return fmt::format("{} in {}..{}", rs.questions[e.question].id, e.lo, e.hi);
  case Expr::Kind::DecisionIn:
    for (int o : e.outcomes)
      parts.push_back(rs.outcomes[o].id);
    if (parts.size() == 1)
      return rs.decisions[e.decision].id + " == " + parts[0];
    return rs.decisions[e.decision].id + " in {" + join(parts, ", ") + "}";
  case Expr::Kind::DecisionDiscloses:
    return rs.decisions[e.decision].id + " discloses";
  case Expr::Kind::DecisionWithoutConsent:
    return rs.decisions[e.decision].id + " without consent";
  case Expr::Kind::DecisionObliges:
    return rs.decisions[e.decision].id + " obliges " + rs.obligations[e.target].id;
  case Expr::Kind::DecisionFlag:
    return rs.decisions[e.decision].id + " is " + rs.flags[e.target].id;
  }
  return "?";
}

std::string dump(const Ruleset &rs) {
  std::string out =
      fmt::format("{} {} \"{}\"\n", rs.isModule ? "module" : "ruleset", rs.id, rs.title);
  if (rs.dated)
    out +=
        fmt::format("period {} ({} of {})\n", rs.period.text(), rs.periodIndex + 1, rs.periodCount);
  for (const Question &q : rs.questions) {
    out += fmt::format("question {} ", q.id);
    if (q.type == QuestionType::YesNo)
      out += "yes/no";
    if (q.type == QuestionType::Range)
      out += fmt::format("{}..{}", q.lo, q.hi);
    if (q.type == QuestionType::OneOf) {
      std::vector<std::string> ids;
      for (const auto &a : q.answers)
        ids.push_back(a.id);
      out += "one of {" + join(ids, ", ") + "}";
    }
    if (q.askedWhen)
      out += " asked when " + toString(rs, *q.askedWhen);
    out += "\n";
    for (const auto &a : q.answers)
      if (!a.replaces.empty())
        out += fmt::format("  {} replaces {}\n", a.id, join(a.replaces, ", "));
    for (const Redirect &r : q.redirects) {
      std::vector<std::string> steps{r.id};
      steps.insert(steps.end(), r.via.begin(), r.via.end());
      steps.push_back(q.answers[r.answer].id);
      out += fmt::format("  redirect {}{}\n", join(steps, " -> "),
                         r.since ? " from " + r.since->iso() : "");
    }
  }
  for (const Decision &d : rs.decisions) {
    out += fmt::format("decision {}{}\n", d.id, d.isMain ? " (main)" : "");
    for (int o : d.outcomes) {
      const Outcome &oc = rs.outcomes[o];
      out += fmt::format("  outcome {}", oc.id);
      if (oc.discloses)
        out += " discloses";
      if (oc.withoutConsent)
        out += " without consent";
      for (int ob : oc.obligations)
        out += " obliges " + rs.obligations[ob].id;
      for (int f : oc.flags)
        out += " is " + rs.flags[f].id;
      out += "\n";
    }
    for (int r : d.rules) {
      const Rule &rule = rs.rules[r];
      out += fmt::format("  rule {} when {} then {}", rule.id, toString(rs, *rule.guard),
                         rs.outcomes[rule.outcome].id);
      for (int e : rule.exceptionTo)
        out += " except " + rs.rules[e].id;
      for (int ob : rule.obligations)
        out += " obliges " + rs.obligations[ob].id;
      out += "\n";
    }
  }
  for (const Assumption &a : rs.assumptions)
    out += "assume " + toString(rs, *a.cond) + "\n";
  for (const Property &p : rs.properties) {
    out += fmt::format("property {} ({}): ", p.id, p.origin);
    if (p.kind == Property::Kind::Independence) {
      std::vector<std::string> qs;
      for (int q : p.questions)
        qs.push_back(rs.questions[q].id);
      out += fmt::format("{} does not depend on {}", rs.decisions[p.decision].id, join(qs, ", "));
      if (p.cond)
        out += " where " + toString(rs, *p.cond);
    } else {
      out += toString(rs, *p.cond);
    }
    out += "\n";
  }
  out += fmt::format("tests {}\n", rs.tests.size());
  return out;
}

} // namespace ww::ir
