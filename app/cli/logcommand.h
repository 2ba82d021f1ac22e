#pragma once

#include <QStringList>

namespace fleetscope::cli {

// `fleetscope-cli log`: prints events from the event database as JSON Lines (kind "event", with
// "endpoint"), oldest first. Returns the exit code (0; 2 usage; 5 the database cannot be read).
int runLogCommand(const QStringList &arguments);

} // namespace fleetscope::cli
