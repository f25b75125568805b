#include "render/Sitemap.h"

#include "render/XmlWriting.h"

namespace kring {

std::string WriteSitemap(const std::vector<SitemapUrl>& urls) {
  pugi::xml_document doc = NewXmlDocument();

  pugi::xml_node urlset = doc.append_child("urlset");
  urlset.append_attribute("xmlns").set_value("http://www.sitemaps.org/schemas/sitemap/0.9");
  for (const SitemapUrl& url : urls) {
    pugi::xml_node node = urlset.append_child("url");
    node.append_child("loc").text().set(XmlText(url.loc).c_str());
    if (!url.lastmod.empty()) {
      node.append_child("lastmod").text().set(XmlText(url.lastmod).c_str());
    }
  }
  return XmlString(doc);
}

}  // namespace kring
