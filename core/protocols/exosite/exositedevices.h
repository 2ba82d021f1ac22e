#pragma once

#include "core/model/presence.h"
#include "core/model/serveralarm.h"
#include "core/protocols/exosite/exositeframe.h"
#include "core/protocols/exosite/exositetree.h"

#include <optional>

namespace fleetscope::exosite {

// What One Platform resources say for monitoring (docs/protocols/exosite.md#mapping; docs/alerts.md):
// a client under the authenticated one is a device; a locked or expired client is offline (and
// back online when it is activated again); a datarule's value is the platform's own alarm
// (non-zero: active), named after the rule. Plain functions: the endpoint's tree and its replay
// both use them. Threading: any.
bool isDevice(const Resource &resource);
// The presence a client's status tells, when it differs from `previousStatus` ("" the first time).
std::optional<PresenceReport> presenceOf(const Resource &resource, const QString &previousStatus);
// The alarm a point of a datarule tells; nothing for other resources or a non-numeric point.
std::optional<ServerAlarm> alarmOf(const Resource &resource, const Point &point);

} // namespace fleetscope::exosite
