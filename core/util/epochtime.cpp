#include "epochtime.h"

#include <cmath>

namespace fleetscope {

bool isEpochTime(double t)
{
    return std::isfinite(t) && t > 0 && t <= kMaxEpochMs;
}

std::optional<qint64> epochToMs(double t)
{
    if (!isEpochTime(t))
        return std::nullopt;
    return t > kEpochMsThreshold ? std::llround(t) : std::llround(t * 1000.0);
}

std::optional<qint64> epochSecondsToMs(double seconds)
{
    if (!isEpochTime(seconds) || seconds > kMaxEpochMs / 1000.0)
        return std::nullopt;
    return std::llround(seconds * 1000.0);
}

} // namespace fleetscope
