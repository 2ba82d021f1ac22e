#include "sim/intu/intusimulator.h"
#include "tests/common/testsupport.h"
#include "tests/intu/intuconsole.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

using namespace fleetscope;
using fleetscope::sim::intu::IntuSimulator;
using Console = fleetscope::test::IntuConsole;
using fleetscope::test::intuMessage;

namespace {

QVariantMap quiet()
{
    // No live chatter: every frame a test sees is an answer to what it sent.
    return {{QStringLiteral("generator"), false}, {QStringLiteral("sayStepMs"), 20}};
}

QJsonObject dataOf(const QJsonObject &publish)
{
    return QJsonDocument::fromJson(publish.value(QLatin1String("data")).toString().toUtf8()).object();
}

// One HTTP exchange over a plain socket; returns the status line and the body.
QPair<QByteArray, QByteArray> http(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray response;
    const bool complete = QTest::qWaitFor(
        [&] {
            response += socket.readAll();
            const qsizetype end = response.indexOf("\r\n\r\n");
            if (end < 0)
                return false;
            const qsizetype at = response.toLower().indexOf("content-length:");
            const qsizetype length =
                at < 0 ? 0 : response.mid(at + 15, response.indexOf("\r\n", at) - at - 15).trimmed().toLongLong();
            return response.size() >= end + 4 + length;
        },
        5000);
    if (!complete)
        return {};
    const qsizetype end = response.indexOf("\r\n\r\n");
    return {response.left(response.indexOf("\r\n")), end < 0 ? QByteArray() : response.mid(end + 4)};
}

QByteArray upgrade(const QByteArray &target, const QByteArray &extraHeaders = QByteArray())
{
    return "GET " + target
        + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + extraHeaders + "\r\n";
}

} // namespace

class tst_IntuSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void streamNeedsSelfIdAndToken_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("neither") << upgrade("/stream") << QByteArray("400") << QByteArray("Required headers missing.");
        QTest::newRow("no token") << upgrade("/stream?selfId=a") << QByteArray("400")
                                  << QByteArray("Required headers missing.");
        QTest::newRow("query, empty token") << upgrade("/stream?selfId=a&token=") << QByteArray("101") << QByteArray();
        QTest::newRow("headers, any case")
            << upgrade("/stream", "SELFID: a\r\ntoken: t\r\n") << QByteArray("101") << QByteArray();
        QTest::newRow("other path") << upgrade("/ws?selfId=a&token=") << QByteArray("500")
                                    << QByteArray("Unsupported end-point.");
    }

    void streamNeedsSelfIdAndToken()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        QFETCH(QByteArray, body);
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        const auto [line, content] = http(simulator->port(), request);
        QVERIFY2(line.contains(QByteArray(" " + status + " ")), line.constData());
        if (!body.isEmpty())
            QCOMPARE(content, body);
    }

    void servesInfo()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        const auto [line, body] = http(simulator->port(), "GET /info HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(line.contains(" 200 "));
        QVERIFY2(body.startsWith("{\n   \"children\" : ["), body.constData()); // StyledWriter
        const QJsonObject info = QJsonDocument::fromJson(body).object();
        QCOMPARE(info.value(QLatin1String("selfId")).toString(), IntuSimulator::kRootId);
        QCOMPARE(info.value(QLatin1String("children")).toArray().size(), 2);
        QVERIFY(body.contains("\"selfId\" : \"pepper-7f3a\""));
    }

    void basicAuthWhenConfigured()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"),
            {{QStringLiteral("generator"), false}, {QStringLiteral("restUser"), QStringLiteral("u")},
                {QStringLiteral("restPassword"), QStringLiteral("p")}});
        QVERIFY(simulator);
        QVERIFY(http(simulator->port(), "GET /info HTTP/1.1\r\nHost: x\r\n\r\n").first.contains(" 401 "));
        QVERIFY(http(simulator->port(), upgrade("/stream?selfId=a&token=")).first.contains(" 401 "));
        QVERIFY(http(simulator->port(), "GET /info HTTP/1.1\r\nHost: x\r\nAuthorization: Basic dTpw\r\n\r\n")
                    .first.contains(" 200 "));
    }

    void greetsAndAnnouncesConnections()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        Console a(QStringLiteral("console-a"));
        QVERIFY(a.open(simulator.get()));
        QCOMPARE(a.frames.first().value(QLatin1String("control")).toString(), QStringLiteral("authenticate"));
        QCOMPARE(a.frames.first().value(QLatin1String("selfId")).toString(), IntuSimulator::kRootId);
        QVERIFY(a.texts.first().startsWith(QLatin1String("{\n   \"control\" : \"authenticate\",\n")));
        QVERIFY(a.texts.first().endsWith(QLatin1String("}\n")));
        a.send(intuMessage(QStringLiteral("subscribe"), {QStringLiteral("topic-manager")}, a.origin()));
        QTRY_COMPARE(static_cast<IntuSimulator *>(simulator.get())
                         ->body(IntuSimulator::kRootId)
                         ->node()
                         ->subscriberCount(QStringLiteral("topic-manager")),
            1);

        Console b(QStringLiteral("console-b"));
        QVERIFY(b.open(simulator.get()));
        const QJsonObject connected = a.waitForMsg(QStringLiteral("publish"), QStringLiteral("topic-manager"));
        QCOMPARE(dataOf(connected).value(QLatin1String("event")).toString(), QStringLiteral("connected"));
        QCOMPARE(dataOf(connected).value(QLatin1String("selfId")).toString(), QStringLiteral("console-b"));
        QCOMPARE(dataOf(connected).value(QLatin1String("parent")).toBool(true), false);
        // `data` is a string holding styled JSON.
        QVERIFY(connected.value(QLatin1String("data")).toString().startsWith(QLatin1String("{\n   \"event\" : ")));
        QCOMPARE(simulator->connectionCount(), 2);
    }

    void newestSelfIdWins()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        Console first(QStringLiteral("same"));
        QVERIFY(first.open(simulator.get()));
        QSignalSpy gone(&first.socket, &QWebSocket::disconnected);
        Console second(QStringLiteral("same"));
        QVERIFY(second.open(simulator.get()));
        QTRY_COMPARE(gone.count(), 1);
        QTRY_COMPARE(simulator->connectionCount(), 1);
        QCOMPARE(static_cast<IntuSimulator *>(simulator.get())
                     ->body(IntuSimulator::kRootId)
                     ->node()
                     ->childIds()
                     .count(QStringLiteral("same")),
            1);
    }

    void answersQueries()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        Console c(QStringLiteral("intu-console-1"));
        QVERIFY(c.open(simulator.get()));
        QJsonObject query = intuMessage(QStringLiteral("query"), {QStringLiteral(".")}, c.origin());
        query.insert(QStringLiteral("request"), QStringLiteral("1"));
        c.send(query);
        const QJsonObject here = c.waitForMsg(QStringLiteral("query_response"));
        QCOMPARE(here.value(QLatin1String("request")).toString(), QStringLiteral("1"));
        QCOMPARE(here.value(QLatin1String("origin")).toString(), QStringLiteral("../."));
        QCOMPARE(here.value(QLatin1String("targets")).toArray(), QJsonArray {QStringLiteral(".")});
        QCOMPARE(here.value(QLatin1String("version")).toString(), QStringLiteral("0.1.460"));
        QVERIFY(!here.contains(QLatin1String("parentId")));
        const QJsonArray children = here.value(QLatin1String("children")).toArray();
        QVERIFY(children.contains(QStringLiteral("intu-console-1"))); // the asker too
        QVERIFY(children.contains(QStringLiteral("pepper-7f3a")));
        QVERIFY(children.contains(QStringLiteral("nao-2c91")));
        QStringList topics;
        for (const QJsonValue &topic : here.value(QLatin1String("topics")).toArray())
            topics << topic.toObject().value(QLatin1String("topicId")).toString();
        QStringList sorted = topics;
        sorted.sort();
        QCOMPARE(topics, sorted);
        for (const char *expected : {"blackboard", "blackboard-stream", "config", "conversation", "log",
                 "sensor-System", "sensor-Camera", "topic-manager"})
            QVERIFY2(topics.contains(QLatin1String(expected)), expected);

        c.frames.clear();
        query = intuMessage(QStringLiteral("query"), {QStringLiteral("pepper-7f3a/.")}, c.origin());
        query.insert(QStringLiteral("request"), QStringLiteral("2"));
        c.send(query);
        const QJsonObject child = c.waitForMsg(QStringLiteral("query_response"));
        QCOMPARE(child.value(QLatin1String("origin")).toString(), QStringLiteral("../pepper-7f3a/."));
        QCOMPARE(child.value(QLatin1String("selfId")).toString(), QStringLiteral("pepper-7f3a"));
        QCOMPARE(child.value(QLatin1String("parentId")).toString(), IntuSimulator::kRootId);
        QCOMPARE(child.value(QLatin1String("type")).toString(), QStringLiteral("Pepper"));
    }

    void unknownTopicAndHopAreRefused()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        Console c(QStringLiteral("intu-console-1"));
        QVERIFY(c.open(simulator.get()));
        c.send(intuMessage(QStringLiteral("subscribe"), {QStringLiteral("no-such-topic")}, c.origin()));
        const QJsonObject failed = c.waitForMsg(QStringLiteral("subscribed_failed"));
        QCOMPARE(failed.value(QLatin1String("origin")).toString(), QStringLiteral("../no-such-topic"));
        QCOMPARE(failed.value(QLatin1String("failed_msg")).toString(), QStringLiteral("subscribe"));
        QCOMPARE(failed.value(QLatin1String("targets")).toArray(), QJsonArray {QStringLiteral(".")});

        c.send(intuMessage(QStringLiteral("subscribe"), {QStringLiteral("pepper-7f3a/nope")}, c.origin()));
        QCOMPARE(c.waitFor([](const QJsonObject &f) {
                      return f.value(QLatin1String("origin")).toString() == QLatin1String("../pepper-7f3a/nope");
                  })
                     .value(QLatin1String("msg"))
                     .toString(),
            QStringLiteral("subscribed_failed"));

        c.send(intuMessage(QStringLiteral("subscribe"), {QStringLiteral("ghost-node/log")}, c.origin()));
        const QJsonObject noRoute = c.waitForMsg(QStringLiteral("no_route"));
        QCOMPARE(noRoute.value(QLatin1String("origin")).toString(), QStringLiteral("../ghost-node"));
        QCOMPARE(noRoute.value(QLatin1String("failed_msg")).toString(), QStringLiteral("subscribe"));
        const QJsonObject original = noRoute.value(QLatin1String("orig_msg")).toObject();
        QCOMPARE(original.value(QLatin1String("targets")).toArray(), QJsonArray {QStringLiteral("log")});
        QCOMPARE(original.value(QLatin1String("origin")).toString(), c.origin());

        c.frames.clear();
        QJsonObject query = intuMessage(QStringLiteral("query"), {QStringLiteral("../.")}, c.origin());
        query.insert(QStringLiteral("request"), QStringLiteral("9"));
        c.send(query); // Willow has no parent
        const QJsonObject noParent = c.waitForMsg(QStringLiteral("no_route"));
        QCOMPARE(noParent.value(QLatin1String("origin")).toString(), QStringLiteral("../.."));
        QCOMPARE(noParent.value(QLatin1String("request")).toString(), QStringLiteral("9"));
    }

    void childPublishesThroughTheParent()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        Console c(QStringLiteral("intu-console-1"));
        QVERIFY(c.open(simulator.get()));
        c.send(intuMessage(QStringLiteral("subscribe"), {QStringLiteral("pepper-7f3a/log")}, c.origin()));
        QTRY_COMPARE(static_cast<IntuSimulator *>(simulator.get())
                         ->body(QStringLiteral("pepper-7f3a"))
                         ->node()
                         ->subscriberCount(QStringLiteral("log")),
            1);
        // publish_at to an unknown topic is silent, but the owner logs a WARN.
        QJsonObject publishAt =
            intuMessage(QStringLiteral("publish_at"), {QStringLiteral("pepper-7f3a/nosuch")}, c.origin());
        publishAt.insert(QStringLiteral("data"), QStringLiteral("x"));
        c.send(publishAt);
        const QJsonObject log = c.waitFor([](const QJsonObject &f) {
            return f.value(QLatin1String("topic")).toString() == QLatin1String("log")
                && dataOf(f).value(QLatin1String("level")).toString() == QLatin1String("WARN");
        });
        QCOMPARE(dataOf(log).value(QLatin1String("level")).toString(), QStringLiteral("WARN"));
        QCOMPARE(dataOf(log).value(QLatin1String("message")).toString(), QStringLiteral("Topic nosuch not found."));
    }

    void publishAtIsRepublishedWithRemoteOrigin()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        Console c(QStringLiteral("intu-console-1"));
        QVERIFY(c.open(simulator.get()));
        c.send(intuMessage(QStringLiteral("subscribe"), {QStringLiteral("conversation")}, c.origin()));
        QJsonObject publishAt = intuMessage(QStringLiteral("publish_at"), {QStringLiteral("conversation")}, c.origin());
        publishAt.insert(QStringLiteral("data"), QStringLiteral("hello robot"));
        publishAt.insert(QStringLiteral("binary"), false);
        publishAt.insert(QStringLiteral("persisted"), false);
        c.send(publishAt);
        const QJsonObject echo = c.waitFor([](const QJsonObject &f) {
            return f.value(QLatin1String("data")).toString() == QLatin1String("hello robot");
        });
        QCOMPARE(echo.value(QLatin1String("remote_origin")).toString(), c.origin());
        QVERIFY(!echo.contains(QLatin1String("binary")));
        // The robot answers what it heard.
        QVERIFY(!c.waitFor([](const QJsonObject &f) {
                      return f.value(QLatin1String("topic")).toString() == QLatin1String("conversation")
                          && f.value(QLatin1String("data")).toString().startsWith(QLatin1String("Hello! I am Willow"));
                  }).isEmpty());
    }

    void persistedValueIsReplayedWithoutBinaryMember()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        Console c(QStringLiteral("intu-console-1"));
        QVERIFY(c.open(simulator.get()));
        QJsonObject registration =
            intuMessage(QStringLiteral("publish_at"), {QStringLiteral("topic-manager")}, c.origin());
        registration.insert(QStringLiteral("data"),
            QStringLiteral(R"({"event":"register_topic","topicId":"notes","type":"text/plain"})"));
        c.send(registration);
        QJsonObject keep = intuMessage(QStringLiteral("publish_at"), {QStringLiteral("notes")}, c.origin());
        keep.insert(QStringLiteral("data"), QStringLiteral("kept"));
        keep.insert(QStringLiteral("persisted"), true);
        c.send(keep);
        QTRY_VERIFY(static_cast<IntuSimulator *>(simulator.get())
                        ->body(IntuSimulator::kRootId)
                        ->node()
                        ->hasTopic(QStringLiteral("notes")));
        c.send(intuMessage(QStringLiteral("subscribe"), {QStringLiteral("notes")}, c.origin()));
        const QJsonObject replay = c.waitForMsg(QStringLiteral("publish"), QStringLiteral("notes"));
        QCOMPARE(replay.value(QLatin1String("data")).toString(), QStringLiteral("kept"));
        QCOMPARE(replay.value(QLatin1String("persisted")).toBool(), true);
        QVERIFY(!replay.contains(QLatin1String("binary")));
    }

    void sensorsPublishBinaryFramesWhileSubscribed()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"),
            {{QStringLiteral("systemMs"), 50}, {QStringLiteral("logMinMs"), 100000},
                {QStringLiteral("dialogMinMs"), 100000}, {QStringLiteral("dialogMaxMs"), 100000}});
        QVERIFY(simulator);
        auto *willow = static_cast<IntuSimulator *>(simulator.get())->body(IntuSimulator::kRootId);
        QVERIFY(!willow->sensors()->isRunning(QStringLiteral("System")));
        Console c(QStringLiteral("intu-console-1"));
        QVERIFY(c.open(simulator.get()));
        c.send(intuMessage(QStringLiteral("subscribe"), {QStringLiteral("sensor-System")}, c.origin()));
        QTRY_VERIFY(c.binaries.size() >= 4);
        QVERIFY(willow->sensors()->isRunning(QStringLiteral("System")));
        const QByteArray frame = c.binaries.first();
        const qsizetype nul = frame.indexOf('\0');
        QVERIFY(nul > 0);
        QVERIFY(frame.left(nul).endsWith("}\n")); // a styled header
        const QJsonObject header = QJsonDocument::fromJson(frame.left(nul)).object();
        QCOMPARE(header.value(QLatin1String("type")).toString(), QStringLiteral("application/json"));
        QCOMPARE(header.value(QLatin1String("binary")).toBool(), true);
        QCOMPARE(header.value(QLatin1String("data")).toInteger(), frame.size() - nul - 1);
        const QJsonObject reading = QJsonDocument::fromJson(frame.mid(nul + 1)).object();
        QCOMPARE(reading.value(QLatin1String("Type_")).toString(), QStringLiteral("HealthData"));
        QVERIFY(reading.value(QLatin1String("m_Content")).toObject().value(QLatin1String("value")).isDouble());

        c.send(intuMessage(QStringLiteral("unsubscribe"), {QStringLiteral("sensor-System")}, c.origin()));
        QTRY_VERIFY(!willow->sensors()->isRunning(QStringLiteral("System")));
    }

    void sayOnTheBlackboardIsSpoken()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        Console c(QStringLiteral("intu-console-1"));
        QVERIFY(c.open(simulator.get()));
        c.send(intuMessage(QStringLiteral("subscribe"),
            {QStringLiteral("blackboard-stream"), QStringLiteral("conversation")}, c.origin()));
        const QJsonObject snapshot = c.waitForMsg(QStringLiteral("publish"), QStringLiteral("blackboard-stream"));
        QCOMPARE(dataOf(snapshot).value(QLatin1String("event")).toString(), QStringLiteral("recv_state"));
        QVERIFY(dataOf(snapshot).value(QLatin1String("state")).toObject().contains(QLatin1String("m_spCogntiveRoot")));

        QJsonObject say = intuMessage(QStringLiteral("publish_at"), {QStringLiteral("blackboard")}, c.origin());
        say.insert(QStringLiteral("data"),
            QStringLiteral(
                R"({"event":"add_object","type":"Say","thing":{"Type_":"Say","m_Text":"Hello, I am Intu"}})"));
        c.send(say);
        const QJsonObject added = c.waitFor([](const QJsonObject &f) {
            return dataOf(f).value(QLatin1String("event")).toString() == QLatin1String("add_object");
        });
        QCOMPARE(dataOf(added).value(QLatin1String("thing")).toObject().value(QLatin1String("Type_")).toString(),
            QStringLiteral("Say"));
        const QString guid =
            dataOf(added).value(QLatin1String("thing")).toObject().value(QLatin1String("GUID_")).toString();
        QVERIFY(!guid.isEmpty());
        QVERIFY(!c.waitFor([](const QJsonObject &f) {
                      return f.value(QLatin1String("topic")).toString() == QLatin1String("conversation")
                          && f.value(QLatin1String("data")).toString() == QLatin1String("Hello, I am Intu");
                  }).isEmpty());
        QVERIFY(!c.waitFor([&](const QJsonObject &f) {
                      const QJsonObject d = dataOf(f);
                      return d.value(QLatin1String("thing_guid")).toString() == guid
                          && d.value(QLatin1String("state")).toString() == QLatin1String("COMPLETED");
                  }).isEmpty());
    }

    void disconnectDropsSubscriptionsEverywhere()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        auto *sim = static_cast<IntuSimulator *>(simulator.get());
        auto *pepper = sim->body(QStringLiteral("pepper-7f3a"))->node();
        {
            Console c(QStringLiteral("intu-console-1"));
            QVERIFY(c.open(simulator.get()));
            c.send(intuMessage(
                QStringLiteral("subscribe"), {QStringLiteral("log"), QStringLiteral("pepper-7f3a/log")}, c.origin()));
            QTRY_COMPARE(sim->root()->subscriberCount(QStringLiteral("log")), 1);
            QTRY_COMPARE(pepper->subscriberCount(QStringLiteral("log")), 1);
        }
        QTRY_COMPARE(simulator->connectionCount(), 0);
        QCOMPARE(sim->root()->subscriberCount(QStringLiteral("log")), 0);
        // Pepper learns it on its next publish: the no_route bounces back and drops the subscriber.
        pepper->log(fleetscope::sim::intu::IntuLogLevel::Status, QStringLiteral("Test"), QStringLiteral("anyone?"));
        QCOMPARE(pepper->subscriberCount(QStringLiteral("log")), 0);
    }

    void nonStringDataIsRefused()
    {
        auto strict = test::startSimulator(
            QStringLiteral("intu"), {{QStringLiteral("generator"), false}, {QStringLiteral("strict"), true}});
        QVERIFY(strict);
        Console c(QStringLiteral("intu-console-1"));
        QVERIFY(c.open(strict.get()));
        QSignalSpy closed(&c.socket, &QWebSocket::disconnected);
        QJsonObject bad = intuMessage(QStringLiteral("publish_at"), {QStringLiteral("blackboard")}, c.origin());
        bad.insert(QStringLiteral("data"), QJsonObject {{QStringLiteral("event"), QStringLiteral("x")}});
        c.send(bad);
        QTRY_COMPARE(closed.count(), 1);
        QCOMPARE(c.socket.closeCode(), QWebSocketProtocol::CloseCodeBadOperation);

        auto lenient = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(lenient);
        Console d(QStringLiteral("intu-console-2"));
        QVERIFY(d.open(lenient.get()));
        d.send(intuMessage(QStringLiteral("subscribe"), {QStringLiteral("log")}, d.origin()));
        QTRY_COMPARE(static_cast<IntuSimulator *>(lenient.get())->root()->subscriberCount(QStringLiteral("log")), 1);
        bad.insert(QStringLiteral("origin"), d.origin());
        d.send(bad);
        const QJsonObject record = d.waitFor([](const QJsonObject &f) {
            return f.value(QLatin1String("topic")).toString() == QLatin1String("log")
                && dataOf(f).value(QLatin1String("level")).toString() == QLatin1String("ERRO");
        });
        QVERIFY(dataOf(record).value(QLatin1String("message")).toString().contains(QLatin1String("not a string")));
        QCOMPARE(dataOf(record).value(QLatin1String("level")).toString(), QStringLiteral("ERRO"));
        QCOMPARE(d.socket.state(), QAbstractSocket::ConnectedState);
    }

    void recordsWhatConsolesSend()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        Console c(QStringLiteral("intu-console-1"));
        QVERIFY(c.open(simulator.get()));
        c.send(intuMessage(QStringLiteral("unsubscribe"), {QStringLiteral("log")}, c.origin()));
        auto *sim = static_cast<IntuSimulator *>(simulator.get());
        QTRY_COMPARE(sim->receivedMessages().size(), 1);
        QCOMPARE(sim->receivedMessages().first().value(QLatin1String("msg")).toString(), QStringLiteral("unsubscribe"));
    }
};

QTEST_GUILESS_MAIN(tst_IntuSimulator)
#include "tst_intusimulator.moc"
