#pragma once

#include <QString>

#include <optional>

namespace fleetscope::cli {

// `fleetscope-cli log --retention` and `log --keep-days N --keep-size SIZE`: prints what the event
// log holds and how long it keeps events, after changing the limits when asked (the change is
// kept in the database, so the desktop app applies it too, within a minute when it is running).
// One JSON line of kind "retention". Returns the exit code (0; 5 the database cannot be read or
// written).
int runRetentionCommand(const QString &databasePath, std::optional<int> keepDays, std::optional<qint64> keepBytes);

} // namespace fleetscope::cli
