#include "sim/intu/intunode.h"

#include "sim/intu/styledjson.h"

#include <QDateTime>
#include <QJsonArray>

namespace fleetscope::sim::intu {

namespace {

QJsonArray targetsOf(const QJsonObject &message)
{
    return message.value(QLatin1String("targets")).toArray();
}

QString text(const QJsonObject &message, const char *key)
{
    return message.value(QLatin1String(key)).toString();
}

} // namespace

QString intuLogLevelText(IntuLogLevel level)
{
    static const char *const names[] = {"DEBL", "DEBM", "DEBH", "STAT", "WARN", "ERRO", "CRIT"};
    return QString::fromLatin1(names[static_cast<int>(level)]);
}

IntuNode::IntuNode(const Identity &identity, QObject *parent)
    : QObject(parent)
    , m_identity(identity)
{
    // Every TopicManager has these two.
    registerTopic(QStringLiteral("log"), QStringLiteral("application/json"));
    registerTopic(QStringLiteral("topic-manager"), QStringLiteral("application/json"));
}

void IntuNode::registerTopic(const QString &topicId, const QString &type)
{
    if (!m_topics.contains(topicId))
        m_topics.insert(topicId, TopicData {type, {}, false, {}, false});
}

void IntuNode::unregisterTopic(const QString &topicId)
{
    m_topics.remove(topicId);
}

int IntuNode::subscriberCount(const QString &topicId) const
{
    return static_cast<int>(m_topics.value(topicId).subscribers.size());
}

int IntuNode::subscriptionCount() const
{
    int n = 0;
    for (const TopicData &topic : m_topics)
        n += static_cast<int>(topic.subscribers.size());
    return n;
}

bool IntuNode::isSubscriber(const QString &origin) const
{
    for (const TopicData &topic : m_topics) {
        if (topic.subscribers.contains(origin))
            return true;
    }
    return false;
}

IntuPeer *IntuNode::child(const QString &id) const
{
    for (IntuPeer *peer : m_children) {
        if (peer->peerId() == id)
            return peer;
    }
    return nullptr;
}

QStringList IntuNode::childIds() const
{
    QStringList out;
    for (IntuPeer *peer : m_children)
        out << peer->peerId();
    return out;
}

void IntuNode::addChild(IntuPeer *peer)
{
    if (IntuPeer *previous = child(peer->peerId()); previous && previous != peer)
        removeChild(previous);
    if (!m_children.contains(peer))
        m_children.append(peer);
    const QJsonObject connected {{QStringLiteral("event"), QStringLiteral("connected")},
        {QStringLiteral("selfId"), peer->peerId()}, {QStringLiteral("parent"), false}};
    publish(QStringLiteral("topic-manager"), styledJson(connected));
}

void IntuNode::removeChild(IntuPeer *peer)
{
    if (!m_children.removeOne(peer))
        return;
    const QJsonObject removing {
        {QStringLiteral("event"), QStringLiteral("disconnected")}, {QStringLiteral("selfId"), peer->peerId()}};
    publish(QStringLiteral("topic-manager"), styledJson(removing));
    dropSubscribersFrom(peer->peerId() + QLatin1Char('/'));
}

void IntuNode::forgetSubscribers()
{
    for (auto it = m_topics.begin(); it != m_topics.end(); ++it) {
        const QStringList gone = it->subscribers;
        it->subscribers.clear();
        for (const QString &origin : gone)
            Q_EMIT subscriptionChanged(it.key(), origin, false);
    }
}

void IntuNode::dropSubscribersFrom(const QString &originPrefix)
{
    for (auto it = m_topics.begin(); it != m_topics.end(); ++it) {
        QStringList &subs = it->subscribers;
        for (qsizetype i = subs.size() - 1; i >= 0; --i) {
            if (!subs.at(i).startsWith(originPrefix))
                continue;
            const QString origin = subs.takeAt(i);
            Q_EMIT subscriptionChanged(it.key(), origin, false);
        }
    }
}

bool IntuNode::publish(const QString &topicId, const QByteArray &data, bool binary, bool persisted)
{
    const auto it = m_topics.find(topicId);
    if (it == m_topics.end())
        return false;
    if (persisted) {
        it->hasPersisted = true;
        it->persisted = data;
        it->persistedRaw = binary;
    }
    if (it->subscribers.isEmpty())
        return true;
    IntuEnvelope message;
    message.json = {{QStringLiteral("targets"), QJsonArray::fromStringList(it->subscribers)},
        {QStringLiteral("origin"), QStringLiteral(".")}, {QStringLiteral("msg"), QStringLiteral("publish")},
        {QStringLiteral("persisted"), persisted}, {QStringLiteral("binary"), binary},
        {QStringLiteral("topic"), topicId}, {QStringLiteral("type"), it->type}};
    if (binary) {
        message.json.insert(QStringLiteral("data"), static_cast<qint64>(data.size()));
        message.bytes = data;
    } else {
        message.json.insert(QStringLiteral("data"), QString::fromUtf8(data));
    }
    route(message);
    return true;
}

void IntuNode::sendTo(const QString &target, const QString &topicId, const QByteArray &data)
{
    IntuEnvelope message;
    message.json = {{QStringLiteral("targets"), QJsonArray {target}}, {QStringLiteral("origin"), QStringLiteral(".")},
        {QStringLiteral("msg"), QStringLiteral("publish")}, {QStringLiteral("data"), QString::fromUtf8(data)},
        {QStringLiteral("persisted"), false}, {QStringLiteral("binary"), false}, {QStringLiteral("topic"), topicId},
        {QStringLiteral("type"), topicType(topicId)}};
    route(message);
}

void IntuNode::log(IntuLogLevel level, const QString &subsystem, const QString &message)
{
    // As TopicManager::Process: only when someone listens, and never recursively.
    if (m_inLog || static_cast<int>(level) < m_minLogLevel || subscriberCount(QStringLiteral("log")) == 0)
        return;
    m_inLog = true;
    const QJsonObject record {
        {QStringLiteral("time"), QDateTime::currentDateTime().toString(QStringLiteral("MM/dd/yy HH:mm:ss.zzz"))},
        {QStringLiteral("level"), intuLogLevelText(level)}, {QStringLiteral("subsystem"), subsystem},
        {QStringLiteral("message"), message}};
    publish(QStringLiteral("log"), styledJson(record));
    m_inLog = false;
}

IntuPeer *IntuNode::resolve(const QString &hop, QString *origin) const
{
    if (hop == QLatin1String("..")) {
        if (m_parent)
            *origin = m_identity.selfId + QLatin1Char('/') + *origin;
        return m_parent;
    }
    if (IntuPeer *peer = child(hop)) {
        *origin = QStringLiteral("../") + *origin;
        return peer;
    }
    return nullptr;
}

void IntuNode::route(IntuEnvelope message)
{
    if (m_depth >= kMaxHops)
        return;
    ++m_depth;
    // Targets are grouped by their next hop (sorted, as std::map does), one copy per hop.
    QMap<QString, QJsonArray> byHop;
    for (const QJsonValue &value : targetsOf(message.json)) {
        const QString target = value.toString();
        const qsizetype slash = target.indexOf(QLatin1Char('/'));
        if (slash < 0)
            byHop[QStringLiteral(".")].append(target);
        else
            byHop[target.left(slash)].append(target.mid(slash + 1));
    }
    for (auto it = byHop.cbegin(); it != byHop.cend(); ++it) {
        IntuEnvelope copy = message;
        copy.json.insert(QStringLiteral("targets"), it.value());
        if (it.key() == QLatin1String(".")) {
            process(copy);
            continue;
        }
        QString origin = text(copy.json, "origin");
        if (IntuPeer *peer = resolve(it.key(), &origin)) {
            copy.json.insert(QStringLiteral("origin"), origin);
            peer->deliver(copy);
        } else if (text(copy.json, "msg") != QLatin1String("no_route")) {
            // Bounce it back to the sender; the failed hop is the failure's origin.
            QJsonObject failure = copy.json;
            failure.insert(QStringLiteral("msg"), QStringLiteral("no_route"));
            failure.insert(QStringLiteral("targets"), QJsonArray {origin});
            failure.insert(QStringLiteral("origin"), it.key());
            failure.insert(QStringLiteral("failed_msg"), copy.json.value(QLatin1String("msg")));
            failure.insert(QStringLiteral("orig_msg"), copy.json);
            if (failure.value(QLatin1String("binary")).toBool())
                failure.insert(QStringLiteral("binary"), false);
            route(IntuEnvelope {failure, copy.bytes, copy.dataInBytes});
        }
    }
    --m_depth;
}

void IntuNode::process(const IntuEnvelope &message)
{
    const QString kind = text(message.json, "msg");
    if (kind == QLatin1String("query"))
        handleQuery(message.json);
    else if (kind == QLatin1String("subscribe"))
        handleSubscribe(message.json);
    else if (kind == QLatin1String("unsubscribe"))
        handleUnsubscribe(message.json);
    else if (kind == QLatin1String("publish_at"))
        handlePublishAt(message);
    else if (kind == QLatin1String("no_route"))
        handleNoRoute(message.json);
    else if (kind == QLatin1String("publish") || kind == QLatin1String("query_response")
        || kind == QLatin1String("subscribe_failed") || kind == QLatin1String("subscribed_failed"))
        return; // this node subscribes to nothing and queries nobody
    else
        log(IntuLogLevel::Error, QStringLiteral("TopicManager"), QStringLiteral("No message handler: %1").arg(kind));
}

void IntuNode::handleQuery(const QJsonObject &message)
{
    QJsonObject response {{QStringLiteral("targets"), QJsonArray {text(message, "origin")}},
        {QStringLiteral("origin"), QStringLiteral(".")}, {QStringLiteral("msg"), QStringLiteral("query_response")},
        {QStringLiteral("request"), message.value(QLatin1String("request")).toVariant().toString()},
        {QStringLiteral("selfId"), m_identity.selfId}, {QStringLiteral("name"), m_identity.name},
        {QStringLiteral("type"), m_identity.type}, {QStringLiteral("version"), m_identity.version}};
    if (m_parent)
        response.insert(QStringLiteral("parentId"), m_parent->peerId());
    if (!m_children.isEmpty())
        response.insert(QStringLiteral("children"), QJsonArray::fromStringList(childIds()));
    QJsonArray topics;
    for (auto it = m_topics.cbegin(); it != m_topics.cend(); ++it)
        topics.append(QJsonObject {{QStringLiteral("topicId"), it.key()}, {QStringLiteral("type"), it->type}});
    if (!topics.isEmpty())
        response.insert(QStringLiteral("topics"), topics);
    route(IntuEnvelope {response, {}});
}

void IntuNode::handleSubscribe(const QJsonObject &message)
{
    const QString origin = text(message, "origin");
    for (const QJsonValue &value : targetsOf(message)) {
        const QString topicId = value.toString();
        const auto it = m_topics.find(topicId);
        if (it == m_topics.end()) {
            log(IntuLogLevel::Warning, QStringLiteral("TopicManager"),
                QStringLiteral("Topic %1 not found.").arg(topicId));
            // The request comes back with the kind misspelled, the way the real server sends it.
            QJsonObject failure = message;
            failure.insert(QStringLiteral("msg"), QStringLiteral("subscribed_failed"));
            failure.insert(QStringLiteral("targets"), QJsonArray {origin});
            failure.insert(QStringLiteral("origin"), topicId);
            failure.insert(QStringLiteral("failed_msg"), message.value(QLatin1String("msg")));
            route(IntuEnvelope {failure, {}});
            continue;
        }
        if (it->subscribers.contains(origin))
            continue; // duplicates are silent (the server only logs a warning)
        it->subscribers.append(origin);
        Q_EMIT subscriptionChanged(topicId, origin, true);
        if (it->hasPersisted) {
            // A replay has persisted:true and no `binary` member: binary data goes out as the raw
            // bytes of a text message.
            QJsonObject replay {{QStringLiteral("msg"), QStringLiteral("publish")},
                {QStringLiteral("targets"), QJsonArray {origin}}, {QStringLiteral("origin"), QStringLiteral(".")},
                {QStringLiteral("type"), it->type}, {QStringLiteral("persisted"), true},
                {QStringLiteral("topic"), topicId}};
            IntuEnvelope out {replay, {}, it->persistedRaw};
            if (it->persistedRaw)
                out.bytes = it->persisted;
            else
                out.json.insert(QStringLiteral("data"), QString::fromUtf8(it->persisted));
            route(out);
        }
    }
}

void IntuNode::handleUnsubscribe(const QJsonObject &message)
{
    const QString origin = text(message, "origin");
    for (const QJsonValue &value : targetsOf(message)) {
        const auto it = m_topics.find(value.toString());
        if (it != m_topics.end() && it->subscribers.removeOne(origin))
            Q_EMIT subscriptionChanged(it.key(), origin, false);
    }
}

void IntuNode::handlePublishAt(const IntuEnvelope &message)
{
    const QString origin = text(message.json, "origin");
    const bool binary = message.json.value(QLatin1String("binary")).toBool();
    const QByteArray data = binary ? message.bytes : text(message.json, "data").toUtf8();
    const bool persisted = message.json.value(QLatin1String("persisted")).toBool();
    for (const QJsonValue &value : targetsOf(message.json)) {
        const QString topicId = value.toString();
        const auto it = m_topics.find(topicId);
        if (it == m_topics.end()) {
            // Silent for the sender: only a log record.
            log(IntuLogLevel::Warning, QStringLiteral("TopicManager"),
                QStringLiteral("Topic %1 not found.").arg(topicId));
            continue;
        }
        if (persisted) {
            it->hasPersisted = true;
            it->persisted = data;
            it->persistedRaw = binary;
        }
        if (!it->subscribers.isEmpty()) {
            // The re-publish has `remote_origin` and, like the server's (HandlePublishAt), no
            // `binary` member: a binary publish_at goes on as a text message whose data string is
            // the raw bytes, which the writer copies unescaped.
            QJsonObject republish {{QStringLiteral("targets"), QJsonArray::fromStringList(it->subscribers)},
                {QStringLiteral("origin"), QStringLiteral(".")}, {QStringLiteral("msg"), QStringLiteral("publish")},
                {QStringLiteral("type"), it->type}, {QStringLiteral("persisted"), persisted},
                {QStringLiteral("topic"), topicId}, {QStringLiteral("remote_origin"), origin}};
            IntuEnvelope out {republish, {}, binary};
            if (binary)
                out.bytes = data;
            else
                out.json.insert(QStringLiteral("data"), QString::fromUtf8(data));
            route(out);
        }
        Q_EMIT publishedAt(topicId, data, origin);
    }
}

void IntuNode::handleNoRoute(const QJsonObject &message)
{
    // As HandleNoRoute: a publish that found no route drops the first subscriber of that topic
    // whose origin starts with the failed hop, silently (the subscriber is not told).
    if (text(message, "failed_msg") != QLatin1String("publish"))
        return;
    const auto it = m_topics.find(text(message, "topic"));
    if (it == m_topics.end())
        return;
    const QString hop = text(message, "origin");
    for (qsizetype i = 0; i < it->subscribers.size(); ++i) {
        if (!it->subscribers.at(i).startsWith(hop))
            continue;
        const QString origin = it->subscribers.takeAt(i);
        Q_EMIT subscriptionChanged(it.key(), origin, false);
        return;
    }
}

QJsonObject IntuNode::info() const
{
    QJsonObject json {{QStringLiteral("selfId"), m_identity.selfId}, {QStringLiteral("name"), m_identity.name},
        {QStringLiteral("type"), m_identity.type}};
    QJsonArray topics;
    for (auto it = m_topics.cbegin(); it != m_topics.cend(); ++it)
        topics.append(QJsonObject {{QStringLiteral("topicId"), it.key()}, {QStringLiteral("type"), it->type}});
    json.insert(QStringLiteral("topics"), topics);
    QJsonArray children;
    for (IntuPeer *peer : m_children)
        children.append(
            QJsonObject {{QStringLiteral("selfId"), peer->peerId()}, {QStringLiteral("authenticated"), true}});
    if (!children.isEmpty())
        json.insert(QStringLiteral("children"), children);
    if (m_parent)
        json.insert(QStringLiteral("parent"),
            QJsonObject {{QStringLiteral("selfId"), m_parent->peerId()}, {QStringLiteral("authenticated"), true}});
    return json;
}

} // namespace fleetscope::sim::intu
