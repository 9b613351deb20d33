#pragma once

#include <cstddef>
#include <memory>

namespace verbund::core {

/// Limits verbund's parallel work to `threads` worker threads while it lives (0 = all cores).
/// Results never depend on the limit; only speed does. Create one in main(), not per call.
class ThreadLimit {
 public:
  /// Sets the process-wide limit (tbb::global_control; with several alive, the smallest wins).
  /// O(1). Not thread-safe: create it before parallel work starts. Throws only std::bad_alloc.
  explicit ThreadLimit(std::size_t threads);
  /// Lifts this limit. O(1); does not throw.
  ~ThreadLimit();
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;

  /// The number of threads parallel algorithms may use now. O(1). Thread-safe; does not throw.
  [[nodiscard]] static std::size_t active();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace verbund::core
