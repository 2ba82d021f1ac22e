#include "core/protocols/intu/intumessage.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace fleetscope::intu {

namespace {

// `request` and `data` are strings on the wire; older or foreign senders use numbers.
QString textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString();
}

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    if (value.isString()) {
        out << value.toString();
        return out;
    }
    const QJsonArray array = value.toArray();
    out.reserve(array.size());
    for (const QJsonValue &item : array)
        out << textOf(item);
    return out;
}

QString stripUp(const QString &origin)
{
    return origin.startsWith(QLatin1String("../")) ? origin.mid(3) : origin;
}

Message malformed(const QString &problem, qsizetype bytes, bool binary)
{
    Message message;
    message.kind = Message::Kind::Malformed;
    message.problem = problem;
    message.frameBytes = bytes;
    message.binaryFrame = binary;
    return message;
}

NodeInfo nodeInfo(const QJsonObject &object)
{
    NodeInfo node;
    node.selfId = object.value(QLatin1String("selfId")).toString();
    node.name = object.value(QLatin1String("name")).toString();
    node.type = object.value(QLatin1String("type")).toString();
    node.version = textOf(object.value(QLatin1String("version")));
    node.parentId = object.value(QLatin1String("parentId")).toString();
    node.children = stringList(object.value(QLatin1String("children")));
    for (const QJsonValue &item : object.value(QLatin1String("topics")).toArray()) {
        const QJsonObject topic = item.toObject();
        const QString id = topic.value(QLatin1String("topicId")).toString();
        if (!id.isEmpty())
            node.topics.append(TopicInfo {id, topic.value(QLatin1String("type")).toString()});
    }
    return node;
}

// Fills everything but `data` from a JSON object (a text frame or a binary header).
Message classify(const QJsonObject &object, qsizetype bytes)
{
    Message message;
    message.envelope = object;
    message.frameBytes = bytes;
    if (object.contains(QLatin1String("control")) && !object.contains(QLatin1String("msg"))) {
        message.kind = Message::Kind::Control;
        message.control = textOf(object.value(QLatin1String("control")));
        message.controlSelfId = object.value(QLatin1String("selfId")).toString();
        return message;
    }
    const QJsonValue msg = object.value(QLatin1String("msg"));
    if (!msg.isString())
        return malformed(QStringLiteral("no \"msg\" or \"control\" member"), bytes, false);
    message.msg = msg.toString();
    message.origin = object.value(QLatin1String("origin")).toString();
    message.targets = stringList(object.value(QLatin1String("targets")));
    message.request = textOf(object.value(QLatin1String("request")));
    message.topic = object.value(QLatin1String("topic")).toString();
    message.type = object.value(QLatin1String("type")).toString();
    // Persisted replays carry no `binary` member: missing means false.
    message.persisted = object.value(QLatin1String("persisted")).toBool();
    message.remoteOrigin = object.value(QLatin1String("remote_origin")).toString();
    message.failedMsg = object.value(QLatin1String("failed_msg")).toString();
    message.origMsg = object.value(QLatin1String("orig_msg")).toObject();

    using K = Message::Kind;
    static const QHash<QString, K> kinds {
        {QStringLiteral("query"), K::Query},
        {QStringLiteral("query_response"), K::QueryResponse},
        {QStringLiteral("subscribe"), K::Subscribe},
        {QStringLiteral("unsubscribe"), K::Unsubscribe},
        {QStringLiteral("publish"), K::Publish},
        {QStringLiteral("publish_at"), K::PublishAt},
        {QStringLiteral("subscribed_failed"), K::SubscribeFailed},
        {QStringLiteral("subscribe_failed"), K::SubscribeFailed},
        {QStringLiteral("no_route"), K::NoRoute},
    };
    message.kind = kinds.value(message.msg, K::Unknown);
    if (message.kind == K::QueryResponse)
        message.node = nodeInfo(object);
    if (message.kind == K::NoRoute && message.request.isEmpty())
        message.request = textOf(message.origMsg.value(QLatin1String("request")));
    return message;
}

} // namespace

QString messageKindName(Message::Kind kind)
{
    switch (kind) {
    case Message::Kind::Control:
        return QStringLiteral("control");
    case Message::Kind::Query:
        return QStringLiteral("query");
    case Message::Kind::QueryResponse:
        return QStringLiteral("query_response");
    case Message::Kind::Subscribe:
        return QStringLiteral("subscribe");
    case Message::Kind::Unsubscribe:
        return QStringLiteral("unsubscribe");
    case Message::Kind::Publish:
        return QStringLiteral("publish");
    case Message::Kind::PublishAt:
        return QStringLiteral("publish_at");
    case Message::Kind::SubscribeFailed:
        return QStringLiteral("subscribed_failed");
    case Message::Kind::NoRoute:
        return QStringLiteral("no_route");
    case Message::Kind::Unknown:
        return QStringLiteral("unknown");
    case Message::Kind::Malformed:
        break;
    }
    return QStringLiteral("malformed");
}

Message decodeTextFrame(const QByteArray &utf8)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError)
        return malformed(
            QStringLiteral("not JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset), utf8.size(), false);
    if (!doc.isObject())
        return malformed(QStringLiteral("not a JSON object"), utf8.size(), false);
    Message message = classify(doc.object(), utf8.size());
    const QJsonValue data = message.envelope.value(QLatin1String("data"));
    if (data.isString())
        message.data = data.toString().toUtf8();
    else if (data.isObject() || data.isArray())
        // Not what a server sends (`data` is double-encoded), but readable: keep it as JSON text.
        message.data = data.isObject() ? QJsonDocument(data.toObject()).toJson(QJsonDocument::Compact)
                                       : QJsonDocument(data.toArray()).toJson(QJsonDocument::Compact);
    else
        message.data = textOf(data).toUtf8();
    return message;
}

Message decodeBinaryFrame(const QByteArray &frame)
{
    const qsizetype nul = frame.indexOf('\0');
    if (nul < 0)
        return malformed(QStringLiteral("binary frame without the NUL after its JSON header"), frame.size(), true);
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(frame.left(nul), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return malformed(QStringLiteral("binary frame header is not a JSON object"), frame.size(), true);
    Message message = classify(doc.object(), frame.size());
    message.binaryFrame = true;
    if (message.kind == Message::Kind::Malformed)
        return message;
    const qsizetype available = frame.size() - nul - 1;
    const QJsonValue length = message.envelope.value(QLatin1String("data"));
    qsizetype count = available;
    if (length.isDouble() || length.isString()) {
        bool ok = length.isDouble();
        const double n = length.isDouble() ? length.toDouble() : length.toString().toDouble(&ok);
        if (!ok || n < 0 || n != std::floor(n))
            return malformed(QStringLiteral("binary frame header: \"data\" is not a byte count"), frame.size(), true);
        // Compared as doubles first: a count beyond any frame never reaches the integer conversion
        // (found by fuzzing: 1.6e58).
        if (n > static_cast<double>(available))
            return malformed(QStringLiteral("truncated binary frame: header says %1 bytes, %2 follow")
                                 .arg(QString::number(n, 'g', 17))
                                 .arg(available),
                frame.size(), true);
        count = static_cast<qsizetype>(n);
    }
    message.data = frame.mid(nul + 1, count);
    return message;
}

QString nodePrefix(const QString &origin)
{
    QString node = stripUp(origin);
    if (node == QLatin1String(".") || node.isEmpty())
        return QString();
    if (node.endsWith(QLatin1String("/.")))
        node.chop(1);
    else if (!node.endsWith(QLatin1Char('/')))
        node += QLatin1Char('/');
    return node;
}

QString publishPath(const Message &message)
{
    return nodePrefix(message.origin) + message.topic;
}

QString failedHop(const Message &message)
{
    return stripUp(message.origin);
}

QString failedPath(const Message &message)
{
    const QString hop = failedHop(message);
    if (message.kind != Message::Kind::NoRoute)
        return hop;
    const QStringList rest = stringList(message.origMsg.value(QLatin1String("targets")));
    QString path = rest.isEmpty() ? hop : hop + QLatin1Char('/') + rest.first();
    // A query's target ends in "/." (the node itself): the path is the node.
    if (path.endsWith(QLatin1String("/.")))
        path.chop(2);
    return path;
}

} // namespace fleetscope::intu
