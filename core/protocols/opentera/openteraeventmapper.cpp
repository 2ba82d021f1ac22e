#include "core/protocols/opentera/openteraeventmapper.h"

#include "core/endpoint/endpoint.h"
#include "core/protocols/opentera/openteradevicestatus.h"
#include "core/util/epochtime.h"
#include "core/util/jsonutil.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace fleetscope::opentera {

namespace {

constexpr int kReplyAccepted = 1;
constexpr int kArchiveCancelled = 3;

EntityKind entityKindOf(WireEvent::Kind kind)
{
    switch (kind) {
    case WireEvent::Kind::Participant:
        return EntityKind::Participant;
    case WireEvent::Kind::Device:
        return EntityKind::Device;
    default:
        return EntityKind::User;
    }
}

// The first text field of a status that says "error" (any case, at any depth), as "key: text".
QString errorField(const QJsonValue &value, const QString &prefix, int depth)
{
    if (depth > 8 || !value.isObject())
        return QString();
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('/') + it.key();
        if (it.value().isString() && it.value().toString().contains(QLatin1String("error"), Qt::CaseInsensitive))
            return key + QStringLiteral(": ") + oneLine(it.value().toString(), 80);
        const QString nested = errorField(it.value(), key, depth + 1);
        if (!nested.isEmpty())
            return nested;
    }
    return QString();
}

} // namespace

EventMapper::EventMapper(EntityTree *tree)
    : m_tree(tree)
{ }

EventMapper::Change EventMapper::changeOf(WireEvent::Kind kind, int code)
{
    if (isDeprecatedCode(kind, code))
        return Change::Deprecated;
    if (code == 1)
        return Change::Connected;
    if (code == 2)
        return Change::Disconnected;
    switch (kind) {
    case WireEvent::Kind::User:
        return code == 6 ? Change::Joined : code == 7 ? Change::Left : Change::Unknown;
    case WireEvent::Kind::Participant:
        return code == 5 ? Change::Joined : code == 6 ? Change::Left : Change::Unknown;
    case WireEvent::Kind::Device:
        return code == 5 ? Change::Joined : code == 6 ? Change::Left : code == 7 ? Change::Status : Change::Unknown;
    default:
        return Change::Unknown;
    }
}

void EventMapper::reportPresence(EndpointBatch *out, const Entity &entity, const QString &detail, qint64 tMs)
{
    if (entity.kind == EntityKind::User)
        return; // people at a console, not devices
    out->presence.append(
        PresenceReport {entity.path, entity.online ? Presence::Online : Presence::Offline, detail, tMs});
}

void EventMapper::report(EndpointBatch *out, Severity severity, const QString &path, const QString &summary,
    const QString &payload, qint64 tMs)
{
    Event event;
    event.t = tMs;
    event.severity = severity;
    event.path = path;
    event.summary = summary;
    event.payload = payload;
    out->events.append(event);
}

QString EventMapper::names(const QStringList &uuids) const
{
    QStringList out;
    for (const QString &uuid : uuids)
        out << m_tree->nameOf(uuid);
    return out.join(QLatin1String(", "));
}

void EventMapper::applyFrame(
    const Frame &frame, const QString &raw, qint64 rawBytes, qint64 receivedMs, EndpointBatch *out)
{
    const qint64 now = receivedMs;
    switch (frame.kind) {
    case Frame::Kind::Text:
        report(out, Severity::Warning, QString(), oneLine(raw, 120), raw, now);
        return;
    case Frame::Kind::Undecodable: {
        // The payload is the frame as received, whole; why it failed goes in the summary.
        QString summary = QStringLiteral("undecodable frame (%1 bytes)").arg(rawBytes);
        if (!frame.problem.isEmpty())
            summary += QStringLiteral(": ") + oneLine(frame.problem, 100);
        report(out, Severity::Error, QString(), summary, raw, now);
    }
        return;
    case Frame::Kind::Unexpected:
        report(
            out, Severity::Warning, QString(), QStringLiteral("unrecognised frame: %1").arg(frame.problem), raw, now);
        return;
    case Frame::Kind::Events:
        break;
    }
    const qint64 tMs = epochSecondsToMs(frame.time).value_or(now);
    for (const WireEvent &event : frame.events)
        applyEvent(event, frame.time, tMs, out);
}

void EventMapper::applyEvent(const WireEvent &event, double headerTime, qint64 tMs, EndpointBatch *out)
{
    switch (event.kind) {
    case WireEvent::Kind::User:
    case WireEvent::Kind::Participant:
    case WireEvent::Kind::Device:
        applyEntityEvent(event, entityKindOf(event.kind), headerTime, tMs, out);
        return;
    case WireEvent::Kind::JoinSession:
    case WireEvent::Kind::LeaveSession:
    case WireEvent::Kind::StopSession:
    case WireEvent::Kind::JoinSessionReply:
        applySession(event, tMs, out);
        return;
    case WireEvent::Kind::Archive:
        report(out, event.code == kArchiveCancelled ? Severity::Warning : Severity::Info, QString(),
            QStringLiteral("archive %1 %2").arg(event.uuid.left(8), event.codeName), event.raw, tMs);
        return;
    case WireEvent::Kind::Database:
        report(out, Severity::Debug, QString(), QStringLiteral("%1 %2").arg(event.objectType, event.codeName),
            event.raw, tMs);
        return;
    case WireEvent::Kind::Unknown:
        report(
            out, Severity::Warning, QString(), QStringLiteral("unrecognised %1").arg(event.typeName), event.raw, tMs);
        return;
    case WireEvent::Kind::Invalid:
        report(out, Severity::Error, QString(),
            QStringLiteral("undecodable %1: %2")
                .arg(event.typeName.isEmpty() ? QStringLiteral("event") : event.typeName, oneLine(event.problem, 80)),
            event.raw, tMs);
        return;
    }
}

void EventMapper::applyEntityEvent(
    const WireEvent &event, EntityKind kind, double headerTime, qint64 tMs, EndpointBatch *out)
{
    const Change change = changeOf(event.kind, event.code);
    if (change == Change::Unknown) {
        report(out, Severity::Warning, QString(),
            QStringLiteral("unrecognised %1 type %2").arg(event.typeName, event.codeName), event.raw, tMs);
        return;
    }
    if (change == Change::Deprecated) {
        report(out, Severity::Debug, QString(),
            QStringLiteral("%1 %2").arg(event.name.isEmpty() ? event.uuid.left(8) : event.name, event.codeName),
            event.raw, tMs);
        return;
    }
    if (event.uuid.isEmpty()) {
        report(
            out, Severity::Warning, QString(), QStringLiteral("%1 without a UUID").arg(event.typeName), event.raw, tMs);
        return;
    }
    Entity &entity = m_tree->upsert(kind, event.uuid, event.name);
    const QString name = entity.name.isEmpty() ? entity.uuid.left(8) : entity.name;
    switch (change) {
    case Change::Connected:
        entity.online = true;
        if (entity.uuid == m_selfUuid) {
            entity.self = true;
            report(out, Severity::Debug, entity.path, QStringLiteral("%1 online (this session)").arg(name), event.raw,
                tMs);
        } else {
            report(out, Severity::Info, entity.path, QStringLiteral("%1 online").arg(name), event.raw, tMs);
        }
        reportPresence(out, entity, QStringLiteral("connected"), tMs);
        break;
    case Change::Disconnected:
        entity.online = false;
        report(out, kind == EntityKind::Device ? Severity::Warning : Severity::Info, entity.path,
            QStringLiteral("%1 offline").arg(name), event.raw, tMs);
        reportPresence(out, entity, QStringLiteral("disconnected"), tMs);
        break;
    case Change::Joined:
        entity.busy = true;
        report(out, Severity::Info, entity.path, QStringLiteral("%1 joined a session").arg(name), event.raw, tMs);
        break;
    case Change::Left:
        entity.busy = false;
        report(out, Severity::Info, entity.path, QStringLiteral("%1 left a session").arg(name), event.raw, tMs);
        break;
    case Change::Status: {
        if (!entity.online) {
            entity.online = true; // only an online device can post its status
            reportPresence(out, entity, QStringLiteral("posted its status"), tMs);
        }
        QString summary;
        QString decoded;
        applyStatus(entity, QJsonValue(event.deviceStatus), headerTime, tMs, out, &summary, &decoded);
        report(out, Severity::Debug, entity.path, summary,
            decoded.isEmpty() ? event.raw : event.raw + QStringLiteral("\nstatus: ") + decoded, tMs);
        break;
    }
    case Change::Unknown:
    case Change::Deprecated:
        break;
    }
    out->topics.append(m_tree->topicFor(entity));
}

void EventMapper::applyStatus(Entity &device, const QJsonValue &outer, double headerTime, qint64 fallbackMs,
    EndpointBatch *out, QString *summary, QString *decoded)
{
    const DeviceStatus status = decodeDeviceStatus(outer);
    if (!status.present) {
        *summary = QStringLiteral("no status");
        return;
    }
    if (!status.problem.isEmpty()) {
        *summary = QStringLiteral("%1: %2").arg(status.problem, oneLine(jsonToText(status.value), 60));
        return;
    }
    *decoded = jsonToText(status.value);
    *summary = statusSummary(status.value);
    const qint64 t = statusTimeMs(status.timestamp, headerTime, fallbackMs);
    // A status field that says "error" is the server's alarm for the device, until a status without one.
    const QString problem = errorField(status.value, QString(), 0);
    if (!problem.isEmpty() || device.statusAlarm) {
        device.statusAlarm = !problem.isEmpty();
        ServerAlarm alarm;
        alarm.path = device.path;
        alarm.name = QString::fromLatin1(kStatusAlarm);
        alarm.active = device.statusAlarm;
        alarm.summary = device.statusAlarm ? problem : QStringLiteral("status without error");
        alarm.t = t;
        out->alarms.append(alarm);
    }
    for (const StatusField &field : statusFields(status.value)) {
        bool created = false;
        StatusStream &stream = m_tree->stream(device, field.path, field.isBool, &created);
        if (created)
            out->topics.append(EntityTree::topicFor(stream));
        if (stream.lastT == t && stream.lastValue == field.value)
            continue; // the same status again (a reload after a reconnect)
        stream.lastT = t;
        stream.lastValue = field.value;
        out->samples.append(Sample {stream.path, t, field.value});
    }
}

void EventMapper::applySession(const WireEvent &event, qint64 tMs, EndpointBatch *out)
{
    const QString fallbackPath = QStringLiteral("sessions/") + TopicPath::encodeSegment(event.uuid);
    switch (event.kind) {
    case WireEvent::Kind::JoinSession: {
        bool created = false;
        SessionNode &session = m_tree->session(event.uuid, &created);
        session.creator = event.name;
        session.members = event.participants + event.users + event.devices;
        out->topics.append(EntityTree::topicFor(session));
        report(out, Severity::Info, session.path,
            QStringLiteral("invited by %1 (%2)").arg(event.name).arg(session.members.size()), event.raw, tMs);
        return;
    }
    case WireEvent::Kind::LeaveSession: {
        const QStringList leaving = event.participants + event.users + event.devices;
        bool created = false;
        SessionNode &session = m_tree->session(event.uuid, &created);
        for (const QString &uuid : leaving)
            session.members.removeAll(uuid);
        out->topics.append(EntityTree::topicFor(session));
        report(out, Severity::Info, session.path, QStringLiteral("left: %1").arg(names(leaving)), event.raw, tMs);
        return;
    }
    case WireEvent::Kind::StopSession: {
        QString path;
        if (m_tree->removeSession(event.uuid, &path))
            out->removedTopics.append(path);
        report(out, Severity::Info, path.isEmpty() ? fallbackPath : path, QStringLiteral("stopped"), event.raw, tMs);
        return;
    }
    case WireEvent::Kind::JoinSessionReply: {
        const QString who = !event.userUuid.isEmpty() ? event.userUuid
            : !event.participantUuid.isEmpty()        ? event.participantUuid
                                                      : event.deviceUuid;
        QString summary = QStringLiteral("%1 replied %2").arg(m_tree->nameOf(who), event.codeName);
        if (!event.replyMsg.isEmpty())
            summary += QStringLiteral(": ") + oneLine(event.replyMsg, 60);
        report(out, event.code == kReplyAccepted ? Severity::Info : Severity::Warning, fallbackPath, summary, event.raw,
            tMs);
        return;
    }
    default:
        return;
    }
}

void EventMapper::beginReload()
{
    m_seenInReload.clear();
    m_reloading = true;
}

void EventMapper::applyOnlineList(EntityKind kind, const QJsonArray &list, EndpointBatch *out)
{
    // Entry fields vary by server version: read them by name, tolerate absent ones.
    const char *prefix = kind == EntityKind::User ? "user" : kind == EntityKind::Participant ? "participant" : "device";
    auto key = [prefix](const char *field) -> QString {
        return QString::fromLatin1(prefix) + QLatin1Char('_') + QLatin1String(field);
    };
    const qint64 now = nowMs();
    for (const QJsonValue &value : list) {
        const QJsonObject entry = value.toObject();
        const QString uuid = entry.value(key("uuid")).toString();
        if (uuid.isEmpty())
            continue;
        QString name = entry.value(key("name")).toString();
        if (name.isEmpty() && kind == EntityKind::User)
            name = QString(entry.value(QLatin1String("user_firstname")).toString() + QLatin1Char(' ')
                + entry.value(QLatin1String("user_lastname")).toString())
                       .trimmed();
        Entity &entity = m_tree->upsert(kind, uuid, name);
        entity.online = entry.value(key("online")).toBool();
        reportPresence(
            out, entity, entity.online ? QStringLiteral("in the online list") : QStringLiteral("listed offline"), now);
        entity.busy = entry.value(key("busy")).toBool();
        if (uuid == m_selfUuid)
            entity.self = true;
        if (kind == EntityKind::Participant) {
            for (const char *field : {"project_name", "site_name"}) {
                const QString text = entry.value(QLatin1String(field)).toString();
                if (!text.isEmpty())
                    entity.meta.insert(QString::fromLatin1(field), text);
            }
        } else if (kind == EntityKind::Device) {
            const QJsonValue status =
                entry.value(QLatin1String("device_status")).toObject().value(QLatin1String("status"));
            QString summary;
            QString decoded;
            applyStatus(entity, status, 0.0, now, out, &summary, &decoded);
        }
        m_seenInReload.insert(uuid);
        out->topics.append(m_tree->topicFor(entity));
    }
}

void EventMapper::endReload(EndpointBatch *out)
{
    if (!m_reloading)
        return;
    m_reloading = false;
    const QList<Entity *> entities = m_tree->entities();
    QStringList prune;
    for (Entity *entity : entities) {
        if (m_seenInReload.contains(entity->uuid))
            continue;
        if (!entity->online && !entity->busy) {
            prune << entity->uuid; // offline before and still absent
            continue;
        }
        entity->online = false; // went away while we were not listening
        entity->busy = false;
        out->topics.append(m_tree->topicFor(*entity));
        reportPresence(out, *entity, QStringLiteral("no longer in the online list"), nowMs());
    }
    for (const QString &uuid : std::as_const(prune))
        out->removedTopics.append(m_tree->remove(uuid));
}

} // namespace fleetscope::opentera
