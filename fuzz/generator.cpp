#include "fuzz/generator.h"

#include <fmt/format.h>
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <limits>

namespace wwfuzz {
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

class Generator {
public:
  Generator(FuzzedDataProvider &in, const GeneratorOptions &options)
      : in_(in), options_(options) {}

  Generated run() {
    Generated out;
    bool withModule = chance();
    std::string common = "source s0 " + text() + "\nobligation ob0 " + text() +
                         "\nobligation ob1 " + text() + "\nflag f0 " + text() + "\n\n";
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
      out.ruleset = "ruleset g " + text() + " extends gm\n\n";
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
      out.ruleset = "ruleset g " + text() + "\n\n" + common + decls + "\n" + rulesetRules;
    }
    out.ruleset += rest();
    return out;
  }

private:
  int pick(int lo, int hi) { return in_.ConsumeIntegralInRange<int>(lo, hi); }
  bool chance() { return in_.ConsumeBool(); }
  bool rarely() { return pick(0, 3) == 0; }
  template <class T> const T &oneOf(const std::vector<T> &xs) {
    return xs[static_cast<std::size_t>(pick(0, static_cast<int>(xs.size()) - 1))];
  }
  std::string text() { return fmt::format("\"{}\"", kTexts[pick(0, std::size(kTexts) - 1)]); }

  // A bound for a range question or a constant in a comparison.
  std::int64_t number() {
    static const std::int64_t kSmall[] = {0, 1, 2, 3, 5, 9, 10, 11, 12, 15, 16, 17, 18, 99, 100,
                                          -1, -2, -5, -10, 1000000, 2147483647, -2147483648LL};
    static const std::int64_t kExtreme[] = {std::numeric_limits<std::int64_t>::max(),
                                            std::numeric_limits<std::int64_t>::max() - 1,
                                            std::numeric_limits<std::int64_t>::min() + 1,
                                            std::numeric_limits<std::int64_t>::min(),
                                            4611686018427387904LL, -4611686018427387904LL};
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
    return line + "\n";
  }

  std::string rest() {
    std::string out = "\n";
    int nq = static_cast<int>(questions_.size());
    for (int i = 0, n = rarely() ? pick(1, 2) : 0; i < n; ++i) {
      Reads reads;
      reads.defines = false;
      out += fmt::format("assume {}{}\n", chance() ? text() + ": " : "", cond(nq, reads, pick(0, 1)));
    }
    for (int p = 0, n = pick(0, 3); p < n; ++p) {
      std::string name = chance() ? fmt::format(" pr{}", p) : "";
      out += fmt::format("property{} \"P{}\": {}\n", name, p, property(nq));
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
    std::string expects;
    for (std::size_t d = 0; d < decisions_.size(); ++d) {
      if (d + 1 < decisions_.size() && chance())
        continue;
      expects += "  expect " + oneOf(decisions_[d].outcomes);
      if (rarely())
        expects += chance() ? " obliges ob0" : " obliges ob0, ob1";
      expects += "\n";
    }
    return fmt::format("test \"T{}\" {{\n  given {}\n{}}}\n", t, givens, expects);
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
};

} // namespace

Generated generate(FuzzedDataProvider &in, const GeneratorOptions &options) {
  return Generator(in, options).run();
}

} // namespace wwfuzz
