// AtomFeed: writes an Atom 1.0 feed (RFC 4287) with pugixml, so that every piece of text is
// escaped by the XML writer rather than by hand. The caller supplies what the RFC requires:
// ids (IRIs), titles, RFC 3339 times, absolute links; entry content is HTML, written as
// type="html" (escaped once more by the XML writer, as the RFC wants it). Characters XML 1.0
// forbids (control characters other than tab and line breaks) are replaced by U+FFFD.
// Thread-safe (no state).
#pragma once

#include <string>
#include <vector>

namespace kring {

struct AtomEntry {
  std::string id;            // a stable IRI, e.g. a tag: URI
  std::string title;         // plain text
  std::string updated;       // RFC 3339, "2013-06-13T10:00:00Z"
  std::string link;          // absolute URL of the entry's page (rel="alternate")
  std::string author;        // name
  std::string summary;       // plain text; omitted when empty
  std::string content_html;  // HTML; omitted when empty
};

struct AtomFeedData {
  std::string id;             // a stable IRI
  std::string title;          // plain text
  std::string lang;           // xml:lang, "nl"
  std::string updated;        // RFC 3339
  std::string self_url;       // absolute URL of the feed itself (rel="self")
  std::string alternate_url;  // absolute URL of the HTML page it mirrors (rel="alternate")
  std::string author;         // the feed's author name (entries have their own)
  std::string generator_version;
  std::vector<AtomEntry> entries;
};

// The feed as an XML document in UTF-8, with an XML declaration.
std::string WriteAtomFeed(const AtomFeedData& feed);

}  // namespace kring
