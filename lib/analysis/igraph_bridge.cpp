#include "igraph_bridge.hpp"

#include <string>

#include "verbund/error.hpp"

namespace verbund::analysis::detail {

std::unique_lock<std::mutex> lock_igraph() {
  static std::mutex mutex;
  std::unique_lock lock(mutex);
  static const bool installed = [] {
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
    return true;
  }();
  (void)installed;
  return lock;
}

void check(igraph_error_t code, const char* what) {
  if (code != IGRAPH_SUCCESS) {
    throw Error(std::string("igraph: ") + what + " failed: " + igraph_strerror(code));
  }
}

RealVector::RealVector(igraph_integer_t size) { check(igraph_vector_init(&v_, size), "vector"); }
RealVector::~RealVector() { igraph_vector_destroy(&v_); }
std::vector<double> RealVector::to_std() const {
  std::vector<double> out(static_cast<std::size_t>(igraph_vector_size(&v_)));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = VECTOR(v_)[i];
  return out;
}

IntVector::IntVector(igraph_integer_t size) { check(igraph_vector_int_init(&v_, size), "vector"); }
IntVector::~IntVector() { igraph_vector_int_destroy(&v_); }
std::vector<std::uint32_t> IntVector::to_std() const {
  std::vector<std::uint32_t> out(static_cast<std::size_t>(igraph_vector_int_size(&v_)));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::uint32_t>(VECTOR(v_)[i]);
  return out;
}

IgraphGraph::IgraphGraph(const SimpleGraph& graph)
    : weights_(static_cast<igraph_integer_t>(graph.edge_count())) {
  IntVector edges(static_cast<igraph_integer_t>(2 * graph.edge_count()));
  igraph_integer_t at = 0;
  for (std::uint32_t v = 0; v < graph.vertex_count(); ++v) {
    const auto row = graph.neighbours(v);
    const auto w = graph.weights(v);
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (row[k] < v) continue;
      VECTOR(*weights_.get())[at / 2] = w[k];
      VECTOR(*edges.get())[at++] = v;
      VECTOR(*edges.get())[at++] = row[k];
    }
  }
  check(igraph_create(&g_, edges.get(), static_cast<igraph_integer_t>(graph.vertex_count()),
                      IGRAPH_UNDIRECTED),
        "create");
}

IgraphGraph::~IgraphGraph() { igraph_destroy(&g_); }

}  // namespace verbund::analysis::detail
