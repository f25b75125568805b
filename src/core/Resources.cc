#include "core/Resources.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace kring {

const std::map<std::string_view, std::string_view>& EmbeddedResources();  // generated

namespace {
const char* OverrideDir() {
  const char* dir = std::getenv("KRING_RESOURCES");
  return dir != nullptr && *dir != '\0' ? dir : nullptr;
}
}  // namespace

std::optional<std::string> LoadResource(std::string_view path) {
  if (path.find("..") != std::string_view::npos) return std::nullopt;
  if (const char* dir = OverrideDir()) {
    std::ifstream in(std::filesystem::path(dir) / path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }
  const auto& table = EmbeddedResources();
  auto it = table.find(path);
  if (it == table.end()) return std::nullopt;
  return std::string(it->second);
}

std::vector<std::string> ListResources(std::string_view folder) {
  std::vector<std::string> out;
  if (const char* dir = OverrideDir()) {
    std::filesystem::path root(dir);
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(root / folder, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file()) {
        out.push_back(std::filesystem::relative(it->path(), root).generic_string());
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  for (const auto& [path, data] : EmbeddedResources()) {
    if (path.substr(0, folder.size()) == folder) out.emplace_back(path);
  }
  return out;
}

}  // namespace kring
