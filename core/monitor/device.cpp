#include "core/monitor/device.h"

namespace fleetscope {

QString deviceStateName(DeviceState state)
{
    switch (state) {
    case DeviceState::Online:
        return QStringLiteral("online");
    case DeviceState::Silent:
        return QStringLiteral("silent");
    case DeviceState::Offline:
        return QStringLiteral("offline");
    case DeviceState::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace fleetscope
