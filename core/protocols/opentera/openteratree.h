#pragma once

#include "core/model/topic.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace fleetscope::opentera {

enum class EntityKind { User, Participant, Device };

// A user, participant or device as shown under users/, participants/ or devices/.
struct Entity
{
    EntityKind kind = EntityKind::User;
    QString uuid;
    QString name;
    QString path; // "devices/Robot-01": fixed once given, so charts keep their series
    bool online = false;
    bool busy = false;
    bool self = false; // the logged-in user
    bool statusAlarm = false; // its last status said "error" (a server alarm is active)
    QVariantMap meta; // project, site, ... from the online lists
};

// A numeric field of a device's status, with the last sample taken from it.
struct StatusStream
{
    QString path; // "devices/Robot-01/battery"
    QString deviceUuid;
    bool isBool = false;
    qint64 lastT = 0;
    double lastValue = 0.0;
};

// A session this user was invited to (sessions/<uuid>).
struct SessionNode
{
    QString uuid;
    QString path;
    QString creator;
    QStringList members; // UUIDs
};

// The OpenTera part of the topic tree (docs/protocols/opentera.md#topics): entities keyed by
// UUID, labelled by name (a clash gets "~" + the first 8 UUID characters), their status streams
// and the sessions. Pure bookkeeping: the caller reports the topics it returns.
//
// Threading: the endpoint's thread.
class EntityTree
{
public:
    static QString folderOf(EntityKind kind);
    static QString typeOf(EntityKind kind);
    static TopicList folders();

    Entity *find(const QString &uuid);
    const Entity *find(const QString &uuid) const;
    // Finds or creates the entity (a new one gets its label now; `name` may be empty).
    Entity &upsert(EntityKind kind, const QString &uuid, const QString &name);
    Topic topicFor(const Entity &entity) const;
    // Everything: folders, entities, streams and sessions, each group sorted by path.
    TopicList allTopics() const;
    // A readable name for any UUID seen: entity name, else the first 8 characters.
    QString nameOf(const QString &uuid) const;
    // Removes an entity and its streams; returns every removed path.
    QStringList remove(const QString &uuid);
    QList<Entity *> entities();

    // The stream at `path` of a device; `created` says whether it is new (report its topic).
    StatusStream &stream(const Entity &device, const QString &field, bool isBool, bool *created);
    const QHash<QString, StatusStream> &streams() const { return m_streams; }
    static Topic topicFor(const StatusStream &stream);

    SessionNode &session(const QString &uuid, bool *created);
    bool removeSession(const QString &uuid, QString *path);
    static Topic topicFor(const SessionNode &session);

    // Entity path by UUID for any path lookup (e.g. a composer's ${uuid:devices/Robot-01}).
    QString uuidAt(const QString &path) const;

private:
    QString uniqueLabel(EntityKind kind, const QString &name, const QString &uuid) const;

    QHash<QString, Entity> m_entities; // by UUID
    QHash<QString, QString> m_uuidByPath;
    QHash<QString, StatusStream> m_streams; // by path
    QHash<QString, SessionNode> m_sessions; // by UUID
};

} // namespace fleetscope::opentera
