#pragma once

#include <QtGlobal>

#include <array>

namespace fleetscope {

// Learns how often a device speaks: the median of its last gaps between activity (bursts closer
// than kBurstMs count as one). The monitor calls a device silent after `multiplier` × that median
// (at least `floorMs`), once it has seen `minGaps` gaps. Plain value, 72 bytes; one thread.
class CadenceEstimator
{
public:
    static constexpr int kWindow = 15; // gaps remembered (odd: the median is one of them)
    static constexpr qint64 kBurstMs = 50;

    // Notes activity at `t` (ms); returns whether a gap was recorded.
    bool noteActivity(qint64 t);
    int gapCount() const { return m_count; }
    // The median of the remembered gaps; 0 before any.
    qint64 medianGapMs() const;

private:
    std::array<quint32, kWindow> m_gaps {};
    qint64 m_last = 0;
    quint8 m_next = 0;
    quint8 m_count = 0;
};

// How the monitor learns silence from a device's own cadence.
struct CadencePolicy
{
    int minGaps = 3;
    double multiplier = 3.0;
    qint64 floorMs = 5000; // never silent sooner than this (batching and network jitter)

    // The expected interval learned by `cadence`; 0 while it knows too little.
    qint64 intervalFor(const CadenceEstimator &cadence) const;
};

} // namespace fleetscope
