#include "search/TopicCountSpy.h"

#include <memory>
#include <string_view>

#include "search/Prefixes.h"

namespace kring::search {

void TopicCountSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  const std::string joined = doc.get_value(kTopicsSlot);
  std::string_view rest = joined;
  while (!rest.empty()) {
    size_t end = rest.find(kTopicSeparator);
    std::string_view topic = rest.substr(0, end);
    if (!topic.empty()) ++counts_[std::string(topic)];
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
}

Xapian::MatchSpy* TopicCountSpy::clone() const {
  // Xapian owns clones (it deletes them); only remote backends ask for one.
  return std::make_unique<TopicCountSpy>().release();
}

std::string TopicCountSpy::name() const { return "kring.TopicCountSpy"; }

std::string TopicCountSpy::get_description() const {
  return "TopicCountSpy(" + std::to_string(counts_.size()) + " topics)";
}

}  // namespace kring::search
