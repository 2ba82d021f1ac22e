#pragma once

#include "core/endpoint/endpointbatch.h"
#include "core/protocols/opentera/openteraframe.h"
#include "core/protocols/opentera/openteratree.h"

#include <QJsonArray>
#include <QSet>

namespace fleetscope::opentera {

// Turns what OpenTera says into the uniform model (docs/protocols/opentera.md#mapping): decoded
// WebSocket frames and the REST online lists become topics (through the EntityTree; devices and
// participants are device topics), samples of device status fields, events, the presence of
// devices and participants, and a server alarm for a status that says "error". Knows no socket and no HTTP, so every mapping rule is testable
// from plain frames.
//
// Threading: the endpoint's thread.
class EventMapper
{
public:
    // The server alarm of a device whose status has a field saying "error" (its source, as the
    // alerts panel names it): active until a status without one.
    static constexpr const char *kStatusAlarm = "OpenTera device status";

    explicit EventMapper(EntityTree *tree);

    // The logged-in user's UUID: its own USER_CONNECTED marks it online without a notification.
    void setSelfUuid(const QString &uuid) { m_selfUuid = uuid; }

    // A text or binary frame as received (`raw` is kept in the events' payloads) at `receivedMs`
    // (the time of what carries no server time: undecodable frames, headers without a time).
    void applyFrame(const Frame &frame, const QString &raw, qint64 rawBytes, qint64 receivedMs, EndpointBatch *out);

    // A full reload: begin, then each list as it arrives, then end (entities no list named are
    // marked offline, or pruned when they already were offline).
    void beginReload();
    void applyOnlineList(EntityKind kind, const QJsonArray &list, EndpointBatch *out);
    void endReload(EndpointBatch *out);

private:
    enum class Change { Unknown, Connected, Disconnected, Joined, Left, Status, Deprecated };
    static Change changeOf(WireEvent::Kind kind, int code);

    void applyEvent(const WireEvent &event, double headerTime, qint64 tMs, EndpointBatch *out);
    void applyEntityEvent(const WireEvent &event, EntityKind kind, double headerTime, qint64 tMs, EndpointBatch *out);
    void applyStatus(Entity &device, const QJsonValue &outer, double headerTime, qint64 fallbackMs, EndpointBatch *out,
        QString *summary, QString *decoded);
    void applySession(const WireEvent &event, qint64 tMs, EndpointBatch *out);
    void report(EndpointBatch *out, Severity severity, const QString &path, const QString &summary,
        const QString &payload, qint64 tMs);
    // The entity's presence as it now stands (devices and participants; users are not devices).
    void reportPresence(EndpointBatch *out, const Entity &entity, const QString &detail, qint64 tMs);
    QString names(const QStringList &uuids) const;

    EntityTree *m_tree;
    QString m_selfUuid;
    QSet<QString> m_seenInReload;
    bool m_reloading = false;
};

} // namespace fleetscope::opentera
