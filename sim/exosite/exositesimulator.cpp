#include "sim/exosite/exositesimulator.h"

#include "sim/common/rawframe.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimer>
#include <QWebSocket>

namespace fleetscope::sim::exosite {

ExositeSimulator::ExositeSimulator(const QVariantMap &options, QObject *parent)
    : Simulator(parent)
    , m_options(options)
    , m_world(options)
    , m_procedures(&m_world, options)
    , m_nested(options.value(QStringLiteral("nested")).toBool())
    , m_delayMs(options.value(QStringLiteral("replyDelayMs")).toInt())
{
    m_front.setUpgradeFilter([](const HttpRequest &request, HttpResponse *refusal) {
        if (request.path == QLatin1String("/ws") || request.path == QLatin1String("/ws/"))
            return true;
        *refusal = HttpResponse::text(404, "Not found");
        return false;
    });
    m_front.setRestHandler([](const HttpRequest &) {
        return HttpResponse::text(404, "This simulator serves the One Platform WebSocket at /ws");
    });
    connect(&m_front, &HttpFront::webSocketOpened, this, &ExositeSimulator::onSocket);
    connect(&m_world, &ExositeWorld::pointAdded, this, &ExositeSimulator::onPoint);
    if (options.value(QStringLiteral("generator"), true).toBool())
        m_world.startGenerator();
}

ExositeSimulator::~ExositeSimulator()
{
    for (Connection *connection : std::as_const(m_connections)) {
        if (connection->socket) {
            connection->socket->disconnect(this);
            connection->socket->abort();
            delete connection->socket;
        }
        delete connection;
    }
}

bool ExositeSimulator::listen(const QHostAddress &address, quint16 port, QString *error)
{
    return m_front.listen(address, port, error);
}

EndpointConfig ExositeSimulator::clientConfig() const
{
    EndpointConfig config;
    config.name = QStringLiteral("Exosite (simulated)");
    config.protocol = protocol();
    config.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port()));
    config.secret = ExositeWorld::cikFor(QString());
    return config;
}

QStringList ExositeSimulator::demoSeries() const
{
    return {QStringLiteral("truck-01/temperature"), QStringLiteral("truck-02/temperature"), QStringLiteral("ambient")};
}

QStringList ExositeSimulator::describe() const
{
    const EndpointConfig config = clientConfig();
    return {
        QStringLiteral("Exosite One Platform simulator: %1").arg(config.url.toString()),
        QStringLiteral("  root client \"Fleet HQ\" CIK: %1").arg(config.secret),
        QStringLiteral("  truck-01 CIK: %1   (truck-06 is locked)")
            .arg(ExositeWorld::cikFor(QStringLiteral("truck-01"))),
        QStringLiteral("  try: FLEETSCOPE_CIK=%1 fleetscope-cli watch --protocol exosite --url %2 --subscribe truck-01")
            .arg(config.secret, config.url.toString()),
    };
}

void ExositeSimulator::dropAllConnections()
{
    const auto sockets = m_connections.keys();
    for (QWebSocket *socket : sockets)
        socket->abort();
}

int ExositeSimulator::injectRawFrame(const QByteArray &payload, RawFrameKind kind)
{
    int sent = 0;
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (writeRawFrame(m_front.transportOf(it.key()), kind == RawFrameKind::Binary ? 0x2 : 0x1, payload))
            ++sent;
    }
    return sent;
}

int ExositeSimulator::subscriptionCount() const
{
    int n = 0;
    for (const Connection *connection : m_connections)
        n += static_cast<int>(connection->subscriptions.size());
    return n;
}

void ExositeSimulator::onSocket(QWebSocket *socket, const HttpRequest &)
{
    auto *connection = new Connection;
    connection->socket = socket;
    socket->setParent(this);
    m_connections.insert(socket, connection);
    connect(socket, &QWebSocket::textMessageReceived, this,
        [this, connection](const QString &text) { onText(connection, text); });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
        [this, connection](const QByteArray &data) { onText(connection, QString::fromUtf8(data)); });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        // Subscriptions die with the socket.
        delete m_connections.take(socket);
        socket->deleteLater();
    });
}

QJsonObject ExositeSimulator::requestError(int code, const QString &context)
{
    QJsonObject error {{QStringLiteral("code"), code}, {QStringLiteral("message"), QStringLiteral("Invalid")}};
    if (!context.isEmpty())
        error.insert(QStringLiteral("context"), context);
    return QJsonObject {{QStringLiteral("error"), error}};
}

void ExositeSimulator::sendJson(Connection *connection, const QJsonValue &json)
{
    const QString text =
        QString::fromUtf8(json.isArray() ? QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact)
                                         : QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact));
    QPointer<QWebSocket> socket = connection->socket;
    if (m_delayMs > 0) {
        QTimer::singleShot(m_delayMs, this, [socket, text] {
            if (socket)
                socket->sendTextMessage(text);
        });
    } else if (socket) {
        socket->sendTextMessage(text);
    }
}

void ExositeSimulator::onText(Connection *connection, const QString &text)
{
    m_received.append(text);
    if (m_received.size() > 1000)
        m_received.removeFirst();
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        sendJson(connection,
            QJsonObject {{QStringLiteral("error"),
                QJsonObject {
                    {QStringLiteral("code"), -1}, {QStringLiteral("message"), QStringLiteral("Invalid JSON")}}}});
        return;
    }
    if (connection->callerRid.isEmpty()) {
        onAuth(connection, doc.object().value(QLatin1String("auth")));
        return;
    }
    if (doc.isArray()) {
        onCalls(connection, doc.array()); // the legacy bare list (the spec's unsubscribe example)
        return;
    }
    const QJsonValue calls = doc.object().value(QLatin1String("calls"));
    if (!calls.isArray()) {
        sendJson(connection, requestError(400, QStringLiteral("calls")));
        return;
    }
    onCalls(connection, calls.toArray());
}

void ExositeSimulator::onAuth(Connection *connection, const QJsonValue &authValue)
{
    const QJsonObject auth = authValue.toObject();
    QString client = m_world.clientForCik(auth.value(QLatin1String("cik")).toString());
    // Acting as a descendant: the CIK must belong to an ancestor.
    for (const char *key : {"client_id", "resource_id"}) {
        const QString rid = auth.value(QLatin1String(key)).toString().toLower();
        if (client.isEmpty() || rid.isEmpty())
            continue;
        const SimResource *target = m_world.find(rid);
        if (!target || !m_world.isWithin(rid, client)) {
            client.clear();
            break;
        }
        client = target->type == QLatin1String("client") ? rid : target->parentRid;
    }
    if (!client.isEmpty()) {
        connection->callerRid = client;
        sendJson(connection, QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")}});
        return;
    }
    const QString mode = m_options.value(QStringLiteral("authFailure"), QStringLiteral("close")).toString();
    if (mode == QLatin1String("status")) {
        sendJson(connection, QJsonObject {{QStringLiteral("status"), QStringLiteral("invalid")}});
        return;
    }
    sendJson(connection, requestError(401, QStringLiteral("auth")));
    if (mode == QLatin1String("close") && connection->socket) {
        QPointer<QWebSocket> socket = connection->socket;
        QTimer::singleShot(m_delayMs + 20, this, [socket] {
            if (socket)
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("auth"));
        });
    }
}

void ExositeSimulator::onCalls(Connection *connection, const QJsonArray &calls)
{
    // Whole-request errors first: none of the calls gets its own answer.
    for (const QJsonValue &call : calls) {
        const QJsonObject object = call.toObject();
        if (!call.isObject() || !object.value(QLatin1String("procedure")).isString()) {
            sendJson(connection, requestError(400, QStringLiteral("procedure")));
            return;
        }
        if (!object.value(QLatin1String("arguments")).isArray()) {
            sendJson(connection, requestError(400, QStringLiteral("arguments")));
            return;
        }
    }
    QJsonArray replies;
    QVector<QJsonObject> backlog;
    for (const QJsonValue &callValue : calls) {
        const QJsonObject call = callValue.toObject();
        const QString procedure = call.value(QLatin1String("procedure")).toString();
        const QJsonArray args = call.value(QLatin1String("arguments")).toArray();
        QJsonObject response;
        if (procedure == QLatin1String("subscribe"))
            response = subscribe(connection, call.value(QLatin1String("id")), args, &backlog);
        else if (procedure == QLatin1String("unsubscribe"))
            response = unsubscribe(connection, args);
        else
            response = m_procedures.run(connection->callerRid, procedure, args);
        if (!call.contains(QLatin1String("id")))
            continue; // a call without id gets no response
        QJsonObject element {{QStringLiteral("id"), call.value(QLatin1String("id"))}};
        for (auto it = response.constBegin(); it != response.constEnd(); ++it)
            element.insert(it.key(), it.value());
        replies.append(element);
    }
    if (!replies.isEmpty())
        sendJson(connection, replies);
    for (const QJsonObject &update : std::as_const(backlog))
        sendJson(connection, QJsonArray {update}); // one frame per backlog point
}

QJsonObject ExositeSimulator::update(const QJsonValue &subsId, qint64 ts, const QJsonValue &value) const
{
    const QJsonArray pair {ts, value};
    return QJsonObject {{QStringLiteral("id"), subsId}, {QStringLiteral("status"), QStringLiteral("ok")},
        {QStringLiteral("result"), m_nested ? QJsonValue(QJsonArray {pair}) : QJsonValue(pair)}};
}

QJsonObject ExositeSimulator::subscribe(
    Connection *connection, const QJsonValue &callId, const QJsonArray &args, QVector<QJsonObject> *backlog)
{
    QString status;
    const QString rid = m_procedures.resolve(connection->callerRid, args.at(0), &status);
    if (rid.isEmpty())
        return ExositeProcedures::statusOnly(status);
    if (m_world.isLocked(rid))
        return ExositeProcedures::statusOnly(QStringLiteral("locked"));
    const SimResource *r = m_world.find(rid);
    if (!r->isData())
        return ExositeProcedures::statusOnly(QStringLiteral("invalid"));
    const QJsonObject options = args.at(1).toObject();
    Subscription sub;
    sub.rid = rid;
    sub.subsId = options.contains(QLatin1String("subs_id")) ? options.value(QLatin1String("subs_id")) : callId;
    if (options.contains(QLatin1String("timeout")))
        sub.expiresAtMs = QDateTime::currentMSecsSinceEpoch() + options.value(QLatin1String("timeout")).toInteger();
    connection->subscriptions.append(sub);
    if (options.contains(QLatin1String("since")) && !options.value(QLatin1String("since")).isNull()) {
        const qint64 since = options.value(QLatin1String("since")).toInteger();
        for (const DataPoint &p : r->data) {
            if (p.ts > since)
                backlog->append(update(sub.subsId, p.ts, p.value));
        }
    }
    return ExositeProcedures::ok();
}

QJsonObject ExositeSimulator::unsubscribe(Connection *connection, const QJsonArray &args)
{
    // [rid, {subs_id}] or [{subs_id}] (every resource under that id).
    QString rid;
    QJsonObject options;
    if (!args.isEmpty() && args.at(0).isObject() && args.at(0).toObject().contains(QLatin1String("subs_id"))) {
        options = args.at(0).toObject();
    } else {
        QString status;
        rid = m_procedures.resolve(connection->callerRid, args.at(0), &status);
        if (rid.isEmpty())
            return ExositeProcedures::statusOnly(status);
        options = args.at(1).toObject();
    }
    const QJsonValue subsId = options.value(QLatin1String("subs_id"));
    const auto before = connection->subscriptions.size();
    connection->subscriptions.erase(std::remove_if(connection->subscriptions.begin(), connection->subscriptions.end(),
                                        [&](const Subscription &s) {
                                            return (rid.isEmpty() || s.rid == rid)
                                                && (subsId.isUndefined() || s.subsId == subsId);
                                        }),
        connection->subscriptions.end());
    if (before == connection->subscriptions.size()
        && m_options.value(QStringLiteral("unsubscribeUnknown")).toString() == QLatin1String("invalid"))
        return ExositeProcedures::statusOnly(QStringLiteral("invalid"));
    return ExositeProcedures::ok();
}

void ExositeSimulator::onPoint(const QString &rid, qint64 ts, const QJsonValue &value)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (Connection *connection : std::as_const(m_connections)) {
        auto &subs = connection->subscriptions;
        subs.erase(std::remove_if(subs.begin(), subs.end(),
                       [now](const Subscription &s) { return s.expiresAtMs && s.expiresAtMs < now; }),
            subs.end());
        for (const Subscription &sub : std::as_const(subs)) {
            if (sub.rid == rid)
                sendJson(connection, QJsonArray {update(sub.subsId, ts, value)});
        }
    }
}

} // namespace fleetscope::sim::exosite
