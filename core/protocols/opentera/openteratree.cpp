#include "core/protocols/opentera/openteratree.h"

#include <algorithm>

namespace fleetscope::opentera {

QString EntityTree::folderOf(EntityKind kind)
{
    switch (kind) {
    case EntityKind::User:
        return QStringLiteral("users");
    case EntityKind::Participant:
        return QStringLiteral("participants");
    case EntityKind::Device:
        return QStringLiteral("devices");
    }
    return QString();
}

QString EntityTree::typeOf(EntityKind kind)
{
    switch (kind) {
    case EntityKind::User:
        return QStringLiteral("opentera.user");
    case EntityKind::Participant:
        return QStringLiteral("opentera.participant");
    case EntityKind::Device:
        return QStringLiteral("opentera.device");
    }
    return QString();
}

TopicList EntityTree::folders()
{
    TopicList out;
    for (const char *name : {"users", "participants", "devices", "sessions"}) {
        Topic topic;
        topic.path = QString::fromLatin1(name);
        topic.node = NodeKind::Folder;
        topic.type = QStringLiteral("opentera.folder");
        out << topic;
    }
    return out;
}

Entity *EntityTree::find(const QString &uuid)
{
    const auto it = m_entities.find(uuid);
    return it == m_entities.end() ? nullptr : &it.value();
}

const Entity *EntityTree::find(const QString &uuid) const
{
    const auto it = m_entities.constFind(uuid);
    return it == m_entities.constEnd() ? nullptr : &it.value();
}

QString EntityTree::uniqueLabel(EntityKind kind, const QString &name, const QString &uuid) const
{
    const QString folder = folderOf(kind) + QLatin1Char('/');
    const QString base = TopicPath::encodeSegment(name.isEmpty() ? uuid.left(8) : name);
    if (!m_uuidByPath.contains(folder + base))
        return base;
    return base + QLatin1Char('~') + uuid.left(8);
}

Entity &EntityTree::upsert(EntityKind kind, const QString &uuid, const QString &name)
{
    auto it = m_entities.find(uuid);
    if (it == m_entities.end()) {
        Entity entity;
        entity.kind = kind;
        entity.uuid = uuid;
        entity.name = name;
        entity.path = folderOf(kind) + QLatin1Char('/') + uniqueLabel(kind, name, uuid);
        m_uuidByPath.insert(entity.path, uuid);
        it = m_entities.insert(uuid, entity);
    } else if (!name.isEmpty()) {
        it->name = name; // the path stays, the display name follows renames
    }
    return it.value();
}

Topic EntityTree::topicFor(const Entity &entity) const
{
    Topic topic;
    topic.path = entity.path;
    // Devices and participants are what people monitor (docs/architecture.md#devices-presence-and-alerts-coremonitor).
    topic.node = entity.kind == EntityKind::User ? NodeKind::Resource : NodeKind::Device;
    topic.type = typeOf(entity.kind);
    topic.displayName = entity.name;
    topic.meta = entity.meta;
    topic.meta.insert(QStringLiteral("uuid"), entity.uuid);
    topic.meta.insert(QStringLiteral("online"), entity.online);
    topic.meta.insert(QStringLiteral("busy"), entity.busy);
    if (entity.self)
        topic.meta.insert(QStringLiteral("self"), true);
    return topic;
}

TopicList EntityTree::allTopics() const
{
    TopicList out = folders();
    TopicList group;
    for (const Entity &entity : m_entities)
        group << topicFor(entity);
    for (const StatusStream &stream : m_streams)
        group << topicFor(stream);
    for (const SessionNode &session : m_sessions)
        group << topicFor(session);
    std::sort(group.begin(), group.end(), [](const Topic &a, const Topic &b) { return a.path < b.path; });
    return out + group;
}

QString EntityTree::nameOf(const QString &uuid) const
{
    const Entity *entity = find(uuid);
    if (entity && !entity->name.isEmpty())
        return entity->name;
    return uuid.left(8);
}

QStringList EntityTree::remove(const QString &uuid)
{
    QStringList removed;
    const auto it = m_entities.constFind(uuid);
    if (it == m_entities.constEnd())
        return removed;
    const QString prefix = it->path + QLatin1Char('/');
    for (auto s = m_streams.begin(); s != m_streams.end();) {
        if (s.key().startsWith(prefix)) {
            removed << s.key();
            s = m_streams.erase(s);
        } else {
            ++s;
        }
    }
    removed << it->path;
    m_uuidByPath.remove(it->path);
    m_entities.erase(it);
    return removed;
}

QList<Entity *> EntityTree::entities()
{
    QList<Entity *> out;
    for (auto it = m_entities.begin(); it != m_entities.end(); ++it)
        out << &it.value();
    return out;
}

StatusStream &EntityTree::stream(const Entity &device, const QString &field, bool isBool, bool *created)
{
    const QString path = device.path + QLatin1Char('/') + field;
    auto it = m_streams.find(path);
    *created = it == m_streams.end() || it->isBool != isBool;
    if (it == m_streams.end())
        it = m_streams.insert(path, StatusStream {path, device.uuid, isBool, 0, 0.0});
    it->isBool = isBool;
    return it.value();
}

Topic EntityTree::topicFor(const StatusStream &stream)
{
    Topic topic;
    topic.path = stream.path;
    topic.node = NodeKind::Stream;
    topic.type = stream.isBool ? QStringLiteral("bool") : QStringLiteral("number");
    topic.subscribable = true;
    return topic;
}

SessionNode &EntityTree::session(const QString &uuid, bool *created)
{
    auto it = m_sessions.find(uuid);
    *created = it == m_sessions.end();
    if (*created)
        it = m_sessions.insert(
            uuid, SessionNode {uuid, QStringLiteral("sessions/") + TopicPath::encodeSegment(uuid), QString(), {}});
    return it.value();
}

bool EntityTree::removeSession(const QString &uuid, QString *path)
{
    const auto it = m_sessions.constFind(uuid);
    if (it == m_sessions.constEnd())
        return false;
    *path = it->path;
    m_sessions.erase(it);
    return true;
}

Topic EntityTree::topicFor(const SessionNode &session)
{
    Topic topic;
    topic.path = session.path;
    topic.node = NodeKind::Resource;
    topic.type = QStringLiteral("opentera.session");
    topic.meta.insert(QStringLiteral("uuid"), session.uuid);
    if (!session.creator.isEmpty())
        topic.meta.insert(QStringLiteral("creator"), session.creator);
    topic.meta.insert(QStringLiteral("members"), session.members.size());
    return topic;
}

QString EntityTree::uuidAt(const QString &path) const
{
    if (const QString uuid = m_uuidByPath.value(path); !uuid.isEmpty())
        return uuid;
    for (const SessionNode &session : m_sessions) {
        if (session.path == path)
            return session.uuid;
    }
    return QString();
}

} // namespace fleetscope::opentera
