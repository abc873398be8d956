// The worker pool that batch scoring and rule loading share (src/stackpick/util/worker_pool.cpp).
#include <atomic>
#include <vector>

#include <catch2/catch.hpp>

#include "stackpick/util/worker_pool.hpp"

TEST_CASE("the worker pool runs every item exactly once, on every run", "[worker_pool]") {
    for (const std::size_t workers : {1u, 2u, 5u}) {
        stackpick::WorkerPool pool(workers);
        REQUIRE(pool.workers() >= 1);
        REQUIRE(pool.workers() <= workers);
        for (const std::size_t count : {0u, 1u, 7u, 1000u}) {
            std::vector<std::atomic<int>> seen(count);
            std::atomic<bool> worker_in_range{true};
            pool.run(count, [&](std::size_t index, std::size_t worker) {
                seen[index].fetch_add(1);
                if (worker >= pool.workers()) worker_in_range = false;
            });
            for (std::size_t i = 0; i < count; ++i) CHECK(seen[i].load() == 1);
            CHECK(worker_in_range.load());
        }
    }
}
