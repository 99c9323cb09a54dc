// Shell helpers for end-to-end tests of the real binary.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace chokepoint::testing {

// Runs `cmd` through /bin/sh: its standard output, and its exit code (-1 when it did not exit
// normally). Standard error goes where the test's goes unless `cmd` redirects it.
inline std::string RunCommand(const std::string& cmd, int* exit_code) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) {
    *exit_code = -1;
    return out;
  }
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = ::pclose(p);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

// Standard output and standard error together.
inline std::string Shell(const std::string& cmd, int* exit_code) {
  return RunCommand(cmd + " 2>&1", exit_code);
}

// A whole file as bytes ("" when it cannot be read).
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace chokepoint::testing
