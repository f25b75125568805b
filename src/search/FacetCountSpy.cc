#include "search/FacetCountSpy.h"

#include <memory>
#include <string_view>

#include "search/Prefixes.h"

namespace kring::search {
namespace {

// Calls `each` with every non-empty part of `joined` between `separator`s.
template <typename Each>
void ForEachPart(const std::string& joined, char separator, Each each) {
  std::string_view rest = joined;
  while (!rest.empty()) {
    size_t end = rest.find(separator);
    if (std::string_view part = rest.substr(0, end); !part.empty()) each(part);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
}

}  // namespace

void FacetCountSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  const std::string file = doc.get_value(kFileSlot);
  if (!file.empty() && !files_seen_.insert(file).second) return;  // another section of it
  ++seen_;

  if (std::string kind = doc.get_value(kKindSlot); !kind.empty()) ++kinds_[kind];
  if (std::string type = doc.get_value(kTypeSlot); !type.empty()) ++types_[type];
  if (std::string day = doc.get_value(kDateSlot); day.size() >= 4) ++years_[day.substr(0, 4)];
  if (std::string organisation = doc.get_value(kOrganisationSlot); !organisation.empty()) {
    organisations_.Count(organisation);
  }
  ForEachPart(doc.get_value(kApplicationsSlot), kApplicationsSeparator,
              [&](std::string_view entry) { applications_.Count(std::string(entry)); });
  ForEachPart(doc.get_value(kTopicsSlot), kTopicSeparator,
              [&](std::string_view topic) { ++topics_[std::string(topic)]; });
}

void NamedCounts::Count(const std::string& value) {
  const size_t end = value.find(kOrganisationSeparator);
  const std::string key = value.substr(0, end);
  ++counts_[key];
  ++names_[key][end == std::string::npos ? key : value.substr(end + 1)];
}

std::string NamedCounts::Name(const std::string& key) const {
  auto names = names_.find(key);
  if (names == names_.end() || names->second.empty()) return key;
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
         " organisations, " + std::to_string(applications_.size()) + " applications)";
}

}  // namespace kring::search
