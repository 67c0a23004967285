// File: export/pdf.cpp
#include "export/pdf.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace loa::office {
namespace fs = std::filesystem;
namespace {

std::mutex conversion_mutex;  // one LibreOffice at a time: they would share the profile

// A fresh directory under the system's temporary one.
Result<fs::path> make_temp_dir(const char* prefix) {
  std::string pattern = (fs::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (!mkdtemp(pattern.data())) return internal_error("cannot make a temporary directory");
  return fs::path(pattern);
}

// The profile LibreOffice keeps its settings in, made once per process and removed at exit.
Result<fs::path> profile_dir() {
  static fs::path dir;
  if (dir.empty()) {
    auto made = make_temp_dir("loa-soffice-profile-");
    if (!made) return made.status();
    dir = *made;
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    });
  }
  return dir;
}

// Runs the program; its exit status, or an error when it cannot start or overruns.
Result<int> run(const std::vector<std::string>& args, int timeout_seconds) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);  // its helpers die with it
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0)
    return unavailable("cannot run " + args[0] +
                       " (install libreoffice-writer-nogui): " + std::strerror(spawned));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  for (;;) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (done < 0) return internal_error(args[0] + ": lost track of the process");
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return internal_error(args[0] + " took more than " + std::to_string(timeout_seconds) +
                            " s to convert the document");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

Result<std::string> docx_to_pdf(std::string_view docx, const PdfSettings& settings) {
  std::lock_guard lock(conversion_mutex);
  auto profile = profile_dir();
  if (!profile) return profile.status();
  auto work = make_temp_dir("loa-pdf-");
  if (!work) return work.status();
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } cleanup{*work};
  const fs::path input = *work / "document.docx";
  {
    std::ofstream out(input, std::ios::binary);
    out.write(docx.data(), static_cast<std::streamsize>(docx.size()));
    if (!out) return internal_error("cannot write " + input.string());
  }
  auto status = run({settings.soffice, "--headless", "--norestore", "--nolockcheck",
                     "-env:UserInstallation=file://" + profile->string(), "--convert-to", "pdf",
                     "--outdir", work->string(), input.string()},
                    settings.timeout_seconds);
  if (!status) return status.status();
  const fs::path output = *work / "document.pdf";
  if (*status != 0 || !fs::exists(output))
    return internal_error(settings.soffice + " could not convert the document (exit status " +
                          std::to_string(*status) + ")");
  std::ifstream in(output, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace loa::office
