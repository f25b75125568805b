// AudienceSql: how the page lists leave out the pages an audience may not read. Every list joins
// `pages p` and adds kVisibleToAudience to its conditions, binding AudienceFlag(audience) to its
// one parameter, so limits and counts apply to what the audience sees.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/Visibility.h"

namespace kring::sqlite {

// True for a page row `p` that the audience bound to its parameter may read.
inline constexpr std::string_view kVisibleToAudience = "(p.visibility = 'public' OR ? = 1)";

// The value to bind to kVisibleToAudience's parameter: 1 for members, 0 for the public.
inline int64_t AudienceFlag(Audience audience) { return audience == Audience::kMembers ? 1 : 0; }

}  // namespace kring::sqlite
