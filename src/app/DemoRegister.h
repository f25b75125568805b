// DemoRegister: the register a fresh installation starts with, beside the demo pages: the
// circle's organisations (Oostrozebeke, Roeselare, Izegem and their neighbours), the
// applications the demo pages name (Recreatex, Agility, SharePoint, Dynamics CRM, Drupal), and
// who uses which, with a Dutch experience note. Matches demo/26-toepassingen.md.
#pragma once

#include "core/RegisterService.h"
#include "core/Result.h"

namespace kring {

// Saves the demo register as the administrator "kring". Saving again updates the same
// entries. Errors: the service's first refusal (the embedded data is broken).
Status SeedDemoRegister(RegisterService& registry);

}  // namespace kring
