#include "exchange/sender.h"

#include <httplib.h>

#include <algorithm>
#include <iostream>

namespace chokepoint::exchange {

PostFn HttpPost(int timeout_s) {
  return [timeout_s](const std::string& url, const std::string& body) -> Result<HttpAnswer> {
    // url = scheme://host[:port]/path
    auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos)
      return Status::InvalidArgument("bad URL " + url, "bad_url");
    auto path_at = url.find('/', scheme_end + 3);
    std::string base = path_at == std::string::npos ? url : url.substr(0, path_at);
    std::string path = path_at == std::string::npos ? "/" : url.substr(path_at);
    httplib::Client cli(base);
    cli.set_connection_timeout(timeout_s, 0);
    cli.set_read_timeout(timeout_s, 0);
    cli.set_write_timeout(timeout_s, 0);
    cli.set_tcp_nodelay(true);  // headers and body go as two writes: no Nagle wait between them
    auto r = cli.Post(path, body, "application/json");
    if (!r)
      return Status::IOError("no answer from " + base + ": " + httplib::to_string(r.error()),
                             "unreachable");
    return HttpAnswer{r->status, r->body};
  };
}

Sender::Sender(std::unique_ptr<Exchange> exchange, Options options, PostFn post)
    : ex_(std::move(exchange)), options_(options), post_(std::move(post)) {}

Sender::~Sender() { Stop(); }

void Sender::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void Sender::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Sender::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Sender::Run() {
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stop_) return;
      woken_ = false;
    }
    auto stats = ex_->DeliverDue(post_, options_.retry, false);
    if (!stats.ok())
      std::cerr << "chokepoint serve: exchange outbox: " << stats.status().message() << "\n";
    int64_t wait = options_.poll_ms;
    if (auto due = ex_->NextDue(); due.ok() && *due)
      wait = std::clamp<int64_t>(**due - ex_->NowMs(), 0, options_.poll_ms);
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(wait), [this] { return stop_ || woken_; });
    if (stop_) return;
  }
}

}  // namespace chokepoint::exchange
