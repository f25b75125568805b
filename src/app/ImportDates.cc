#include "app/ImportDates.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <sstream>

#include "app/ImportLinks.h"
#include "core/Text.h"

namespace kring {
namespace {

constexpr size_t npos = std::string_view::npos;

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Three numbers joined by one kind of separator ('-', '/' or '.'), with their digit counts.
bool DateParts(std::string_view s, std::array<int, 3>& parts, std::array<size_t, 3>& widths) {
  size_t i = 0;
  char separator = 0;
  for (size_t k = 0; k < 3; ++k) {
    if (k > 0) {
      if (i >= s.size() || std::string_view("-/.").find(s[i]) == npos) return false;
      if (separator != 0 && s[i] != separator) return false;
      separator = s[i++];
    }
    const size_t start = i;
    parts[k] = 0;
    while (i < s.size() && IsDigit(s[i]) && i - start < 4) {
      parts[k] = parts[k] * 10 + (s[i++] - '0');
    }
    widths[k] = i - start;
    if (widths[k] == 0) return false;
  }
  return i == s.size();
}

int DutchMonth(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"januari",   "februari", "maart",    "april",
                                                 "mei",       "juni",     "juli",     "augustus",
                                                 "september", "oktober",  "november", "december"};
  const std::string lower = ToLower(word);
  for (int m = 0; m < 12; ++m) {
    if (lower == kMonths[m]) return m + 1;
  }
  return 0;
}

std::string IsoIfValid(int year, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return {};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return {};
  char buf[32];  // room for any int, though DateParts reads at most four digits
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

}  // namespace

std::string NormalizeDate(std::string_view raw) {
  const std::string s = Trim(raw);
  std::string_view date = s;
  std::array<int, 3> parts{};
  std::array<size_t, 3> widths{};
  // A time after the date ("2018-06-20 10:00", "2018-06-20T10:00:00Z") is dropped.
  if (const size_t cut = date.find_first_of(" T"); cut != npos) {
    const std::string_view time = date.substr(cut + 1);
    if (!time.empty() && IsDigit(time[0]) && time.find(':') != npos) date = date.substr(0, cut);
  }
  if (DateParts(date, parts, widths)) {
    const auto [a, b, c] = parts;
    if (widths[0] == 4 && widths[1] <= 2 && widths[2] <= 2) return IsoIfValid(a, b, c);
    if (widths[2] == 4 && widths[0] <= 2 && widths[1] <= 2) return IsoIfValid(c, b, a);
    return {};
  }
  std::istringstream words{std::string(date)};  // "20 juni 2018"
  std::string day, month, year, rest;
  if (words >> day >> month >> year && !(words >> rest) && day.size() <= 2 && year.size() == 4 &&
      std::all_of(day.begin(), day.end(), IsDigit) &&
      std::all_of(year.begin(), year.end(), IsDigit)) {
    return IsoIfValid(std::stoi(year), DutchMonth(month), std::stoi(day));
  }
  return {};
}

std::string DateFromFileName(std::string_view relative_path) {
  std::string_view name = SplitPath(relative_path, '/').back();
  if (name.size() >= 10 && (name.size() == 10 || !IsDigit(name[10]))) {
    if (std::string iso = NormalizeDate(name.substr(0, 10)); !iso.empty()) return iso;
  }
  if (name.size() >= 8 && std::all_of(name.begin(), name.begin() + 8, IsDigit) &&
      (name.size() == 8 || !IsDigit(name[8]))) {
    auto number = [&](size_t at, size_t n) { return std::stoi(std::string(name.substr(at, n))); };
    return IsoIfValid(number(0, 4), number(4, 2), number(6, 2));
  }
  return {};
}

}  // namespace kring
