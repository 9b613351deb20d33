#pragma once

// A progress bar on stderr, drawn only when stderr is a terminal and -q was not given: units
// done of all, and the time left at the rate so far; redrawn at most ten times a second.
// Callers serialise calls.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

namespace verbund::cli {

class ProgressBar {
 public:
  /// `unit`: what is counted ("replicates", "sources").
  ProgressBar(std::string label, std::string unit, bool quiet)
      : label_(std::move(label)),
        unit_(std::move(unit)),
        on_(!quiet && isatty(STDERR_FILENO)),
        start_(std::chrono::steady_clock::now()) {}

  void operator()(std::size_t done, std::size_t total) const {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_ < std::chrono::milliseconds(100)) return;  // no flicker
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double left =
        done > 0 ? elapsed / static_cast<double>(done) * static_cast<double>(total - done) : 0.0;
    const int width = 30;
    const int filled = static_cast<int>(width * done / std::max<std::size_t>(total, 1));
    std::fprintf(stderr, "\r%s [%.*s%*s] %zu/%zu %s, %.0f s left ", label_.c_str(), filled,
                 "##############################", width - filled, "", done, total, unit_.c_str(),
                 left);
    if (done == total) std::fprintf(stderr, "\n");
  }

 private:
  std::string label_, unit_;
  bool on_;
  std::chrono::steady_clock::time_point start_;
  mutable std::chrono::steady_clock::time_point last_{};
};

}  // namespace verbund::cli
