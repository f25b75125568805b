// Resources: the files of templates/, index/ and demo/, embedded in the binary at build time.
// Setting KRING_RESOURCES=DIR (a checkout's root) reads them from disk instead, so templates
// can be edited without rebuilding.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kring {

// The content of a resource by its path relative to the repository root
// ("templates/page.mustache"); nullopt when there is no such resource.
std::optional<std::string> LoadResource(std::string_view path);

// Paths of the resources under a folder ("demo/"), sorted.
std::vector<std::string> ListResources(std::string_view folder);

}  // namespace kring
