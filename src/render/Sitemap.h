// Sitemap: writes a sitemap (sitemaps.org protocol 0.9) with pugixml, like the Atom feed, so
// every URL is escaped by the XML writer. The caller lists only what may be public.
// Thread-safe (no state).
#pragma once

#include <string>
#include <vector>

namespace kring {

struct SitemapUrl {
  std::string loc;      // absolute URL
  std::string lastmod;  // W3C datetime ("2013-06-13T10:00:00Z"); omitted when empty
};

// The <urlset> document, UTF-8, with an XML declaration.
std::string WriteSitemap(const std::vector<SitemapUrl>& urls);

}  // namespace kring
