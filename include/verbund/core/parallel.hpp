#pragma once

#include <cstddef>
#include <memory>

namespace verbund::core {

/// Limits verbund's parallel work to `threads` worker threads while it lives (0 = all cores).
/// Results never depend on the limit; only speed does. Create one in main(), not per call.
class ThreadLimit {
 public:
  explicit ThreadLimit(std::size_t threads);
  ~ThreadLimit();
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;

  /// The number of threads parallel algorithms may use now.
  [[nodiscard]] static std::size_t active();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace verbund::core
