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

}  // namespace
}  // namespace kring
