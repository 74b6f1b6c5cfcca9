// Root causes first: consequences of a gap or a conflict are shown under it.

#include "engine/causes.h"

#include "compiler/support/i18n.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace ww::engine {
namespace {

// The answers a region constraint allows on one question: a set of answer ids, or a range.
struct Constraint {
  std::set<std::string> answers;
  std::optional<std::int64_t> min, max;
  bool range = false;
};

std::optional<std::map<std::string, Constraint>> constraints(const nlohmann::json &region) {
  if (!region.is_object() || !region.contains("answers") || !region["answers"].is_array())
    return std::nullopt;
  std::map<std::string, Constraint> out;
  for (const nlohmann::json &c : region["answers"]) {
    if (!c.is_object() || !c.contains("question") || !c["question"].is_string())
      return std::nullopt;
    Constraint k;
    if (c.contains("answers") && c["answers"].is_array()) {
      for (const auto &a : c["answers"])
        if (a.is_string())
          k.answers.insert(a.get<std::string>());
    } else if (c.contains("min") || c.contains("max")) {
      k.range = true;
      if (c.contains("min") && c["min"].is_number_integer())
        k.min = c["min"].get<std::int64_t>();
      if (c.contains("max") && c["max"].is_number_integer())
        k.max = c["max"].get<std::int64_t>();
    } else {
      return std::nullopt; // a constraint of a kind this does not know: never fold on it
    }
    out[c["question"].get<std::string>()] = k;
  }
  return out;
}

// Every case of `inner` is a case of `outer`: each constraint of outer is implied by one of
// inner on the same question.
bool inside(const std::map<std::string, Constraint> &inner,
            const std::map<std::string, Constraint> &outer) {
  for (const auto &[question, o] : outer) {
    auto it = inner.find(question);
    if (it == inner.end())
      return false;
    const Constraint &i = it->second;
    if (o.range != i.range)
      return false;
    if (o.range) {
      if (o.min && (!i.min || *i.min < *o.min))
        return false;
      if (o.max && (!i.max || *i.max > *o.max))
        return false;
    } else if (!std::includes(o.answers.begin(), o.answers.end(), i.answers.begin(),
                              i.answers.end())) {
      return false;
    }
  }
  return true;
}

std::vector<std::map<std::string, Constraint>> regionsOf(const Diagnostic &d, bool complete) {
  std::vector<std::map<std::string, Constraint>> out;
  if (!d.details.is_object() || !d.details.contains("regions") || !d.details["regions"].is_array())
    return {};
  // Cases beyond the regions shown are not known to lie anywhere.
  if (complete && d.details.value("moreCases", 0) != 0)
    return {};
  for (const auto &r : d.details["regions"]) {
    auto c = constraints(r);
    if (!c)
      return {};
    out.push_back(std::move(*c));
  }
  return out;
}

// Each period of `inner` lies inside one of `outer` (no periods: an undated ruleset).
bool within(const std::vector<Period> &inner, const std::vector<Period> &outer) {
  if (outer.empty())
    return true;
  for (const Period &p : inner) {
    bool found = false;
    for (const Period &o : outer)
      found = found || ((!o.from || (p.from && *o.from <= *p.from)) &&
                        (!o.until || (p.until && *p.until <= *o.until)));
    if (!found)
      return false;
  }
  return !inner.empty();
}

// The name between the backticks after `marker` in text, or empty.
std::string nameAfter(const std::string &text, const std::string &marker, std::size_t from = 0) {
  std::size_t at = text.find(marker, from);
  if (at == std::string::npos)
    return {};
  std::size_t open = at + marker.size();
  std::size_t close = text.find('`', open);
  return close == std::string::npos ? std::string() : text.substr(open, close - open);
}

// The decision of a root: `… for decision `d`` (E0502) or `gap: decision `d` …` (E0501), in
// the language the messages were made in.
std::string rootDecision(const Diagnostic &root) {
  if (root.code == "E0501")
    return nameIn(root.message, "E0501", "decision");
  return nameIn(root.message, "E0502", "decision", true);
}

// A failed test's first problem (verifier/verify.cpp, `verifier.test.expected`): "expected `o`
// for `d`, got a conflict (rules: `a`, `b`)" or "…, got no outcome (rules: none)".
bool testFollows(const Diagnostic &test, const Diagnostic &root) {
  std::string decision = rootDecision(root);
  if (decision.empty())
    return false;
  const std::string &m = test.message;
  // " fails: expected `", "` for `", "`, got " in English.
  std::string fails = templateWords("E0510", "test", "problem");
  if (!fails.empty() && fails.front() != ' ') // the closing quote of the test's name
    fails.erase(0, fails.find(' '));
  std::string expectedWords = fails + templateWords("verifier.test.expected", "", "outcome");
  std::string forWords = templateWords("verifier.test.expected", "outcome", "decision");
  std::string gotWords = templateWords("verifier.test.expected", "decision", "got");
  std::size_t expected = m.find(expectedWords);
  if (expected == std::string::npos)
    return false;
  std::size_t forAt = m.find(forWords, expected);
  if (forAt == std::string::npos || nameAfter(m, forWords, forAt) != decision)
    return false;
  std::size_t got = m.find(gotWords, forAt);
  if (got == std::string::npos)
    return false;
  std::string rest = m.substr(got + gotWords.size());
  if (root.code == "E0501")
    return rest.rfind(tr("verifier.got.no_outcome"), 0) == 0;
  if (rest.rfind(tr("verifier.got.conflict"), 0) != 0 || !root.details.is_object() ||
      !root.details.contains("rules"))
    return false;
  for (const auto &r : root.details["rules"])
    if (!r.is_string() || rest.find("`" + r.get<std::string>() + "`") == std::string::npos)
      return false;
  return true;
}

bool follows(const Diagnostic &d, const Diagnostic &root) {
  if (d.code == "E0510")
    return testFollows(d, root);
  std::vector<std::map<std::string, Constraint>> mine = regionsOf(d, true),
                                                 theirs = regionsOf(root, false);
  if (mine.empty() || theirs.empty())
    return false;
  for (const auto &r : mine)
    if (std::none_of(theirs.begin(), theirs.end(),
                     [&](const auto &outer) { return inside(r, outer); }))
      return false;
  return true;
}

} // namespace

std::string alsoBecause() { return tr("verifier.also_because"); }

std::string templateWords(const std::string &key, const std::string &after,
                          const std::string &before) {
  std::string text = tr(key);
  std::size_t from = 0;
  if (!after.empty()) {
    std::size_t at = text.find("{" + after + "}");
    if (at == std::string::npos)
      return {};
    from = at + after.size() + 2;
  }
  std::size_t to = text.size();
  if (!before.empty()) {
    to = text.find("{" + before + "}", from);
    if (to == std::string::npos)
      return {};
  }
  return text.substr(from, to - from);
}

std::string nameIn(const std::string &message, const std::string &key,
                   const std::string &placeholder, bool last) {
  // The words between the placeholder before it (or the start) and `{placeholder}`.
  std::string text = tr(key);
  std::size_t at = text.find("{" + placeholder + "}");
  if (at == std::string::npos)
    return {};
  std::size_t start = text.rfind('}', at);
  std::string words = text.substr(start == std::string::npos ? 0 : start + 1,
                                  at - (start == std::string::npos ? 0 : start + 1));
  if (words.empty() || words.back() != '`')
    return {};
  std::size_t found = last ? message.rfind(words) : message.find(words);
  return found == std::string::npos ? std::string() : nameAfter(message, words, found);
}

std::string consequenceNote(const Diagnostic &d, const SourceManager &sources) {
  std::string where;
  if (d.span.valid()) {
    LineCol lc = sources.file(d.span.file).lineCol(d.span.begin);
    where = fmt::format("{}:{}:{}: ", sources.file(d.span.file).path(), lc.line, lc.column);
  }
  return fmt::format("{}{}{}[{}]{}: {}", alsoBecause(), where,
                     tr(d.severity == Severity::Error ? "severity.error" : "severity.warning"),
                     d.code, d.waiver.empty() ? "" : " " + tr("render.waived"), d.message);
}

void markConsequences(std::vector<Diagnostic> &diagnostics, const SourceManager &sources) {
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < diagnostics.size(); ++i)
    if ((diagnostics[i].code == "E0501" || diagnostics[i].code == "E0502") &&
        !diagnostics[i].id.empty())
      roots.push_back(i);
  for (Diagnostic &d : diagnostics) {
    if ((d.code != "E0503" && d.code != "E0504" && d.code != "E0510") || d.ruleset.empty() ||
        !d.waiver.empty())
      continue;
    for (std::size_t r : roots) {
      Diagnostic &root = diagnostics[r];
      if (root.ruleset != d.ruleset || !within(d.periods, root.periods) || !follows(d, root))
        continue;
      d.causedBy = root.id;
      // Waiving the root accepts what follows from it: one waiver for one problem.
      if (!root.waiver.empty()) {
        d.waiver = root.waiver;
        d.note(tr("verifier.waived_with_root", {{"id", root.id}}));
      }
      root.note(consequenceNote(d, sources));
      break;
    }
  }
}

} // namespace ww::engine
