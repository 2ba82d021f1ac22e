#include "sim/opentera/openterasimulator.h"

#include "sim/common/rawframe.h"

#include <QDateTime>
#include <QTimer>
#include <QWebSocket>

namespace fleetscope::sim::opentera {

namespace {

double nowSeconds()
{
    return static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

constexpr int kMaxEventsPerFrame = 8;

} // namespace

OpenTeraSimulator::OpenTeraSimulator(const QVariantMap &options, QObject *parent)
    : Simulator(parent)
    , m_options(options)
    , m_accounts(options)
    , m_world(&m_accounts, options)
    , m_api(&m_accounts, &m_world, this, options)
    , m_pingMs(options.value(QStringLiteral("pingMs"), 10000).toInt())
    , m_pongTimeoutMs(options.value(QStringLiteral("pongTimeoutMs"), 30000).toInt())
    , m_ghostMs(options.value(QStringLiteral("ghostMs"), 0).toInt())
    , m_unknownType(options.value(QStringLiteral("unknownType")).toBool())
    , m_batch(options.value(QStringLiteral("batchEvents")).toBool())
{
    m_style.snakeCase = options.value(QStringLiteral("snakeCase")).toBool();
    m_style.enumNumbers = options.value(QStringLiteral("enumNumbers")).toBool();
    m_style.binary = options.value(QStringLiteral("binary")).toBool();
    m_front.setUpgradeFilter([this](const HttpRequest &request, HttpResponse *refusal) {
        if (request.path != QLatin1String("/wss/user")) {
            *refusal = HttpResponse::text(403, "Forbidden");
            return false;
        }
        // The key is the only credential, valid once and for 60 s.
        const QString user = m_accounts.takeSocketKey(request.query.queryItemValue(QStringLiteral("id")));
        if (user.isEmpty()) {
            *refusal = HttpResponse::text(403, "Forbidden");
            return false;
        }
        m_userByHandshake.insert(request.header("sec-websocket-key"), user);
        return true;
    });
    m_front.setRestHandler([this](const HttpRequest &request) { return m_api.handle(request); });
    connect(&m_front, &HttpFront::webSocketOpened, this, &OpenTeraSimulator::onSocket);
    connect(&m_world, &OpenTeraWorld::event, this, &OpenTeraSimulator::onWorldEvent);
    m_world.start();
}

OpenTeraSimulator::~OpenTeraSimulator()
{
    m_world.disconnect(this);
    for (Connection *connection : std::as_const(m_connections)) {
        if (connection->socket) {
            connection->socket->disconnect(this);
            connection->socket->abort();
            delete connection->socket;
        }
        delete connection;
    }
}

bool OpenTeraSimulator::listen(const QHostAddress &address, quint16 port, QString *error)
{
    m_address = address;
    return m_front.listen(address, port, error);
}

QString OpenTeraSimulator::socketBase() const
{
    // Like the server's X_EXTERNALSERVER / X_EXTERNALPORT: where it believes it is reachable.
    const QString host = m_address.isNull() || m_address == QHostAddress::Any || m_address == QHostAddress::AnyIPv4
        ? QStringLiteral("127.0.0.1")
        : m_address.toString();
    return QStringLiteral("%1://%2:%3")
        .arg(m_options.value(QStringLiteral("wsScheme"), QStringLiteral("wss")).toString(), host)
        .arg(port());
}

EndpointConfig OpenTeraSimulator::clientConfig() const
{
    EndpointConfig config;
    config.name = QStringLiteral("OpenTera (simulated)");
    config.protocol = protocol();
    config.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
    config.options.insert(QStringLiteral("user"), QStringLiteral("admin"));
    config.secret = m_accounts.byLogin(QStringLiteral("admin"))->password;
    return config;
}

QStringList OpenTeraSimulator::demoSeries() const
{
    return {QStringLiteral("devices/Robot-01/battery"), QStringLiteral("devices/Robot-02/battery"),
        QStringLiteral("devices/Robot-01/motors/left_temp"), QStringLiteral("devices/SensorHub-A/ambient/temperature")};
}

QStringList OpenTeraSimulator::describe() const
{
    const QString url = clientConfig().url.toString();
    return {
        QStringLiteral("OpenTera simulator: %1 (REST /api/user/..., WebSocket /wss/user)").arg(url),
        QStringLiteral("  users admin/admin (Super Admin), siteadmin/siteadmin, clinician1/clinician1, "
                       "clinician2/clinician2 (2FA)"),
        QStringLiteral(
            "  try: FLEETSCOPE_PASSWORD=admin fleetscope-cli watch --protocol opentera --url %1 --user admin")
            .arg(url),
    };
}

bool OpenTeraSimulator::holdsUser(const QString &userUuid) const
{
    if (m_ghostUntil.value(userUuid) > QDateTime::currentMSecsSinceEpoch())
        return true;
    for (const Connection *connection : m_connections) {
        if (connection->userUuid == userUuid)
            return true;
    }
    return false;
}

void OpenTeraSimulator::disconnectUser(const QString &userUuid)
{
    for (Connection *connection : std::as_const(m_connections)) {
        if (connection->userUuid == userUuid && connection->socket)
            connection->socket->close(
                static_cast<QWebSocketProtocol::CloseCode>(4000), QStringLiteral("CMD_CLIENT_DISCONNECT"));
    }
}

void OpenTeraSimulator::dropAllConnections()
{
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + m_ghostMs;
    const auto sockets = m_connections.keys();
    for (QWebSocket *socket : sockets) {
        if (m_ghostMs > 0)
            m_ghostUntil.insert(m_connections.value(socket)->userUuid, until);
        socket->abort();
    }
}

void OpenTeraSimulator::onSocket(QWebSocket *socket, const HttpRequest &request)
{
    const QString user = m_userByHandshake.take(request.header("sec-websocket-key"));
    const SimAccount *account = m_accounts.byUuid(user);
    if (!account) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    auto *connection = new Connection;
    connection->socket = socket;
    connection->userUuid = user;
    socket->setParent(this);
    m_connections.insert(socket, connection);
    m_ghostUntil.remove(user);

    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) {
        m_received.append(text);
        socket->sendTextMessage(QStringLiteral("Not allowed to send message"));
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, socket](const QByteArray &data) {
        m_received.append(QString::fromLatin1(data.toHex()));
        socket->sendTextMessage(QStringLiteral("Not allowed to send message"));
    });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { onClosed(socket); });

    // Autobahn's auto-ping: 10 s after the handshake and after each matching pong; no pong in
    // 30 s and the TCP connection is dropped without a close frame.
    connection->pingTimer = new QTimer(socket);
    connection->pingTimer->setSingleShot(true);
    connection->pongDeadline = new QTimer(socket);
    connection->pongDeadline->setSingleShot(true);
    connect(connection->pingTimer, &QTimer::timeout, socket, [this, connection] {
        connection->pingPayload = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        connection->socket->ping(connection->pingPayload);
        connection->pongDeadline->start(m_pongTimeoutMs);
    });
    connect(connection->pongDeadline, &QTimer::timeout, socket, [socket] { socket->abort(); });
    connect(socket, &QWebSocket::pong, socket, [this, connection](quint64, const QByteArray &payload) {
        if (payload != connection->pingPayload)
            return;
        connection->pongDeadline->stop();
        connection->pingTimer->start(m_pingMs);
    });
    if (m_pingMs > 0)
        connection->pingTimer->start(m_pingMs);

    m_world.setUserSocket(user, true); // its own USER_CONNECTED comes first
    if (m_unknownType)
        m_world.emitUnknown({user});
    Q_EMIT userConnected(account->login);
}

void OpenTeraSimulator::onClosed(QWebSocket *socket)
{
    Connection *connection = m_connections.take(socket);
    socket->deleteLater();
    if (!connection)
        return;
    const QString user = connection->userUuid;
    delete connection;
    const qint64 ghost = m_ghostUntil.value(user) - QDateTime::currentMSecsSinceEpoch();
    if (ghost > 0) {
        // The server has not noticed yet: the user stays online until the ping timeout.
        QTimer::singleShot(ghost, this, [this, user] {
            m_ghostUntil.remove(user);
            m_world.setUserSocket(user, false);
        });
        return;
    }
    m_world.setUserSocket(user, false);
}

void OpenTeraSimulator::onWorldEvent(const OutEvent &event)
{
    const auto connections = m_connections.values();
    for (Connection *connection : connections) {
        const SimAccount *viewer = m_accounts.byUuid(connection->userUuid);
        if (!viewer || !connection->socket)
            continue;
        if (!event.recipients.isEmpty() && !event.recipients.contains(viewer->uuid))
            continue;
        if (event.exceptUser == viewer->uuid)
            continue;
        if (event.subject != Subject::None && !m_world.canSee(*viewer, event.subject, event.subjectUuid))
            continue;
        deliver(connection, event);
    }
    if (m_unknownType && event.message && event.subject == Subject::Device) {
        // The test switch: unknown types show up often, not only now and then.
        if (++m_deviceEvents % 5 == 0)
            m_world.emitUnknown();
    }
}

void OpenTeraSimulator::deliver(Connection *connection, const OutEvent &event)
{
    OutEvent routed = event;
    if (routed.topic.startsWith(QLatin1String("websocket.user.")))
        routed.topic = SessionBook::userTopic(connection->userUuid); // each user's own topic
    if (!m_batch) {
        sendFrame(connection, {routed});
        return;
    }
    connection->queue.append(routed);
    if (connection->queue.size() == 1) {
        QPointer<QWebSocket> socket = connection->socket;
        QTimer::singleShot(0, this, [this, socket] {
            if (socket && m_connections.contains(socket))
                flushQueue(m_connections.value(socket));
        });
    }
}

void OpenTeraSimulator::flushQueue(Connection *connection)
{
    // Consecutive events of one topic share a frame.
    QVector<OutEvent> frame;
    for (const OutEvent &event : std::as_const(connection->queue)) {
        if (!frame.isEmpty() && (frame.first().topic != event.topic || frame.size() == kMaxEventsPerFrame)) {
            sendFrame(connection, frame);
            frame.clear();
        }
        frame.append(event);
    }
    if (!frame.isEmpty())
        sendFrame(connection, frame);
    connection->queue.clear();
}

void OpenTeraSimulator::sendFrame(Connection *connection, const QVector<OutEvent> &events)
{
    if (!connection->socket)
        return;
    if (m_style.binary)
        connection->socket->sendBinaryMessage(binaryFrame(events, nowSeconds()));
    else
        connection->socket->sendTextMessage(jsonFrame(events, nowSeconds(), m_style));
}

int OpenTeraSimulator::injectRawFrame(const QByteArray &payload, RawFrameKind kind)
{
    int sent = 0;
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (writeRawFrame(m_front.transportOf(it.key()), kind == RawFrameKind::Binary ? 0x2 : 0x1, payload))
            ++sent;
    }
    return sent;
}

} // namespace fleetscope::sim::opentera
