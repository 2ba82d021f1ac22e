#pragma once

#include <QString>

namespace fleetscope {

// Where Fleetscope keeps its data (the event database): the environment variable
// FLEETSCOPE_DATA_DIR when set (tests, scripts, portable installs), else the per-user data folder
// "<GenericDataLocation>/fleetscope" — the same folder as QStandardPaths::AppDataLocation of an
// application named "fleetscope" without an organization, so the desktop app and the CLI agree.
QString fleetscopeDataDir();
QString defaultEventDatabasePath();
// Where the desktop app's record button puts session recordings: <data dir>/recordings.
QString defaultRecordingsDir();

} // namespace fleetscope
