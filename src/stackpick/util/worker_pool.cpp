#include "stackpick/util/worker_pool.hpp"

#include <system_error>

namespace stackpick {

WorkerPool::WorkerPool(std::size_t workers) {
    m_threads.reserve(workers > 1 ? workers - 1 : 0);  // so that adding one cannot throw
    for (std::size_t worker = 1; worker < workers; ++worker) {
        try {
            m_threads.emplace_back([this, worker] { serve(worker); });
        } catch (const std::system_error&) {
            break;  // no more threads to be had: fewer workers share the work
        }
    }
}

WorkerPool::~WorkerPool() {
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_start.notify_all();
    for (auto& thread : m_threads) thread.join();
}

void WorkerPool::run(std::size_t count, const Work& work) {
    if (m_threads.empty()) {
        for (std::size_t index = 0; index < count; ++index) work(index, 0);
        return;
    }
    {
        const std::lock_guard lock(m_mutex);
        m_work = &work;
        m_count = count;
        m_next.store(0);
        m_busy = m_threads.size();
        ++m_generation;
    }
    m_start.notify_all();
    drain(0);
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [this] { return m_busy == 0; });
    m_work = nullptr;
}

void WorkerPool::drain(std::size_t worker) {
    for (std::size_t index = m_next.fetch_add(1); index < m_count; index = m_next.fetch_add(1))
        (*m_work)(index, worker);
}

void WorkerPool::serve(std::size_t worker) {
    std::size_t seen = 0;
    while (true) {
        {
            std::unique_lock lock(m_mutex);
            m_start.wait(lock, [&] { return m_stop || m_generation != seen; });
            if (m_stop) return;
            seen = m_generation;
        }
        drain(worker);
        const std::lock_guard lock(m_mutex);
        if (--m_busy == 0) m_done.notify_one();
    }
}

}  // namespace stackpick
