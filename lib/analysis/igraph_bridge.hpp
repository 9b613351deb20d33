#pragma once

// The one place verbund talks to igraph. igraph's error handler is set to return codes (turned
// into verbund::Error here), every igraph object is owned by an RAII wrapper, and every call holds
// one process-wide lock because Debian's igraph is built without thread-local state. Never call
// into igraph from inside a oneTBB body.

#include <igraph/igraph.h>

#include <mutex>
#include <vector>

#include "verbund/analysis/simple_graph.hpp"

namespace verbund::analysis::detail {

/// Held by every caller of igraph. Installs the error and warning handlers on first use.
[[nodiscard]] std::unique_lock<std::mutex> lock_igraph();

/// Throws verbund::Error naming `what` unless `code` is IGRAPH_SUCCESS.
void check(igraph_error_t code, const char* what);

class RealVector {
 public:
  explicit RealVector(igraph_integer_t size = 0);
  ~RealVector();
  RealVector(const RealVector&) = delete;
  RealVector& operator=(const RealVector&) = delete;
  igraph_vector_t* get() { return &v_; }
  [[nodiscard]] std::vector<double> to_std() const;

 private:
  igraph_vector_t v_{};
};

class IntVector {
 public:
  explicit IntVector(igraph_integer_t size = 0);
  ~IntVector();
  IntVector(const IntVector&) = delete;
  IntVector& operator=(const IntVector&) = delete;
  igraph_vector_int_t* get() { return &v_; }
  [[nodiscard]] std::vector<std::uint32_t> to_std() const;

 private:
  igraph_vector_int_t v_{};
};

/// An igraph copy of a SimpleGraph (same vertex ids) with its edge weights.
class IgraphGraph {
 public:
  explicit IgraphGraph(const SimpleGraph& graph);
  ~IgraphGraph();
  IgraphGraph(const IgraphGraph&) = delete;
  IgraphGraph& operator=(const IgraphGraph&) = delete;
  igraph_t* get() { return &g_; }
  igraph_vector_t* weights() { return weights_.get(); }

 private:
  igraph_t g_{};
  RealVector weights_;
};

}  // namespace verbund::analysis::detail
