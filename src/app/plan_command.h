// File: app/plan_command.h
//
// `loa plan …`: plans from the command line.
//
//   loa plan parse FILE [--format text|json]   read a plan (txt, md, docx, pdf, image) and
//                                              print its structure (docs/plan-schema.md)
//   loa plan import FILE [--org CODE]          store it as a draft for the coordinator
//
// Agencies are resolved against the database's registry (--db) when it exists, or against
// a JSON registry (--registry).
#pragma once

#include <memory>
#include <string>

namespace CLI {
class App;
}

namespace loa::app {

class PlanCommand {
 public:
  PlanCommand(CLI::App& cli, std::string& db_url);
  ~PlanCommand();
  bool parsed() const;
  int run();

 private:
  struct Options;
  std::unique_ptr<Options> options_;
  std::string& db_url_;
};

}  // namespace loa::app
