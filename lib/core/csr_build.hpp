#pragma once

// Counting-sort construction of compressed sparse rows, shared by the region's index tables.

#include <cstdint>
#include <vector>

namespace verbund::core::detail {

/// Groups `count` items into `rows` buckets: offsets (rows + 1) and entries, where item i goes
/// to row row_of(i) as value_of(i). Items keep their input order within a row. O(rows + count).
template <typename T, typename RowOf, typename ValueOf>
void build_csr(std::size_t rows, std::size_t count, RowOf row_of, ValueOf value_of,
               std::vector<std::uint64_t>& offsets, std::vector<T>& entries) {
  offsets.assign(rows + 1, 0);
  for (std::size_t i = 0; i < count; ++i) ++offsets[row_of(i) + 1];
  for (std::size_t r = 0; r < rows; ++r) offsets[r + 1] += offsets[r];
  entries.resize(offsets[rows]);
  std::vector<std::uint64_t> cursor(offsets.begin(), offsets.end() - 1);
  for (std::size_t i = 0; i < count; ++i) entries[cursor[row_of(i)]++] = value_of(i);
}

}  // namespace verbund::core::detail
