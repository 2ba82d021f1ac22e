#pragma once

#include "core/link/linkstate.h"

#include <QString>

namespace fleetscope {

// What the endpoints list and the status bar show about one connection. Plain data, kept by the
// Workspace on the GUI thread from the endpoint's state changes and its counters (sampled once a
// second on the network thread).
struct EndpointStatus
{
    QString name;
    QString protocol;
    QString url; // for display: no query, no user info
    LinkState state = LinkState::Idle;
    LinkReason reason = LinkReason::None; // why: what code looks at (LinkStatus::reason)
    QString detail; // for display only (LinkStatus::text()): the failure reason, "…; retry in 2.0 s", ...
    LinkCounters counters;
    double messagesPerSecond = 0.0; // frames received per second over the last sample
    qint64 retryAtMs = 0; // wall-clock ms of the pending retry while reconnecting, else 0

    // Whole seconds until the pending retry (rounded up), or -1 when none is pending.
    int retryInSeconds(qint64 nowMs) const
    {
        if (state != LinkState::Reconnecting || retryAtMs <= 0)
            return -1;
        const qint64 left = retryAtMs - nowMs;
        return left <= 0 ? 0 : static_cast<int>((left + 999) / 1000);
    }
};

} // namespace fleetscope
