#include "core/monitor/agetext.h"

#include <algorithm>

namespace fleetscope {

QString ageText(qint64 thenMs, qint64 nowMs)
{
    if (thenMs <= 0)
        return QStringLiteral("never");
    const qint64 s = std::max<qint64>(0, nowMs - thenMs) / 1000;
    if (s < 1)
        return QStringLiteral("now");
    if (s < 120)
        return QStringLiteral("%1 s ago").arg(s);
    if (s < 7200)
        return QStringLiteral("%1 min ago").arg(s / 60);
    if (s < 172800)
        return QStringLiteral("%1 h ago").arg(s / 3600);
    return QStringLiteral("%1 d ago").arg(s / 86400);
}

} // namespace fleetscope
