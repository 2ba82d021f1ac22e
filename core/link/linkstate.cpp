#include "core/link/linkstate.h"

#include <QCoreApplication>

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

QString LinkStatus::text() const
{
    if (retryInMs < 0)
        return detail;
    return QCoreApplication::translate("fleetscope::LinkStatus", "%1; retry in %2 s")
        .arg(detail)
        .arg(retryInMs / 1000.0, 0, 'f', 1);
}

} // namespace fleetscope
