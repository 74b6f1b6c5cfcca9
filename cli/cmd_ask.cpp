// `wegwijzer ask RULESET`: the questionnaire in the terminal. It follows the verified decision
// tree (the same tree `export` writes), one question at a time, and ends with the summary the
// HTML page shows: the answers given, the result, the obligations, the rules and the sources.

#include "cli/answers.h"
#include "cli/cli.h"
#include "cli/report.h"
#include "cli/verified_tree.h"
#include "compiler/export/tree.h"
#include "compiler/support/render.h"
#include "verifier/tree.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace po = boost::program_options;

namespace ww::cli {

namespace {

/// Text wrapped at `width` columns (UTF-8 aware), every line starting with `indent`.
std::string wrap(const std::string &text, const std::string &indent, std::size_t width = 80) {
  auto columns = [](const std::string &s) {
    std::size_t n = 0;
    for (unsigned char ch : s)
      n += (ch & 0xC0) != 0x80;
    return n;
  };
  std::string out, line;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find_first_of(" \n", pos);
    if (end == std::string::npos)
      end = text.size();
    std::string word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty())
      continue;
    if (!line.empty() && columns(indent) + columns(line) + 1 + columns(word) > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty())
    out += indent + line + "\n";
  return out;
}

std::string trim(const std::string &s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos)
    return "";
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

struct Step {
  int node;
  std::int64_t value;
};

std::vector<std::pair<int, std::int64_t>> steps(const std::vector<Step> &path) {
  std::vector<std::pair<int, std::int64_t>> out;
  for (const Step &s : path)
    out.emplace_back(s.node, s.value);
  return out;
}


} // namespace

int cmdAsk(int argc, char **argv) {
  InputOptions options;
  std::string inputPath;
  bool unverified = false;
  SolverLimits limits;
  po::options_description desc("ask options");
  addInputOptions(desc, options, "text");
  desc.add_options()("input", po::value(&inputPath),
                     "read the answers from FILE, one a line, instead of standard input")(
      "unverified", po::bool_switch(&unverified),
      "ask even when the ruleset does not verify (the result may then be wrong)");
  addSolverLimits(desc, limits);
  if (!parseCommand(argc, argv,
                    "usage: wegwijzer ask [options] RULESET\n\n"
                    "Asks the ruleset's questions one at a time, following its verified decision "
                    "tree, and ends with the result: the answer, the obligations, the rules and "
                    "the sources.\nType the number of an answer (a number question takes the "
                    "number itself), `b` to go back one question, `q` to stop.\nExit code 0 "
                    "with a result; 2 when stopped with `q`, when the input ends first, or on a "
                    "usage error.",
                    desc, options, {"text"}))
    return kOk;
  std::ifstream inputFile;
  if (!inputPath.empty()) {
    inputFile.open(inputPath);
    if (!inputFile)
      throw UsageError(fmt::format("cannot read `{}`", inputPath));
  }
  std::istream &in = inputPath.empty() ? std::cin : inputFile;
  // The terminal echoes what a person types; a file or a pipe does not, so echo it ourselves
  // and the transcript reads like the dialogue.
  bool echo = !inputPath.empty() || isatty(STDIN_FILENO) == 0;

  VerifiedTree prepared;
  // The first question comes at once: `check` and the tree's validation run meanwhile, and the
  // questionnaire ends (with a result, `q`, or the end of the input) only once they are done.
  if (int code = startTree(prepared, options, limits, unverified, "ask"); code >= 0)
    return code;
  auto finished = [&] { return finishTree(prepared, options, "ask"); };
  const ir::Ruleset &rs = *prepared.ruleset;
  const std::optional<exp::Tree> &tree = prepared.tree;
  bool verified = prepared.verified;

  std::cout << fmt::format("{} — {}\n", rs.id, rs.title);
  std::cout << dateLine(rs, prepared.asOf, answerDate({})) << "\n";
  if (!verified)
    std::cout << "UNVERIFIED: `wegwijzer check` reports errors in these rules; the result may be "
                 "wrong.\n";
  std::cout << "Answer with the number of an answer; `b` goes back one question, `q` stops.\n";

  std::vector<Step> path;
  int node = tree->root;
  bool show = true;
  while (tree->nodes[node].question >= 0) {
    const exp::Node &n = tree->nodes[node];
    const ir::Question &q = rs.questions[n.question];
    std::vector<std::int64_t> values; // the answers possible here, in the question's order
    for (const exp::Edge &e : n.edges)
      values.insert(values.end(), e.values.begin(), e.values.end());
    std::sort(values.begin(), values.end());
    if (q.type == ir::QuestionType::YesNo)
      std::reverse(values.begin(), values.end()); // ja, nee
    bool number = q.type == ir::QuestionType::Range;
    std::string expected = number
                               ? fmt::format("a whole number in {}", exp::valueRanges(values, ".."))
                               : fmt::format("a number from 1 to {}", values.size());
    if (show) {
      std::cout << fmt::format("\n{}. {}\n", path.size() + 1, q.text);
      if (!q.help.empty())
        std::cout << wrap(q.help, "   ");
      if (number)
        std::cout << fmt::format("   ({})\n", expected);
      else
        for (std::size_t i = 0; i < values.size(); ++i)
          std::cout << fmt::format("   {}) {}\n", i + 1, q.valueLabel(values[i]));
      show = false;
    }
    std::cout << "> " << std::flush;
    std::string line;
    if (!std::getline(in, line)) {
      std::cout << "\n" << std::flush;
      if (int code = finished(); code >= 0)
        return code;
      std::cerr << fmt::format("wegwijzer ask: the input ended before the questionnaire did "
                               "(at question `{}`); no result\n",
                               q.id);
      return kUsage;
    }
    if (echo)
      std::cout << line << "\n";
    std::string answer = trim(line);
    if (answer == "q") {
      std::cout << std::flush;
      if (int code = finished(); code >= 0)
        return code;
      std::cout << "Stopped; no result.\n";
      return kUsage;
    }
    if (answer == "b") {
      if (path.empty()) {
        std::cout << "This is the first question; there is nothing to go back to.\n";
        continue;
      }
      node = path.back().node;
      path.pop_back();
      show = true;
      continue;
    }
    std::optional<std::int64_t> value;
    std::int64_t k = 0;
    auto [p, ec] = std::from_chars(answer.data(), answer.data() + answer.size(), k);
    bool isNumber = !answer.empty() && ec == std::errc() && p == answer.data() + answer.size();
    if (number) {
      if (isNumber && std::binary_search(values.begin(), values.end(), k))
        value = k;
    } else if (isNumber) {
      if (k >= 1 && k <= static_cast<std::int64_t>(values.size()))
        value = values[k - 1];
    } else {
      for (std::int64_t v : values) // the answer's id (or ja/nee) also works
        if (answer == q.valueText(v) || answer == q.valueLabel(v))
          value = v;
      // An answer of another date that this date's answer replaces is taken as that one.
      auto r = value ? std::nullopt : redirectAnswer(q, answer);
      if (r && std::binary_search(values.begin(), values.end(), std::int64_t{r->answer})) {
        std::cout << "Note: " << r->note << "\n"
                  << fmt::format("Taken as {}) {}.\n",
                                 std::find(values.begin(), values.end(), r->answer) -
                                     values.begin() + 1,
                                 q.valueLabel(r->answer));
        value = r->answer;
      } else if (r) {
        std::cout << fmt::format("Note: {}; that is not an answer here: give {}, `b` or `q`.\n",
                                 r->note, expected);
        continue;
      }
    }
    if (!value) {
      std::cout << fmt::format("`{}` is not an answer here: give {}, `b` or `q`.\n", answer,
                               expected);
      continue;
    }
    int next = -1;
    for (const exp::Edge &e : n.edges)
      if (std::find(e.values.begin(), e.values.end(), *value) != e.values.end())
        next = e.child;
    path.push_back({node, *value});
    node = next;
    show = true;
  }
  std::cout << std::flush;
  if (int code = finished(); code >= 0)
    return code;
  std::cout << "\n" << leafSummary(rs, *tree, steps(path), tree->nodes[node].leaf);
  return kOk;
}

} // namespace ww::cli
