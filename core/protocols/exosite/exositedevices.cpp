#include "core/protocols/exosite/exositedevices.h"

#include "core/model/topic.h"
#include "core/util/jsonutil.h"

namespace fleetscope::exosite {

namespace {
bool isInactive(const QString &status)
{
    return status == QLatin1String("locked") || status == QLatin1String("expired");
}
} // namespace

bool isDevice(const Resource &resource)
{
    return resource.type == QLatin1String("client") && !resource.path.isEmpty();
}

std::optional<PresenceReport> presenceOf(const Resource &resource, const QString &previousStatus)
{
    if (!isDevice(resource) || resource.status == previousStatus)
        return std::nullopt;
    if (isInactive(resource.status))
        return PresenceReport {
            resource.path, Presence::Offline, QStringLiteral("client is %1").arg(resource.status), 0};
    if (isInactive(previousStatus))
        return PresenceReport {resource.path, Presence::Online, QStringLiteral("client is %1").arg(resource.status), 0};
    return std::nullopt; // "activated" says nothing about a connection
}

std::optional<ServerAlarm> alarmOf(const Resource &resource, const Point &point)
{
    if (resource.type != QLatin1String("datarule"))
        return std::nullopt;
    double value = 0.0;
    if (point.value.isDouble())
        value = point.value.toDouble();
    else if (point.value.isBool())
        value = point.value.toBool() ? 1.0 : 0.0;
    else if (!point.value.isString() || !parseNumber(point.value.toString(), &value))
        return std::nullopt;
    const QString label = TopicPath::decodeSegment(TopicPath::lastSegment(resource.path));
    ServerAlarm alarm;
    alarm.path = resource.path;
    alarm.name = QStringLiteral("datarule ") + (resource.name.isEmpty() ? label : resource.name);
    alarm.active = value != 0.0;
    alarm.severity = AlertSeverity::Error;
    alarm.summary = alarm.active ? QStringLiteral("%1 = %2 (the platform's rule is true)").arg(label).arg(value)
                                 : QStringLiteral("%1 = %2").arg(label).arg(value);
    alarm.value = value;
    alarm.t = point.tMs;
    return alarm;
}

} // namespace fleetscope::exosite
