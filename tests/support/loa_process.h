// File: tests/support/loa_process.h
//
// Runs the real `loa` binary: one-shot commands (with stdin, capturing output and exit code)
// and `loa serve` on a free loopback port for integration tests.
//
//   LoaServer server(dir.file("loa.db"), {"--demo"});
//   HttpClient client("127.0.0.1", server.port());
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace loa::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `loa args...` with `input` on stdin and waits for it.
CommandResult run_loa(const std::vector<std::string>& args, const std::string& input = "");

// Whether the OCR-repair model was built beside the binary (not without ../shared/corpus).
bool model_built();

class LoaServer {
 public:
  // Starts `loa serve --db DB --listen 127.0.0.1:0 ...extra` and waits until it listens.
  LoaServer(const std::string& db, const std::vector<std::string>& extra_args);
  ~LoaServer();

  unsigned short port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends SIGTERM and waits; returns the exit status (or -1 on timeout, after SIGKILL).
  int terminate(int timeout_ms = 15000);
  // What the server wrote to stderr so far (its JSON log lines).
  std::string log() const;

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  TempDir dir_;
  std::string log_path_;
};

}  // namespace loa::testing
