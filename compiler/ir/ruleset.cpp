#include "compiler/ir/ruleset.h"

#include "compiler/support/i18n.h"
#include "compiler/support/periods.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace ww::ir {

ExprRef makeConst(bool value, Span span) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::Const;
  e->value = value;
  e->span = span;
  return e;
}

ExprRef makeNot(ExprRef arg, Span span) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::Not;
  e->args.push_back(std::move(arg));
  e->span = span;
  return e;
}

static ExprRef makeNary(Expr::Kind kind, std::vector<ExprRef> args, Span span) {
  if (args.size() == 1)
    return args.front();
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  e->span = span;
  // Flatten nested connectives of the same kind: a and (b and c) -> and(a, b, c). Only up to
  // kMaxFlatArgs arguments: a chain of defines that each extend the one before shares its
  // nodes, and flattening every link would copy the chain once per link (quadratic memory).
  constexpr std::size_t kMaxFlatArgs = 256;
  std::size_t total = 0;
  for (const ExprRef &a : args)
    total += a->kind == kind ? a->args.size() : 1;
  bool flatten = total <= kMaxFlatArgs;
  for (ExprRef &a : args) {
    if (flatten && a->kind == kind)
      e->args.insert(e->args.end(), a->args.begin(), a->args.end());
    else
      e->args.push_back(std::move(a));
  }
  return e;
}

ExprRef makeAnd(std::vector<ExprRef> args, Span span) {
  if (args.empty())
    return makeConst(true, span);
  return makeNary(Expr::Kind::And, std::move(args), span);
}

ExprRef makeOr(std::vector<ExprRef> args, Span span) {
  if (args.empty())
    return makeConst(false, span);
  return makeNary(Expr::Kind::Or, std::move(args), span);
}

std::string Question::valueText(std::int64_t value) const {
  switch (type) {
  case QuestionType::YesNo:
    return value ? "yes" : "no";
  case QuestionType::OneOf:
    return value >= 0 && value < static_cast<std::int64_t>(answers.size()) ? answers[value].id
                                                                           : "?";
  case QuestionType::Range:
    return std::to_string(value);
  }
  return "?";
}

std::string Question::valueLabel(std::int64_t value) const {
  // The words a professional reads: the list answer's label, `ja`/`nee`, or the number.
  if (type == QuestionType::YesNo)
    return value ? "ja" : "nee";
  if (type == QuestionType::OneOf && value >= 0 &&
      value < static_cast<std::int64_t>(answers.size()) && !answers[value].label.empty())
    return answers[value].label;
  return valueText(value);
}

const Ruleset *History::at(const Date &date) const {
  if (!span.contains(date))
    return nullptr;
  for (const Ruleset &rs : periods)
    if (rs.period.contains(date))
      return &rs;
  return nullptr;
}

std::string redirectNote(const Question &q, const Redirect &r) {
  std::vector<std::string> periods, through;
  for (const Period &p : r.valid)
    periods.push_back(periodShown(p));
  for (const std::string &v : r.via)
    through.push_back(fmt::format("`{}`", v));
  std::string when;
  for (const std::string &p : periods)
    when += (when.empty() ? " " : " " + tr("word.and") + " ") + p;
  std::string by = fmt::format("`{}`", q.answers[r.answer].id);
  if (!through.empty())
    by += " " + tr("redirect.through", {{"answers", fmt::format("{}", fmt::join(through, ", "))}});
  std::string note =
      tr(r.since ? "redirect.note_since" : "redirect.note",
         {{"old", r.id}, {"question", q.id}, {"when", when}, {"by", by},
          {"since", r.since ? i18n::date(*r.since) : ""}});
  if (!r.reason.empty())
    note += ": " + r.reason;
  return note;
}

} // namespace ww::ir
