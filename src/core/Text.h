// Text helpers shared by every layer: UTF-8 validation, slugs, trimming, dates.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace kring {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// A URL- and index-safe key for a title: lowercase ASCII letters, digits and single '-',
// accents folded ("Zaalreservatie — Recreatex" → "zaalreservatie-recreatex", "Café" → "cafe").
// Empty when the title has no letter or digit.
std::string Slugify(std::string_view title);

// True when `slug` is what Slugify produces for some input (non-empty, [a-z0-9-], no leading,
// trailing or double '-'), at most 200 bytes.
bool IsValidSlug(std::string_view slug);

// Lowercases ASCII letters and the Latin-1 accented capitals in UTF-8 (É → é).
std::string ToLower(std::string_view s);

std::string Trim(std::string_view s);

// `s` with & < > " ' replaced by entities: safe inside element text and inside a quoted
// attribute value (and in XML).
std::string EscapeHtml(std::string_view s);

// `s` with every byte outside the URL "unreserved" set (A-Z a-z 0-9 - . _ ~) written as %XX,
// so the result is one opaque path segment, query value or fragment: it cannot end an
// attribute, start a new query parameter or change the scheme. UTF-8 is encoded byte by byte.
std::string PercentEncode(std::string_view s);

// True for "YYYY-MM-DD" naming a real calendar day (2024-02-29 yes, 2023-02-29 no).
bool IsIsoDate(std::string_view s);

// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string NowUtc();
// A point in time as UTC "YYYY-MM-DDTHH:MM:SSZ" (seconds truncated), as NowUtc writes it.
std::string FormatUtc(std::chrono::system_clock::time_point time);

// `value` with one decimal as `lang` writes it: "1,5" in Dutch ("nl"), "1.5" otherwise.
std::string FormatDecimal(double value, std::string_view lang);

}  // namespace kring
