// `wegwijzer ask RULESET`: the questionnaire in the terminal. It follows the verified decision
// tree (the same tree `export` writes), one question at a time, and ends with the summary the
// HTML page shows: the answers given, the result, the obligations, the rules and the sources.

#include "cli/answers.h"
#include "cli/cli.h"
#include "cli/report.h"
#include "cli/verified_tree.h"
#include "compiler/export/tree.h"
#include "compiler/support/i18n.h"
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
  po::options_description desc(tr("ask.help.options"));
  addInputOptions(desc, options, "text");
  desc.add_options()("input", po::value(&inputPath), tr("ask.help.input").c_str())(
      "unverified", po::bool_switch(&unverified), tr("ask.help.unverified").c_str());
  addSolverLimits(desc, limits);
  if (!parseCommand(argc, argv, tr("ask.help.usage"), desc, options, {"text"}))
    return kOk;
  std::ifstream inputFile;
  if (!inputPath.empty()) {
    inputFile.open(inputPath);
    if (!inputFile)
      throw UsageError(tr("explain.cannot_read", {{"file", inputPath}}));
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
    std::cout << tr("ask.unverified") << "\n";
  std::cout << tr("ask.how_to_answer") << "\n";

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
    std::string expected;
    if (number && values.size() > 1 && values.back() - values.front() + 1 ==
                                         static_cast<std::int64_t>(values.size()))
      expected = tr("answer.valid.range", {{"low", std::to_string(values.front())},
                                           {"high", std::to_string(values.back())}});
    else if (number)
      expected = tr("ask.expected_numbers",
                    {{"ranges", exp::valueRanges(values, tr("ask.range_dash"))}});
    else
      expected = tr("ask.expected_choice", {{"count", values.size()}});
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
      std::cerr << "wegwijzer ask: " << tr("ask.input_ended", {{"question", q.id}}) << "\n";
      return kUsage;
    }
    if (echo)
      std::cout << line << "\n";
    std::string answer = trim(line);
    // `b` and `q`, and the Dutch `v` (vorige) and `s` (stoppen), in either language: a
    // transcript stays valid in the other language.
    if (answer == "q" || answer == "s") {
      std::cout << std::flush;
      if (int code = finished(); code >= 0)
        return code;
      std::cout << tr("ask.stopped") << "\n";
      return kUsage;
    }
    if (answer == "b" || answer == "v") {
      if (path.empty()) {
        std::cout << tr("ask.first_question") << "\n";
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
        std::cout << tr("ask.redirect_note", {{"note", r->note}}) << "\n"
                  << tr("ask.taken_as",
                        {{"number", std::find(values.begin(), values.end(), r->answer) -
                                        values.begin() + 1},
                         {"label", q.valueLabel(r->answer)}})
                  << "\n";
        value = r->answer;
      } else if (r) {
        std::cout << tr("ask.redirect_not_here", {{"note", r->note}, {"valid", expected}})
                  << "\n";
        continue;
      }
    }
    if (!value) {
      std::cout << tr("ask.not_an_answer", {{"value", answer}, {"valid", expected}}) << "\n";
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
