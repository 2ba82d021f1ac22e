#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QStringList>
#include <QVector>

namespace fleetscope::sim::intu {

// A message travelling between Intu peers. `bytes` is the payload of a binary publish (the JSON
// then holds `binary:true` and `data` = the byte count, as on the wire). With `dataInBytes` the
// message is a text one whose `data` string is `bytes` as they are: what the server makes of a
// binary publish_at when it re-publishes it (docs/protocols/intu.md#quirks).
struct IntuEnvelope
{
    QJsonObject json;
    QByteArray bytes;
    bool dataInBytes = false;
};

// Something an Intu node routes to: another node, or a client's WebSocket.
class IntuPeer
{
public:
    virtual ~IntuPeer() = default;
    virtual QString peerId() const = 0;
    // `message.json` targets and origin are already relative to this peer.
    virtual void deliver(const IntuEnvelope &message) = 0;
};

// Log levels as the server names them; config `log_level` takes the number.
enum class IntuLogLevel { DebugLow = 0, DebugMed, DebugHigh, Status, Warning, Error, Critical };
QString intuLogLevelText(IntuLogLevel level);

// One Intu instance's TopicManager, after TopicManager.cpp: its topics and their subscribers,
// persisted values, and the routing of messages by target path (`.` here, `..` the parent,
// `<id>/` a child connection) with origin rewriting on each hop (`../` down, `<selfId>/` up),
// `no_route` for unknown hops, `subscribed_failed` for unknown topics, `query_response`,
// `publish_at` re-published with `remote_origin`. What topics mean is the body's business
// (IntuBody), told through publishedAt() and subscriptionChanged().
//
// Threading: the simulator's thread. Peers are not owned.
class IntuNode : public QObject, public IntuPeer
{
    Q_OBJECT

public:
    struct Identity
    {
        QString selfId;
        QString name;
        QString type;
        QString version = QStringLiteral("0.1.460");
    };

    explicit IntuNode(const Identity &identity, QObject *parent = nullptr);

    QString peerId() const override { return m_identity.selfId; }
    void deliver(const IntuEnvelope &message) override { route(message); }
    const Identity &identity() const { return m_identity; }

    void setParentPeer(IntuPeer *parent) { m_parent = parent; }
    IntuPeer *parentPeer() const { return m_parent; }
    // A new child connection; an older one with the same id is removed first (newest wins).
    // Publishes {"event":"connected"} on topic-manager.
    void addChild(IntuPeer *child);
    // Publishes {"event":"disconnected"} and drops every subscription through the child.
    void removeChild(IntuPeer *child);
    // Forgets every subscriber of every topic, the way a restarted instance starts empty.
    void forgetSubscribers();
    IntuPeer *child(const QString &id) const;
    QStringList childIds() const;

    void registerTopic(const QString &topicId, const QString &type);
    void unregisterTopic(const QString &topicId);
    bool hasTopic(const QString &topicId) const { return m_topics.contains(topicId); }
    QString topicType(const QString &topicId) const { return m_topics.value(topicId).type; }
    int subscriberCount(const QString &topicId) const;
    int subscriptionCount() const;
    bool isSubscriber(const QString &origin) const;

    // Publishes to every subscriber. JSON payloads are passed as their (styled) text.
    bool publish(const QString &topicId, const QByteArray &data, bool binary = false, bool persisted = false);
    // Publishes to one target only (TopicManager::Send): replies addressed to one client.
    void sendTo(const QString &target, const QString &topicId, const QByteArray &data);
    void log(IntuLogLevel level, const QString &subsystem, const QString &message);
    void setMinLogLevel(int level) { m_minLogLevel = level; }

    // Routes a message whose targets and origin are relative to this node.
    void route(IntuEnvelope message);

    // GET /info.
    QJsonObject info() const;

    static constexpr int kMaxHops = 32;

Q_SIGNALS:
    void subscriptionChanged(const QString &topicId, const QString &origin, bool subscribed);
    // A publish_at reached an existing topic here (after its re-publish to the subscribers).
    void publishedAt(const QString &topicId, const QByteArray &data, const QString &origin);

private:
    struct TopicData
    {
        QString type;
        QStringList subscribers; // origins, relative to this node
        bool hasPersisted = false;
        QByteArray persisted;
        bool persistedRaw = false; // came in binary: replayed as raw bytes in a text message
    };

    void process(const IntuEnvelope &message);
    void handleQuery(const QJsonObject &message);
    void handleSubscribe(const QJsonObject &message);
    void handleUnsubscribe(const QJsonObject &message);
    void handlePublishAt(const IntuEnvelope &message);
    void handleNoRoute(const QJsonObject &message);
    IntuPeer *resolve(const QString &hop, QString *origin) const;
    void dropSubscribersFrom(const QString &originPrefix);

    Identity m_identity;
    IntuPeer *m_parent = nullptr;
    QVector<IntuPeer *> m_children; // in connection order
    QMap<QString, TopicData> m_topics; // sorted, as queries list them
    int m_minLogLevel = 0;
    bool m_inLog = false;
    int m_depth = 0;
};

} // namespace fleetscope::sim::intu
