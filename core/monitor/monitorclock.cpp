#include "core/monitor/monitorclock.h"

#include <QDateTime>

namespace fleetscope {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace fleetscope
