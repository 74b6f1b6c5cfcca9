#include "fuzz/generator.h"

#include "fuzz/wellformed.h"

#include <fmt/format.h>
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <string_view>

namespace wwfuzz {

const ww::Date kBoundaryDates[12] = {{0, 1, 2},     {0, 2, 29},   {0, 3, 1},      {1, 1, 1},
                                     {4, 2, 29},    {100, 3, 1},  {1582, 10, 15}, {1900, 3, 1},
                                     {2000, 2, 29}, {2015, 1, 1}, {2024, 2, 29},  {9999, 12, 31}};
const ww::Date kProbeDates[9] = {{0, 1, 1}, {0, 1, 2},     {0, 2, 28},     {0, 2, 29},    {0, 3, 1},
                                 {1, 1, 1}, {2000, 2, 29}, {9999, 12, 30}, {9999, 12, 31}};

namespace {

struct Question {
  std::string id;
  enum Kind { YesNo, OneOf, Range } kind = YesNo;
  std::vector<std::string> answers; // OneOf
  std::int64_t lo = 0, hi = 1;      // Range
};

struct Parameter {
  std::string id;
  std::vector<std::string> answers; // empty: yes/no
};

struct Decision {
  std::string id;
  std::vector<std::string> outcomes;
};

/// What a condition may read where it is written.
struct Reads {
  bool helper = false;     ///< the helper decision `h` (rules of the main decision, properties)
  bool main = false;       ///< the main decision `d` (properties)
  bool parameters = false; ///< the module's parameters
  bool defines = true;
};

// Texts the exports must escape or carry: markup, quotes, backslashes, non-ASCII, long lines.
const char *const kTexts[] = {
    "Mag ik delen?",
    "Heeft de cliënt toestemming gegeven?",
    "<script>alert(1)</script> & \\\"quotes\\\"",
    "*nadruk* _onder_ `code` [link](x) # kop",
    "regel\\nnieuwe regel\\ttab",
    "{accolades} | pijp \\\\ backslash",
    "",
    "Ωmega 😀 \xe2\x80\x8b zero width",
    ("a very long text that goes on and on and on and on and on and on and on and on and on and "
     "on and on and on and on and on and on and on"),
    "digraph x { a -> b } ]] --> -- ",
};

// Hostile texts, as written (not escaped for the language): markup, ends of elements and
// comments, terminal and bidirectional controls, characters XML forbids, workflow commands.
const char *const kHostile[] = {
    "<wwx>",
    "</script><wwx>",
    "<!--<wwx",
    "]]><wwx",
    "\x1b[31mwwx\x1b[0m",
    "\x1b]8;;http://x\x07wwx\x1b]8;;\x07",
    "\"]; wwx [label=\"",
    "\"> <wwx a=\"",
    "a\\\" wwx",
    "\xe2\x80\xae wwx \xe2\x81\xa6",
    "\xef\xbf\xbe\xef\xbf\xbf wwx",
    "::error::wwx",
    "x\n::warning file=a::wwx",
    "%0A::error::wwx",
    "\x07\x08\x0b\x0c\x7f wwx",
    "\xc2\x85\xc2\x9b wwx",
    "&amp; &#0; &#x1b; wwx",
    "`wwx` | *wwx* _wwx_ [wwx](javascript:x) # wwx",
    "\r\nwwx\r",
    "{{wwx}} @@DATA@@ $wwx",
};

/// A text as the language writes it: quotes and backslashes escaped, a line break as `\n`, a
/// carriage return left out (no string may hold one), a NUL left out (no file may).
std::string literal(std::string_view raw) {
  std::string out = "\"";
  for (char c : raw) {
    if (c == '"' || c == '\\')
      out += '\\';
    if (c == '\n')
      out += "\\n";
    else if (c != '\r' && c != '\0')
      out += c;
  }
  return out + "\"";
}

/// Bytes that are not UTF-8 replaced by `?`, so that the file stays text.
std::string utf8(std::string_view raw) {
  std::string out;
  for (std::size_t i = 0; i < raw.size();) {
    std::uint32_t cp = 0;
    std::size_t n = decodeUtf8(raw, i, cp);
    out += n ? raw.substr(i, n) : "?";
    i += n ? n : 1;
  }
  return out;
}

class Generator {
public:
  Generator(FuzzedDataProvider &in, const GeneratorOptions &options) : in_(in), options_(options) {}

  Generated run() {
    Generated out;
    if (options_.dated)
      boundaries();
    bool withModule = chance();
    std::string common = "source s0 " + text();
    if (!bounds_.empty() && chance()) { // two versions that meet on a boundary
      const ww::Date &t = oneOf(bounds_);
      common += " valid until " + t.iso() + "\nsource s0 " + text() + " valid from " + t.iso();
    }
    common += "\nobligation ob0 " + text() + "\nobligation ob1 " + text() + "\nflag f0 " + text() +
              "\n\n";
    std::string decls;
    if (withModule) {
      int np = pick(1, 2);
      for (int i = 0; i < np; ++i) {
        Parameter p;
        p.id = fmt::format("p{}", i);
        std::string type = "yes/no";
        if (chance()) {
          type = "one of {";
          for (int a = 0, n = pick(2, 3); a < n; ++a) {
            p.answers.push_back(fmt::format("p{}{}", i, static_cast<char>('a' + a)));
            type += " " + p.answers.back() + " " + text();
          }
          type += " }";
        }
        decls += fmt::format("parameter {} {} {}\n", p.id, text(), type);
        parameters_.push_back(p);
      }
    }
    questions(decls);
    defines(decls);
    decisions(decls);

    std::string moduleRules, rulesetRules;
    int nr = pick(1, 7);
    for (int r = 0; r < nr; ++r) {
      bool inModule = withModule && chance();
      (inModule ? moduleRules : rulesetRules) += rule(r, inModule);
    }
    if (withModule) {
      out.module = "module gm " + text() + "\n\n" + common + decls + "\n" + moduleRules;
      out.ruleset = "ruleset g " + text() + " extends gm" + validity(span_) + "\n\n";
      for (const Parameter &p : parameters_) {
        std::string v = p.answers.empty() ? (chance() ? "yes" : "no") : oneOf(p.answers);
        out.ruleset += fmt::format("set {} = {}{}\n", p.id, v, chance() ? " cite s0" : "");
      }
      if (chance()) {
        decisions_.back().outcomes.push_back("d_extra");
        out.ruleset += "extend decision d { outcome d_extra " + text() + outcomeAttrs() + " }\n";
      }
      out.ruleset += "\n" + rulesetRules;
    } else {
      out.ruleset =
          "ruleset g " + text() + validity(span_) + "\n\n" + common + decls + "\n" + rulesetRules;
    }
    out.ruleset += chainRules() + rest();
    out.rules = rules_;
    out.span = span_;
    out.boundaries = bounds_;
    out.chain = chain_;
    out.replaced = replaced_;
    return out;
  }

private:
  // Dates: 1 to 3 boundaries, and sometimes a header span that holds every period.
  void boundaries() {
    for (int i = 0, n = pick(1, 3); i < n; ++i)
      bounds_.push_back(kBoundaryDates[pick(0, std::size(kBoundaryDates) - 1)]);
    std::sort(bounds_.begin(), bounds_.end());
    bounds_.erase(std::unique(bounds_.begin(), bounds_.end()), bounds_.end());
    const ww::Date last{9999, 12, 31};
    switch (pick(0, 3)) {
    case 0:
      span_.from = ww::kFirstDay;
      break;
    case 1:
      if (bounds_.back() < last)
        span_.until = last;
      break;
    default:
      break;
    }
  }

  static std::string validity(const ww::Period &p) {
    if (p.from && p.until)
      return fmt::format(" valid from {} until {}", p.from->iso(), p.until->iso());
    if (p.from)
      return " valid from " + p.from->iso();
    if (p.until)
      return " valid until " + p.until->iso();
    return "";
  }

  // The dates from boundary i-1 to boundary i (open at either end of the list).
  ww::Period slice(std::size_t i) const {
    ww::Period p;
    if (i > 0)
      p.from = bounds_[i - 1];
    if (i < bounds_.size())
      p.until = bounds_[i];
    return p;
  }

  // The slice that holds `date`.
  std::size_t sliceOf(const ww::Date &date) const {
    return static_cast<std::size_t>(std::upper_bound(bounds_.begin(), bounds_.end(), date) -
                                    bounds_.begin());
  }

  // The list question `qc`: one answer per slice, each replacing the one before (mostly), and
  // `cz`, valid always.
  void chainQuestion(std::string &out) {
    std::string type = "one of {";
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
      chain_.push_back({fmt::format("c{}", i), slice(i)});
      type += fmt::format("\n  c{}{}{}", i, chance() ? " " + text() : "", validity(slice(i)));
      if (i > 0) {
        replaced_.push_back(!rarely());
        if (replaced_.back())
          type += fmt::format(" replaces c{}{}", i - 1, chance() ? " " + text() : "");
      }
    }
    out += fmt::format("question qc {} {}\n  cz\n}}\n", text(), type);
  }

  // Rules valid while their answer of `qc` is.
  std::string chainRules() {
    if (chain_.empty())
      return "";
    std::string out = "\n";
    const std::vector<std::string> &outcomes = decisions_.back().outcomes;
    for (std::size_t i = 0; i < chain_.size(); ++i) {
      if (!chance())
        continue;
      std::string id = fmt::format("rc{}", i);
      out += fmt::format("rule {} when qc == {} then {}{}\n", id, chain_[i].id, oneOf(outcomes),
                         validity(chain_[i].valid));
      rules_.push_back({id, chain_[i].valid});
    }
    if (chance()) {
      out += fmt::format("rule rcz when qc == cz then {}\n", oneOf(outcomes));
      rules_.push_back({"rcz", {}});
    }
    return out;
  }

  // ` as of DATE` for a test, when dated and chosen: a probe date or a boundary in the span.
  std::optional<ww::Date> testDate() {
    if (bounds_.empty() || !chance())
      return std::nullopt;
    ww::Date d = chance() ? kProbeDates[pick(0, std::size(kProbeDates) - 1)] : oneOf(bounds_);
    if (!span_.contains(d))
      return std::nullopt;
    return d;
  }

  int pick(int lo, int hi) { return in_.ConsumeIntegralInRange<int>(lo, hi); }
  bool chance() { return in_.ConsumeBool(); }
  bool rarely() { return pick(0, 3) == 0; }
  template <class T> const T &oneOf(const std::vector<T> &xs) {
    return xs[static_cast<std::size_t>(pick(0, static_cast<int>(xs.size()) - 1))];
  }
  std::string text() {
    if (!options_.hostile)
      return fmt::format("\"{}\"", kTexts[pick(0, std::size(kTexts) - 1)]);
    return literal(hostileText());
  }
  std::string hostileText() {
    if (chance())
      return kHostile[pick(0, std::size(kHostile) - 1)];
    return utf8(in_.ConsumeRandomLengthString(24));
  }
  // A test's or property's text: hostile and numbered (`T0`, `P1`), or only the number.
  std::string named(const std::string &number) {
    return options_.hostile ? literal(hostileText() + " " + number) : "\"" + number + "\"";
  }

  // A bound for a range question or a constant in a comparison.
  std::int64_t number() {
    static const std::int64_t kSmall[] = {
        0,  1,  2,  3,   5,  9,  10, 11,  12,      15,         16,
        17, 18, 99, 100, -1, -2, -5, -10, 1000000, 2147483647, -2147483648LL};
    static const std::int64_t kExtreme[] = {std::numeric_limits<std::int64_t>::max(),
                                            std::numeric_limits<std::int64_t>::max() - 1,
                                            std::numeric_limits<std::int64_t>::min() + 1,
                                            std::numeric_limits<std::int64_t>::min(),
                                            4611686018427387904LL,
                                            -4611686018427387904LL};
    if (options_.extremes && rarely())
      return kExtreme[pick(0, std::size(kExtreme) - 1)];
    return kSmall[pick(0, std::size(kSmall) - 1)];
  }

  void questions(std::string &out) {
    int nq = pick(1, 5);
    for (int i = 0; i < nq; ++i) {
      Question q;
      q.id = fmt::format("q{}", i);
      std::string type;
      switch (pick(0, 2)) {
      case 0:
        q.kind = Question::YesNo;
        type = "yes/no";
        break;
      case 1:
        q.kind = Question::OneOf;
        type = "one of {";
        for (int a = 0, n = pick(1, 4); a < n; ++a) {
          q.answers.push_back(fmt::format("q{}{}", i, static_cast<char>('a' + a)));
          type += " " + q.answers.back() + (chance() ? " " + text() : "");
        }
        type += " }";
        break;
      default:
        q.kind = Question::Range;
        q.lo = number();
        q.hi = number();
        if (q.lo > q.hi)
          std::swap(q.lo, q.hi);
        type = fmt::format("{}..{}", q.lo, q.hi);
      }
      out += fmt::format("question {} {} {}", q.id, text(), type);
      questions_.push_back(q);
      if (i > 0 && chance()) {
        // Asked when a condition on earlier questions holds.
        Reads reads;
        reads.defines = false;
        out += " asked when " + cond(i, reads, pick(0, 2));
      }
      if (rarely())
        out += " help " + text();
      out += "\n";
    }
    if (!bounds_.empty())
      chainQuestion(out);
  }

  void defines(std::string &out) {
    int nd = pick(0, 2);
    for (int i = 0; i < nd; ++i) {
      Reads reads;
      reads.parameters = !parameters_.empty();
      std::string c = cond(static_cast<int>(questions_.size()), reads, pick(0, 2));
      out += fmt::format("define x{}{} = {}\n", i, chance() ? " " + text() : "", c);
      defines_.push_back(fmt::format("x{}", i));
    }
  }

  std::string outcomeAttrs() {
    std::string out;
    for (int k = 0, n = pick(0, 3); k < n; ++k) {
      switch (pick(0, 4)) {
      case 0:
        out += " cite s0" + (chance() ? " " + text() : std::string());
        break;
      case 1:
        out += chance() ? " obliges ob0" : " obliges ob0, ob1";
        break;
      case 2:
        out += " discloses";
        break;
      case 3:
        out += " without consent";
        break;
      default:
        out += " is f0";
      }
    }
    return out;
  }

  void decisions(std::string &out) {
    if (chance()) {
      Decision h{"h", {"h_x", "h_y"}};
      if (chance())
        h.outcomes.push_back("h_z");
      decisions_.push_back(h);
    }
    Decision d{"d", {"d_x"}};
    for (int k = 0, n = pick(0, 2); k < n; ++k)
      d.outcomes.push_back(fmt::format("d_{}", static_cast<char>('y' - 1 + k + 1)));
    decisions_.push_back(d);
    for (const Decision &dec : decisions_) {
      out += fmt::format("decision {}{} {{\n", dec.id, chance() ? " " + text() : "");
      for (const std::string &o : dec.outcomes)
        out += fmt::format("  outcome {} {}{}\n", o, text(), outcomeAttrs());
      out += "}\n";
    }
  }

  // A rule of the module may be an exception only to the module's rules: the module is also
  // analysed on its own, where the ruleset's rules do not exist.
  std::string rule(int r, bool inModule) {
    int dec = static_cast<int>(decisions_.size()) - 1; // the main decision
    if (decisions_.size() > 1 && (r == 0 || chance()))
      dec = 0;
    std::string line = fmt::format("rule r{}", r);
    std::vector<int> same;
    for (std::size_t e = 0; e < ruleDecision_.size(); ++e)
      if (ruleDecision_[e] == dec && (!inModule || ruleInModule_[e]))
        same.push_back(static_cast<int>(e));
    if (!same.empty() && chance()) {
      // An exception to earlier rules of the same decision only: no cycles.
      int t = oneOf(same);
      line += fmt::format(" exception to r{}", t);
      int t2 = oneOf(same);
      if (t2 != t && chance())
        line += fmt::format(", r{}", t2);
    }
    std::string head = line;
    Reads reads;
    reads.helper = decisions_.size() > 1 && dec == 1;
    reads.parameters = !parameters_.empty();
    std::string c = rarely() ? (chance() ? "true" : "false")
                             : cond(static_cast<int>(questions_.size()), reads, pick(0, 3));
    line += fmt::format(" when {} then {}", c, oneOf(decisions_[dec].outcomes));
    if (rarely())
      line += chance() ? " obliges ob1" : " obliges ob1, ob0";
    if (chance())
      line += " cite s0" + (chance() ? " " + text() : std::string());
    ruleDecision_.push_back(dec);
    ruleInModule_.push_back(inModule);
    std::string id = fmt::format("r{}", r);
    if (bounds_.empty() || !chance()) {
      rules_.push_back({id, {}});
      return line + "\n";
    }
    // Two versions that meet on a boundary: the second with its own condition and outcome.
    const ww::Date &t = oneOf(bounds_);
    rules_.push_back({id, {std::nullopt, t}});
    rules_.push_back({id, {t, std::nullopt}});
    std::string second =
        head + fmt::format(" when {} then {}",
                           cond(static_cast<int>(questions_.size()), reads, pick(0, 2)),
                           oneOf(decisions_[dec].outcomes));
    return line + " valid until " + t.iso() + "\n" + second + " valid from " + t.iso() + "\n";
  }

  std::string rest() {
    std::string out = "\n";
    int nq = static_cast<int>(questions_.size());
    for (int i = 0, n = rarely() ? pick(1, 2) : 0; i < n; ++i) {
      Reads reads;
      reads.defines = false;
      std::string dates =
          bounds_.empty() || !chance() ? "" : validity(slice(pick(0, bounds_.size())));
      std::string label = chance() ? text() : "";
      std::string head = label + dates;
      out += "assume " + (head.empty() ? "" : head + ": ") + cond(nq, reads, pick(0, 1)) + "\n";
    }
    for (int p = 0, n = pick(0, 3); p < n; ++p) {
      std::string name = chance() ? fmt::format(" pr{}", p) : "";
      std::string dates =
          bounds_.empty() || !rarely() ? "" : validity(slice(pick(0, bounds_.size())));
      out += fmt::format("property{} {}{}: {}\n", name, named(fmt::format("P{}", p)), dates,
                         property(nq));
    }
    for (int t = 0, n = pick(0, 2); t < n; ++t)
      out += test(t, nq);
    return out;
  }

  std::string property(int nq) {
    Reads reads;
    reads.helper = decisions_.size() > 1;
    reads.main = true;
    if (rarely()) {
      std::string dec = chance() || decisions_.size() == 1 ? "d" : "h";
      std::string qs = questions_[pick(0, nq - 1)].id;
      if (nq > 1 && chance())
        qs += ", " + questions_[pick(0, nq - 1)].id;
      std::string where = chance() ? " where " + cond(nq, Reads{}, pick(0, 1)) : "";
      return fmt::format("{} does not depend on {}{}", dec, qs, where);
    }
    switch (pick(0, 2)) {
    case 0:
      return cond(nq, reads, pick(0, 1)) + " implies " + cond(nq, reads, pick(0, 1));
    case 1:
      return "not (" + cond(nq, reads, pick(0, 1)) + " and " + cond(nq, reads, pick(0, 1)) + ")";
    default:
      return cond(nq, reads, pick(0, 2));
    }
  }

  std::string value(const Question &q) {
    switch (q.kind) {
    case Question::YesNo:
      return chance() ? "yes" : "no";
    case Question::OneOf:
      return oneOf(q.answers);
    default:
      return fmt::format("{}", inRange(q));
    }
  }

  std::string test(int t, int nq) {
    std::string givens;
    for (int i = 0; i < nq; ++i)
      if (chance())
        givens += (givens.empty() ? "" : ", ") + questions_[i].id + " = " + value(questions_[i]);
    std::optional<ww::Date> asOf = testDate();
    if (!chain_.empty() && chance()) {
      // The answer of `qc` valid on the test's date (undated: any, the test runs while it is).
      std::string c = chance() ? std::string("cz")
                      : asOf   ? chain_[sliceOf(*asOf)].id
                               : oneOf(chain_).id;
      givens += (givens.empty() ? "" : ", ") + std::string("qc = ") + c;
    }
    std::string expects;
    for (std::size_t d = 0; d < decisions_.size(); ++d) {
      if (d + 1 < decisions_.size() && chance())
        continue;
      expects += "  expect " + oneOf(decisions_[d].outcomes);
      if (rarely())
        expects += chance() ? " obliges ob0" : " obliges ob0, ob1";
      expects += "\n";
    }
    return fmt::format("test {}{} {{\n  given {}\n{}}}\n", named(fmt::format("T{}", t)),
                       asOf ? " as of " + asOf->iso() : "", givens, expects);
  }

  // A number within the range of q: a bound, or near one.
  std::int64_t inRange(const Question &q) {
    switch (pick(0, 3)) {
    case 0:
      return q.lo;
    case 1:
      return q.hi;
    case 2:
      return q.lo < q.hi ? q.lo + 1 : q.lo;
    default: {
      std::int64_t c = number();
      return std::clamp(c, q.lo, q.hi);
    }
    }
  }

  std::string questionAtom(const Question &q) {
    switch (q.kind) {
    case Question::YesNo:
      switch (pick(0, 4)) {
      case 0:
        return q.id;
      case 1:
        return q.id + " == yes";
      case 2:
        return q.id + " == no";
      case 3:
        return q.id + " != yes";
      default:
        return q.id + (chance() ? " in {yes, no}" : " not in {yes}");
      }
    case Question::OneOf: {
      const std::string &a = oneOf(q.answers);
      switch (pick(0, 2)) {
      case 0:
        return q.id + " == " + a;
      case 1:
        return q.id + " != " + a;
      default:
        return fmt::format("{} {}in {{{}, {}}}", q.id, chance() ? "not " : "", oneOf(q.answers), a);
      }
    }
    case Question::Range: {
      static const char *const kOrder[] = {"<", "<=", ">", ">="};
      switch (pick(0, 4)) {
      case 0:
      case 1:
        return fmt::format("{} {} {}", q.id, kOrder[pick(0, 3)], chance() ? inRange(q) : number());
      case 2:
        return fmt::format("{} {} {}", q.id, chance() ? "==" : "!=", inRange(q));
      case 3: {
        std::int64_t a = inRange(q), b = inRange(q);
        return fmt::format("{} {}in {}..{}", q.id, chance() ? "not " : "", std::min(a, b),
                           std::max(a, b));
      }
      default:
        return fmt::format("{} in {{{}, {}}}", q.id, inRange(q), inRange(q));
      }
    }
    }
    return "true";
  }

  std::string parameterAtom() {
    const Parameter &p = oneOf(parameters_);
    if (p.answers.empty())
      return chance() ? p.id : p.id + (chance() ? " == yes" : " != no");
    return p.id + (chance() ? " == " : " != ") + oneOf(p.answers);
  }

  std::string decisionAtom(const Decision &d) {
    const std::string &o = oneOf(d.outcomes);
    switch (pick(0, 7)) {
    case 0:
    case 1:
      return d.id + " == " + o;
    case 2:
      return d.id + " != " + o;
    case 3:
      return fmt::format("{} {}in {{{}, {}}}", d.id, chance() ? "not " : "", o, d.outcomes[0]);
    case 4:
      return d.id + (chance() ? " discloses" : " discloses without consent");
    case 5:
      return d.id + " without consent";
    case 6:
      return d.id + (chance() ? " obliges ob0" : " obliges ob1");
    default:
      return d.id + " is f0";
    }
  }

  // A condition over questions 0..nq-1 and what `reads` allows, nested at most `depth` deep.
  std::string cond(int nq, const Reads &reads, int depth) {
    if (depth == 0 || rarely()) {
      int k = pick(0, 9);
      if (k == 0 && reads.helper)
        return decisionAtom(decisions_.front());
      if (k == 1 && reads.main)
        return decisionAtom(decisions_.back());
      if (k == 2 && reads.parameters && !parameters_.empty())
        return parameterAtom();
      if (k == 3 && reads.defines && !defines_.empty())
        return oneOf(defines_);
      if (k == 4 && rarely())
        return chance() ? "true" : "false";
      return questionAtom(questions_[pick(0, nq - 1)]);
    }
    switch (pick(0, 4)) {
    case 0:
      return "not " + paren(cond(nq, reads, depth - 1));
    case 1:
      return "(" + cond(nq, reads, depth - 1) + " implies " + cond(nq, reads, depth - 1) + ")";
    case 2:
    case 3:
      return "(" + cond(nq, reads, depth - 1) + " and " + cond(nq, reads, depth - 1) + ")";
    default:
      return "(" + cond(nq, reads, depth - 1) + " or " + cond(nq, reads, depth - 1) + ")";
    }
  }

  static std::string paren(const std::string &c) { return c.front() == '(' ? c : "(" + c + ")"; }

  FuzzedDataProvider &in_;
  const GeneratorOptions &options_;
  std::vector<Question> questions_;
  std::vector<Parameter> parameters_;
  std::vector<std::string> defines_;
  std::vector<Decision> decisions_;
  std::vector<int> ruleDecision_;
  std::vector<bool> ruleInModule_;
  std::vector<ww::Date> bounds_; ///< dated: the boundaries, sorted
  ww::Period span_;              ///< dated: the header's clause
  std::vector<Generated::Dated> rules_;
  std::vector<Generated::Dated> chain_;
  std::vector<bool> replaced_;
};

} // namespace

Generated generate(FuzzedDataProvider &in, const GeneratorOptions &options) {
  return Generator(in, options).run();
}

} // namespace wwfuzz
