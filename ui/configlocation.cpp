#include "ui/configlocation.h"

#include <QStandardPaths>

namespace fleetscope::ui {

QString configDirectory()
{
    const QString overridden = qEnvironmentVariable("FLEETSCOPE_CONFIG_DIR");
    if (!overridden.isEmpty())
        return overridden;
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
}

} // namespace fleetscope::ui
