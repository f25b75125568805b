#include "app/ExportCommands.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/DataFolder.h"
#include "app/Exporter.h"
#include "http/RegisterViews.h"
#include "storage/SqlitePageStore.h"
#include "storage/SqliteRegisterStore.h"

namespace kring {
namespace {

int Fail(const std::string& message) {
  std::cerr << "kring: " << message << "\n";
  return 1;
}

// OUT/register.json: the organisations, applications and usages, each as the API answers it.
// Answers a one-line problem, or "" when written; prints the counts.
std::string ExportRegister(const std::filesystem::path& out, RegisterStore& registry) {
  auto organisations = registry.Organisations();
  if (!organisations.ok()) return organisations.error().message;
  auto applications = registry.Applications();
  if (!applications.ok()) return applications.error().message;
  auto usages = registry.Usages("", "");
  if (!usages.ok()) return usages.error().message;
  nlohmann::json doc = {{"organisations", nlohmann::json::array()},
                        {"applications", nlohmann::json::array()},
                        {"usages", nlohmann::json::array()}};
  for (const Organisation& o : organisations.value())
    doc["organisations"].push_back(http::OrganisationJson(o));
  for (const RegisteredApplication& a : applications.value()) {
    doc["applications"].push_back(http::ApplicationJson(a));
  }
  for (const Usage& u : usages.value()) doc["usages"].push_back(http::UsageJson(u));
  const std::filesystem::path path = out / "register.json";
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << doc.dump(2) << "\n";
  file.close();
  if (!file) return "cannot write " + path.string();
  std::cout << "organisations: " << organisations->size()
            << ", applications: " << applications->size() << ", usages: " << usages->size() << "\n";
  return "";
}

}  // namespace

ExportCommands::ExportCommands(CLI::App& cli) {
  export_ = cli.add_subcommand(
      "export", "Write every page as Markdown with front matter, its files beside it");
  export_->add_option("out", out_dir_, "Folder to write (new or empty)")->required();
  data_.Add(*export_);
}

int ExportCommands::Run() {
  Result<std::string> data = data_.Resolve();
  if (!data.ok()) return Fail(data.error().message);
  data_dir_ = data.value();
  const std::string database = DatabasePath(data_dir_);
  std::error_code ec;
  // Opening would create an empty database: a mistyped folder must not export nothing.
  if (!std::filesystem::is_regular_file(database, ec)) {
    return Fail("there is no Kring database in " + data_dir_ + " (no " + database + ")");
  }
  auto store = SqlitePageStore::Open(database);
  if (!store.ok()) return Fail(store.error().message);
  auto registry = SqliteRegisterStore::Open(database);
  if (!registry.ok()) return Fail(registry.error().message);
  Result<ExportReport> report = ExportDirectory(out_dir_, *store.value(), *store.value());
  if (!report.ok()) return Fail(report.error().message);
  const ExportReport& r = report.value();
  for (const std::string& warning : r.warnings) std::cout << "warning " << warning << "\n";
  std::cout << "pages: " << r.pages << ", files: " << r.files << " (" << r.file_bytes
            << " bytes)\n";
  if (std::string problem = ExportRegister(out_dir_, *registry.value()); !problem.empty()) {
    return Fail("the pages are exported, but not the register: " + problem);
  }
  return 0;
}

}  // namespace kring
