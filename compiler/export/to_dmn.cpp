// The DMN export (`export --format dmn`): the verified tree of the main decision as one DMN 1.3
// decision table with hit policy UNIQUE, one rule per root-to-leaf path. Written from the JSON
// document (docs/export.schema.json) alone, like every other format; docs/dmn.md.
//
// The paths of a tree never overlap (two paths part at a question whose edges hold different
// answers) and every case the assumptions allow follows one of them, so the table is complete
// and its rules disjoint by construction. A question that a path skips (not asked there, or its
// answer cannot change the result) gets "-" in that rule.

#include "compiler/export/to_json.h"
#include "compiler/support/i18n.h"
#include "compiler/support/render.h"
#include "compiler/support/sha256.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace ww::exp {
namespace {

using nlohmann::json;

constexpr const char *kDmn13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";
/// Rules (root-to-leaf paths over every period) beyond which the table is refused.
constexpr std::size_t kMaxRows = 100000;

/// A FEEL string literal: quotes and backslashes escaped, line breaks as \n.
std::string feelString(const std::string &s) {
  std::string out = "\"";
  for (char c : xmlSafe(s)) {
    if (c == '"' || c == '\\')
      out += '\\';
    if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else
      out += c;
  }
  return out + "\"";
}

std::string feelList(const std::vector<std::string> &items) {
  std::string out = "[";
  for (const std::string &s : items)
    out += (out.size() > 1 ? ", " : "") + feelString(s);
  return out + "]";
}

/// Element content: the characters XML cannot hold replaced (xmlSafe), & and < escaped, and >
/// where it would close "]]>"; quotes and >= stay as they are, so the FEEL in <text> reads as
/// written.
std::string content(const std::string &s) {
  std::string out;
  for (char c : xmlSafe(s)) {
    bool closesCdata = c == '>' && out.size() >= 2 && out.compare(out.size() - 2, 2, "]]") == 0;
    out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : closesCdata ? "&gt;" : std::string(1, c);
  }
  return out;
}

/// Ranges lo..hi (both included) as FEEL unary tests, those that overlap or touch joined.
std::string feelRanges(std::vector<std::pair<std::int64_t, std::int64_t>> ranges) {
  std::sort(ranges.begin(), ranges.end());
  std::string out;
  for (std::size_t i = 0; i < ranges.size();) {
    auto [lo, hi] = ranges[i];
    std::size_t j = i + 1;
    for (; j < ranges.size() &&
           (hi == std::numeric_limits<std::int64_t>::max() || ranges[j].first <= hi + 1);
         ++j)
      hi = std::max(hi, ranges[j].second);
    out += out.empty() ? "" : ",";
    out +=
        lo == hi ? std::to_string(lo) : "[" + std::to_string(lo) + ".." + std::to_string(hi) + "]";
    i = j;
  }
  return out;
}

std::string feelDate(const std::string &iso) { return "date(\"" + iso + "\")"; }

/// An end of the period a document's tree answers for (`date.period.from` or `until`), or empty
/// when it is open or the document has no date.
std::string periodEnd(const json &doc, const char *end) {
  const json *period = nullptr;
  if (auto d = doc.find("date"); d != doc.end() && d->is_object())
    if (auto p = d->find("period"); p != d->end() && p->is_object())
      period = &*p;
  if (!period)
    return "";
  auto e = period->find(end);
  return e != period->end() && e->is_string() ? e->get<std::string>() : "";
}

/// A question's type in the words of the output's language.
std::string typeWord(const std::string &type) {
  return tr(type == "yes/no"   ? "export.dmn.type.yes_no"
            : type == "one of" ? "export.dmn.type.one_of"
                               : "export.dmn.type.number");
}

/// One column of the table: a question of some period (the union of their answers).
struct Column {
  std::string id, type, text;
  std::vector<std::string> answers; ///< "one of": answer ids in order of first appearance
  std::vector<std::pair<std::int64_t, std::int64_t>> ranges; ///< "number": each period's lo..hi
};

/// One rule of the table: a path of one period's tree.
struct Row {
  std::string period;                       ///< FEEL unary test on the date, or empty
  std::string periodFrom;                   ///< the period's first day, or empty
  std::map<std::string, std::string> cells; ///< question id -> unary test
  const json *leaf = nullptr;
};

class Writer {
public:
  explicit Writer(const json &doc) : doc_(doc) {
    history_ = doc.value("format", "") == "wegwijzer-history/1";
    if (history_) {
      for (const json &p : doc.at("periods"))
        periods_.push_back(&p);
    } else {
      periods_.push_back(&doc);
    }
    if (periods_.empty())
      throw std::runtime_error("the export holds no period");
    main_ = periods_.front()->at("decision").get<std::string>();
    // A history of dated rules gets a date input; rules that name no date hold for every date.
    for (const json *p : periods_)
      for (const char *end : {"from", "until"})
        dated_ = dated_ || (history_ && !periodEnd(*p, end).empty());
  }

  std::string write() {
    for (const json *p : periods_)
      collect(*p);
    for (std::size_t i = 0; i < periods_.size(); ++i)
      rows(*periods_[i]);
    return render();
  }

private:
  const json &doc_;
  bool history_ = false, dated_ = false;
  std::vector<const json *> periods_;
  std::string main_;
  std::vector<Column> columns_;
  std::map<std::string, std::size_t> columnOf_;
  std::vector<std::string> decisions_;                       ///< main first, then the others
  std::map<std::string, std::vector<std::string>> outcomes_; ///< decision -> outcome ids
  std::map<std::string, std::string> decisionText_, outcomeText_;
  std::vector<Row> rows_;

  void collect(const json &p) {
    if (p.at("decision").get<std::string>() != main_)
      throw std::runtime_error(
          tr("export.dmn.decision_changes",
             {{"decision", main_}, {"other", p.at("decision").get<std::string>()}}));
    for (const json &q : p.at("questions")) {
      std::string id = q.at("id").get<std::string>(), type = q.at("type").get<std::string>();
      // The input's name is read as a FEEL name (`<inputExpression><text>id</text>`).
      static const std::set<std::string> reserved = {
          "and",      "between", "else",      "every",    "external", "false", "for",
          "function", "if",      "in",        "instance", "not",      "null",  "of",
          "or",       "return",  "satisfies", "some",     "then",     "true"};
      if (reserved.count(id))
        throw std::runtime_error(tr("export.dmn.feel_name", {{"question", id}}));
      auto [it, fresh] = columnOf_.try_emplace(id, columns_.size());
      if (fresh)
        columns_.push_back({id, type, q.value("text", ""), {}, {}});
      Column &c = columns_[it->second];
      if (c.type != type)
        throw std::runtime_error(
            tr("export.dmn.type_changes",
               {{"question", id}, {"type", typeWord(c.type)}, {"other", typeWord(type)}}));
      if (type == "one of") {
        // The answers, then the old answers that this period redirects to one of them.
        auto add = [&](const std::string &answer) {
          if (std::find(c.answers.begin(), c.answers.end(), answer) == c.answers.end())
            c.answers.push_back(answer);
        };
        for (const json &a : q.at("answers"))
          add(a.at("id").get<std::string>());
        for (const json &r : q.value("redirects", json::array()))
          add(r.at("answer").get<std::string>());
      } else if (type == "number") {
        c.ranges.emplace_back(q.at("min").get<std::int64_t>(), q.at("max").get<std::int64_t>());
      }
    }
    for (const json &d : p.at("decisions")) {
      std::string id = d.at("id").get<std::string>();
      if (!outcomes_.count(id)) {
        if (id == main_)
          decisions_.insert(decisions_.begin(), id);
        else
          decisions_.push_back(id);
        decisionText_[id] = d.value("text", "");
      }
      auto &known = outcomes_[id];
      for (const json &o : d.at("outcomes")) {
        std::string outcome = o.at("id").get<std::string>();
        if (std::find(known.begin(), known.end(), outcome) == known.end())
          known.push_back(outcome);
        outcomeText_.try_emplace(id + "\n" + outcome, o.value("text", ""));
      }
    }
  }

  /// The unary test of one edge's answers; `redirected`: by answer, the old answers this
  /// period takes as that answer (export.md, "Old answers").
  std::string cell(const Column &c, const json &answers,
                   const std::map<std::string, std::vector<std::string>> &redirected) const {
    if (c.type == "yes/no") {
      std::set<std::string> v;
      for (const json &a : answers)
        v.insert(a.get<std::string>());
      return v.size() == 2 ? "-" : (*v.begin() == "yes" ? "true" : "false");
    }
    if (c.type == "number") {
      std::vector<std::pair<std::int64_t, std::int64_t>> v;
      for (const json &a : answers)
        v.emplace_back(a.get<std::int64_t>(), a.get<std::int64_t>());
      return feelRanges(v);
    }
    std::string out;
    for (const json &a : answers) {
      out += (out.empty() ? "" : ",") + feelString(a.get<std::string>());
      if (auto it = redirected.find(a.get<std::string>()); it != redirected.end())
        for (const std::string &old : it->second)
          out += "," + feelString(old);
    }
    return out;
  }

  void rows(const json &p) {
    std::map<std::int64_t, const json *> nodes;
    for (const json &n : p.at("nodes"))
      nodes[n.at("id").get<std::int64_t>()] = &n;
    std::map<std::string, std::map<std::string, std::vector<std::string>>> redirected;
    for (const json &q : p.at("questions"))
      for (const json &r : q.value("redirects", json::array()))
        redirected[q.at("id").get<std::string>()][r.at("by").get<std::string>()].push_back(
            r.at("answer").get<std::string>());
    // The paths counted first (a DAG's paths can be many more than its nodes): a tree of too
    // many is refused before its rules are written.
    std::map<std::int64_t, std::size_t> paths;
    std::function<std::size_t(std::int64_t)> count = [&](std::int64_t id) -> std::size_t {
      if (auto known = paths.find(id); known != paths.end())
        return known->second;
      auto it = nodes.find(id);
      if (it == nodes.end())
        throw std::runtime_error("node " + std::to_string(id) + " is missing from the export");
      std::size_t n = it->second->contains("leaf") ? 1 : 0;
      if (!n)
        for (const json &e : it->second->at("edges"))
          n = std::min(n + count(e.at("next").get<std::int64_t>()), kMaxRows + 1);
      return paths[id] = n;
    };
    if (rows_.size() + count(p.at("root").get<std::int64_t>()) > kMaxRows)
      throw std::runtime_error(
          tr("export.dmn.too_many_paths", {{"limit", std::to_string(kMaxRows)}}));
    Row base;
    base.periodFrom = periodEnd(p, "from");
    if (dated_) {
      std::string from = base.periodFrom.empty() ? "" : feelDate(base.periodFrom);
      std::string until = periodEnd(p, "until").empty() ? "" : feelDate(periodEnd(p, "until"));
      base.period = from.empty() && until.empty() ? "-"
                    : until.empty()               ? ">= " + from
                    : from.empty()                ? "< " + until
                                                  : "[" + from + ".." + until + ")";
    }
    // Depth first, edges in their order: the rules follow the tree as `md` prints it.
    std::vector<std::pair<std::int64_t, Row>> stack{{p.at("root").get<std::int64_t>(), base}};
    while (!stack.empty()) {
      auto [id, row] = std::move(stack.back());
      stack.pop_back();
      auto it = nodes.find(id);
      if (it == nodes.end())
        throw std::runtime_error("node " + std::to_string(id) + " is missing from the export");
      const json &n = *it->second;
      if (n.contains("leaf")) {
        row.leaf = &n.at("leaf");
        rows_.push_back(std::move(row));
        continue;
      }
      const Column &c = columns_[columnOf_.at(n.at("question").get<std::string>())];
      const json &edges = n.at("edges");
      for (auto e = edges.rbegin(); e != edges.rend(); ++e) {
        Row next = row;
        next.cells[c.id] = cell(c, e->at("answers"), redirected[c.id]);
        stack.emplace_back(e->at("next").get<std::int64_t>(), std::move(next));
      }
    }
  }

  std::string outputName(const std::string &wanted) const {
    std::string name = wanted;
    while (outcomes_.count(name) || columnOf_.count(name))
      name += "_";
    return name;
  }

  std::string dateInputName() const { return outputName("peildatum"); }

  std::string render() const {
    const json &first = *periods_.front();
    std::string rs = first.at("ruleset").at("id").get<std::string>();
    std::string version = first.at("ruleset").at("version").get<std::string>();
    std::string title = first.at("ruleset").value("title", rs);
    bool verified = true;
    for (const json *p : periods_)
      verified = verified && p->value("verification", json::object()).value("verified", false);
    std::string out;
    auto attr = [](const std::string &s) { return escapeMarkup(s); };
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += std::string("<definitions xmlns=\"") + kDmn13 + "\" id=\"wegwijzer_" + attr(rs) +
           "\" name=\"" + attr(title) + "\" namespace=\"urn:wegwijzer:" + attr(rs) + ":" +
           attr(version) + "\" exporter=\"wegwijzer\" exporterVersion=\"" +
           attr(doc_.value("tool", first.value("tool", json::object())).value("version", "")) +
           "\">\n";
    std::string description = first.contains("date") && first.at("date").is_object()
                                  ? first.at("date").value("statement", "")
                                  : "";
    if (dated_) {
      const json &span = doc_.at("span");
      description = "Alle " + std::to_string(periods_.size()) + " perioden van " + rs + ", " +
                    (span.at("from").is_string() ? "van " + span.at("from").get<std::string>()
                                                 : "van het begin") +
                    (span.at("until").is_string() ? " tot " + span.at("until").get<std::string>()
                                                  : " tot heden") +
                    ": de invoer " + dateInputName() + " kiest de periode.";
    }
    description +=
        verified
            ? " Uit de geverifieerde beslisboom van wegwijzer (inhoudsversie " + version + ")."
            : " NIET GEVERIFIEERD: uitgevoerd met --unverified (inhoudsversie " + version + ").";
    out += "  <description>" + content(description) + "</description>\n";

    // Inputs: the date (history), then every question in the author's order.
    auto inputData = [&](const std::string &id, const std::string &text, const std::string &type) {
      out += "  <inputData id=\"input_" + attr(id) + "\" name=\"" + attr(id) + "\">\n";
      if (!text.empty())
        out += "    <description>" + content(text) + "</description>\n";
      out += "    <variable id=\"input_" + attr(id) + "_variable\" name=\"" + attr(id) +
             "\" typeRef=\"" + type + "\"/>\n  </inputData>\n";
    };
    auto typeOf = [](const Column &c) {
      return c.type == "yes/no" ? "boolean" : c.type == "number" ? "number" : "string";
    };
    const std::string dateInput = dateInputName();
    if (dated_)
      inputData(dateInput, "De datum waarvoor het antwoord geldt.", "date");
    for (const Column &c : columns_)
      inputData(c.id, c.text, typeOf(c));

    std::string table = "decision_" + main_;
    out += "  <decision id=\"" + attr(table) + "\" name=\"" + attr(main_) + "\">\n";
    if (!decisionText_.at(main_).empty())
      out += "    <question>" + content(decisionText_.at(main_)) + "</question>\n";
    out += "    <variable id=\"" + attr(table) + "_variable\" name=\"" + attr(main_) + "\"/>\n";
    auto requirement = [&](const std::string &id) {
      out += "    <informationRequirement id=\"" + attr(table) + "_requires_" + attr(id) +
             "\">\n      <requiredInput href=\"#input_" + attr(id) +
             "\"/>\n    </informationRequirement>\n";
    };
    if (dated_)
      requirement(dateInput);
    for (const Column &c : columns_)
      requirement(c.id);
    out += "    <decisionTable id=\"" + attr(table) + "_table\" hitPolicy=\"UNIQUE\">\n";
    auto input = [&](const std::string &id, const std::string &label, const std::string &type,
                     const std::string &values) {
      out += "      <input id=\"" + attr(table) + "_in_" + attr(id) + "\" label=\"" +
             attr(label.empty() ? id : label) + "\">\n        <inputExpression id=\"" +
             attr(table) + "_in_" + attr(id) + "_expression\" typeRef=\"" + type +
             "\">\n          <text>" + content(id) + "</text>\n        </inputExpression>\n";
      if (!values.empty())
        out += "        <inputValues id=\"" + attr(table) + "_in_" + attr(id) +
               "_values\">\n          <text>" + content(values) +
               "</text>\n        </inputValues>\n";
      out += "      </input>\n";
    };
    if (dated_)
      input(dateInput, "Peildatum", "date", "");
    for (const Column &c : columns_) {
      std::string values;
      if (c.type == "one of")
        for (const std::string &a : c.answers)
          values += (values.empty() ? "" : ",") + feelString(a);
      else if (c.type == "number")
        values = feelRanges(c.ranges);
      input(c.id, c.text, typeOf(c), values);
    }
    // Outputs: every decision's outcome (main first), the obligations, the citations and the
    // deciding rules.
    const std::string obligations = outputName("verplichtingen"), citations = outputName("bronnen"),
                      rules = outputName("regels");
    auto output = [&](const std::string &name, const std::string &label, const char *type,
                      const std::string &values) {
      out += "      <output id=\"" + attr(table) + "_out_" + attr(name) + "\" label=\"" +
             attr(label.empty() ? name : label) + "\" name=\"" + attr(name) + "\"" +
             (type ? std::string(" typeRef=\"") + type + "\"" : "");
      if (values.empty()) {
        out += "/>\n";
        return;
      }
      out += ">\n        <outputValues id=\"" + attr(table) + "_out_" + attr(name) +
             "_values\">\n          <text>" + content(values) +
             "</text>\n        </outputValues>\n      </output>\n";
    };
    for (const std::string &d : decisions_) {
      std::string values;
      for (const std::string &o : outcomes_.at(d))
        values += (values.empty() ? "" : ",") + feelString(o);
      output(d, decisionText_.at(d), "string", values);
    }
    output(obligations, "Verplichtingen (wat u vastlegt en doet)", nullptr, "");
    output(citations, "Bronnen", nullptr, "");
    output(rules, "Regels die besloten (regelset:regel:periode)", nullptr, "");

    std::set<std::string> ids;
    for (const Row &row : rows_) {
      const json &leaf = *row.leaf;
      std::vector<std::string> cells;
      if (dated_)
        cells.push_back(row.period);
      for (const Column &c : columns_) {
        auto it = row.cells.find(c.id);
        cells.push_back(it == row.cells.end() ? "-" : it->second);
      }
      // The rule's id: a hash of its period and its input entries, so it stays the same as
      // long as the path does (NCName: DMN ids are XML ids).
      std::string key = row.periodFrom;
      for (std::size_t i = 0; i < columns_.size(); ++i)
        key += "\n" + columns_[i].id + "=" + cells[cells.size() - columns_.size() + i];
      std::string id = "rule_" + sha256Hex(key).substr(0, 16);
      if (!ids.insert(id).second)
        throw std::runtime_error("two rules of the table have the same inputs");
      out += "      <rule id=\"" + id + "\">\n";
      std::string outcome = leaf.contains("outcome") && leaf.at("outcome").is_string()
                                ? leaf.at("outcome").get<std::string>()
                                : "";
      if (!outcome.empty())
        out += "        <description>" + content(outcomeText_.at(main_ + "\n" + outcome)) +
               "</description>\n";
      for (std::size_t i = 0; i < cells.size(); ++i)
        out += "        <inputEntry id=\"" + id + "_in_" + std::to_string(i + 1) +
               "\">\n          <text>" + content(cells[i]) + "</text>\n        </inputEntry>\n";
      std::vector<std::string> values;
      const json &decided = leaf.at("decisions");
      for (const std::string &d : decisions_)
        values.push_back(decided.contains(d) && decided.at(d).is_string()
                             ? feelString(decided.at(d).get<std::string>())
                             : "null");
      std::vector<std::string> list;
      for (const json &o : leaf.at("obligations"))
        list.push_back(o.get<std::string>());
      values.push_back(feelList(list));
      list.clear();
      for (const json &c : leaf.at("citations"))
        list.push_back(c.value("title", c.value("source", "")) + ", " + c.value("locator", ""));
      values.push_back(feelList(list));
      list.clear();
      for (const json &r : leaf.at("rules"))
        list.push_back(rs + ":" + r.get<std::string>() +
                       (row.periodFrom.empty() ? "" : ":" + row.periodFrom));
      values.push_back(feelList(list));
      for (std::size_t i = 0; i < values.size(); ++i)
        out += "        <outputEntry id=\"" + id + "_out_" + std::to_string(i + 1) +
               "\">\n          <text>" + content(values[i]) + "</text>\n        </outputEntry>\n";
      out += "      </rule>\n";
    }
    out += "    </decisionTable>\n  </decision>\n</definitions>\n";
    return out;
  }
};

} // namespace

std::string toDmn(const json &doc) { return Writer(doc).write(); }

} // namespace ww::exp
