// A real `chokepoint serve` process on loopback for multi-process tests: started on a free port
// (or a given one, to come back where peers expect it), ready once /healthz answers, stopped
// with SIGTERM. Readiness is polled, never assumed after a fixed delay.
#pragma once

#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "shell.h"

namespace chokepoint::testing {

inline std::string ChokepointBin() {
  const char* b = std::getenv("CHOKEPOINT_BIN");
  return b ? b : "build/chokepoint";
}

class ServeProcess {
 public:
  // `extra`: more `serve` options. port 0: any free port.
  ServeProcess(std::string db, std::string log, std::string extra = "")
      : db_(std::move(db)), log_(std::move(log)), extra_(std::move(extra)) {}
  ~ServeProcess() { Stop(); }

  // Starts and waits until the server answers /healthz (at most about a minute). False when
  // the process exited or never answered; log() says why.
  bool Start(int port = 0) {
    Stop();
    std::ofstream(log_, std::ios::trunc).close();
    pid_ = ::fork();
    if (pid_ == 0) {
      std::string cmd = "exec " + ChokepointBin() + " serve --db '" + db_ +
                        "' --listen 127.0.0.1:" + std::to_string(port) + " --threads 8 " + extra_ +
                        " 2>>" + log_;
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    port_ = 0;
    for (int i = 0; i < 6000; ++i) {
      if (port_ == 0) {
        std::string text = ReadFile(log_);
        auto at = text.find("listening on http://127.0.0.1:");
        if (at != std::string::npos) port_ = std::atoi(text.c_str() + at + 30);
      }
      if (port_ != 0) {
        httplib::Client cli("127.0.0.1", port_);
        cli.set_connection_timeout(1, 0);
        if (auto r = cli.Get("/healthz"); r && r->status == 200) return true;
      }
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling interval
    }
    return false;
  }
  void Stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }
  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string log() const { return ReadFile(log_); }

  struct Answer {
    int status = -1;
    std::string body, content_type;
  };
  Answer Send(const std::string& method, const std::string& path, const std::string& token = "",
              const std::string& body = "") const {
    httplib::Client cli("127.0.0.1", port_);
    cli.set_read_timeout(60, 0);
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    auto r = method == "GET" ? cli.Get(path, h) : cli.Post(path, h, body, "application/json");
    if (!r) return {};
    return {r->status, r->body, r->get_header_value("Content-Type")};
  }

 private:
  std::string db_, log_, extra_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace chokepoint::testing
