#include "core/protocols/exosite/exositeresourcetree.h"

#include "core/protocols/exosite/exositedevices.h"
#include "core/util/jsonutil.h"

namespace fleetscope::exosite {

namespace {
Event event(
    Severity severity, const QString &path, const QString &summary, const QString &payload = QString(), qint64 t = 0)
{
    Event out;
    out.t = t; // 0: the endpoint stamps it when reported
    out.severity = severity;
    out.path = path;
    out.summary = summary;
    out.payload = payload;
    return out;
}
} // namespace

void ResourceTree::add(const Resource &resource, EndpointBatch *out)
{
    const std::optional<PresenceReport> presence = presenceOf(resource, m_byPath.value(resource.path).status);
    m_byPath.insert(resource.path, resource);
    Topic topic;
    topic.path = resource.path;
    topic.displayName = resource.name;
    topic.meta.insert(QStringLiteral("rid"), resource.rid);
    if (!resource.name.isEmpty())
        topic.meta.insert(QStringLiteral("name"), resource.name);
    if (!resource.unit.isEmpty())
        topic.meta.insert(QStringLiteral("unit"), resource.unit);
    if (!resource.status.isEmpty())
        topic.meta.insert(QStringLiteral("status"), resource.status);
    bool inactive = false;
    if (resource.type == QLatin1String("client")) {
        topic.node = isDevice(resource) ? NodeKind::Device : NodeKind::Folder;
        topic.type = QStringLiteral("client");
        if (resource.path.isEmpty())
            m_rootName = resource.name;
        inactive = resource.status == QLatin1String("locked") || resource.status == QLatin1String("expired");
    } else if (resource.type == QLatin1String("dispatch")) {
        topic.node = NodeKind::Resource;
        topic.type = QStringLiteral("dispatch");
        topic.subscribable = true;
    } else {
        topic.node = NodeKind::Stream;
        topic.type =
            resource.type + QLatin1Char('.') + (resource.format.isEmpty() ? QStringLiteral("string") : resource.format);
        topic.subscribable = true;
    }
    out->topics.append(topic);
    if (presence)
        out->presence.append(*presence);
    if (inactive)
        out->events.append(
            event(Severity::Warning, resource.path, QStringLiteral("client is %1").arg(resource.status)));
}

QStringList ResourceTree::dataResourcesUnder(const QString &path) const
{
    QStringList found;
    const QString prefix = path.isEmpty() ? QString() : path + QLatin1Char('/');
    for (auto it = m_byPath.cbegin(); it != m_byPath.cend(); ++it) {
        if (it.value().type != QLatin1String("client") && it.key().startsWith(prefix))
            found << it.key();
    }
    found.sort();
    return found;
}

void ResourceTree::ingest(
    const QString &path, const QVector<Point> &points, const QString &raw, qint64 *lastTs, EndpointBatch *out) const
{
    const Resource resource = m_byPath.value(path);
    const QString label = TopicPath::decodeSegment(TopicPath::lastSegment(resource.path));
    for (const Point &point : points) {
        if (point.tMs <= *lastTs)
            continue; // backlog and read may overlap: de-duplicate by timestamp
        *lastTs = point.tMs;
        if (const std::optional<ServerAlarm> alarm = alarmOf(resource, point))
            out->alarms.append(*alarm);
        if (resource.isNumeric()) {
            double value = 0.0;
            if (point.value.isDouble())
                out->samples.append(Sample {resource.path, point.tMs, point.value.toDouble()});
            else if (point.value.isString() && parseNumber(point.value.toString(), &value))
                out->samples.append(Sample {resource.path, point.tMs, value});
            else
                out->events.append(event(Severity::Warning, resource.path,
                    QStringLiteral("value is not a number: %1").arg(oneLine(jsonToText(point.value), 60)), raw,
                    point.tMs));
        } else {
            out->events.append(event(Severity::Info, resource.path,
                QStringLiteral("%1 = %2").arg(label, oneLine(jsonToText(point.value), 120)), raw, point.tMs));
        }
    }
}

} // namespace fleetscope::exosite
