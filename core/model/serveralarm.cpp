#include "core/model/serveralarm.h"

namespace fleetscope {

QString alertSeverityName(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Info:
        return QStringLiteral("info");
    case AlertSeverity::Warning:
        return QStringLiteral("warning");
    case AlertSeverity::Error:
        return QStringLiteral("error");
    case AlertSeverity::Critical:
        return QStringLiteral("critical");
    }
    return QStringLiteral("error");
}

bool alertSeverityFromName(const QString &name, AlertSeverity *severity)
{
    for (const AlertSeverity s :
        {AlertSeverity::Info, AlertSeverity::Warning, AlertSeverity::Error, AlertSeverity::Critical}) {
        if (name == alertSeverityName(s)) {
            *severity = s;
            return true;
        }
    }
    return false;
}

} // namespace fleetscope
