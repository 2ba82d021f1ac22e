#include "core/link/backoff.h"

#include <algorithm>
#include <cmath>

namespace fleetscope {

Backoff::Backoff(int initialMs, int maxMs, quint32 seed)
    : m_initialMs(std::max(1, initialMs))
    , m_maxMs(std::max(m_initialMs, maxMs))
    , m_random(seed)
{ }

void Backoff::setLimits(int initialMs, int maxMs)
{
    m_initialMs = std::max(1, initialMs);
    m_maxMs = std::max(m_initialMs, maxMs);
}

int Backoff::nextDelayMs()
{
    const double base = std::min<double>(m_maxMs, m_initialMs * std::pow(2.0, std::min(m_attempt, 30)));
    ++m_attempt;
    const double jitter = 0.8 + 0.4 * m_random.generateDouble();
    return static_cast<int>(std::min<double>(m_maxMs, base * jitter));
}

void Backoff::reset()
{
    m_attempt = 0;
}

} // namespace fleetscope
