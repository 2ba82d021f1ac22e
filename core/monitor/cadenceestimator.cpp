#include "core/monitor/cadenceestimator.h"

#include <algorithm>

namespace fleetscope {

bool CadenceEstimator::noteActivity(qint64 t)
{
    const qint64 gap = t - m_last;
    const bool first = m_last == 0;
    if (!first && gap < kBurstMs)
        return false;
    m_last = t;
    if (first)
        return false;
    m_gaps[m_next] = static_cast<quint32>(std::min<qint64>(gap, 0xffffffffLL));
    m_next = static_cast<quint8>((m_next + 1) % kWindow);
    if (m_count < kWindow)
        ++m_count;
    return true;
}

qint64 CadenceEstimator::medianGapMs() const
{
    if (m_count == 0)
        return 0;
    std::array<quint32, kWindow> sorted = m_gaps;
    auto middle = sorted.begin() + m_count / 2;
    std::nth_element(sorted.begin(), middle, sorted.begin() + m_count);
    return *middle;
}

qint64 CadencePolicy::intervalFor(const CadenceEstimator &cadence) const
{
    if (cadence.gapCount() < minGaps)
        return 0;
    const auto learned = static_cast<qint64>(static_cast<double>(cadence.medianGapMs()) * multiplier);
    return std::max(learned, floorMs);
}

} // namespace fleetscope
