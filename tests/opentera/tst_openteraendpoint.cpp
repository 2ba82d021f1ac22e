// OpenTeraEndpoint end to end against the simulator in this process: login, lists, samples,
// reconnects (login again, lists reloaded), close 4000, 403 "already logged in", refused logins,
// token refresh, REST commands and the frame variants of the test switches.
#include "core/endpoint/protocolregistry.h"
#include "core/protocols/opentera/openteraendpoint.h"
#include "sim/opentera/openterasimulator.h"
#include "tests/common/endpointrecorder.h"
#include "tests/common/testsupport.h"

#include <QSignalSpy>
#include <QTest>

using namespace fleetscope;

namespace {

// Quiet by default: devices post fast, nothing else moves unless a test asks.
QVariantMap fastWorld(QVariantMap extra = {})
{
    QVariantMap options {{QStringLiteral("statusMs"), 40}, {QStringLiteral("presenceMs"), 1000000},
        {QStringLiteral("sessionMs"), 10000000}, {QStringLiteral("unknownMs"), 0}};
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        options.insert(it.key(), it.value());
    return options;
}

// An endpoint on a simulator, with everything it reported collected.
struct Harness
{
    std::unique_ptr<sim::Simulator> simulator;
    std::unique_ptr<Endpoint> endpoint;
    std::unique_ptr<test::EndpointRecorder> seen;

    sim::opentera::OpenTeraSimulator *sim() const
    {
        return static_cast<sim::opentera::OpenTeraSimulator *>(simulator.get());
    }

    bool start(const QVariantMap &simOptions, const QString &user = QStringLiteral("admin"),
        const QString &password = QStringLiteral("admin"), bool retryFirstConnect = true)
    {
        if (!simulator)
            simulator = test::startSimulator(QStringLiteral("opentera"), simOptions);
        if (!simulator)
            return false;
        EndpointConfig config = simulator->clientConfig();
        config.options.insert(QStringLiteral("user"), user);
        config.secret = password;
        config.link.connectTimeoutMs = 5000;
        config.link.pingIntervalMs = 0;
        config.link.initialBackoffMs = 100;
        config.link.maxBackoffMs = 400;
        config.link.retryFirstConnect = retryFirstConnect; // as the CLI has it
        ProtocolRegistry registry;
        registerBuiltinProtocols(registry);
        QString error;
        endpoint = registry.create(config, &error);
        if (!endpoint)
            return false;
        endpoint->setBatchInterval(5);
        seen = std::make_unique<test::EndpointRecorder>(endpoint.get());
        endpoint->open();
        return true;
    }

    QString adminUuid() const { return sim()->accounts().byLogin(QStringLiteral("admin"))->uuid; }
};

} // namespace

class tst_OpenTeraEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void logsInBrowsesAndSamplesSubscribedStreams();
    void droppedSocketLogsInAgainAndReloadsTheLists();
    void closeCode4000StopsReconnecting();
    void alreadyLoggedInRetriesWithBackoff();
    void alreadyLoggedInAtFirstLoginWaits();
    void refusedLogins_data();
    void refusedLogins();
    void refreshesTheTokenBeforeItExpires();
    void commandsAreRestCalls();
    void frameVariants_data();
    void frameVariants();
    void logsOutOnClose();
};

void tst_OpenTeraEndpoint::initTestCase()
{
    qRegisterMetaType<LinkState>();
    qRegisterMetaType<EndpointBatch>();
    qRegisterMetaType<CommandReply>();
}

void tst_OpenTeraEndpoint::logsInBrowsesAndSamplesSubscribedStreams()
{
    Harness h;
    QVERIFY(h.start(fastWorld()));
    QTRY_COMPARE(h.endpoint->state(), LinkState::Ready);
    QCOMPARE(h.endpoint->status().text(), QStringLiteral("logged in as Super Admin"));
    h.endpoint->browse();
    QTRY_COMPARE(h.seen->browses.size(), 1);
    QVERIFY(h.seen->browses.first().first);

    const Topic robot = h.seen->topic(QStringLiteral("devices/Robot-01"));
    QCOMPARE(robot.type, QStringLiteral("opentera.device"));
    QCOMPARE(robot.node, NodeKind::Device); // a device to monitor
    QVERIFY(robot.meta.value(QStringLiteral("online")).toBool());
    const Topic battery = h.seen->topic(QStringLiteral("devices/Robot-01/battery"));
    QCOMPARE(battery.type, QStringLiteral("number"));
    QVERIFY(battery.subscribable);
    QCOMPARE(h.seen->topic(QStringLiteral("devices/Robot-01/charging")).type, QStringLiteral("bool"));
    QCOMPARE(h.seen->topic(QStringLiteral("devices/Robot-01/motors/left_temp")).node, NodeKind::Stream);
    // Busy but offline entities are listed.
    const Topic busy = h.seen->topic(QStringLiteral("participants/P-0043"));
    QVERIFY(busy.meta.value(QStringLiteral("busy")).toBool());
    QVERIFY(!busy.meta.value(QStringLiteral("online")).toBool());
    QVERIFY(h.seen->topic(QStringLiteral("users/Super Admin")).meta.value(QStringLiteral("self")).toBool());
    QVERIFY(h.seen->topic(QStringLiteral("devices/Tablet-07")).path.isEmpty()); // offline: not listed
    // Its own USER_CONNECTED is no notification.
    QTRY_VERIFY(h.seen->hasEvent(Severity::Debug, QStringLiteral("Super Admin online (this session)")));
    QVERIFY(!h.seen->hasEvent(Severity::Info, QStringLiteral("Super Admin online")));

    QCOMPARE(h.seen->samples.size(), 0); // nothing subscribed yet
    h.endpoint->subscribe(QStringLiteral("devices/Robot-01"));
    QTRY_VERIFY(h.seen->samplesUnder(QStringLiteral("devices/Robot-01/battery")) >= 3);
    QCOMPARE(h.seen->samplesUnder(QStringLiteral("devices/Robot-02/")), 0);
    for (const Sample &sample : std::as_const(h.seen->samples))
        QVERIFY2(qAbs(sample.t - nowMs()) < 60000, qPrintable(sample.path)); // status timestamps, in ms
    QVERIFY(h.sim()->received().isEmpty()); // the socket is one-way
}

void tst_OpenTeraEndpoint::droppedSocketLogsInAgainAndReloadsTheLists()
{
    Harness h;
    QVERIFY(h.start(fastWorld()));
    QTRY_COMPARE(h.endpoint->state(), LinkState::Ready);
    QTRY_COMPARE(h.sim()->requestCount(QStringLiteral("/api/user/devices/online")), 1);
    QCOMPARE(h.sim()->requestCount(QStringLiteral("/api/user/login")), 1);
    QTRY_VERIFY(h.seen->topic(QStringLiteral("devices/Robot-02")).meta.value(QStringLiteral("online")).toBool());

    QSignalSpy states(h.endpoint.get(), &Endpoint::stateChanged);
    h.sim()->dropAllConnections();
    // While nobody listens, Robot-02 goes away: the event is lost, only a reload can tell.
    h.sim()->world().setDeviceOnline(*h.sim()->world().deviceByName(QStringLiteral("Robot-02")), false);
    QTRY_COMPARE(h.sim()->requestCount(QStringLiteral("/api/user/login")), 2);
    QTRY_COMPARE(h.sim()->requestCount(QStringLiteral("/api/user/devices/online")), 2);
    QTRY_COMPARE(h.endpoint->state(), LinkState::Ready);
    QTRY_VERIFY(!h.seen->topic(QStringLiteral("devices/Robot-02")).meta.value(QStringLiteral("online")).toBool());
    QVERIFY(h.seen->hasEvent(Severity::Warning, QStringLiteral("connection lost, retrying")));
    bool sawReconnecting = false;
    for (const auto &args : std::as_const(states))
        sawReconnecting = sawReconnecting || args.at(0).value<LinkStatus>().state == LinkState::Reconnecting;
    QVERIFY(sawReconnecting);
    QCOMPARE(h.sim()->connectionCount(), 1);
}

void tst_OpenTeraEndpoint::closeCode4000StopsReconnecting()
{
    Harness h;
    QVERIFY(h.start(fastWorld()));
    QTRY_COMPARE(h.endpoint->state(), LinkState::Ready);
    h.sim()->disconnectUser(h.adminUuid());
    QTRY_COMPARE(h.endpoint->state(), LinkState::Failed);
    QCOMPARE(h.endpoint->status().reason, LinkReason::Dismissed);
    QVERIFY2(h.endpoint->status().text().contains(QLatin1String("disconnected by server")),
        qPrintable(h.endpoint->status().text()));
    QVERIFY(h.seen->hasEvent(Severity::Error, QStringLiteral("disconnected by server (logout/admin)")));
    QCOMPARE(h.endpoint->counters().reconnects, 0u); // no retry was scheduled
    QCOMPARE(h.sim()->requestCount(QStringLiteral("/api/user/login")), 1);
}

void tst_OpenTeraEndpoint::alreadyLoggedInRetriesWithBackoff()
{
    // The server keeps a dead socket's user logged in until its ping timeout.
    Harness h;
    QVERIFY(h.start(fastWorld({{QStringLiteral("ghostMs"), 1200}})));
    QTRY_COMPARE(h.endpoint->state(), LinkState::Ready);
    h.sim()->dropAllConnections();
    QTRY_VERIFY(h.seen->hasEvent(Severity::Warning, QStringLiteral("already logged in, retrying")));
    QTRY_COMPARE_WITH_TIMEOUT(h.endpoint->state(), LinkState::Ready, 10000);
    QVERIFY(h.sim()->requestCount(QStringLiteral("/api/user/login")) >= 3);
}

void tst_OpenTeraEndpoint::alreadyLoggedInAtFirstLoginWaits()
{
    // Another session of the user holds a socket: even a CLI-style first connection waits for it.
    Harness other;
    QVERIFY(other.start(fastWorld()));
    QTRY_COMPARE(other.endpoint->state(), LinkState::Ready);
    Harness h;
    h.simulator = std::move(other.simulator);
    QVERIFY(h.start(QVariantMap(), QStringLiteral("admin"), QStringLiteral("admin"), false));
    QTRY_VERIFY(h.seen->hasEvent(Severity::Warning, QStringLiteral("already logged in, retrying")));
    QVERIFY(h.endpoint->state() != LinkState::Failed);
    other.endpoint->close(); // logs out, the socket goes
    QTRY_COMPARE_WITH_TIMEOUT(h.endpoint->state(), LinkState::Ready, 10000);
    other.simulator = std::move(h.simulator); // destroyed after both endpoints
}

void tst_OpenTeraEndpoint::refusedLogins_data()
{
    QTest::addColumn<QVariantMap>("simOptions");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("detail");
    QTest::newRow("wrong password") << fastWorld() << QStringLiteral("admin") << QStringLiteral("nope")
                                    << QStringLiteral("authentication failed: authentication rejected by server");
    QTest::newRow("unknown user") << fastWorld() << QStringLiteral("ghost") << QStringLiteral("ghost")
                                  << QStringLiteral("authentication rejected by server");
    QTest::newRow("2FA account") << fastWorld() << QStringLiteral("clinician2") << QStringLiteral("clinician2")
                                 << QStringLiteral("two-factor authentication");
    QTest::newRow("client too old") << fastWorld({{QStringLiteral("minClientVersion"), 99}}) << QStringLiteral("admin")
                                    << QStringLiteral("admin") << QStringLiteral("requires a newer client");
}

void tst_OpenTeraEndpoint::refusedLogins()
{
    QFETCH(QVariantMap, simOptions);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, detail);
    Harness h;
    QVERIFY(h.start(simOptions, user, password));
    QTRY_COMPARE(h.endpoint->state(), LinkState::Failed);
    QVERIFY2(h.endpoint->status().text().contains(detail), qPrintable(h.endpoint->status().text()));
    QVERIFY(!h.endpoint->status().text().contains(password + QLatin1Char('@')));
    QCOMPARE(h.endpoint->counters().reconnects, 0u); // refused credentials are final
    QCOMPARE(h.sim()->connectionCount(), 0);
}

void tst_OpenTeraEndpoint::refreshesTheTokenBeforeItExpires()
{
    Harness h;
    QVERIFY(h.start(fastWorld({{QStringLiteral("tokenLifetimeS"), 2}, {QStringLiteral("refreshLifetimeS"), 2}})));
    QTRY_COMPARE(h.endpoint->state(), LinkState::Ready);
    QTRY_VERIFY_WITH_TIMEOUT(h.sim()->requestCount(QStringLiteral("/api/user/refresh_token")) >= 2, 10000);
    // The first token died at the first refresh; calls go on with the latest one.
    h.endpoint->send(Command {QStringLiteral("GET /api/user/users/online"), QString(), 0});
    QTRY_COMPARE(h.seen->replies.size(), 1);
    QVERIFY2(h.seen->replies.first().ok, qPrintable(h.seen->replies.first().detail));
    QVERIFY(!h.seen->hasEvent(Severity::Warning, QStringLiteral("token refresh failed")));
}

void tst_OpenTeraEndpoint::commandsAreRestCalls()
{
    Harness h;
    QVERIFY(h.start(fastWorld()));
    QTRY_COMPARE(h.endpoint->state(), LinkState::Ready);

    h.endpoint->send(
        Command {QStringLiteral("GET /api/user/disconnect?device_uuid=${uuid:devices/Robot-01}"), QString(), 0});
    QTRY_COMPARE(h.seen->replies.size(), 1);
    QVERIFY2(h.seen->replies.at(0).ok, qPrintable(h.seen->replies.at(0).detail));
    QCOMPARE(h.seen->replies.at(0).detail, QStringLiteral("HTTP 200: Success"));
    // The disconnect also comes back as a WebSocket event.
    QTRY_VERIFY(h.seen->hasEvent(Severity::Warning, QStringLiteral("Robot-01 offline")));

    h.endpoint->send(Command {QStringLiteral("POST /api/user/sessions/manager"),
        QStringLiteral(R"({"session_manage":{"action":"start","id_service":3,"session_participants":[]}})"), 0});
    QTRY_COMPARE(h.seen->replies.size(), 2);
    QVERIFY(!h.seen->replies.at(1).ok);
    QVERIFY(!h.seen->replies.at(1).refusedLocally);
    QCOMPARE(
        h.seen->replies.at(1).detail, QStringLiteral("HTTP 400: Missing required id_session_type for new sessions"));
    QVERIFY(h.seen->hasEvent(Severity::Error, QStringLiteral("HTTP 400")));

    h.endpoint->send(Command {QStringLiteral("POST /api/user/sessions/manager"),
        QStringLiteral(R"({"session_manage":{"action":"start","id_service":3,"id_session_type":1,)"
                       R"("session_participants":["${uuid:participants/P-0042}"],"session_users":[],)"
                       R"("session_devices":["${uuid:devices/Robot-02}"],"parameters":{}}})"),
        0});
    QTRY_COMPARE(h.seen->replies.size(), 3);
    QVERIFY2(h.seen->replies.at(2).ok, qPrintable(h.seen->replies.at(2).detail));
    QVERIFY(h.seen->replies.at(2).payload.contains(QLatin1String("\"started\"")));
    QTRY_VERIFY(h.seen->hasEvent(Severity::Info, QStringLiteral("P-0042 joined a session")));

    h.endpoint->send(Command {QStringLiteral("POST /api/user/sessions/manager"), QStringLiteral("{not json"), 0});
    QTRY_COMPARE(h.seen->replies.size(), 4);
    QVERIFY(h.seen->replies.at(3).refusedLocally);
    h.endpoint->send(Command {QStringLiteral("GET /api/user/disconnect?device_uuid=${uuid}"), QString(), 0});
    QTRY_COMPARE(h.seen->replies.size(), 5);
    QVERIFY(h.seen->replies.at(4).refusedLocally);
}

void tst_OpenTeraEndpoint::frameVariants_data()
{
    QTest::addColumn<QVariantMap>("switches");
    QTest::newRow("server format") << QVariantMap();
    QTest::newRow("snake_case, enum numbers")
        << QVariantMap {{QStringLiteral("snakeCase"), true}, {QStringLiteral("enumNumbers"), true}};
    QTest::newRow("several events per frame, unknown types")
        << QVariantMap {{QStringLiteral("batchEvents"), true}, {QStringLiteral("unknownType"), true}};
    QTest::newRow("binary frames") << QVariantMap {{QStringLiteral("binary"), true}};
}

void tst_OpenTeraEndpoint::frameVariants()
{
    QFETCH(QVariantMap, switches);
    Harness h;
    QVERIFY(h.start(fastWorld(switches)));
    QTRY_COMPARE(h.endpoint->state(), LinkState::Ready);
    h.endpoint->subscribe(QStringLiteral("devices"));
    QTRY_VERIFY(h.seen->samplesUnder(QStringLiteral("devices/SensorHub-A/ambient/temperature")) >= 3);
    QTRY_VERIFY(h.seen->hasEvent(Severity::Debug, QStringLiteral("Super Admin online (this session)")));
    if (switches.value(QStringLiteral("unknownType")).toBool())
        QTRY_VERIFY(h.seen->hasEvent(Severity::Warning,
            QStringLiteral("unrecognised type.googleapis.com/opentera.protobuf.UserPreferenceEvent")));
    for (const Event &event : std::as_const(h.seen->events))
        QVERIFY2(event.severity != Severity::Error, qPrintable(event.summary));
}

void tst_OpenTeraEndpoint::logsOutOnClose()
{
    Harness h;
    QVERIFY(h.start(fastWorld()));
    QTRY_COMPARE(h.endpoint->state(), LinkState::Ready);
    h.endpoint->close();
    QCOMPARE(h.endpoint->state(), LinkState::Closed);
    QTRY_COMPARE(h.sim()->requestCount(QStringLiteral("/api/user/logout")), 1);
    QTRY_COMPARE(h.sim()->connectionCount(), 0);
}

QTEST_GUILESS_MAIN(tst_OpenTeraEndpoint)
#include "tst_openteraendpoint.moc"
