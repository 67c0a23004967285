// File: app/model.cpp
#include "app/model.h"

#include <cstdlib>
#include <filesystem>

#include "work/news.h"

namespace loa::app {

std::string default_model_path() {
  if (const char* env = std::getenv("LOA_VI_MODEL"); env && *env) return env;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "loa-vi.lm";
  for (const auto& candidate :
       {exe.parent_path() / "loa-vi.lm", exe.parent_path().parent_path() / "share/loa/loa-vi.lm"}) {
    if (std::filesystem::exists(candidate, ec)) return candidate.string();
  }
  return (exe.parent_path() / "loa-vi.lm").string();
}

Result<vi::LanguageModel> load_model(const std::string& given) {
  const std::string path = given.empty() ? default_model_path() : given;
  auto loaded = vi::LanguageModel::load(path);
  if (!loaded) {
    return Status(loaded.status().code(),
                  loaded.status().message() +
                      " (train one with `loa text train-lm`, see docs/ARCHITECTURE.md)");
  }
  return loaded;
}

Result<Repair> load_repair(const std::string& given, const vi::RestoreOptions& options) {
  auto loaded = load_model(given);
  if (!loaded) return loaded.status();
  Repair r;
  r.model = std::make_unique<vi::LanguageModel>(std::move(*loaded));
  vi::RestoreOptions with_names = options;
  if (with_names.names.empty()) with_names.names = work::gazetteer_place_names();
  r.restorer = std::make_unique<vi::Restorer>(*r.model, with_names);
  return r;
}

}  // namespace loa::app
