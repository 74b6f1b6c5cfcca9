// Fuzz target, structure-aware, for dates: the bytes drive the generator in its dated mode
// (fuzz/generator.h): rules in versions that meet on a boundary, boundaries at year 0, leap
// days and 9999-12-31, a list question whose answers replace each other from period to period,
// dated properties, assumptions and tests `as of` the extremes, sometimes a header span. The
// ruleset is loaded as `check` loads it (sema must accept it), then asked about every probe
// date (the first and last days a date can name, year 0's leap day, each boundary and the days
// around it) as `explain --as-of` and `check --as-of` would be.
//
// A finding, besides a crash or a sanitizer report: a rejected ruleset; a date in the span
// without a period, or one outside it with one; a period that does not hold its date; a
// period whose rules or answers are not exactly those valid on the date; an old answer not
// taken as the end of its `replaces` chain (or a later answer taken as anything); check's
// JSON that does not parse, its text with a control character.

#include "cli/answers.h"
#include "cli/report.h"
#include "cli/verified_tree.h"
#include "compiler/support/render.h"
#include "fuzz/common.h"
#include "fuzz/generator.h"
#include "fuzz/wellformed.h"
#include "verifier/tree.h"

#include <fmt/format.h>
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <set>

namespace {

constexpr ww::Date kToday{2026, 1, 1};

std::string text(const wwfuzz::Generated &g) {
  return (g.module.empty() ? "" : "---- gm.ww\n" + g.module + "---- g.ww\n") + g.ruleset;
}

[[noreturn]] void finding(const wwfuzz::Generated &g, const std::string &what,
                          const ww::Date *date = nullptr) {
  wwfuzz::finding("fuzz_dated", what + (date ? " on " + date->iso() : ""), text(g));
}

ww::Date previous(const ww::Date &d) {
  ww::Date p = d;
  if (--p.day == 0) {
    if (--p.month == 0) {
      p.month = 12;
      --p.year;
    }
    p.day = ww::daysInMonth(p.year, p.month);
  }
  return p;
}

// The answer of the chain an old answer `j` is taken as on `date`: the chain followed while
// each answer says it replaces the one before, up to the answer valid on the date.
std::optional<std::size_t> expectedRedirect(const wwfuzz::Generated &g, std::size_t j,
                                            const ww::Date &date) {
  std::size_t now = 0;
  while (now < g.chain.size() && !g.chain[now].valid.contains(date))
    ++now;
  if (now >= g.chain.size() || j >= now)
    return std::nullopt;
  for (std::size_t k = j; k < now; ++k)
    if (!g.replaced[k])
      return std::nullopt;
  return now;
}

// What the period of `date` must hold: the rules and the chain's answers valid on it.
void checkPeriod(const wwfuzz::Generated &g, const ww::ir::History &h, const ww::Date &date) {
  const ww::ir::Ruleset *rs = h.at(date);
  if (!g.span.contains(date)) {
    if (rs)
      finding(g, "a period for a date outside the span", &date);
    return;
  }
  if (!rs)
    finding(g, "no period for a date in the span", &date);
  if (!rs->period.contains(date))
    finding(g, "the period " + rs->period.text() + " does not hold its date", &date);
  std::multiset<std::string> expected, actual;
  for (const auto &r : g.rules)
    if (r.valid.contains(date))
      expected.insert(r.id);
  for (const ww::ir::Rule &r : rs->rules)
    actual.insert(r.id);
  if (expected != actual)
    finding(g, "the rules of period " + rs->period.text() + " are not those valid", &date);
  if (g.chain.empty())
    return;
  const ww::ir::Question *qc = nullptr;
  for (const ww::ir::Question &q : rs->questions)
    if (q.id == "qc")
      qc = &q;
  if (!qc)
    finding(g, "no question `qc`", &date);
  std::vector<std::string> answers, valid;
  for (const ww::ir::Answer &a : qc->answers)
    answers.push_back(a.id);
  for (const auto &c : g.chain)
    if (c.valid.contains(date))
      valid.push_back(c.id);
  valid.push_back("cz");
  std::sort(answers.begin(), answers.end());
  std::sort(valid.begin(), valid.end());
  if (answers != valid)
    finding(g, "the answers of `qc` are not those valid", &date);
  for (std::size_t j = 0; j < g.chain.size(); ++j) {
    if (g.chain[j].valid.contains(date))
      continue;
    std::optional<ww::cli::Redirected> r = ww::cli::redirectAnswer(*qc, g.chain[j].id);
    std::optional<std::size_t> want = expectedRedirect(g, j, date);
    std::string got = r ? qc->answers.at(static_cast<std::size_t>(r->answer)).id : "nothing";
    if (got != (want ? g.chain[*want].id : "nothing"))
      finding(g, "`" + g.chain[j].id + "` is taken as " + got, &date);
  }
}

// `explain --as-of date`: a case answered from the bytes (an old answer of `qc` too), its
// decision explained as text and JSON, with the date line.
void explain(FuzzedDataProvider &in, const ww::ir::History &h, const ww::Date &date) {
  const ww::ir::Ruleset *rs = h.at(date);
  if (!rs)
    return;
  ww::eval::Case c;
  c.answers.assign(rs->questions.size(), std::nullopt);
  std::vector<ww::cli::Redirected> redirected;
  ww::eval::Evaluator ev(*rs);
  for (std::size_t round = 0; round <= rs->questions.size(); ++round) {
    std::vector<ww::eval::Tri> asked = ev.asked(c);
    bool changed = false;
    for (std::size_t q = 0; q < rs->questions.size(); ++q) {
      const ww::ir::Question &question = rs->questions[q];
      if (asked[q] != ww::eval::Tri::True) {
        changed = changed || c.answers[q].has_value();
        c.answers[q].reset();
        continue;
      }
      if (c.answers[q])
        continue;
      std::string value;
      if (question.id == "qc" && in.ConsumeBool())
        value = fmt::format("c{}", in.ConsumeIntegralInRange<int>(0, 3));
      else if (question.type == ww::ir::QuestionType::Range)
        value = std::to_string(in.ConsumeBool() ? question.lo : question.hi);
      else
        value =
            question.valueText(in.ConsumeIntegralInRange<std::int64_t>(question.lo, question.hi));
      std::string error = ww::cli::setAnswer(*rs, c, question.id, value, &h, date, &redirected);
      if (!error.empty())
        c.answers[q] = question.lo; // an answer of another date that nothing replaces
      changed = true;
    }
    if (!changed)
      break;
  }
  if (!ww::cli::caseProblems(*rs, c).empty())
    return;
  int main = ww::verify::mainDecision(*rs);
  (void)ww::cli::explainText(*rs, c, main, rs->outcomes.empty() ? "" : rs->outcomes.front().id);
  nlohmann::json j = ww::cli::explainJson(*rs, c, main);
  j["date"] = ww::cli::dateJson(*rs, date, kToday);
  for (const ww::cli::Redirected &r : redirected)
    for (const ww::ir::Question &q : rs->questions)
      if (q.id == r.question)
        j["redirects"].push_back(ww::cli::redirectJson(q, r));
  std::string out = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  wwfuzz::require("fuzz_dated", "explain json", wwfuzz::jsonProblem(out), out);
  std::string line = ww::cli::dateLine(*rs, date, kToday);
  wwfuzz::require("fuzz_dated", "date line", wwfuzz::terminalProblem(line), line);
}

void run(const std::uint8_t *data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  wwfuzz::GeneratorOptions options;
  options.dated = true;
  wwfuzz::Generated g = wwfuzz::generate(in, options);
  if (std::getenv("WW_FUZZ_PRINT"))
    std::fprintf(stderr, "%s\n", text(g).c_str());
  if (g.module.empty())
    wwfuzz::removeFile("dated/gm.ww");
  else
    wwfuzz::writeFile("dated/gm.ww", g.module);
  std::string path = wwfuzz::writeFile("dated/g.ww", g.ruleset);

  ww::engine::Workspace ws;
  ww::engine::load(ws, {path}, {});
  if (ws.sink.hasErrors() || ws.rulesets.size() != 1) {
    std::string found;
    for (const ww::Diagnostic &d : ws.sink.sorted(ws.sources))
      found += ww::renderText(d, ws.sources);
    wwfuzz::finding("fuzz_dated", "the front end rejects a generated ruleset:\n" + found, text(g));
  }
  const ww::ir::History &h = ws.rulesets.front();

  std::vector<ww::Date> dates(std::begin(wwfuzz::kProbeDates), std::end(wwfuzz::kProbeDates));
  for (const ww::Date &b : g.boundaries) {
    dates.push_back(b);
    dates.push_back(previous(b));
    if (b < ww::Date{9999, 12, 31})
      dates.push_back(b.next());
  }
  for (const ww::Date &d : dates)
    checkPeriod(g, h, d);
  for (int i = 0; i < 3; ++i)
    explain(in, h, dates[in.ConsumeIntegralInRange<std::size_t>(0, dates.size() - 1)]);

  // `check`, every period, then `check --as-of` one of the dates.
  ww::cli::CheckOptions check;
  check.timeoutSeconds = 0.2;
  check.verify.timeoutMs = 200;
  check.verify.maxRegions = 2;
  check.listChecks = true;
  check.jobs = 1;
  ww::cli::RunResult all = ww::engine::runChecks(ws, check.toEngine());
  for (const char *format : {"text", "json"}) {
    std::string out = ww::cli::renderRun(ws, all, format, false, check);
    wwfuzz::require("fuzz_dated", format,
                    std::string(format) == "json" ? wwfuzz::jsonProblem(out)
                                                  : wwfuzz::terminalProblem(out),
                    out);
  }
  ww::Date asOf = dates[in.ConsumeIntegralInRange<std::size_t>(0, dates.size() - 1)];
  if (!h.at(asOf))
    return;
  ww::engine::Workspace one;
  ww::engine::load(one, {path}, {});
  check.asOf = asOf;
  ww::cli::RunResult result = ww::engine::runChecks(one, check.toEngine());
  std::string out = ww::cli::renderRun(one, result, "json", false, check);
  wwfuzz::require("fuzz_dated", "json --as-of " + asOf.iso(), wwfuzz::jsonProblem(out), out);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  wwfuzz::onLargeStack([&] { run(data, size); });
  return 0;
}
