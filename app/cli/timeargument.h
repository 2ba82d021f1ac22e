#pragma once

#include <QString>

namespace fleetscope::cli {

// Reads a point in time from the command line, relative to `nowMs`:
//   1732134567123 (ms since the epoch), 1732134567 (seconds), 2024-11-20T10:00:00Z or
//   2024-11-20T10:00:00 (local time), 2024-11-20, "now", or a duration ago: 90s, 15m, 2h, 7d.
// False with *error set when it is none of these.
bool parseTimeArgument(const QString &text, qint64 nowMs, qint64 *ms, QString *error);

} // namespace fleetscope::cli
