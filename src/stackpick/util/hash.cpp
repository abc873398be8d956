#include "stackpick/util/hash.hpp"

#include <cstring>

namespace stackpick {

namespace {

constexpr std::uint64_t k_prime1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t k_prime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr std::uint64_t k_prime3 = 0x165667B19E3779F9ULL;
constexpr std::uint64_t k_prime4 = 0x85EBCA77C2B2AE63ULL;
constexpr std::uint64_t k_prime5 = 0x27D4EB2F165667C5ULL;

std::uint64_t rotate_left(std::uint64_t value, int bits) {
    return (value << bits) | (value >> (64 - bits));
}

/// Little-endian loads whatever the host, so a hash never depends on the machine.
std::uint64_t load64(const unsigned char* bytes) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | bytes[i];
    return value;
}

std::uint64_t load32(const unsigned char* bytes) {
    std::uint64_t value = 0;
    for (int i = 3; i >= 0; --i) value = (value << 8) | bytes[i];
    return value;
}

std::uint64_t round(std::uint64_t accumulator, std::uint64_t input) {
    accumulator += input * k_prime2;
    accumulator = rotate_left(accumulator, 31);
    return accumulator * k_prime1;
}

std::uint64_t merge_round(std::uint64_t accumulator, std::uint64_t value) {
    accumulator ^= round(0, value);
    return accumulator * k_prime1 + k_prime4;
}

}  // namespace

std::uint64_t hash64(std::string_view text, std::uint64_t seed) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = bytes + text.size();
    std::uint64_t hash = 0;
    if (text.size() >= 32) {
        std::uint64_t lanes[4] = {seed + k_prime1 + k_prime2, seed + k_prime2, seed,
                                  seed - k_prime1};
        for (; end - bytes >= 32; bytes += 32)
            for (int lane = 0; lane < 4; ++lane)
                lanes[lane] = round(lanes[lane], load64(bytes + 8 * lane));
        hash = rotate_left(lanes[0], 1) + rotate_left(lanes[1], 7) + rotate_left(lanes[2], 12) +
               rotate_left(lanes[3], 18);
        for (const auto lane : lanes) hash = merge_round(hash, lane);
    } else {
        hash = seed + k_prime5;
    }
    hash += static_cast<std::uint64_t>(text.size());
    for (; end - bytes >= 8; bytes += 8) {
        hash ^= round(0, load64(bytes));
        hash = rotate_left(hash, 27) * k_prime1 + k_prime4;
    }
    if (end - bytes >= 4) {
        hash ^= load32(bytes) * k_prime1;
        hash = rotate_left(hash, 23) * k_prime2 + k_prime3;
        bytes += 4;
    }
    for (; bytes < end; ++bytes) {
        hash ^= *bytes * k_prime5;
        hash = rotate_left(hash, 11) * k_prime1;
    }
    hash ^= hash >> 33;
    hash *= k_prime2;
    hash ^= hash >> 29;
    hash *= k_prime3;
    hash ^= hash >> 32;
    return hash;
}

}  // namespace stackpick
