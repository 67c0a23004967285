// File: app/plan_command.h
//
// `loa plan …`: plans from the command line.
//
//   loa plan parse FILE [--format text|json]   read a plan (txt, md, docx, pdf, image) and
//                                              print its structure (docs/plan-schema.md)
#pragma once

#include <memory>

namespace CLI {
class App;
}

namespace loa::app {

class PlanCommand {
 public:
  explicit PlanCommand(CLI::App& cli);
  ~PlanCommand();
  bool parsed() const;
  int run();

 private:
  struct Options;
  std::unique_ptr<Options> options_;
};

}  // namespace loa::app
