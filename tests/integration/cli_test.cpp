// The `loa` command line: versions, usage errors, migrate, user add, backup.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/loa_process.h"
#include "support/temp_dir.h"

namespace loa::testing {
namespace {

TEST(CliTest, Version) {
  auto r = run_loa({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, std::string("loa ") + LOA_VERSION + "\n");
}

TEST(CliTest, UsageErrorsAreOneLineWithExitCode2) {
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"serve", "--no-such-flag"},
                                             {"serve", "--listen", "not-an-address"},
                                             {"serve", "--threads", "0"},
                                             {"user", "add", "--org", "x", "--role", "king", "bob"},
                                             {"frobnicate"},
                                             {"migrate", "--db", "postgresql://localhost/loa"}}) {
    auto r = run_loa(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << " " << r.err;
    EXPECT_TRUE(r.err.starts_with("loa: error: ")) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST(CliTest, MigrateUserAddAndBackup) {
  TempDir dir;
  std::string db = dir.file("loa.db");
  auto migrated = run_loa({"migrate", "--db", db});
  ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  EXPECT_NE(migrated.out.find("schema is at version 12"), std::string::npos) << migrated.out;

  // Organisations come from the demo data; a fresh database has none.
  auto no_org =
      run_loa({"user", "add", "--db", db, "--org", "svhttdl-hp", "--role", "member", "an.nguyen"},
              "12345678\n");
  EXPECT_EQ(no_org.exit_code, 2);
  EXPECT_NE(no_org.err.find("svhttdl-hp"), std::string::npos);

  { LoaServer seed(db, {"--demo", "--ui", dir.file("no-ui")}); }
  auto added = run_loa({"user", "add", "--db", db, "--org", "svhttdl-hp", "--role", "member",
                        "--name", "Lê Văn An", "an.le"},
                       "một mật khẩu dài\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.out.find("Created user an.le"), std::string::npos);
  auto short_pw = run_loa(
      {"user", "add", "--db", db, "--org", "svhttdl-hp", "--role", "member", "binh"}, "short\n");
  EXPECT_EQ(short_pw.exit_code, 2);
  EXPECT_NE(short_pw.err.find("password"), std::string::npos);

  std::string copy = dir.file("backup.db");
  auto backup = run_loa({"backup", "--db", db, copy});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_TRUE(std::filesystem::file_size(copy) > 0);
  EXPECT_EQ(run_loa({"backup", "--db", db, copy}).exit_code, 2);  // never overwrites

  // The backup is a working database: sign in to it.
  LoaServer restored(copy, {"--ui", dir.file("no-ui")});
  auto check = run_loa({"migrate", "--db", copy});
  EXPECT_EQ(check.exit_code, 0);
}

TEST(CliTest, DatabaseUrlFromEnvironmentIsDocumentedDefault) {
  auto help = run_loa({"serve", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("LOA_DATABASE_URL"), std::string::npos);
}

}  // namespace
}  // namespace loa::testing
