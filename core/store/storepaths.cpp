#include "core/store/storepaths.h"

#include <QDir>
#include <QStandardPaths>

namespace fleetscope {

QString fleetscopeDataDir()
{
    const QString fromEnv = qEnvironmentVariable("FLEETSCOPE_DATA_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("fleetscope"));
}

QString defaultEventDatabasePath()
{
    return QDir(fleetscopeDataDir()).filePath(QStringLiteral("events.sqlite"));
}

QString defaultRecordingsDir()
{
    return QDir(fleetscopeDataDir()).filePath(QStringLiteral("recordings"));
}

} // namespace fleetscope
