#include "sim/intu/intusimulator.h"

#include "sim/common/rawframe.h"
#include "sim/intu/intuclientlink.h"
#include "sim/intu/styledjson.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QUuid>
#include <QWebSocket>

namespace fleetscope::sim::intu {

const QString IntuSimulator::kRootId = QStringLiteral("sim-intu-0001");

namespace {

IntuBodyProfile profile(const QString &id, const QString &name, const QString &type, const QStringList &sensors,
    const QStringList &utterances)
{
    IntuBodyProfile p;
    p.identity.selfId = id;
    p.identity.name = name;
    p.identity.type = type;
    p.sensors = sensors;
    p.utterances = utterances;
    return p;
}

// The real server's answer to a refused token: a close frame whose payload is bare text, without
// the two-byte status code. QWebSocket cannot send that, so the handshake is written by hand.
HttpResponse authFailure(const HttpRequest &request)
{
    HttpResponse response;
    response.status = 101;
    const QByteArray accept = QCryptographicHash::hash(
        QByteArray(request.header("sec-websocket-key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
        QCryptographicHash::Sha1)
                                  .toBase64();
    response.headers = {{"Upgrade", "websocket"}, {"Connection", "Upgrade"}, {"Sec-WebSocket-Accept", accept}};
    const QByteArray reason = "Failed to authenticate.";
    response.body = QByteArray(1, char(0x88)) + char(reason.size()) + reason;
    return response;
}

} // namespace

IntuSimulator::IntuSimulator(const QVariantMap &options, QObject *parent)
    : Simulator(parent)
    , m_options(options)
    , m_cadence(IntuCadence::fromOptions(options))
    , m_instanceId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    const quint32 seed = options.value(QStringLiteral("seed"), 1).toUInt();
    m_bodies.push_back(
        std::make_unique<IntuBody>(profile(kRootId, QStringLiteral("Willow"), QStringLiteral("Linux"),
                                       {QStringLiteral("System"), QStringLiteral("Network"), QStringLiteral("Camera"),
                                           QStringLiteral("Microphone")},
                                       {QStringLiteral("what time is it"), QStringLiteral("hello Willow"),
                                           QStringLiteral("what is your name"), QStringLiteral("how is the weather")}),
            m_cadence, seed));
    m_bodies.push_back(
        std::make_unique<IntuBody>(profile(QStringLiteral("pepper-7f3a"), QStringLiteral("Pepper"),
                                       QStringLiteral("Pepper"), {QStringLiteral("System"), QStringLiteral("Sonar")},
                                       {QStringLiteral("hello pepper"), QStringLiteral("how is your battery")}),
            m_cadence, seed + 1));
    m_bodies.push_back(
        std::make_unique<IntuBody>(profile(QStringLiteral("nao-2c91"), QStringLiteral("Nao"), QStringLiteral("NAO"),
                                       {QStringLiteral("System"), QStringLiteral("Touch")},
                                       {QStringLiteral("hi nao"), QStringLiteral("what is your name")}),
            m_cadence, seed + 2));
    IntuNode *willow = root();
    for (size_t i = 1; i < m_bodies.size(); ++i) {
        m_bodies[i]->node()->setParentPeer(willow);
        willow->addChild(m_bodies[i]->node());
    }
    if (options.value(QStringLiteral("parent")).toBool()) {
        m_cloud = std::make_unique<IntuBody>(
            profile(QStringLiteral("parent-0001"), QStringLiteral("Fleet gateway"), QStringLiteral("Gateway"), {}, {}),
            m_cadence, seed + 3);
        willow->setParentPeer(m_cloud->node());
        m_cloud->node()->addChild(willow);
    }

    QString sdkHost = options.value(QStringLiteral("sdkClient")).toString();
    if (sdkHost == QLatin1String("true") || sdkHost == QLatin1String("1"))
        sdkHost = kRootId;
    if (IntuBody *host = sdkHost.isEmpty() ? nullptr : body(sdkHost)) {
        m_sdk = std::make_unique<IntuSdkClient>(host->node(), options.value(QStringLiteral("sdkChunkMs"), 100).toInt());
        m_sdk->join();
    }

    m_front.setUpgradeFilter(
        [this](const HttpRequest &request, HttpResponse *refusal) { return acceptUpgrade(request, refusal); });
    m_front.setRestHandler([this](const HttpRequest &request) { return rest(request); });
    connect(&m_front, &HttpFront::webSocketOpened, this, &IntuSimulator::onSocket);
    connect(&m_pingTimer, &QTimer::timeout, this, &IntuSimulator::onPing);
    if (m_cadence.pingMs > 0)
        m_pingTimer.start(m_cadence.pingMs);
    connect(&m_visitorTimer, &QTimer::timeout, this, [this] { setVisitorConnected(!m_visitorConnected); });
    if (m_cadence.live)
        m_visitorTimer.start(m_cadence.fakeChildMs);
}

IntuSimulator::~IntuSimulator()
{
    m_sdk.reset();
    for (IntuClientLink *client : std::as_const(m_clients)) {
        client->disconnect(this);
        root()->removeChild(client);
        delete client;
    }
    m_clients.clear();
}

bool IntuSimulator::listen(const QHostAddress &address, quint16 port, QString *error)
{
    m_address = address;
    return m_front.listen(address, port, error);
}

QString IntuSimulator::host() const
{
    if (m_address.isNull() || m_address == QHostAddress::Any || m_address == QHostAddress::AnyIPv4
        || m_address == QHostAddress::AnyIPv6)
        return QStringLiteral("127.0.0.1");
    return m_address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + m_address.toString() + QLatin1Char(']')
        : m_address.toString();
}

EndpointConfig IntuSimulator::clientConfig() const
{
    EndpointConfig config;
    config.name = QStringLiteral("Intu (simulated)");
    config.protocol = protocol();
    // No selfId: each console makes up its own, so two of them do not replace each other.
    config.url = QUrl(QStringLiteral("ws://%1:%2/stream?token=").arg(host()).arg(port()));
    config.secret = m_options.value(QStringLiteral("token")).toString();
    return config;
}

QStringList IntuSimulator::demoSeries() const
{
    return {QStringLiteral("sensor-System/cpuUsage"), QStringLiteral("sensor-System/freeMemory"),
        QStringLiteral("pepper-7f3a/sensor-Sonar/m_fDistance")};
}

QStringList IntuSimulator::describe() const
{
    const QString url = clientConfig().url.toString();
    QStringList lines {
        QStringLiteral("Intu \"Self\" simulator: %1").arg(url),
        QStringLiteral(
            "  instance Willow (%1) with children pepper-7f3a (Pepper) and nao-2c91 (NAO); GET http://%2:%3/info")
            .arg(kRootId, host())
            .arg(port()),
        QStringLiteral(
            "  try: fleetscope-cli watch --protocol intu --url '%1' --subscribe log --subscribe sensor-System")
            .arg(url),
        QStringLiteral(
            "       fleetscope-cli send --protocol intu --url '%1' --target conversation --payload 'what time is it'")
            .arg(url),
        QStringLiteral(
            "  other WebSocket clients add &selfId=<id> (a second connection with the same id replaces the first)"),
    };
    if (!m_options.value(QStringLiteral("token")).toString().isEmpty())
        lines << QStringLiteral("  only the configured token is accepted (FLEETSCOPE_TOKEN)");
    return lines;
}

IntuBody *IntuSimulator::body(const QString &selfId)
{
    for (const auto &body : m_bodies) {
        if (body->node()->peerId() == selfId)
            return body.get();
    }
    if (m_cloud && m_cloud->node()->peerId() == selfId)
        return m_cloud.get();
    return nullptr;
}

bool IntuSimulator::param(const HttpRequest &request, const QByteArray &name, QString *value)
{
    // Headers and query parameters end up in one case-insensitive map on the real server.
    if (request.headers.contains(name.toLower())) {
        *value = QString::fromUtf8(request.headers.value(name.toLower()));
        return true;
    }
    const auto items = request.query.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        if (item.first.compare(QLatin1String(name), Qt::CaseInsensitive) == 0) {
            *value = item.second;
            return true;
        }
    }
    return false;
}

bool IntuSimulator::authorized(const HttpRequest &request) const
{
    const QString user = m_options.value(QStringLiteral("restUser")).toString();
    if (user.isEmpty())
        return true;
    const QByteArray expected = "Basic "
        + QByteArray(user.toUtf8() + ':' + m_options.value(QStringLiteral("restPassword")).toString().toUtf8())
              .toBase64();
    return request.header("authorization") == expected;
}

bool IntuSimulator::acceptUpgrade(const HttpRequest &request, HttpResponse *refusal)
{
    if (!authorized(request)) {
        *refusal = HttpResponse::text(401, "Unauthorized");
        refusal->headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"SELF\"")));
        return false;
    }
    if (request.path != QLatin1String("/stream")) {
        *refusal = HttpResponse::text(500, "Unsupported end-point.");
        return false;
    }
    QString selfId;
    QString token;
    if (request.header("sec-websocket-key").isEmpty() || !param(request, "selfId", &selfId)
        || !param(request, "token", &token)) {
        *refusal = HttpResponse::text(400, "Required headers missing.");
        return false;
    }
    if (!request.header("instance").isEmpty() && request.header("instance") == m_instanceId.toUtf8()) {
        *refusal = HttpResponse::text(400, "Rejecting connection from same instance.");
        return false;
    }
    const QString expected = m_options.value(QStringLiteral("token")).toString();
    if (!expected.isEmpty() && token != expected) {
        *refusal = authFailure(request);
        return false;
    }
    return true;
}

HttpResponse IntuSimulator::rest(const HttpRequest &request)
{
    if (!authorized(request)) {
        HttpResponse response = HttpResponse::text(401, "Unauthorized");
        response.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"SELF\"")));
        return response;
    }
    if (request.path == QLatin1String("/info") && request.method == "GET")
        return HttpResponse::json(200, styledJson(root()->info()));
    if (request.path.startsWith(QLatin1String("/topics/"))) {
        const QString topicId = request.path.mid(8);
        if (request.method == "POST" || request.method == "PUT") {
            if (request.body.isEmpty())
                return HttpResponse::json(500,
                    styledJson(
                        QJsonObject {{QStringLiteral("error"), QStringLiteral("Content-Length header is missing.")}}));
            const QJsonObject publishAt {{QStringLiteral("targets"), QJsonArray {topicId}},
                {QStringLiteral("origin"), QStringLiteral(".")}, {QStringLiteral("msg"), QStringLiteral("publish_at")},
                {QStringLiteral("data"), QString::fromUtf8(request.body)},
                {QStringLiteral("persisted"), request.header("data-persisted").toUpper() == "YES"},
                {QStringLiteral("binary"), false}};
            root()->route(IntuEnvelope {publishAt, {}});
            return HttpResponse::text(200, QByteArray());
        }
        return HttpResponse::text(500, "Streaming a topic over HTTP is not simulated; subscribe over /stream.");
    }
    if (request.path.startsWith(QLatin1String("/www/"))) {
        HttpResponse page = HttpResponse::text(
            200, "<html><body><h1>Self dashboard</h1><p>Simulated: use the /stream WebSocket.</p></body></html>");
        page.contentType = "text/html";
        return page;
    }
    return HttpResponse::text(500, "Unsupported end-point.");
}

void IntuSimulator::onSocket(QWebSocket *socket, const HttpRequest &request)
{
    QString selfId;
    param(request, "selfId", &selfId);
    // Newest wins: an older connection with the same selfId is dropped.
    for (IntuClientLink *old : QVector<IntuClientLink *>(m_clients)) {
        if (old->peerId() == selfId && old->socket())
            old->socket()->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("replaced by a newer connection"));
    }
    auto *client = new IntuClientLink(socket, selfId, root(), m_options.value(QStringLiteral("strict")).toBool(), this);
    m_clients.append(client);
    connect(client, &IntuClientLink::received, this, [this](const QJsonObject &message) {
        m_received.append(message);
        if (m_received.size() > 2000)
            m_received.removeFirst();
    });
    connect(client, &IntuClientLink::closed, this, [this, client] {
        m_clients.removeOne(client);
        root()->removeChild(client);
        client->deleteLater();
    });
    client->setRawTextWriter(
        [this, socket](const QByteArray &frame) { return writeRawFrame(m_front.transportOf(socket), 0x1, frame); });
    root()->addChild(client);
    const QJsonObject control {{QStringLiteral("control"), QStringLiteral("authenticate")},
        {QStringLiteral("selfId"), kRootId}, {QStringLiteral("token"), QString()}};
    socket->sendTextMessage(QString::fromUtf8(styledJson(control)));
}

void IntuSimulator::dropAllConnections()
{
    for (IntuClientLink *client : QVector<IntuClientLink *>(m_clients)) {
        if (client->socket())
            client->socket()->abort();
    }
}

void IntuSimulator::injectFrame(const QByteArray &frame, bool binary)
{
    for (IntuClientLink *client : std::as_const(m_clients)) {
        if (!client->socket())
            continue;
        if (binary)
            client->socket()->sendBinaryMessage(frame);
        else
            client->socket()->sendTextMessage(QString::fromUtf8(frame));
    }
}

int IntuSimulator::injectRawFrame(const QByteArray &payload, RawFrameKind kind)
{
    int sent = 0;
    for (IntuClientLink *client : std::as_const(m_clients)) {
        if (writeRawFrame(m_front.transportOf(client->socket()), kind == RawFrameKind::Binary ? 0x2 : 0x1, payload))
            ++sent;
    }
    return sent;
}

void IntuSimulator::onPing()
{
    const QByteArray now = QByteArray::number(QDateTime::currentMSecsSinceEpoch() / 1000.0, 'f', 6);
    for (IntuClientLink *client : std::as_const(m_clients)) {
        if (client->socket())
            client->socket()->ping(now);
    }
}

void IntuSimulator::restartChild(const QString &selfId)
{
    IntuBody *child = body(selfId);
    if (!child || child->node() == root() || !root()->child(selfId))
        return;
    root()->removeChild(child->node());
    child->node()->forgetSubscribers();
    root()->addChild(child->node());
}

void IntuSimulator::setVisitorConnected(bool connected)
{
    if (connected == m_visitorConnected)
        return;
    if (!m_visitor)
        m_visitor = std::make_unique<IntuBody>(profile(QStringLiteral("visitor-5e21"), QStringLiteral("Visitor phone"),
                                                   QStringLiteral("Android"), {QStringLiteral("System")}, {}),
            m_cadence, 99);
    m_visitorConnected = connected;
    if (connected) {
        m_visitor->node()->setParentPeer(root());
        root()->addChild(m_visitor->node());
    } else {
        root()->removeChild(m_visitor->node());
        m_visitor->node()->setParentPeer(nullptr);
    }
}

} // namespace fleetscope::sim::intu
