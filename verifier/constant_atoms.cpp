#include "verifier/constant_atoms.h"

#include "verifier/texts.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace ww::verify {

std::vector<int> outcomesGiven(const ir::Ruleset &rs, int decision) {
  std::vector<int> out;
  for (int r : rs.decisions[decision].rules)
    if (!rs.rules[r].inactive && rs.rules[r].outcome >= 0)
      out.push_back(rs.rules[r].outcome);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

bool contains(const std::vector<int> &v, int x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Whether an outcome makes the atom true, and whether rules can add what it tests.
std::optional<ConstantAtom> constantAtom(const ir::Ruleset &rs, const ir::Expr &e) {
  using K = ir::Expr::Kind;
  const ir::Decision &d = rs.decisions[e.decision];
  std::vector<int> given = outcomesGiven(rs, e.decision);
  std::size_t yes = 0;
  bool ruleAdds = false; // `obliges`: a rule's own obligations count too
  for (int o : given) {
    const ir::Outcome &oc = rs.outcomes[o];
    bool holds = false;
    switch (e.kind) {
    case K::DecisionIn:
      holds = contains(e.outcomes, o);
      break;
    case K::DecisionDiscloses:
      holds = oc.discloses;
      break;
    case K::DecisionWithoutConsent:
      holds = oc.withoutConsent;
      break;
    case K::DecisionFlag:
      holds = contains(oc.flags, e.target);
      break;
    case K::DecisionObliges:
      holds = contains(oc.obligations, e.target);
      break;
    default:
      return std::nullopt;
    }
    yes += holds;
  }
  if (e.kind == K::DecisionObliges)
    for (int r : d.rules)
      ruleAdds = ruleAdds || (!rs.rules[r].inactive && contains(rs.rules[r].obligations, e.target));
  if (given.empty())
    return ConstantAtom{&e, false, tr("W0514.why.no_outcome", {{"decision", d.id}})};
  if (yes == 0 && !ruleAdds) {
    std::string what;
    switch (e.kind) {
    case K::DecisionIn: {
      // None of them: "`a`, `b`"; Dutch "`a` of `b`".
      std::vector<std::string> names;
      for (int o : e.outcomes)
        names.push_back("`" + rs.outcomes[o].id + "`");
      std::string list = i18n::language() == i18n::Lang::Nl ? i18n::listOr(names) : i18n::listItems(names);
      what = tr("W0514.why.outcomes", {{"decision", d.id}, {"outcomes", list}});
      break;
    }
    case K::DecisionDiscloses:
      what = tr("W0514.why.discloses", {{"decision", d.id}});
      break;
    case K::DecisionWithoutConsent:
      what = tr("W0514.why.without_consent", {{"decision", d.id}});
      break;
    case K::DecisionFlag:
      what = tr("W0514.why.flag", {{"decision", d.id}, {"flag", rs.flags[e.target].id}});
      break;
    default:
      what = tr("W0514.why.obliges",
                {{"decision", d.id}, {"obligation", rs.obligations[e.target].id}});
      break;
    }
    return ConstantAtom{&e, false, what};
  }
  return std::nullopt;
}

} // namespace

void constantAtoms(const ir::Ruleset &rs, const ir::Expr &cond, std::vector<ConstantAtom> &out) {
  for (const auto &a : cond.args)
    constantAtoms(rs, *a, out);
  if (cond.args.empty() && cond.decision >= 0)
    if (auto c = constantAtom(rs, cond))
      out.push_back(*c);
}

} // namespace ww::verify
