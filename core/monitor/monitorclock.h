#pragma once

#include <QtGlobal>

namespace fleetscope {

// Where the monitor reads the time: every duration a rule states (`for`, silentFor, offlineFor,
// endpointDownFor) and every device's silence is measured on it. The system clock in the programs;
// a ManualClock in tests and in rule back-tests, so time-based rules run without waiting.
//
// Threading: read from the thread the monitor lives in; a ManualClock is moved from that thread too.
class MonitorClock
{
public:
    virtual ~MonitorClock() = default;
    // Milliseconds since the epoch.
    virtual qint64 nowMs() const = 0;
};

// The wall clock (QDateTime::currentMSecsSinceEpoch).
class SystemClock : public MonitorClock
{
public:
    qint64 nowMs() const override;
};

// A clock that moves only when told: tests and back-tests set it.
class ManualClock : public MonitorClock
{
public:
    explicit ManualClock(qint64 startMs = 0)
        : m_now(startMs)
    { }
    qint64 nowMs() const override { return m_now; }
    void setNowMs(qint64 ms) { m_now = ms; }
    void advanceMs(qint64 ms) { m_now += ms; }

private:
    qint64 m_now;
};

} // namespace fleetscope
