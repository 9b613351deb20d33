#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "verbund/analysis/simple_graph.hpp"

namespace verbund::analysis {

/// Connected components: the component of every vertex (numbered by smallest member) and sizes.
struct Components {
  std::vector<std::uint32_t> of;
  std::vector<std::size_t> sizes;
  std::size_t giant = 0;  ///< size of the largest
};
/// Union-find over the edges. With `removed`, as if that vertex had left: it belongs to no
/// component (of[removed] = UINT32_MAX). O(n + m alpha(n)). Thread-safe (reads `graph`); throws
/// only std::bad_alloc.
[[nodiscard]] Components components(const SimpleGraph& graph,
                                    std::optional<std::uint32_t> removed = std::nullopt);

}  // namespace verbund::analysis
