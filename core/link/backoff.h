#pragma once

#include <QRandomGenerator>

namespace fleetscope {

// Exponential backoff with ±20 % jitter, capped. The n-th delay is initial·2ⁿ (jittered), never
// above the cap; reset() after a successful connection starts again from the initial delay.
class Backoff
{
public:
    Backoff(int initialMs, int maxMs, quint32 seed = QRandomGenerator::global()->generate());

    int nextDelayMs();
    void reset();
    int attempts() const { return m_attempt; }
    void setLimits(int initialMs, int maxMs);

private:
    int m_initialMs;
    int m_maxMs;
    int m_attempt = 0;
    QRandomGenerator m_random;
};

} // namespace fleetscope
