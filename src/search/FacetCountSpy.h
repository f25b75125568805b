// FacetCountSpy: the kind, topic, type, year, organisation and application facets, counted in
// one pass over the matches.
//
// Why not Xapian's ValueCountMatchSpy: a page may have several topics, all kept in one value
// slot (Prefixes.h kTopicsSlot, joined by kTopicSeparator), which it would count as one value;
// and a file has one document per section while a search shows each file once (collapsed on
// kFileSlot), so each file must count once too, not once per matching slide. Documents without
// a value in a slot (pages have no type) are not counted in that facet.
//
// Internal to search/. Not thread-safe: one per Enquire, like any MatchSpy.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace kring::search {

// Counts by key of "key name" values (key up to kOrganisationSeparator), remembering how often
// each key was spelled each way, so a facet can show a name without reading SQLite.
class NamedCounts {
 public:
  void Count(const std::string& value);
  const std::map<std::string, int64_t>& counts() const { return counts_; }
  // The spelling most of the key's matches carry (the smallest of equally common ones); the key
  // itself when it was not counted.
  std::string Name(const std::string& key) const;
  size_t size() const { return counts_.size(); }

 private:
  std::map<std::string, int64_t> counts_;
  std::map<std::string, std::map<std::string, int64_t>> names_;  // key → spellings
};

class FacetCountSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override;
  std::string name() const override;
  std::string get_description() const override;

  // Matching pages and files per value, over every document the match looked at (all of them
  // when get_mset's checkatleast is at least the number of matches).
  const std::map<std::string, int64_t>& kinds() const { return kinds_; }
  const std::map<std::string, int64_t>& topics() const { return topics_; }
  const std::map<std::string, int64_t>& types() const { return types_; }
  // "2013": the year of kDateSlot (the same year as the document's kYearPrefix term).
  const std::map<std::string, int64_t>& years() const { return years_; }
  // Pages and files looked at (each file once).
  int64_t seen() const { return seen_; }
  // By organisation key (the kOrganisationSlot value up to kOrganisationSeparator).
  const std::map<std::string, int64_t>& organisations() const { return organisations_.counts(); }
  // The name to show for an organisation key (NamedCounts::Name).
  std::string OrganisationName(const std::string& key) const { return organisations_.Name(key); }
  // By application key (each entry of kApplicationsSlot up to kOrganisationSeparator): a page
  // tagged with two applications counts once under each.
  const std::map<std::string, int64_t>& applications() const { return applications_.counts(); }
  std::string ApplicationName(const std::string& key) const { return applications_.Name(key); }

 private:
  std::set<std::string> files_seen_;  // kFileSlot values already counted
  int64_t seen_ = 0;
  std::map<std::string, int64_t> kinds_;
  std::map<std::string, int64_t> topics_;
  std::map<std::string, int64_t> types_;
  std::map<std::string, int64_t> years_;
  NamedCounts organisations_;
  NamedCounts applications_;
};

}  // namespace kring::search
