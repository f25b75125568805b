// The register in SQLite through RegisterService: organisations, applications, usages and the
// change log, with the service's rules.
#include <doctest/doctest.h>

#include "StorageTesting.h"
#include "core/RegisterService.h"
#include "storage/SqliteRegisterStore.h"

namespace kring {
namespace {

using storage_testing::ErrorOf;
using storage_testing::TempDir;

struct Fixture {
  TempDir dir;
  std::unique_ptr<SqliteRegisterStore> store;
  std::unique_ptr<RegisterService> service;
  RegisterActor admin{"beheerder", Role::kAdmin, ""};
  Fixture() {
    auto opened = SqliteRegisterStore::Open((dir.path() / "kring.db").string());
    REQUIRE_MESSAGE(opened.ok(), ErrorOf(opened));
    store = std::move(opened).value();
    service = std::make_unique<RegisterService>(*store);
  }
};

TEST_CASE("an organisation, an application and a usage are stored with their change log") {
  Fixture f;
  auto org = f.service->SaveOrganisation(
      f.admin, "", Organisation{.name = "Stad Izegem", .type = "gemeente", .region = "Midwest"});
  REQUIRE_MESSAGE(org.ok(), ErrorOf(org));
  CHECK(org->slug == "stad-izegem");
  auto app = f.service->SaveApplication(f.admin, "",
                                        RegisteredApplication{.name = "Recreatex",
                                                              .supplier = "Syx",
                                                              .domain = "zaalreservatie",
                                                              .topics = {"vrije tijd", " sport "}});
  REQUIRE_MESSAGE(app.ok(), ErrorOf(app));
  CHECK(app->topics == std::vector<std::string>{"vrije tijd", "sport"});
  auto usage = f.service->SaveUsage(f.admin, "stad-izegem", "recreatex",
                                    UsageInput{"2019", "Kassa", "4", "Goed", "An"});
  REQUIRE_MESSAGE(usage.ok(), ErrorOf(usage));
  CHECK(usage->satisfaction == 4);
  CHECK(usage->supplier == "Syx");
  // Replacing the pair's record keeps one row.
  REQUIRE(
      f.service->SaveUsage(f.admin, "stad-izegem", "recreatex", UsageInput{"2019", "", "", "", ""})
          .ok());
  auto usages = f.service->Usages("", "recreatex");
  REQUIRE(usages.ok());
  REQUIRE(usages->size() == 1);
  CHECK_FALSE(usages->front().satisfaction.has_value());
  auto changes = f.service->Changes("stad-izegem", "");
  REQUIRE(changes.ok());
  REQUIRE(changes->size() == 3);
  CHECK(changes->front().kind == "usage");
  CHECK(changes->front().author == "beheerder");
  CHECK_FALSE(changes->front().at.empty());
  CHECK(changes->back().summary.find("name: Stad Izegem") != std::string::npos);
}

TEST_CASE("the rules refuse bad input and other organisations' editors") {
  Fixture f;
  REQUIRE(
      f.service->SaveOrganisation(f.admin, "", Organisation{.name = "OCMW Izegem", .type = "OCMW"})
          .ok());
  REQUIRE(f.service->SaveApplication(f.admin, "", RegisteredApplication{.name = "Agility"}).ok());
  auto bad_type =
      f.service->SaveOrganisation(f.admin, "", Organisation{.name = "X", .type = "bank"});
  REQUIRE_FALSE(bad_type.ok());
  CHECK(bad_type.error().message.find("gemeente") != std::string::npos);
  auto no_name = f.service->SaveApplication(f.admin, "", RegisteredApplication{.name = "  "});
  REQUIRE_FALSE(no_name.ok());
  CHECK(no_name.error().message.find("name") != std::string::npos);
  auto score =
      f.service->SaveUsage(f.admin, "ocmw-izegem", "agility", UsageInput{"", "", "6", "", ""});
  REQUIRE_FALSE(score.ok());
  CHECK(score.error().message.find("1 to 5") != std::string::npos);
  auto since = f.service->SaveUsage(f.admin, "ocmw-izegem", "agility",
                                    UsageInput{"vorig jaar", "", "", "", ""});
  REQUIRE_FALSE(since.ok());
  auto unknown = f.service->SaveUsage(f.admin, "gemeente-nergens", "agility", UsageInput{});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == ErrorCode::kNotFound);
  CHECK(unknown.error().message.find("gemeente-nergens") != std::string::npos);
  RegisterActor other{"jan", Role::kEditor, "Stad Roeselare"};
  RegisterActor own{"els", Role::kEditor, "OCMW Izegem"};
  CHECK(f.service
            ->SaveOrganisation(other, "ocmw-izegem",
                               Organisation{.name = "OCMW Izegem", .type = "OCMW"})
            .error()
            .code == ErrorCode::kForbidden);
  CHECK(f.service->SaveUsage(other, "ocmw-izegem", "agility", UsageInput{}).error().code ==
        ErrorCode::kForbidden);
  CHECK(f.service->SaveUsage(own, "ocmw-izegem", "agility", UsageInput{"2020", "", "3", "", ""})
            .ok());
  CHECK(f.service
            ->SaveApplication(other, "agility",
                              RegisteredApplication{.name = "Agility", .supplier = "Falck"})
            .ok());
  auto duplicate = f.service->SaveOrganisation(
      f.admin, "", Organisation{.name = "OCMW  Izegem", .type = "OCMW"});
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.error().code == ErrorCode::kConflict);
}

TEST_CASE("the average satisfaction counts only given scores and reads in the language") {
  std::vector<Usage> usages(3);
  usages[0].satisfaction = 4;
  usages[1].satisfaction = 2;
  CHECK(RegisterService::AverageSatisfaction(usages) == doctest::Approx(3.0));
  CHECK(RegisterService::FormatScore(3.0, "nl") == "3,0");
  CHECK(RegisterService::FormatScore(3.25, "en") == "3.2");
  CHECK_FALSE(RegisterService::AverageSatisfaction({}).has_value());
}

// Two organisations, two applications, one usage each of Recreatex.
void SeedSmall(Fixture& f) {
  for (const char* name : {"OCMW Izegem", "Hulpverleningszone Midwest"}) {
    auto org = f.service->SaveOrganisation(
        f.admin, "",
        Organisation{.name = name,
                     .type = name[0] == 'O' ? "OCMW" : "hulpverleningszone",
                     .region = "Midwest"});
    REQUIRE_MESSAGE(org.ok(), ErrorOf(org));
  }
  for (auto [name, supplier, domain] : {std::tuple{"Recreatex", "Syx", "zaalreservatie"},
                                        std::tuple{"Agility", "Falck", "incidentbeheer"}}) {
    auto app = f.service->SaveApplication(
        f.admin, "", RegisteredApplication{.name = name, .supplier = supplier, .domain = domain});
    REQUIRE_MESSAGE(app.ok(), ErrorOf(app));
  }
  for (const char* org : {"ocmw-izegem", "hulpverleningszone-midwest"}) {
    auto usage =
        f.service->SaveUsage(f.admin, org, "recreatex", UsageInput{"2015", "", "4", "", ""});
    REQUIRE_MESSAGE(usage.ok(), ErrorOf(usage));
  }
}

TEST_CASE("deleting: admins delete organisations and applications, editors their own usage") {
  Fixture f;
  SeedSmall(f);
  RegisterActor own{"els", Role::kEditor, "OCMW Izegem"};
  RegisterActor other{"jan", Role::kEditor, "Stad Roeselare"};
  CHECK(f.service->DeleteOrganisation(own, "ocmw-izegem").error().code == ErrorCode::kForbidden);
  CHECK(f.service->DeleteApplication(own, "agility").error().code == ErrorCode::kForbidden);
  CHECK(f.service->DeleteUsage(other, "ocmw-izegem", "recreatex").error().code ==
        ErrorCode::kForbidden);
  CHECK(f.service->Usages("", "recreatex")->size() == 2);

  // An editor deletes their organisation's usage; a second time there is nothing to delete.
  REQUIRE(f.service->DeleteUsage(own, "ocmw-izegem", "recreatex").ok());
  CHECK(f.service->Usages("", "recreatex")->size() == 1);
  auto again = f.service->DeleteUsage(own, "ocmw-izegem", "recreatex");
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == ErrorCode::kNotFound);

  // Deleting an application deletes its usages; the change log keeps the deletion.
  REQUIRE(f.service->DeleteApplication(f.admin, "recreatex").ok());
  CHECK(f.service->ApplicationBySlug("recreatex").error().code == ErrorCode::kNotFound);
  CHECK(f.service->Usages("hulpverleningszone-midwest", "")->empty());
  auto changes = f.service->Changes("", "recreatex");
  REQUIRE(changes.ok());
  REQUIRE_FALSE(changes->empty());
  CHECK(changes->front().summary == kDeletedSummary);
  CHECK(changes->front().author == "beheerder");
  CHECK(f.service->DeleteApplication(f.admin, "recreatex").error().code == ErrorCode::kNotFound);

  REQUIRE(f.service->DeleteOrganisation(f.admin, "ocmw-izegem").ok());
  CHECK(f.service->OrganisationBySlug("ocmw-izegem").error().code == ErrorCode::kNotFound);
  CHECK(f.service->Organisations()->size() == 1);
}

TEST_CASE("Find names the organisations and applications a search box's words start") {
  Fixture f;
  SeedSmall(f);
  auto names = [&](std::string_view text) {
    auto found = f.service->Find(text, 5);
    REQUIRE_MESSAGE(found.ok(), ErrorOf(found));
    std::string out;
    for (const auto& o : found->organisations) out += "o:" + o.name + ";";
    for (const auto& a : found->applications) out += "a:" + a.name + ";";
    return out;
  };
  CHECK(names("Syx") == "a:Recreatex;");                                     // by its supplier
  CHECK(names("falck") == "a:Agility;");                                     // case ignored
  CHECK(names("recreatex") == "a:Recreatex;");                               // by name
  CHECK(names("zaalreservatie") == "a:Recreatex;");                          // by domain
  CHECK(names("midwest") == "o:Hulpverleningszone Midwest;o:OCMW Izegem;");  // name first
  CHECK(names("OCMW Izegem") == "o:OCMW Izegem;");  // every word must match
  CHECK(names("izegem agility").empty());
  CHECK(names("ecreatex").empty());            // a word's start, not its middle
  CHECK(names("de en").empty());               // short words are left out
  CHECK(names("app:recreatex -syx").empty());  // filters and excluded words too
  CHECK(names("").empty());
  auto limited = f.service->Find("midwest", 1);
  REQUIRE(limited.ok());
  CHECK(limited->organisations.size() == 1);
}

}  // namespace
}  // namespace kring
