#include "core/model/ratemeter.h"

#include <algorithm>
#include <cmath>

namespace fleetscope {

namespace {
constexpr double kShownStep = 0.1; // the shown figure follows moves larger than this fraction
constexpr double kQuietIntervals = 3.0;
constexpr double kMinQuietSeconds = 5.0;
} // namespace

bool RateMeter::tick(qint64 messages, double seconds)
{
    seconds = std::max(seconds, 0.001);
    switch (m_phase) {
    case Phase::Idle:
        if (messages > 0) {
            m_phase = Phase::Started;
            m_sinceStart = 0.0;
        }
        break;
    case Phase::Started:
        m_sinceStart += seconds;
        if (messages > 0) {
            m_phase = Phase::Measuring;
            m_quietSeconds = 0.0;
            m_average = static_cast<double>(messages) / m_sinceStart;
        }
        break;
    case Phase::Measuring:
        if (messages > 0) {
            m_quietSeconds = 0.0;
            const double now = static_cast<double>(messages) / seconds;
            m_average += (now - m_average) * (1.0 - std::exp(-seconds / kTimeConstantSeconds));
        } else {
            m_quietSeconds += seconds;
            if (m_quietSeconds >= std::max(kMinQuietSeconds, kQuietIntervals / m_average)) {
                m_phase = Phase::Idle;
                m_average = 0.0;
            } else {
                m_average *= std::exp(-seconds / kTimeConstantSeconds);
            }
        }
        break;
    }
    const double before = m_shown;
    if (m_phase != Phase::Measuring)
        m_shown = 0.0;
    else if (m_shown <= 0.0 || std::abs(m_average - m_shown) > kShownStep * m_shown)
        m_shown = m_average;
    return m_shown != before;
}

} // namespace fleetscope
