#pragma once

// Pair of actors -> slot of its live tie, as one open-addressing table (linear probing,
// backward-shift deletion). The simulator asks "are u and v tied?" for every meeting; a flat
// table answers with about one cache miss where a node-based map or a binary search in two
// neighbour rows costs several.

#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

namespace verbund::sim {

class PairIndex {
 public:
  static constexpr std::uint32_t absent = UINT32_MAX;

  /// The key of an unordered pair u != v; never 0, which marks an empty slot.
  static std::uint64_t key(std::uint32_t u, std::uint32_t v) noexcept {
    if (u > v) std::swap(u, v);
    return (std::uint64_t{u} << 32U) | v;
  }

  [[nodiscard]] std::uint32_t find(std::uint64_t k) const noexcept {
    if (slots_.empty()) return absent;
    for (std::size_t i = home(k);; i = (i + 1) & mask_) {
      if (slots_[i].key == k) return slots_[i].value;
      if (slots_[i].key == 0) return absent;
    }
  }

  /// Inserts or overwrites.
  void set(std::uint64_t k, std::uint32_t value) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    for (std::size_t i = home(k);; i = (i + 1) & mask_) {
      if (slots_[i].key == k) {
        slots_[i].value = value;
        return;
      }
      if (slots_[i].key == 0) {
        slots_[i] = {k, value};
        ++size_;
        return;
      }
    }
  }

  /// Removes k if present. Later entries of the probe run move back into the gap, so no
  /// tombstones accumulate.
  void erase(std::uint64_t k) noexcept {
    if (slots_.empty()) return;
    std::size_t i = home(k);
    while (slots_[i].key != k) {
      if (slots_[i].key == 0) return;
      i = (i + 1) & mask_;
    }
    for (std::size_t j = (i + 1) & mask_; slots_[j].key != 0; j = (j + 1) & mask_) {
      // Slot j may fill the gap at i when its home does not lie cyclically in (i, j].
      const std::size_t h = home(slots_[j].key);
      if (((j - h) & mask_) >= ((j - i) & mask_)) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i] = {};
    --size_;
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t value = 0;
  };

  [[nodiscard]] std::size_t home(std::uint64_t k) const noexcept {
    // Fibonacci hashing: the high bits of k times 2^64/phi.
    return static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ULL) >> shift_);
  }

  void grow() {
    const std::size_t capacity = slots_.empty() ? 1024 : 2 * slots_.size();
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    shift_ = 64U - static_cast<unsigned>(std::countr_zero(capacity));
    size_ = 0;
    for (const auto& s : old)
      if (s.key != 0) set(s.key, s.value);
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0, size_ = 0;
  unsigned shift_ = 64;
};

}  // namespace verbund::sim
