#include "core/model/presence.h"

namespace fleetscope {

QString presenceName(Presence presence)
{
    switch (presence) {
    case Presence::Online:
        return QStringLiteral("online");
    case Presence::Offline:
        return QStringLiteral("offline");
    case Presence::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace fleetscope
