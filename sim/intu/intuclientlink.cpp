#include "sim/intu/intuclientlink.h"

#include "sim/intu/styledjson.h"

#include <QJsonDocument>
#include <QStringDecoder>
#include <QWebSocket>

namespace fleetscope::sim::intu {

IntuClientLink::IntuClientLink(QWebSocket *socket, const QString &selfId, IntuNode *node, bool strict, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_selfId(selfId)
    , m_node(node)
    , m_strict(strict)
{
    socket->setParent(this);
    // The server writes whole frames; clients need no reassembly.
    socket->setOutgoingFrameSize(QWebSocket::maxOutgoingFrameSize());
    connect(socket, &QWebSocket::textMessageReceived, this, &IntuClientLink::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &IntuClientLink::onBinary);
    connect(socket, &QWebSocket::disconnected, this, &IntuClientLink::closed);
}

IntuClientLink::~IntuClientLink()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QByteArray IntuClientLink::encodeFrame(const IntuEnvelope &message, bool *binary)
{
    *binary = message.json.value(QLatin1String("binary")).toBool();
    if (!*binary && message.dataInBytes) {
        // StyledWriter quotes the bytes of the data string as they are (styledQuotedBytes).
        static const QString marker = QStringLiteral("@@fleetscope-sim-raw-data@@");
        QJsonObject json = message.json;
        json.insert(QStringLiteral("data"), marker);
        QByteArray text = styledJson(json);
        text.replace(styledQuotedBytes(marker.toUtf8()), styledQuotedBytes(message.bytes));
        return text;
    }
    if (!*binary)
        return styledJson(message.json);
    QJsonObject header = message.json;
    header.insert(QStringLiteral("data"), static_cast<qint64>(message.bytes.size()));
    return styledJson(header) + '\0' + message.bytes;
}

void IntuClientLink::deliver(const IntuEnvelope &message)
{
    if (!m_socket)
        return;
    bool binary = false;
    const QByteArray frame = encodeFrame(message, &binary);
    if (binary) {
        m_socket->sendBinaryMessage(frame);
        return;
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(frame);
    if (!utf8.hasError() || !m_rawText || !m_rawText(frame))
        m_socket->sendTextMessage(text);
}

void IntuClientLink::onText(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isObject()) {
        m_node->log(IntuLogLevel::Error, QStringLiteral("TopicManager"),
            QStringLiteral("Failed to parse text frame: %1").arg(text.left(200)));
        return;
    }
    accept(IntuEnvelope {doc.object(), {}});
}

void IntuClientLink::onBinary(const QByteArray &frame)
{
    const qsizetype nul = frame.indexOf('\0');
    const QJsonDocument doc = QJsonDocument::fromJson(nul < 0 ? frame : frame.left(nul));
    if (nul < 0 || !doc.isObject())
        return; // the server ignores a binary frame whose header does not parse
    IntuEnvelope message {doc.object(), {}};
    const qsizetype count = qMax<qsizetype>(0, message.json.value(QLatin1String("data")).toInteger());
    message.bytes = frame.mid(nul + 1, count);
    message.json.insert(QStringLiteral("binary"), true);
    accept(message);
}

void IntuClientLink::accept(IntuEnvelope message)
{
    Q_EMIT received(message.json);
    if (message.json.contains(QLatin1String("control")))
        return; // re-authentication is not simulated
    if (!message.json.contains(QLatin1String("msg"))) {
        m_node->log(IntuLogLevel::Warning, QStringLiteral("TopicManager"), QStringLiteral("Unknown text frame"));
        return;
    }
    const QString kind = message.json.value(QLatin1String("msg")).toString();
    const QJsonValue data = message.json.value(QLatin1String("data"));
    const bool carriesData = kind == QLatin1String("publish") || kind == QLatin1String("publish_at");
    const bool binary = message.json.value(QLatin1String("binary")).toBool();
    if (carriesData && !binary && !data.isUndefined() && !data.isString()) {
        if (m_strict && m_socket) {
            m_socket->close(QWebSocketProtocol::CloseCodeBadOperation, QStringLiteral("data is not a string"));
            return;
        }
        m_node->log(IntuLogLevel::Error, QStringLiteral("TopicManager"),
            QStringLiteral("Dropped %1 from %2: data is not a string").arg(kind, m_selfId));
        return;
    }
    m_node->route(message);
}

} // namespace fleetscope::sim::intu
