#pragma once

#include <QString>

namespace fleetscope {

// "now", "12 s ago", "3 min ago", "2 h ago", "4 d ago" (or "never" for 0): how long ago `thenMs`
// was at `nowMs`, for the Devices and Alerts panels. Pure function.
QString ageText(qint64 thenMs, qint64 nowMs);

} // namespace fleetscope
