#pragma once
/// A fast non-cryptographic 64-bit hash (XXH64, by Yann Collet): it names the compiled cache's
/// entries by the content they were built from and checks that an entry was read back whole. It
/// guards against accidents (a changed file, a torn or damaged entry), not against an adversary.

#include <cstdint>
#include <string_view>

namespace stackpick {

/// XXH64 of bytes with seed: the same value as the reference implementation's XXH64().
std::uint64_t hash64(std::string_view bytes, std::uint64_t seed = 0);

}  // namespace stackpick
