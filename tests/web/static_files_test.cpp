// Serving the built UI: hashed assets cached long, index.html as SPA fallback, 404 for files.
#include "web/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/temp_dir.h"

namespace loa::web {
namespace {

TEST(StaticFilesTest, ServesAssetsIndexAndFallback) {
  loa::testing::TempDir dir;
  std::filesystem::create_directories(dir.file("assets"));
  std::ofstream(dir.file("index.html")) << "<!doctype html><title>Loa</title>";
  std::ofstream(dir.file("assets/app-3f2a9c.js")) << "console.log(1)";
  std::ofstream(dir.file("favicon.svg")) << "<svg/>";
  auto ui = StaticFiles::load(dir.path());
  ASSERT_TRUE(ui) << ui.status().to_string();

  auto asset = ui->serve("/assets/app-3f2a9c.js");
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->body, "console.log(1)");
  EXPECT_EQ(asset->header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(asset->header("Cache-Control").find("immutable"), std::string_view::npos);

  auto icon = ui->serve("/favicon.svg");
  EXPECT_EQ(icon->header("Cache-Control"), "no-cache");

  for (const char* spa_path : {"/", "/quan-tri/to-chuc", "/plans/12"}) {
    auto page = ui->serve(spa_path);
    ASSERT_TRUE(page) << spa_path;
    EXPECT_NE(page->body.find("<title>Loa</title>"), std::string::npos);
    EXPECT_EQ(page->header("Cache-Control"), "no-cache");
    EXPECT_FALSE(page->header("Content-Security-Policy").empty());
  }
  EXPECT_FALSE(ui->serve("/assets/missing-123.js"));
  EXPECT_FALSE(ui->serve("/robots.txt"));
}

TEST(StaticFilesTest, MissingBuildIsAClearError) {
  loa::testing::TempDir dir;
  auto ui = StaticFiles::load(dir.file("nowhere"));
  ASSERT_FALSE(ui);
  EXPECT_NE(ui.status().message().find("index.html"), std::string::npos);
}

}  // namespace
}  // namespace loa::web
