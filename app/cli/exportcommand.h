#pragma once

#include <QStringList>

namespace fleetscope::cli {

// `fleetscope-cli export-recording FILE`: a recording as JSON Lines on stdout (a "recording" line,
// then one "frame" line per frame), secrets masked. A damaged file is exported up to the damage,
// then stderr says what was wrong and the exit code is 5. Returns the exit code (0; 2 usage; 5).
int runExportCommand(const QStringList &arguments);

} // namespace fleetscope::cli
