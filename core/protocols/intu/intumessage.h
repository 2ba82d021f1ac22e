#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace fleetscope::intu {

// A topic a node owns, as `query_response` lists it.
struct TopicInfo
{
    QString topicId;
    QString type; // MIME-like: application/json, text/plain, image/jpeg...
};

// A node's answer to `query` (docs/protocols/intu.md#query).
struct NodeInfo
{
    QString selfId;
    QString name;
    QString type; // the node's type ("Linux", "Pepper")
    QString version;
    QString parentId; // empty when the node has no parent
    QStringList children; // every connection, the asker included
    QVector<TopicInfo> topics;
};

// One frame from an Intu node, classified without any session context. Text frames carry one
// JSON object; binary frames a JSON header, a NUL and raw bytes (`data` in the header = byte
// count). Publish payloads are kept as bytes: the UTF-8 of the (double-encoded) `data` string,
// or the raw bytes of a binary frame.
struct Message
{
    enum class Kind {
        Control, // {"control":"authenticate","selfId":<server>}
        Query, // another node queries us
        QueryResponse,
        Subscribe, // someone subscribes to us (a console has no topics)
        Unsubscribe,
        Publish,
        PublishAt,
        SubscribeFailed, // "subscribed_failed" on the wire (and "subscribe_failed", the handler's name)
        NoRoute,
        Unknown, // a JSON object with a msg kind we do not know
        Malformed, // not a JSON object, no msg/control, or a broken binary frame
    };
    Kind kind = Kind::Malformed;
    QString msg; // the kind as sent
    QJsonObject envelope; // the text frame's object, or the binary frame's header
    QString origin;
    QStringList targets;
    QString request;
    QString topic;
    QString type;
    QByteArray data;
    bool binaryFrame = false; // arrived as header + NUL + bytes
    bool persisted = false;
    QString remoteOrigin;
    QString failedMsg;
    QJsonObject origMsg;
    NodeInfo node; // QueryResponse
    QString control; // Control
    QString controlSelfId;
    QString problem; // Malformed: why
    qsizetype frameBytes = 0;
};

QString messageKindName(Message::Kind kind);

Message decodeTextFrame(const QByteArray &utf8);
Message decodeBinaryFrame(const QByteArray &frame);

// The node an origin points at, as a path prefix relative to the connected node: "../." → "",
// "../pepper-7f3a/." → "pepper-7f3a/", "../../." (the parent) → "../".
QString nodePrefix(const QString &origin);
// Where a publish belongs: nodePrefix(origin) + topic ("pepper-7f3a/log").
QString publishPath(const Message &message);
// The path an error reply is about: for subscribed_failed the origin minus "../"
// ("no-such-topic"); for no_route that plus "/" + orig_msg.targets[0] ("ghost-node/log").
QString failedPath(const Message &message);
// The hop a no_route could not pass ("ghost-node", "pepper-7f3a/ghost", "..").
QString failedHop(const Message &message);

} // namespace fleetscope::intu
