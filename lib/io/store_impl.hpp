#pragma once

// The Store's private state, shared by the files of lib/io that store more than the region
// (supply_store.cpp). Not installed.

#include <filesystem>

#include "sqlite.hpp"
#include "verbund/io/store.hpp"

namespace verbund::io {

struct Store::Impl {
  std::filesystem::path path;
  detail::Database db;
};

namespace detail {
/// The connection of a Store, for code in lib/io that adds tables of its own.
struct StoreAccess {
  // As the Store's own const members: reading prepares statements on the connection.
  static Store::Impl& impl(const Store& store) noexcept { return *store.impl_; }
};
}  // namespace detail

}  // namespace verbund::io
