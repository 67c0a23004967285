// Spawning the loa binary for integration tests.
#include "support/loa_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace loa::testing {

namespace {
std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// fork + exec of LOA_BINARY with stdout/stderr to files and stdin from a file.
pid_t spawn(const std::vector<std::string>& args, const std::string& in_path,
            const std::string& out_path, const std::string& err_path) {
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int in = open(in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    std::string binary = LOA_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    unsetenv("LOA_DATABASE_URL");
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}
}  // namespace

CommandResult run_loa(const std::vector<std::string>& args, const std::string& input) {
  TempDir dir;
  std::ofstream(dir.file("in")) << input;
  pid_t pid = spawn(args, dir.file("in"), dir.file("out"), dir.file("err"));
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(dir.file("out"));
  r.err = read_file(dir.file("err"));
  return r;
}

LoaServer::LoaServer(const std::string& db, const std::vector<std::string>& extra_args) {
  log_path_ = dir_.file("stderr");
  std::string port_file = dir_.file("port");
  std::vector<std::string> args = {"serve",       "--db",        db,       "--listen",
                                   "127.0.0.1:0", "--port-file", port_file};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::ofstream(dir_.file("in")) << "";
  pid_ = spawn(args, dir_.file("in"), dir_.file("stdout"), log_path_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string text = read_file(port_file);
    if (!text.empty() && text.back() == '\n') {
      port_ = static_cast<unsigned short>(std::stoi(text));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("loa serve exited at start-up: " + log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("loa serve did not start listening within 30 s: " + log());
}

LoaServer::~LoaServer() {
  if (pid_ > 0) terminate(5000);
}

int LoaServer::terminate(int timeout_ms) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

std::string LoaServer::log() const { return read_file(log_path_); }

bool model_built() {
  return std::filesystem::exists(std::filesystem::path(LOA_BINARY).parent_path() / "loa-vi.lm");
}

}  // namespace loa::testing
