#pragma once

#include <QtGlobal>

#include <vector>

namespace fleetscope {

// When the monitor must look again at something that may have gone quiet (a device's silence, a
// rule's `for`, an alert's clearAfter): a binary min-heap of (due time, owner), so the monitor
// sleeps until the earliest deadline and never scans devices on a timer.
//
// Entries are checked lazily: activity does not touch the heap (a device just notes its time);
// when an entry comes due its owner recomputes the real deadline and, if it moved, files a new one.
// So each owner keeps at most one entry filed and activity costs nothing here.
//
// Plain value; one thread.
class DeadlineQueue
{
public:
    enum class Owner : quint8 { Device, Alert, Endpoint };
    struct Entry
    {
        qint64 due;
        Owner owner;
        int id;
    };

    void push(qint64 due, Owner owner, int id);
    bool isEmpty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }
    // The earliest due time; only when not empty.
    qint64 nextDue() const { return m_heap.front().due; }
    // Removes and returns the earliest entry if it is due at `now`.
    bool popDue(qint64 now, Entry *entry);
    void clear() { m_heap.clear(); }
    // Drops every entry of `owner` (its ids are about to be reused).
    void removeOwner(Owner owner);

private:
    std::vector<Entry> m_heap;
};

} // namespace fleetscope
