#include "core/monitor/deadlinequeue.h"

#include <algorithm>

namespace fleetscope {

namespace {

bool later(const DeadlineQueue::Entry &a, const DeadlineQueue::Entry &b)
{
    return a.due > b.due;
}

} // namespace

void DeadlineQueue::push(qint64 due, Owner owner, int id)
{
    m_heap.push_back(Entry {due, owner, id});
    std::push_heap(m_heap.begin(), m_heap.end(), later);
}

bool DeadlineQueue::popDue(qint64 now, Entry *entry)
{
    if (m_heap.empty() || m_heap.front().due > now)
        return false;
    std::pop_heap(m_heap.begin(), m_heap.end(), later);
    *entry = m_heap.back();
    m_heap.pop_back();
    return true;
}

void DeadlineQueue::removeOwner(Owner owner)
{
    m_heap.erase(std::remove_if(m_heap.begin(), m_heap.end(), [owner](const Entry &e) { return e.owner == owner; }),
        m_heap.end());
    std::make_heap(m_heap.begin(), m_heap.end(), later);
}

} // namespace fleetscope
