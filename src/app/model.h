// File: app/model.h
//
// Finding and loading the OCR-repair language model for the commands that repair text
// (`loa text restore|ocr`, `loa plan parse|import`): --model, else $LOA_VI_MODEL, else
// loa-vi.lm beside the loa binary, else ../share/loa/loa-vi.lm.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "vi/language_model.h"
#include "vi/restore.h"

namespace loa::app {

std::string default_model_path();

// The model at `given` (or the default path when empty), with a hint on how to train one.
Result<vi::LanguageModel> load_model(const std::string& given);

// The model and a restorer over it, for commands that repair OCR text; the restorer knows
// the gazetteer's place names unless `options` gives names of its own.
struct Repair {
  std::unique_ptr<vi::LanguageModel> model;
  std::unique_ptr<vi::Restorer> restorer;
};
Result<Repair> load_repair(const std::string& given, const vi::RestoreOptions& options = {});

}  // namespace loa::app
