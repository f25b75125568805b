#include "search/FacetCountSpy.h"

#include <memory>
#include <string_view>

#include "search/Prefixes.h"

namespace kring::search {

void FacetCountSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  const std::string file = doc.get_value(kFileSlot);
  if (!file.empty() && !files_seen_.insert(file).second) return;  // another section of it
  ++seen_;

  if (std::string kind = doc.get_value(kKindSlot); !kind.empty()) ++kinds_[kind];
  if (std::string type = doc.get_value(kTypeSlot); !type.empty()) ++types_[type];
  if (std::string day = doc.get_value(kDateSlot); day.size() >= 4) ++years_[day.substr(0, 4)];
  if (std::string organisation = doc.get_value(kOrganisationSlot); !organisation.empty()) {
    CountOrganisation(organisation);
  }

  const std::string joined = doc.get_value(kTopicsSlot);
  std::string_view rest = joined;
  while (!rest.empty()) {
    size_t end = rest.find(kTopicSeparator);
    std::string_view topic = rest.substr(0, end);
    if (!topic.empty()) ++topics_[std::string(topic)];
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
}

void FacetCountSpy::CountOrganisation(const std::string& value) {
  const size_t end = value.find(kOrganisationSeparator);
  const std::string key = value.substr(0, end);
  ++organisations_[key];
  ++organisation_names_[key][end == std::string::npos ? key : value.substr(end + 1)];
}

std::string FacetCountSpy::OrganisationName(const std::string& key) const {
  auto names = organisation_names_.find(key);
  if (names == organisation_names_.end() || names->second.empty()) return key;
  auto most = names->second.begin();
  for (auto it = names->second.begin(); it != names->second.end(); ++it) {
    if (it->second > most->second) most = it;  // strictly more: the smallest name wins ties
  }
  return most->first;
}

Xapian::MatchSpy* FacetCountSpy::clone() const {
  // Xapian owns clones (it deletes them); only remote backends ask for one.
  return std::make_unique<FacetCountSpy>().release();
}

std::string FacetCountSpy::name() const { return "kring.FacetCountSpy"; }

std::string FacetCountSpy::get_description() const {
  return "FacetCountSpy(" + std::to_string(kinds_.size()) + " kinds, " +
         std::to_string(topics_.size()) + " topics, " + std::to_string(types_.size()) + " types, " +
         std::to_string(years_.size()) + " years, " + std::to_string(organisations_.size()) +
         " organisations)";
}

}  // namespace kring::search
