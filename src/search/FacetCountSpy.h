// FacetCountSpy: the kind, topic, type, year and organisation facets, counted in one pass over
// the matches.
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
  const std::map<std::string, int64_t>& organisations() const { return organisations_; }
  // The name to show for an organisation key: the spelling most of its matches carry (the
  // smallest of equally common ones); the key itself when it was not counted.
  std::string OrganisationName(const std::string& key) const;

 private:
  void CountOrganisation(const std::string& value);

  std::set<std::string> files_seen_;  // kFileSlot values already counted
  int64_t seen_ = 0;
  std::map<std::string, int64_t> kinds_;
  std::map<std::string, int64_t> topics_;
  std::map<std::string, int64_t> types_;
  std::map<std::string, int64_t> years_;
  std::map<std::string, int64_t> organisations_;
  std::map<std::string, std::map<std::string, int64_t>> organisation_names_;  // key → spellings
};

}  // namespace kring::search
