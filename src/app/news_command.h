// File: app/news_command.h
//
// `loa news …` and `loa search`: the press from the command line.
//
//   loa news ingest FILE [--outlet NAME]   a feed file (RSS/Atom) or JSON Lines of articles
//                                          ({"url","title","text","published","outlet"})
//   loa news source add URL --name NAME [--kind feed|sitemap|page] [--every SECONDS]
//                          [--language vi] [--organisation ID]
//   loa news sources [--json]              the sources with their health (ok, failing, silent…)
//   loa news poll [--source ID]            poll the due sources now (or one, due or not)
//   loa news classifier train FILE [--folds 5]
//                                          learn categories from labelled JSON Lines
//   loa news analyse                       read every stored article again
//   loa search "QUERY" [--json] [--limit N] [--newest] [--outlet NAME] [--category C]
//              [--from DATE] [--to DATE] [--flagged] [--about-city]
//                                          accent-insensitive full-text search; --json prints
//                                          {"results": [{"url","title","outlet","published",
//                                          "snippet","score","topics","duplicates"}], "total"}
#pragma once

#include <memory>
#include <string>

namespace CLI {
class App;
}

namespace loa::app {

class NewsCommand {
 public:
  NewsCommand(CLI::App& cli, std::string& db_url);
  ~NewsCommand();
  bool parsed() const;
  int run();

 private:
  struct Options;
  std::unique_ptr<Options> options_;
  std::string& db_url_;
};

}  // namespace loa::app
