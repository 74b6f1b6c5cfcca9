// The Graphviz export: one digraph per ruleset, written from the JSON document. Question nodes
// are boxes, leaves rounded boxes colored by whether the outcome discloses; shared subtrees (the
// tree is a DAG) are drawn once.

#include "compiler/export/to_json.h"
#include "compiler/support/i18n.h"
#include "compiler/support/render.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ww::exp {
namespace {

using nlohmann::json;

constexpr std::size_t kWrap = 32; ///< characters (code points) per label line

std::size_t codePoints(const std::string &s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80;
  return n;
}

/// A DOT double-quoted string's content: quotes and backslashes escaped, line breaks folded,
/// control characters replaced as xmlSafe replaces them. Valid UTF-8 is kept as it is.
std::string escape(const std::string &s) {
  std::string out;
  out.reserve(s.size());
  for (char c : xmlSafe(s)) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += ' ';
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

/// Text for a label: escaped, and wrapped at spaces into lines of about kWrap characters
/// (joined with DOT's `\n`).
std::string wrap(const std::string &s) {
  std::vector<std::string> words;
  std::string word;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!word.empty())
        words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty())
    words.push_back(word);
  std::string out, line;
  for (const std::string &w : words) {
    if (!line.empty() && codePoints(line) + 1 + codePoints(w) > kWrap) {
      out += (out.empty() ? "" : "\\n") + escape(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + w;
  }
  if (!line.empty())
    out += (out.empty() ? "" : "\\n") + escape(line);
  return out;
}

std::string str(const json &j, const char *key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

std::string toDot(const nlohmann::json &doc) {
  std::map<std::string, const json *> questions, outcomes;
  std::map<std::int64_t, const json *> nodes;
  for (const json &q : doc.at("questions"))
    questions[q.at("id").get<std::string>()] = &q;
  for (const json &d : doc.at("decisions"))
    for (const json &o : d.at("outcomes"))
      outcomes[o.at("id").get<std::string>()] = &o;
  for (const json &n : doc.at("nodes"))
    nodes[n.at("id").get<std::int64_t>()] = &n;

  // The nodes reachable from the root, each once.
  std::set<std::int64_t> reachable;
  std::vector<std::int64_t> stack{doc.at("root").get<std::int64_t>()};
  while (!stack.empty()) {
    std::int64_t id = stack.back();
    stack.pop_back();
    if (!nodes.count(id) || !reachable.insert(id).second)
      continue;
    const json &n = *nodes.at(id);
    if (n.contains("edges"))
      for (const json &e : n.at("edges"))
        stack.push_back(e.at("next").get<std::int64_t>());
  }

  const json &rs = doc.at("ruleset");
  const json &v = doc.at("verification");
  bool verified = v.at("verified").get<bool>();
  std::string title = str(rs, "title") + " (" + str(rs, "id") + "), wegwijzer " +
                      str(doc.at("tool"), "version") +
                      (verified ? std::string(", geverifieerd") : ", " + tr("export.unverified"));
  if (doc.contains("date") && !doc.at("date").is_null())
    title += ". " + str(doc.at("date"), "statement");

  std::string out;
  out += "digraph \"" + escape(str(rs, "id")) + "\" {\n";
  out += "  graph [rankdir=LR, labelloc=t, fontname=\"Helvetica\", label=\"" + escape(title) + "\"";
  if (!verified)
    out += ", fontcolor=\"#c00000\"";
  out += "];\n";
  out += "  node [fontname=\"Helvetica\", fontsize=10];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=9];\n";

  for (std::int64_t id : reachable) {
    const json &n = *nodes.at(id);
    std::string name = "n" + std::to_string(id);
    if (n.contains("leaf")) {
      const json &leaf = n.at("leaf");
      std::string label, fill, tooltip;
      if (leaf.at("outcome").is_null()) {
        label = "geen uitkomst";
        fill = "#ffc7ce";
      } else {
        std::string oid = leaf.at("outcome").get<std::string>();
        const json *o = outcomes.count(oid) ? outcomes.at(oid) : nullptr;
        label = wrap(o ? str(*o, "text") : oid) + "\\n(" + escape(oid) + ")";
        bool discloses = o && o->at("discloses").get<bool>();
        fill = discloses ? "#c6efce" : "#e7e6e6";
      }
      for (auto &[decision, outcome] : leaf.at("decisions").items())
        tooltip += (tooltip.empty() ? "" : "; ") + decision + " = " +
                   (outcome.is_null() ? std::string("-") : outcome.get<std::string>());
      out += "  " + name + " [shape=box, style=\"rounded,filled\", fillcolor=\"" + fill +
             "\", label=\"" + label + "\", tooltip=\"" + escape(tooltip) + "\"];\n";
    } else {
      std::string qid = n.at("question").get<std::string>();
      const json *q = questions.count(qid) ? questions.at(qid) : nullptr;
      out += "  " + name + " [shape=box, label=\"" + wrap(q ? str(*q, "text") : qid) +
             "\", tooltip=\"" + escape(qid) + "\"];\n";
    }
  }
  for (std::int64_t id : reachable) {
    const json &n = *nodes.at(id);
    if (!n.contains("edges"))
      continue;
    std::string qid = n.at("question").get<std::string>();
    const json *q = questions.count(qid) ? questions.at(qid) : nullptr;
    bool number = q && str(*q, "type") == "number";
    for (const json &e : n.at("edges")) {
      std::string label;
      if (number) {
        std::vector<std::int64_t> values;
        for (const json &a : e.at("answers"))
          values.push_back(a.get<std::int64_t>());
        label = escape(valueRanges(std::move(values), "–"));
      } else {
        for (const json &a : e.at("answers")) {
          std::string aid = a.get<std::string>(), text = aid;
          if (q)
            for (const json &ans : q->at("answers"))
              if (ans.at("id") == aid)
                text = str(ans, "label");
          // Several answers: one bullet each, so where one label ends stays visible.
          if (e.at("answers").size() > 1)
            text = "• " + text;
          label += (label.empty() ? "" : "\\n") + wrap(text);
        }
      }
      out += "  n" + std::to_string(id) + " -> n" +
             std::to_string(e.at("next").get<std::int64_t>()) + " [label=\"" + label + "\"];\n";
    }
  }
  out += "}\n";
  return out;
}

} // namespace ww::exp
