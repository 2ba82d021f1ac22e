// The simulator's faithfulness (docs/protocols/opentera.md#simulator), seen from a plain HTTP and
// WebSocket client: login quirks, single-use keys, lockout, refresh, logout with 4000, the frame
// format, the refusal text, the device status API and the session manager.
#include "sim/opentera/openterasimulator.h"
#include "tests/common/testsupport.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

using namespace fleetscope;
using fleetscope::sim::opentera::OpenTeraSimulator;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QList<QByteArray> headers;
    QJsonValue json() const
    {
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[" + body + "]"));
        return doc.array().at(0);
    }
};

class Client
{
public:
    explicit Client(const OpenTeraSimulator &simulator)
        : m_base(simulator.clientConfig().url)
    { }
    Reply request(const QByteArray &method, const QString &pathAndQuery, const QByteArray &authorization,
        const QByteArray &body = QByteArray())
    {
        QNetworkRequest request(QUrl(m_base.toString() + pathAndQuery));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = m_manager.sendCustomRequest(request, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        Reply out {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
            reply->rawHeaderList()};
        reply->deleteLater();
        return out;
    }
    static QByteArray basic(const char *user, const char *password)
    {
        return "Basic " + QByteArray(QByteArray(user) + ':' + password).toBase64();
    }
    static QByteArray token(const Reply &login)
    {
        return "OpenTera " + login.json().toObject().value(QLatin1String("user_token")).toString().toUtf8();
    }
    static QUrl socketUrl(const Reply &login)
    {
        QUrl url(login.json().toObject().value(QLatin1String("websocket_url")).toString());
        url.setScheme(QStringLiteral("ws"));
        return url;
    }

private:
    QUrl m_base;
    QNetworkAccessManager m_manager;
};

QVariantMap quiet(QVariantMap extra = {})
{
    extra.insert(QStringLiteral("generator"), false);
    return extra;
}

} // namespace

class tst_OpenTeraSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loginAndItsQuirks();
    void lockoutAfterFiveFailures();
    void socketKeyIsSingleUse();
    void framesAreTheServersJson();
    void refreshDisablesTheOldToken();
    void logoutClosesWith4000();
    void deviceStatusApi();
    void sessionInvitationReachesTheInvitee();
    void pingTimeoutAbortsSilentClients();
};

void tst_OpenTeraSimulator::loginAndItsQuirks()
{
    auto simulator = test::startSimulator(QStringLiteral("opentera"), quiet());
    QVERIFY(simulator);
    Client client(*static_cast<OpenTeraSimulator *>(simulator.get()));
    const Reply ok =
        client.request("GET", QStringLiteral("/api/user/login?with_websocket=true"), Client::basic("admin", "admin"));
    QCOMPARE(ok.status, 200);
    const QJsonObject login = ok.json().toObject();
    QCOMPARE(login.value(QLatin1String("user_fullname")).toString(), QStringLiteral("Super Admin"));
    QCOMPARE(login.value(QLatin1String("user_token")).toString().count(QLatin1Char('.')), 2); // JWT-shaped
    const QString url = login.value(QLatin1String("websocket_url")).toString();
    QVERIFY2(url.startsWith(QLatin1String("wss://127.0.0.1:")), qPrintable(url)); // wss even on plain http
    QCOMPARE(url.section(QLatin1String("?id="), 1).size(), 128);

    const Reply bad =
        client.request("GET", QStringLiteral("/api/user/login?with_websocket=true"), Client::basic("admin", "x"));
    QCOMPARE(bad.status, 401);
    for (const QByteArray &header : bad.headers)
        QVERIFY(header.toLower() != "www-authenticate"); // no challenge
    QCOMPARE(client.request("GET", QStringLiteral("/wss/user?id=abc"), QByteArray()).status, 426);
    QCOMPARE(client.request("GET", QStringLiteral("/api/user/login/2fa?otp_code=123456"), QByteArray()).status, 501);
    const Reply twoFactor = client.request(
        "GET", QStringLiteral("/api/user/login?with_websocket=true"), Client::basic("clinician2", "clinician2"));
    QCOMPARE(twoFactor.json().toObject().value(QLatin1String("reason")).toString(), QStringLiteral("2fa"));
    QVERIFY(!twoFactor.json().toObject().contains(QLatin1String("user_token")));
    const Reply lists = client.request("GET", QStringLiteral("/api/user/devices/online"), Client::token(ok));
    QCOMPARE(lists.status, 200);
    const QJsonObject robot = lists.json().toArray().first().toObject();
    QCOMPARE(robot.value(QLatin1String("device_name")).toString(), QStringLiteral("Robot-01"));
    QVERIFY(robot.value(QLatin1String("device_status"))
                .toObject()
                .value(QLatin1String("status"))
                .toObject()
                .value(QLatin1String("status"))
                .isString()); // text at device_status.status.status
    QCOMPARE(client.request("GET", QStringLiteral("/api/user/users/online"), "OpenTera nonsense").status, 401);
}

void tst_OpenTeraSimulator::lockoutAfterFiveFailures()
{
    auto simulator = test::startSimulator(QStringLiteral("opentera"), quiet());
    QVERIFY(simulator);
    Client client(*static_cast<OpenTeraSimulator *>(simulator.get()));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(
            client.request("GET", QStringLiteral("/api/user/login"), Client::basic("siteadmin", "wrong")).status, 401);
    // Now even the right password is refused, for 120 s.
    QCOMPARE(
        client.request("GET", QStringLiteral("/api/user/login"), Client::basic("siteadmin", "siteadmin")).status, 401);
    QCOMPARE(client.request("GET", QStringLiteral("/api/user/login"), Client::basic("admin", "admin")).status, 200);
}

void tst_OpenTeraSimulator::socketKeyIsSingleUse()
{
    auto simulator = test::startSimulator(QStringLiteral("opentera"), quiet());
    QVERIFY(simulator);
    Client client(*static_cast<OpenTeraSimulator *>(simulator.get()));
    const Reply login =
        client.request("GET", QStringLiteral("/api/user/login?with_websocket=true"), Client::basic("admin", "admin"));
    QWebSocket first;
    QSignalSpy connected(&first, &QWebSocket::connected);
    first.open(Client::socketUrl(login));
    QTRY_COMPARE(connected.count(), 1);
    // While it lives, another login with a socket is refused.
    const Reply again =
        client.request("GET", QStringLiteral("/api/user/login?with_websocket=true"), Client::basic("admin", "admin"));
    QCOMPARE(again.status, 403);
    QCOMPARE(again.json().toString(), QStringLiteral("User already logged in."));
    QWebSocket second; // the same key again
    QSignalSpy errors(&second, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
    second.open(Client::socketUrl(login));
    QTRY_VERIFY(errors.count() >= 1);
    QCOMPARE(simulator->connectionCount(), 1);
}

void tst_OpenTeraSimulator::framesAreTheServersJson()
{
    auto simulator = test::startSimulator(QStringLiteral("opentera"), quiet());
    QVERIFY(simulator);
    Client client(*static_cast<OpenTeraSimulator *>(simulator.get()));
    const Reply login = client.request(
        "GET", QStringLiteral("/api/user/login?with_websocket=true"), Client::basic("clinician1", "clinician1"));
    QWebSocket socket;
    QStringList frames;
    QObject::connect(
        &socket, &QWebSocket::textMessageReceived, &socket, [&frames](const QString &text) { frames << text; });
    socket.open(Client::socketUrl(login));
    QTRY_COMPARE(frames.size(), 1);
    const QString first = frames.first();
    // Pretty-printed with indent 2, non-ASCII escaped, the user's own USER_CONNECTED first.
    QVERIFY2(first.startsWith(QLatin1String(
                 "{\n  \"message\": {\n    \"@type\": \"type.googleapis.com/opentera.protobuf.TeraEvent\"")),
        qPrintable(first));
    QVERIFY2(first.contains(QLatin1String("\\u00c9milie Tremblay")), qPrintable(first));
    const QJsonObject message =
        QJsonDocument::fromJson(first.toUtf8()).object().value(QLatin1String("message")).toObject();
    const QJsonObject event = message.value(QLatin1String("events")).toArray().first().toObject();
    QCOMPARE(event.value(QLatin1String("type")).toString(), QStringLiteral("USER_CONNECTED"));
    QCOMPARE(event.value(QLatin1String("userFullname")).toString(), QStringLiteral("Émilie Tremblay"));
    QCOMPARE(message.value(QLatin1String("header")).toObject().value(QLatin1String("topic")).toString(),
        QStringLiteral("module.TeraServer.UserManagerModule.events"));

    // A clinician sees the Rehab pilot's robots, not SensorHub-A.
    auto *sim = static_cast<OpenTeraSimulator *>(simulator.get());
    sim->world().setDeviceOnline(*sim->world().deviceByName(QStringLiteral("SensorHub-A")), false);
    sim->world().setDeviceOnline(*sim->world().deviceByName(QStringLiteral("Robot-02")), false);
    QTRY_COMPARE(frames.size(), 2);
    QVERIFY(frames.last().contains(QLatin1String("Robot-02")));

    // Anything sent is refused with a non-JSON text; the socket stays open.
    socket.sendTextMessage(QStringLiteral("{\"hello\":1}"));
    QTRY_COMPARE(frames.size(), 3);
    QCOMPARE(frames.last(), QStringLiteral("Not allowed to send message"));
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

void tst_OpenTeraSimulator::refreshDisablesTheOldToken()
{
    auto simulator = test::startSimulator(QStringLiteral("opentera"), quiet());
    QVERIFY(simulator);
    Client client(*static_cast<OpenTeraSimulator *>(simulator.get()));
    const Reply login = client.request("GET", QStringLiteral("/api/user/login"), Client::basic("admin", "admin"));
    const QByteArray oldToken = Client::token(login);
    const Reply refreshed =
        client.request("GET", QStringLiteral("/api/user/refresh_token?with_websocket=true"), oldToken);
    QCOMPARE(refreshed.status, 200);
    const QJsonObject body = refreshed.json().toObject();
    QVERIFY(body.contains(QLatin1String("websocket_url"))); // no live socket: a URL without the password
    const QByteArray newToken = "OpenTera " + body.value(QLatin1String("refresh_token")).toString().toUtf8();
    QCOMPARE(client.request("GET", QStringLiteral("/api/user/users/online"), oldToken).status, 401);
    QCOMPARE(client.request("GET", QStringLiteral("/api/user/users/online"), newToken).status, 200);
}

void tst_OpenTeraSimulator::logoutClosesWith4000()
{
    auto simulator = test::startSimulator(QStringLiteral("opentera"), quiet());
    QVERIFY(simulator);
    Client client(*static_cast<OpenTeraSimulator *>(simulator.get()));
    const Reply login =
        client.request("GET", QStringLiteral("/api/user/login?with_websocket=true"), Client::basic("admin", "admin"));
    QWebSocket socket;
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
    socket.open(Client::socketUrl(login));
    QTRY_COMPARE(connected.count(), 1);
    const Reply logout = client.request("GET", QStringLiteral("/api/user/logout"), Client::token(login));
    QCOMPARE(logout.json().toString(), QStringLiteral("User logged out."));
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(int(socket.closeCode()), 4000);
    QCOMPARE(socket.closeReason(), QStringLiteral("CMD_CLIENT_DISCONNECT"));
    QCOMPARE(client.request("GET", QStringLiteral("/api/user/users/online"), Client::token(login)).status, 401);
}

void tst_OpenTeraSimulator::deviceStatusApi()
{
    auto simulator = test::startSimulator(QStringLiteral("opentera"), quiet());
    QVERIFY(simulator);
    auto *sim = static_cast<OpenTeraSimulator *>(simulator.get());
    Client client(*sim);
    const QString token =
        QStringLiteral("device-") + sim::opentera::stableUuid(QStringLiteral("device-token/Tablet-07"));
    const QByteArray auth = "OpenTera " + token.toUtf8();
    const QByteArray body = R"({"status":{"battery":55.5,"charging":true},"timestamp":1732134567.0})";
    const Reply offline = client.request("POST", QStringLiteral("/api/device/status"), auth, body);
    QCOMPARE(offline.status, 403);
    QCOMPARE(offline.json().toString(), QStringLiteral("Status update forbidden on offline device."));
    QCOMPARE(client.request("GET", QStringLiteral("/api/device/login"), auth).status, 200);
    const Reply posted = client.request("POST", QStringLiteral("/api/device/status"), auth, body);
    QCOMPARE(posted.status, 200);
    QCOMPARE(posted.json().toObject().value(QLatin1String("status")).toString(),
        QStringLiteral(R"({"battery": 55.5, "charging": true})"));
    QCOMPARE(client.request("POST", QStringLiteral("/api/device/status"), auth, "{}").status, 400);
}

void tst_OpenTeraSimulator::sessionInvitationReachesTheInvitee()
{
    auto simulator = test::startSimulator(QStringLiteral("opentera"), quiet());
    QVERIFY(simulator);
    auto *sim = static_cast<OpenTeraSimulator *>(simulator.get());
    Client client(*sim);
    const Reply invitee = client.request(
        "GET", QStringLiteral("/api/user/login?with_websocket=true"), Client::basic("siteadmin", "siteadmin"));
    QWebSocket socket;
    QStringList frames;
    QObject::connect(
        &socket, &QWebSocket::textMessageReceived, &socket, [&frames](const QString &text) { frames << text; });
    socket.open(Client::socketUrl(invitee));
    QTRY_COMPARE(frames.size(), 1);
    const QString siteadmin = sim->accounts().byLogin(QStringLiteral("siteadmin"))->uuid;
    const Reply started =
        client.request("POST", QStringLiteral("/api/user/sessions/manager"), Client::basic("admin", "admin"),
            QStringLiteral(R"({"session_manage":{"action":"start","id_service":3,"id_session_type":1,)"
                           R"("session_participants":[],"session_users":["%1"],"session_devices":[],"parameters":{}}})")
                .arg(siteadmin)
                .toUtf8());
    QCOMPARE(started.status, 200);
    QCOMPARE(started.json().toObject().value(QLatin1String("status")).toString(), QStringLiteral("started"));
    QTRY_VERIFY(frames.join(QString()).contains(QLatin1String("JoinSessionEvent")));
    bool direct = false;
    for (const QString &frame : std::as_const(frames))
        direct = direct
            || (frame.contains(QLatin1String("JoinSessionEvent"))
                && frame.contains(QStringLiteral("websocket.user.%1.events").arg(siteadmin)));
    QVERIFY(direct);
    const Reply wrongService = client.request("POST", QStringLiteral("/api/user/sessions/manager"),
        Client::basic("admin", "admin"), R"({"session_manage":{"action":"start","id_service":9,"id_session_type":1}})");
    QCOMPARE(wrongService.status, 403);
}

void tst_OpenTeraSimulator::pingTimeoutAbortsSilentClients()
{
    auto simulator = test::startSimulator(
        QStringLiteral("opentera"), quiet({{QStringLiteral("pingMs"), 30}, {QStringLiteral("pongTimeoutMs"), 300}}));
    QVERIFY(simulator);
    Client client(*static_cast<OpenTeraSimulator *>(simulator.get()));
    // A client that answers pings (QWebSocket does by itself)...
    const Reply alive =
        client.request("GET", QStringLiteral("/api/user/login?with_websocket=true"), Client::basic("admin", "admin"));
    QWebSocket answering;
    QSignalSpy answeringDown(&answering, &QWebSocket::disconnected);
    answering.open(Client::socketUrl(alive));
    QTRY_COMPARE(answering.state(), QAbstractSocket::ConnectedState);
    // ...and one that completes the handshake, then never reads again.
    const Reply dead = client.request(
        "GET", QStringLiteral("/api/user/login?with_websocket=true"), Client::basic("siteadmin", "siteadmin"));
    const QUrl url = Client::socketUrl(dead);
    QTcpSocket silent;
    QSignalSpy silentDown(&silent, &QTcpSocket::disconnected);
    silent.connectToHost(url.host(), static_cast<quint16>(url.port()));
    QVERIFY(silent.waitForConnected(5000));
    silent.write("GET " + url.path().toLatin1() + "?" + url.query().toLatin1()
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          "Sec-WebSocket-Version: 13\r\n\r\n");
    QTRY_COMPARE(simulator->connectionCount(), 2);
    // No pong within the timeout: dropped without a close frame; the answering client stays.
    QTRY_COMPARE(silentDown.count(), 1);
    QCOMPARE(simulator->connectionCount(), 1);
    QCOMPARE(answeringDown.count(), 0);
}

QTEST_GUILESS_MAIN(tst_OpenTeraSimulator)
#include "tst_openterasimulator.moc"
