// hash64 (src/stackpick/util/hash.cpp): the reference XXH64's values, so a cache key or checksum
// means the same on every machine.

#include <catch2/catch.hpp>

#include <string>

#include "stackpick/util/hash.hpp"

TEST_CASE("hash64 gives the reference XXH64 values", "[hash]") {
    CHECK(stackpick::hash64("") == 0xEF46DB3751D8E999ULL);
    CHECK(stackpick::hash64("a") == 0xD24EC4F1A98C6E5BULL);
    CHECK(stackpick::hash64("abc") == 0x44BC2CF5AD770999ULL);
    // 39 bytes: the four lanes, then 8-, 4- and 1-byte tails.
    CHECK(stackpick::hash64("Nobody inspects the spammish repetition") == 0xFBCEA83C8A378BF1ULL);
    CHECK(stackpick::hash64("xxhash", 20141025) == 0xB559B98D844E0635ULL);
}

TEST_CASE("hash64 changes with any byte and with the seed", "[hash]") {
    std::string text(1000, 'x');
    const auto original = stackpick::hash64(text);
    for (std::size_t i = 0; i < text.size(); i += 97) {
        std::string changed = text;
        changed[i] = 'y';
        CHECK(stackpick::hash64(changed) != original);
    }
    CHECK(stackpick::hash64(text, 1) != original);
    CHECK(stackpick::hash64(text.substr(0, 999)) != original);
}
