#pragma once

#include <QtGlobal>

#include <optional>

namespace fleetscope {

// Times servers put in their frames are double epoch values: seconds (often with a fraction) or,
// above 10^11, milliseconds already. A value that is not finite, not positive or beyond
// kMaxEpochMs (in either unit) is not a time: converting it to an integer would be undefined
// (fuzzing found 65-digit timestamps in all three text protocols), so it has no millisecond value.
constexpr double kMaxEpochMs = 1.0e15; // the year 33658
constexpr double kEpochMsThreshold = 1.0e11;

bool isEpochTime(double t);
// Seconds or milliseconds, by the threshold above.
std::optional<qint64> epochToMs(double t);
// Seconds only (`exp` claims, header times).
std::optional<qint64> epochSecondsToMs(double seconds);

} // namespace fleetscope
