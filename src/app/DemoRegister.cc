#include "app/DemoRegister.h"

namespace kring {
namespace {

struct DemoUsage {
  const char* organisation;
  const char* application;
  UsageInput usage;
};

}  // namespace

Status SeedDemoRegister(RegisterService& registry) {
  const RegisterActor seeder{"kring", Role::kAdmin, ""};
  const std::vector<Organisation> organisations = {
      {.name = "Gemeente Oostrozebeke",
       .type = "gemeente",
       .region = "Midwest",
       .website = "https://www.oostrozebeke.be"},
      {.name = "Stad Roeselare",
       .type = "gemeente",
       .region = "Midwest",
       .website = "https://www.roeselare.be"},
      {.name = "Stad Izegem",
       .type = "gemeente",
       .region = "Midwest",
       .website = "https://www.izegem.be"},
      {.name = "OCMW Izegem", .type = "OCMW", .region = "Midwest"},
      {.name = "Gemeente Wielsbeke",
       .type = "gemeente",
       .region = "Midwest",
       .website = "https://www.wielsbeke.be"},
      {.name = "Gemeente Ardooie",
       .type = "gemeente",
       .region = "Midwest",
       .website = "https://www.ardooie.be"},
      {.name = "Hulpverleningszone Midwest",
       .type = "hulpverleningszone",
       .region = "West-Vlaanderen"},
  };
  for (const Organisation& organisation : organisations) {
    Result<Organisation> saved = registry.SaveOrganisation(seeder, "", organisation);
    if (!saved.ok() && saved.error().code != ErrorCode::kConflict) return saved.error();
  }
  const std::vector<RegisteredApplication> applications = {
      {.name = "Recreatex",
       .supplier = "Syx",
       .domain = "zaalreservatie",
       .topics = {"Zaalreservatie"},
       .description = "Reservatie van zalen en sportinfrastructuur, met kassa en uitleendienst "
                      "(materiaalverhuur) als modules."},
      {.name = "Agility",
       .supplier = "Falck",
       .domain = "meldingen",
       .topics = {"Meldingen"},
       .description = "Meldingen en dispatching van interventies, met wagenparkbeheer."},
      {.name = "SharePoint",
       .supplier = "Microsoft",
       .domain = "intranet",
       .topics = {"Intranet"},
       .description = "Intranet en documentbeheer."},
      {.name = "Drupal",
       .supplier = "open source",
       .domain = "intranet",
       .topics = {"Intranet"},
       .description = "Intranet en website op een open-sourceplatform."},
      {.name = "Microsoft Dynamics CRM",
       .supplier = "Microsoft",
       .domain = "CRM",
       .topics = {"CRM"},
       .description = "Klantenbeheer over alle kanalen heen."},
  };
  for (const RegisteredApplication& application : applications) {
    Result<RegisteredApplication> saved = registry.SaveApplication(seeder, "", application);
    if (!saved.ok() && saved.error().code != ErrorCode::kConflict) return saved.error();
  }
  const std::vector<DemoUsage> usages = {
      {"stad-roeselare",
       "recreatex",
       {"2009", "zaalreservatie, kassa", "4",
        "Stabiel; maatwerk bij Syx is duur, dus samen onderhandelen loont.", "Dienst ICT"}},
      {"stad-izegem",
       "recreatex",
       {"2011", "zaalreservatie, uitleendienst", "3",
        "Goed voor de sporthal; de uitleendienst vraagt veel manueel werk.", "Dienst ICT"}},
      {"stad-roeselare",
       "microsoft-dynamics-crm",
       {"2011", "alle kanalen", "4", "Vooral een organisatieproject, de techniek volgt.", ""}},
      {"stad-roeselare", "sharepoint", {"2010", "2010", "3", "", ""}},
      {"stad-izegem",
       "sharepoint",
       {"2012", "2010", "4", "Intranet samen met het OCMW opgezet.", ""}},
      {"ocmw-izegem", "sharepoint", {"2012", "2010", "4", "Gedeeld met de stad.", ""}},
      {"gemeente-oostrozebeke",
       "drupal",
       {"2012", "7", "5", "Licht en goedkoop; een eigen webformulier voor meldingen.", ""}},
      {"gemeente-ardooie", "drupal", {"2012", "7", "4", "", ""}},
      {"hulpverleningszone-midwest",
       "agility",
       {"2014", "dispatching, wagenparkbeheer", "4",
        "Betrouwbaar bij interventies; de koppeling met het wagenpark kwam later.", ""}},
  };
  for (const DemoUsage& usage : usages) {
    Result<Usage> saved =
        registry.SaveUsage(seeder, usage.organisation, usage.application, usage.usage);
    if (!saved.ok()) return saved.error();
  }
  return Ok();
}

}  // namespace kring
