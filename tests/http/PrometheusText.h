// PrometheusText: a strict reader of the Prometheus text exposition format 0.0.4, as a scraper
// (or `promtool check metrics`) reads it: names, labels and values checked, every family typed
// once before its samples, a family's samples together, no sample twice, and histograms whose
// buckets grow and end in +Inf equal to their count. Throws std::runtime_error naming the line.
#pragma once

#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

namespace kring::testing {

struct PrometheusSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct PrometheusText {
  std::map<std::string, std::string> types;  // family -> counter, gauge, histogram...
  std::vector<PrometheusSample> samples;

  // The value of the sample `name` with exactly `labels`; NaN when absent.
  double Value(const std::string& name,
               const std::map<std::string, std::string>& labels = {}) const {
    for (const auto& s : samples) {
      if (s.name == name && s.labels == labels) return s.value;
    }
    return std::nan("");
  }
};

inline double ParsePrometheusValue(const std::string& text) {
  if (text == "+Inf") return INFINITY;
  if (text == "-Inf") return -INFINITY;
  if (text == "NaN") return NAN;
  static const std::regex kNumber(R"([-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)");
  if (!std::regex_match(text, kNumber)) throw std::runtime_error("bad value: " + text);
  return std::stod(text);
}

inline PrometheusText ParsePrometheusText(const std::string& body) {
  static const std::regex kName(R"([a-zA-Z_:][a-zA-Z0-9_:]*)");
  static const std::regex kLabelName(R"([a-zA-Z_][a-zA-Z0-9_]*)");
  static const std::set<std::string> kTypes = {"counter", "gauge", "histogram", "summary",
                                               "untyped"};
  PrometheusText out;
  std::set<std::string> seen_samples;
  std::set<std::string> finished_families;
  std::string current_family;
  std::istringstream in(body);
  std::string line;
  int number = 0;
  auto fail = [&](const std::string& why) {
    throw std::runtime_error("line " + std::to_string(number) + ": " + why + ": " + line);
  };
  auto family_of = [&](const std::string& name) {
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      const std::string s = suffix;
      if (name.size() > s.size() && name.ends_with(s)) {
        const std::string base = name.substr(0, name.size() - s.size());
        auto it = out.types.find(base);
        if (it != out.types.end() && (it->second == "histogram" || it->second == "summary")) {
          return base;
        }
      }
    }
    return name;
  };
  if (!body.empty() && body.back() != '\n') throw std::runtime_error("no final newline");
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    if (line[0] == '#') {
      std::istringstream words(line.substr(1));
      std::string keyword, name;
      words >> keyword >> name;
      if (keyword != "HELP" && keyword != "TYPE") continue;  // a comment
      if (!std::regex_match(name, kName)) fail("bad metric name");
      if (keyword == "TYPE") {
        std::string type, extra;
        words >> type;
        if (!kTypes.count(type) || (words >> extra)) fail("bad type");
        if (out.types.count(name)) fail("second TYPE");
        if (finished_families.count(name) || name == current_family) fail("TYPE after samples");
        out.types[name] = type;
      }
      continue;
    }
    PrometheusSample sample;
    size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
    sample.name = line.substr(0, i);
    if (!std::regex_match(sample.name, kName)) fail("bad metric name");
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (i < line.size() && line[i] != '}') {
        const size_t eq = line.find('=', i);
        if (eq == std::string::npos) fail("label without =");
        const std::string label = line.substr(i, eq - i);
        if (!std::regex_match(label, kLabelName)) fail("bad label name");
        i = eq + 1;
        if (i >= line.size() || line[i] != '"') fail("unquoted label value");
        std::string value;
        for (++i; i < line.size() && line[i] != '"'; ++i) {
          if (line[i] == '\\') {
            if (++i >= line.size()) fail("bad escape");
            const char c = line[i];
            if (c == 'n')
              value += '\n';
            else if (c == '\\' || c == '"')
              value += c;
            else
              fail("bad escape");
          } else {
            value += line[i];
          }
        }
        if (i >= line.size()) fail("unterminated label value");
        ++i;  // the closing quote
        if (!sample.labels.emplace(label, value).second) fail("label twice");
        if (i < line.size() && line[i] == ',') ++i;
      }
      if (i >= line.size()) fail("unterminated labels");
      ++i;  // '}'
    }
    if (i >= line.size() || line[i] != ' ') fail("no value");
    std::istringstream rest(line.substr(i + 1));
    std::string value, timestamp, extra;
    rest >> value >> timestamp >> extra;
    if (!extra.empty()) fail("trailing text");
    try {
      sample.value = ParsePrometheusValue(value);
    } catch (const std::exception&) {
      fail("bad value");
    }
    const std::string family = family_of(sample.name);
    if (family != current_family) {
      if (finished_families.count(family)) fail("family not together");
      if (!current_family.empty()) finished_families.insert(current_family);
      current_family = family;
    }
    std::ostringstream key;
    key << sample.name;
    for (const auto& [k, v] : sample.labels) key << '\x1f' << k << '=' << v;
    if (!seen_samples.insert(key.str()).second) fail("sample twice");
    out.samples.push_back(std::move(sample));
  }
  // Histograms: per label set (le aside), buckets cumulative, +Inf present and equal to _count.
  for (const auto& [family, type] : out.types) {
    if (type != "histogram") continue;
    std::map<std::map<std::string, std::string>, std::vector<std::pair<double, double>>> buckets;
    for (const auto& s : out.samples) {
      if (s.name != family + "_bucket") continue;
      auto labels = s.labels;
      auto le = labels.find("le");
      if (le == labels.end()) throw std::runtime_error(family + ": bucket without le");
      const double bound = ParsePrometheusValue(le->second);
      labels.erase(le);
      buckets[labels].emplace_back(bound, s.value);
    }
    for (auto& [labels, list] : buckets) {
      double last_bound = -INFINITY, last_count = 0;
      for (const auto& [bound, count] : list) {
        if (bound <= last_bound || count < last_count) {
          throw std::runtime_error(family + ": buckets not increasing");
        }
        last_bound = bound;
        last_count = count;
      }
      if (!std::isinf(last_bound)) throw std::runtime_error(family + ": no +Inf bucket");
      if (out.Value(family + "_count", labels) != last_count) {
        throw std::runtime_error(family + ": +Inf bucket differs from _count");
      }
      if (std::isnan(out.Value(family + "_sum", labels))) {
        throw std::runtime_error(family + ": no _sum");
      }
    }
  }
  return out;
}

}  // namespace kring::testing
