// The `loa` command: serve, migrate, user add, backup. See `loa --help` and README.md.
#include <curl/curl.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/database.h"
#include "app/model.h"
#include "app/news_command.h"
#include "app/plan_command.h"
#include "app/scheduler.h"
#include "app/text_command.h"
#include "base/clock.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/pool.h"
#include "web/app.h"
#include "web/server.h"
#include "work/auth.h"
#include "work/demo.h"
#include "work/news.h"
#include "work/users.h"

namespace {

using namespace loa;

constexpr int kUsageError = 2;
constexpr int kFailure = 1;

// LibreOffice's program for PDF reports: $LOA_SOFFICE, else soffice in PATH.
std::string soffice_program() {
  const char* env = std::getenv("LOA_SOFFICE");
  return env && *env ? env : "soffice";
}

std::string default_ui_dir() {
  const char* env = std::getenv("LOA_UI_DIR");
  return env && *env ? env : "ui/dist";
}

int fail(const Status& status) {
  std::cerr << "loa: error: " << status.message() << "\n";
  return status.code() == StatusCode::kInvalidArgument ? kUsageError : kFailure;
}

std::string read_password_from_stdin() {
  const bool tty = isatty(STDIN_FILENO);
  termios saved{};
  if (tty) {
    std::cerr << "Password: " << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &silent);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  bool demo = false;
  std::string ui_dir = default_ui_dir();
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string port_file;
  bool secure_cookies = false;
  std::size_t body_limit = 1 << 20;
  std::string model;  // the OCR-repair model (default: beside loa)
  app::SchedulerOptions scheduler;
};

int serve(const std::string& db_url, const ServeOptions& options) {
  auto listen = web::parse_listen_address(options.listen);
  if (!listen) return fail(listen.status());
  auto path = store::sqlite_path_from_url(db_url);
  if (!path) return fail(path.status());
  {
    auto db = app::open_database(db_url, false);
    if (!db) return fail(db.status());
    if (options.demo) {
      auto seed = work::seed_demo_data(**db, system_clock());
      if (!seed) return fail(seed.status());
      if (seed->seeded) std::cout << "Demo data created in " << *path << "\n";
      std::cout << "Demo sign-in (password '" << seed->password << "'):";
      for (const auto& a : seed->accounts) std::cout << " " << a.username;
      std::cout << "\n";
    }
  }
  // A connection for each event-loop thread and each blocking thread, and two to spare.
  const web::ServerConfig defaults;
  auto pool = store::Pool::open(*path, options.threads + defaults.blocking_threads + 2);
  if (!pool) return fail(pool.status());

  std::optional<web::StaticFiles> ui;
  if (auto loaded = web::StaticFiles::load(options.ui_dir)) {
    ui = std::move(*loaded);
  } else {
    spdlog::warn(R"({{"msg":"serving the API only","reason":"{}"}})", loaded.status().message());
  }

  // OCR repair for uploaded scans; without a model, OCR text is stored as it came. It reads
  // the registry's place names as written (those of the registry at start-up).
  app::Repair repair;
  std::mutex repair_mutex;
  vi::RestoreOptions repair_options;
  if (auto names = work::place_names(*(*pool)->acquire())) {
    repair_options.names = std::move(*names);
  } else {
    spdlog::warn(R"({{"msg":"the repair knows only the gazetteer's place names","reason":"{}"}})",
                 names.status().message());
  }
  if (auto loaded = app::load_repair(options.model, repair_options); loaded) {
    repair = std::move(*loaded);
  } else {
    spdlog::warn(R"({{"msg":"uploaded scans will not be repaired","reason":"{}"}})",
                 loaded.status().message());
  }

  auto mailer = app::make_mailer(options.scheduler);  // "send now" (the press review)
  if (!mailer) return fail(mailer.status());
  work::AuthService auth(system_clock(), {});
  web::Metrics metrics;
  web::Application app({**pool,
                        auth,
                        metrics,
                        ui ? &*ui : nullptr,
                        system_clock(),
                        {options.secure_cookies, soffice_program()},
                        {repair.restorer.get(), &repair_mutex},
                        mailer->get()});
  web::ServerConfig config;
  config.host = listen->first;
  config.port = listen->second;
  config.threads = options.threads;
  config.port_file = options.port_file;
  config.body_limit = options.body_limit;
  web::Server server(
      config, [&app](web::Request& r) { return app.handle(r); },
      [&app](const web::Request& r, int status, double s) { app.observe(r, status, s); });
  if (config.port != 0) {
    std::cout << "Loa is running at http://"
              << (config.host == "0.0.0.0" ? "127.0.0.1" : config.host) << ":" << config.port
              << "/  (Ctrl+C to stop)\n"
              << std::flush;
  }
  // Reminders, report requests and press polling, in the background (also `loa worker`).
  std::unique_ptr<app::Scheduler> scheduler;
  if (options.scheduler.every_seconds > 0 || options.scheduler.poll_every_seconds > 0) {
    auto started = app::Scheduler::start(db_url, options.scheduler);
    if (!started) return fail(started.status());
    scheduler = std::move(*started);
  }
  Status s = server.run();
  if (scheduler) scheduler->stop();
  if (!s) return fail(s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // `loa text ocr`, `loa plan …` and `loa serve` (uploads): tesseract's OpenMP threads spin and
  // slow it down sixfold on two cores (doc/ocr.h). libgomp reads its limit only from the
  // environment when it is loaded, so set it and start again.
  const bool reads_scans =
      argc > 1 &&
      (std::string_view(argv[1]) == "serve" || std::string_view(argv[1]) == "plan" ||
       (argc > 2 && std::string_view(argv[1]) == "text" && std::string_view(argv[2]) == "ocr"));
  if (reads_scans && std::getenv("OMP_THREAD_LIMIT") == nullptr) {
    setenv("OMP_THREAD_LIMIT", "1", 1);
    execv("/proc/self/exe", argv);  // returns only on failure: then carry on, just slower
  }
  // Logs are JSON lines on stderr; stdout is for what the command reports to its user.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("loa"));
  spdlog::set_pattern("%v");
  CLI::App cli{"Loa: a city's communication work, from plans to press coverage"};
  cli.set_version_flag("--version", std::string("loa ") + LOA_VERSION);
  cli.require_subcommand(1);
  std::string db_url = app::default_database();
  auto add_db_option = [&db_url](CLI::App* cmd) {
    cmd->add_option("--db", db_url, "SQLite file or URL (default var/loa.db or $LOA_DATABASE_URL)");
  };

  ServeOptions serve_options;
  auto* serve_cmd = cli.add_subcommand("serve", "Run the web server");
  add_db_option(serve_cmd);
  serve_cmd->add_option("--listen", serve_options.listen, "HOST:PORT to listen on")
      ->capture_default_str();
  serve_cmd->add_flag("--demo", serve_options.demo,
                      "Fill an empty database with the Hải Phòng demo organisations and users");
  serve_cmd->add_option("--ui", serve_options.ui_dir, "Folder of the built UI")
      ->capture_default_str();
  serve_cmd->add_option("--model", serve_options.model,
                        "Language model for repairing uploaded scans (default: beside loa)");
  serve_cmd->add_option("--threads", serve_options.threads, "Event-loop threads")
      ->check(CLI::Range(1, 256));
  serve_cmd->add_option("--port-file", serve_options.port_file,
                        "Write the bound port to this file (for --listen HOST:0)");
  serve_cmd->add_flag("--secure-cookies", serve_options.secure_cookies,
                      "Mark the session cookie Secure (when served over HTTPS)");
  serve_cmd->add_option("--body-limit", serve_options.body_limit, "Largest request body, bytes")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));

  serve_cmd
      ->add_option("--scheduler-every", serve_options.scheduler.every_seconds,
                   "Seconds between reminder runs (0: none; run `loa worker` instead)")
      ->check(CLI::Range(0, 86400));
  app::add_scheduler_options(*serve_cmd, serve_options.scheduler);

  app::SchedulerOptions worker_options;
  bool worker_once = false;
  auto* worker_cmd = cli.add_subcommand(
      "worker",
      "Make report requests, send reminders and e-mail, poll the press (what serve does in "
      "background)");
  add_db_option(worker_cmd);
  worker_cmd->add_flag("--once", worker_once, "Run once and exit (e.g. from cron)");
  worker_cmd->add_option("--every", worker_options.every_seconds, "Seconds between runs")
      ->check(CLI::Range(1, 86400));
  app::add_scheduler_options(*worker_cmd, worker_options);

  auto* migrate_cmd = cli.add_subcommand("migrate", "Create or upgrade the database schema");
  add_db_option(migrate_cmd);

  auto* user_cmd = cli.add_subcommand("user", "Manage user accounts");
  user_cmd->require_subcommand(1);
  work::NewUser new_user;
  auto* user_add =
      user_cmd->add_subcommand("add", "Create a user; the password is read from stdin");
  add_db_option(user_add);
  user_add->add_option("--org", new_user.organisation_code, "Organisation code, e.g. svhttdl-hp")
      ->required();
  user_add->add_option("--role", new_user.role, "admin, coordinator, member or leader")
      ->required()
      ->check(CLI::IsMember({"admin", "coordinator", "member", "leader"}));
  user_add->add_option("--name", new_user.display_name, "Display name");
  user_add->add_option("username", new_user.username, "Sign-in name")->required();

  std::string backup_file;
  auto* backup_cmd = cli.add_subcommand("backup", "Copy the database, consistently, to FILE");
  add_db_option(backup_cmd);
  backup_cmd->add_option("file", backup_file, "Destination file")->required();

  app::TextCommand text_cmd(cli);
  app::PlanCommand plan_cmd(cli, db_url);
  app::NewsCommand news_cmd(cli, db_url);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    if (auto nl = message.find('\n'); nl != std::string::npos) message.resize(nl);
    std::cerr << "loa: error: " << message << " (see loa --help)\n";
    return kUsageError;
  }

  curl_global_init(CURL_GLOBAL_DEFAULT);
  if (serve_cmd->parsed()) return serve(db_url, serve_options);
  if (worker_cmd->parsed()) return app::run_worker(db_url, worker_options, worker_once);
  if (text_cmd.parsed()) return text_cmd.run();
  if (plan_cmd.parsed()) return plan_cmd.run();
  if (news_cmd.parsed()) return news_cmd.run();

  auto db = app::open_database(db_url, false);
  if (!db) return fail(db.status());
  if (migrate_cmd->parsed()) {
    auto version = store::schema_version(**db);
    if (!version) return fail(version.status());
    std::cout << "Database schema is at version " << *version << "\n";
    return 0;
  }
  if (user_add->parsed()) {
    new_user.password = read_password_from_stdin();
    auto id = work::create_user(**db, system_clock(), new_user, work::Actor::command_line());
    if (!id) return fail(id.status());
    std::cout << "Created user " << new_user.username << " (id " << *id << ")\n";
    return 0;
  }
  if (backup_cmd->parsed()) {
    if (std::filesystem::exists(backup_file)) {
      return fail(invalid_argument("backup file '" + backup_file + "' exists; choose a new name"));
    }
    Status s = (*db)->backup_to(backup_file);
    if (!s) return fail(s);
    std::cout << "Backed up " << (*db)->path() << " to " << backup_file << "\n";
    return 0;
  }
  return kUsageError;
}
