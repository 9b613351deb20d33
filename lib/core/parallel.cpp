#include "verbund/core/parallel.hpp"

#include <optional>

#include <tbb/global_control.h>

namespace verbund::core {

struct ThreadLimit::Impl {
  std::optional<tbb::global_control> control;
};

ThreadLimit::ThreadLimit(std::size_t threads) : impl_(std::make_unique<Impl>()) {
  if (threads > 0) impl_->control.emplace(tbb::global_control::max_allowed_parallelism, threads);
}

ThreadLimit::~ThreadLimit() = default;

std::size_t ThreadLimit::active() {
  return tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
}

}  // namespace verbund::core
