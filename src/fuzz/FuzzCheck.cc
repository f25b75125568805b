#include "fuzz/FuzzCheck.h"

#include <cstdlib>
#include <iostream>

namespace kring::fuzz {

void Require(bool holds, std::string_view what) {
  if (holds) return;
  std::cerr << "fuzz contract broken: " << what << std::endl;
  std::abort();
}

}  // namespace kring::fuzz
