// TopicCountSpy: the topic facet. A page may have several topics, all kept in one value slot
// (Prefixes.h kTopicsSlot, joined by kTopicSeparator); Xapian's ValueCountMatchSpy would count
// each joined string as one value, so this spy splits the slot and counts every topic.
//
// Internal to search/. Not thread-safe: one per Enquire, like any MatchSpy.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>

namespace kring::search {

class TopicCountSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override;
  std::string name() const override;
  std::string get_description() const override;

  // Matching documents per topic slug, over every document the match looked at (all of them
  // when get_mset's checkatleast is at least the number of matches).
  const std::map<std::string, int64_t>& counts() const { return counts_; }

 private:
  std::map<std::string, int64_t> counts_;
};

}  // namespace kring::search
