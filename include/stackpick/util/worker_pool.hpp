#pragma once
/// A pool of threads that stay up and share out numbered work items: `stackpick batch` scores
/// its chunks on it, and the knowledge-base loader reads thousands of rules on it. The calling
/// thread works too, as worker 0.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace stackpick {

class WorkerPool {
  public:
    using Work = std::function<void(std::size_t index, std::size_t worker)>;

    /// Up to `workers` workers, the calling thread included. A thread the system refuses is
    /// not an error: the work is then shared by fewer workers (at least the calling one).
    explicit WorkerPool(std::size_t workers);
    ~WorkerPool();

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    /// How many workers share the work, the calling thread included.
    std::size_t workers() const { return m_threads.size() + 1; }

    /// Calls work(index, worker) for every index in [0, count), worker < workers(); returns
    /// when all are done. work must not throw.
    void run(std::size_t count, const Work& work);

  private:
    void drain(std::size_t worker);
    void serve(std::size_t worker);

    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_start;
    std::condition_variable m_done;
    const Work* m_work = nullptr;
    std::size_t m_count = 0;
    std::atomic<std::size_t> m_next{0};
    std::size_t m_busy = 0;
    std::size_t m_generation = 0;
    bool m_stop = false;
};

}  // namespace stackpick
