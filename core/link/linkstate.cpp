#include "core/link/linkstate.h"

namespace fleetscope {

QString linkStateName(LinkState state)
{
    switch (state) {
    case LinkState::Idle:
        return QStringLiteral("idle");
    case LinkState::Connecting:
        return QStringLiteral("connecting");
    case LinkState::Connected:
        return QStringLiteral("connected");
    case LinkState::Ready:
        return QStringLiteral("ready");
    case LinkState::Reconnecting:
        return QStringLiteral("reconnecting");
    case LinkState::Closed:
        return QStringLiteral("closed");
    case LinkState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("idle");
}

} // namespace fleetscope
