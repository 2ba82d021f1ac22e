#include "core/protocols/intu/intuendpoint.h"
#include "sim/intu/intusimulator.h"
#include "tests/common/endpointrecorder.h"
#include "tests/common/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace fleetscope;
using fleetscope::intu::IntuEndpoint;
using fleetscope::sim::intu::IntuSimulator;

namespace {

// Lively but deterministic enough: minutes of robot life in seconds, no visitor coming and going.
QVariantMap lively()
{
    return {{QStringLiteral("cadenceScale"), 0.05}, {QStringLiteral("fakeChildMs"), 3600000}};
}

QVariantMap quiet()
{
    return {{QStringLiteral("generator"), false}, {QStringLiteral("sayStepMs"), 20}};
}

using Recorder = test::EndpointRecorder;

std::unique_ptr<IntuEndpoint> connectTo(sim::Simulator *simulator, Recorder **recorder)
{
    EndpointConfig config = simulator->clientConfig();
    config.link.pingIntervalMs = 0;
    config.link.initialBackoffMs = 100;
    config.link.maxBackoffMs = 400;
    auto endpoint = std::make_unique<IntuEndpoint>(config);
    endpoint->setBatchInterval(5);
    *recorder = new Recorder(endpoint.get());
    endpoint->open();
    return endpoint;
}

Severity expectedFor(const QString &level)
{
    if (level.startsWith(QLatin1String("DEB")))
        return Severity::Debug;
    if (level == QLatin1String("STAT"))
        return Severity::Info;
    if (level == QLatin1String("WARN"))
        return Severity::Warning;
    return Severity::Error;
}

} // namespace

class tst_IntuEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<LinkState>();
        qRegisterMetaType<EndpointBatch>();
    }

    void browseShowsChildInstancesAndTheirTopics()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        Recorder *r = nullptr;
        auto endpoint = connectTo(simulator.get(), &r);
        std::unique_ptr<Recorder> owner(r);
        QSignalSpy finished(endpoint.get(), &Endpoint::browseFinished);
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        QVERIFY(r->hasEventAt(QString(), QStringLiteral("authenticated by sim-intu-0001")));
        endpoint->browse();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), true);

        for (const char *folder : {"pepper-7f3a", "nao-2c91"}) {
            const Topic topic = r->tree.value(QLatin1String(folder));
            QCOMPARE(topic.node, NodeKind::Device); // another instance: a device to monitor
            QCOMPARE(topic.type, QStringLiteral("intu/node"));
            QVERIFY(!topic.subscribable);
        }
        QCOMPARE(r->tree.value(QStringLiteral("pepper-7f3a")).meta.value(QStringLiteral("type")).toString(),
            QStringLiteral("Pepper"));
        QCOMPARE(r->tree.value(QString()).meta.value(QStringLiteral("name")).toString(), QStringLiteral("Willow"));
        const QStringList streams {QStringLiteral("log"), QStringLiteral("sensor-System"),
            QStringLiteral("conversation"), QStringLiteral("pepper-7f3a/log"),
            QStringLiteral("pepper-7f3a/sensor-Sonar"), QStringLiteral("pepper-7f3a/blackboard-stream"),
            QStringLiteral("nao-2c91/sensor-Touch"), QStringLiteral("nao-2c91/conversation")};
        for (const QString &path : streams) {
            QVERIFY2(r->tree.contains(path), qPrintable(path));
            QCOMPARE(r->tree.value(path).node, NodeKind::Stream);
            QVERIFY(r->tree.value(path).subscribable);
        }
        QCOMPARE(r->tree.value(QStringLiteral("conversation")).type, QStringLiteral("text/plain"));
        QCOMPARE(r->tree.value(QStringLiteral("sensor-Camera")).type, QStringLiteral("image/jpeg"));
        // The console itself is a child of Willow, but not a folder of the tree.
        QVERIFY(!r->tree.contains(endpoint->selfId()));
        QVERIFY(!r->tree.contains(QStringLiteral("..")));
    }

    void browseReachesTheParent()
    {
        QVariantMap options = quiet();
        options.insert(QStringLiteral("parent"), true);
        auto simulator = test::startSimulator(QStringLiteral("intu"), options);
        QVERIFY(simulator);
        Recorder *r = nullptr;
        auto endpoint = connectTo(simulator.get(), &r);
        std::unique_ptr<Recorder> owner(r);
        QSignalSpy finished(endpoint.get(), &Endpoint::browseFinished);
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->browse();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(r->tree.value(QStringLiteral("..")).node, NodeKind::Device);
        QCOMPARE(r->tree.value(QStringLiteral("..")).meta.value(QStringLiteral("selfId")).toString(),
            QStringLiteral("parent-0001"));
        QVERIFY(r->tree.contains(QStringLiteral("../log")));
        // Willow seen from its parent is not walked again.
        QVERIFY(!r->tree.contains(QStringLiteral("../sim-intu-0001")));
        QVERIFY(r->tree.contains(QStringLiteral("pepper-7f3a/log")));
    }

    void watchingLogYieldsEventsWithMappedSeverities()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), lively());
        QVERIFY(simulator);
        Recorder *r = nullptr;
        auto endpoint = connectTo(simulator.get(), &r);
        std::unique_ptr<Recorder> owner(r);
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("log"));
        endpoint->subscribe(QStringLiteral("pepper-7f3a/log"));
        QTRY_VERIFY_WITH_TIMEOUT(r->eventsAt(QStringLiteral("log")).size() >= 40, 15000);
        QTRY_VERIFY(!r->eventsAt(QStringLiteral("pepper-7f3a/log")).isEmpty());
        QSet<Severity> seen;
        for (const Event &event : r->eventsAt(QStringLiteral("log")) + r->eventsAt(QStringLiteral("pepper-7f3a/log"))) {
            const QJsonObject raw = QJsonDocument::fromJson(event.payload.toUtf8()).object();
            const QJsonObject record = raw.value(QLatin1String("data")).toObject();
            const QString level = record.value(QLatin1String("level")).toString();
            QVERIFY2(!level.isEmpty(), qPrintable(event.payload));
            QCOMPARE(event.severity, expectedFor(level));
            QVERIFY(event.summary.startsWith(QLatin1Char('[') + record.value(QLatin1String("subsystem")).toString()));
            seen.insert(event.severity);
        }
        QVERIFY(seen.contains(Severity::Debug));
        QVERIFY(seen.contains(Severity::Info));
        // A WARN for sure: publish_at to a topic that does not exist is only logged.
        endpoint->send(Command {QStringLiteral("nosuch"), QStringLiteral("x"), 0});
        QTRY_VERIFY(r->hasEventAt(QStringLiteral("log"), QStringLiteral("[TopicManager] Topic nosuch not found.")));
        for (const Event &event : r->eventsAt(QStringLiteral("log"))) {
            if (event.summary.contains(QLatin1String("Topic nosuch not found.")))
                QCOMPARE(event.severity, Severity::Warning);
        }
    }

    void healthTopicYieldsSamples()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), lively());
        QVERIFY(simulator);
        Recorder *r = nullptr;
        auto endpoint = connectTo(simulator.get(), &r);
        std::unique_ptr<Recorder> owner(r);
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("sensor-System"));
        endpoint->subscribe(QStringLiteral("pepper-7f3a/sensor-Sonar"));
        for (const char *path : {"sensor-System/cpuUsage", "sensor-System/diskUsage", "sensor-System/freeMemory",
                 "sensor-System/lastReboot", "pepper-7f3a/sensor-Sonar/m_fDistance"})
            QTRY_VERIFY2(r->samplesAt(QLatin1String(path)) >= 2, path);
        for (const Sample &sample : std::as_const(r->samples)) {
            if (sample.path == QLatin1String("sensor-System/cpuUsage"))
                QVERIFY(sample.value >= 5.0 && sample.value <= 60.0);
            if (sample.path == QLatin1String("pepper-7f3a/sensor-Sonar/m_fDistance"))
                QVERIFY(sample.value >= 0.3 && sample.value <= 3.0);
        }
        // Each derived series is a topic of its own, ready to chart.
        const Topic cpu = r->tree.value(QStringLiteral("sensor-System/cpuUsage"));
        QCOMPARE(cpu.type, QStringLiteral("number"));
        QVERIFY(!cpu.subscribable);
        // Numeric sensor readings are samples, not events.
        QVERIFY(r->eventsAt(QStringLiteral("pepper-7f3a/sensor-Sonar")).isEmpty());
    }

    void subscriptionsMadeBeforeReadyAreSent()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), lively());
        QVERIFY(simulator);
        EndpointConfig config = simulator->clientConfig();
        IntuEndpoint endpoint(config);
        endpoint.setBatchInterval(5);
        Recorder r(&endpoint);
        endpoint.subscribe(QStringLiteral("nao-2c91/log")); // the GUI may restore a watch list before connecting
        endpoint.open();
        QTRY_VERIFY(!r.eventsAt(QStringLiteral("nao-2c91/log")).isEmpty());
        QVERIFY(!r.hasEventAt(QString(), QStringLiteral("resubscribed")));
    }

    void sendReachesTheSimulatorAsPublishAt()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        auto *sim = static_cast<IntuSimulator *>(simulator.get());
        Recorder *r = nullptr;
        auto endpoint = connectTo(simulator.get(), &r);
        std::unique_ptr<Recorder> owner(r);
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("conversation"));
        QTRY_COMPARE(sim->root()->subscriberCount(QStringLiteral("conversation")), 1);
        QSignalSpy replies(endpoint.get(), &Endpoint::commandFinished);
        endpoint->send(Command {QStringLiteral("conversation"), QStringLiteral("hello robot"), 0});
        QTRY_COMPARE(replies.count(), 1);
        QVERIFY(replies.first().first().value<CommandReply>().ok);

        QJsonObject arrived;
        QTRY_VERIFY([&] {
            for (const QJsonObject &m : sim->receivedMessages()) {
                if (m.value(QLatin1String("msg")).toString() == QLatin1String("publish_at"))
                    arrived = m;
            }
            return !arrived.isEmpty();
        }());
        QCOMPARE(arrived.value(QLatin1String("targets")).toArray(), QJsonArray {QStringLiteral("conversation")});
        QCOMPARE(arrived.value(QLatin1String("data")).toString(), QStringLiteral("hello robot"));
        QCOMPARE(arrived.value(QLatin1String("origin")).toString(), endpoint->selfId() + QStringLiteral("/."));
        QCOMPARE(arrived.value(QLatin1String("binary")).toBool(true), false);
        // The owner re-publishes it to its subscribers, this console included, and answers.
        QTRY_VERIFY(r->hasEventAt(QStringLiteral("conversation"), QStringLiteral("hello robot")));
        QTRY_VERIFY(r->hasEventAt(QStringLiteral("conversation"), QStringLiteral("Hello! I am Willow.")));
    }

    void sayTemplateMakesTheRobotSpeak()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        Recorder *r = nullptr;
        auto endpoint = connectTo(simulator.get(), &r);
        std::unique_ptr<Recorder> owner(r);
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("pepper-7f3a/conversation"));
        endpoint->subscribe(QStringLiteral("pepper-7f3a/blackboard-stream"));
        QTRY_VERIFY(r->hasEventAt(QStringLiteral("pepper-7f3a/blackboard-stream"), QStringLiteral("snapshot: ")));
        endpoint->send(Command {QStringLiteral("pepper-7f3a/blackboard"),
            QStringLiteral(
                R"({"event":"add_object","type":"Say","thing":{"Type_":"Say","m_Text":"Hello, I am Intu"}})"),
            0});
        QTRY_VERIFY(r->hasEventAt(
            QStringLiteral("pepper-7f3a/blackboard-stream"), QStringLiteral("add Say: \"Hello, I am Intu\"")));
        QTRY_VERIFY(r->hasEventAt(QStringLiteral("pepper-7f3a/conversation"), QStringLiteral("Hello, I am Intu")));
        QTRY_VERIFY(r->hasEventAt(QStringLiteral("pepper-7f3a/blackboard-stream"), QStringLiteral("→ COMPLETED")));
    }

    void unknownTopicIsAnErrorAndTheSessionGoesOn()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), lively());
        QVERIFY(simulator);
        Recorder *r = nullptr;
        auto endpoint = connectTo(simulator.get(), &r);
        std::unique_ptr<Recorder> owner(r);
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("no-such-topic"));
        endpoint->subscribe(QStringLiteral("ghost-node/log"));
        QTRY_VERIFY(!r->eventsAt(QStringLiteral("no-such-topic")).isEmpty());
        const Event failed = r->eventsAt(QStringLiteral("no-such-topic")).first();
        QVERIFY(failed.severity >= Severity::Warning);
        QCOMPARE(failed.summary, QStringLiteral("subscribe failed: unknown topic"));
        QVERIFY(failed.payload.contains(QLatin1String("subscribed_failed")));
        QVERIFY(!endpoint->subscriptions().contains(QStringLiteral("no-such-topic")));
        QTRY_VERIFY(
            r->hasEventAt(QStringLiteral("ghost-node/log"), QStringLiteral("no route to ghost-node (subscribe)")));

        endpoint->subscribe(QStringLiteral("log"));
        QTRY_VERIFY(r->eventsAt(QStringLiteral("log")).size() >= 3);
        QCOMPARE(endpoint->state(), LinkState::Ready);
        QCOMPARE(r->count(LinkState::Reconnecting), 0);
    }

    void droppedLinkResubscribes()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), lively());
        QVERIFY(simulator);
        auto *sim = static_cast<IntuSimulator *>(simulator.get());
        Recorder *r = nullptr;
        auto endpoint = connectTo(simulator.get(), &r);
        std::unique_ptr<Recorder> owner(r);
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("log"));
        endpoint->subscribe(QStringLiteral("pepper-7f3a/sensor-Sonar"));
        QTRY_VERIFY(!r->eventsAt(QStringLiteral("log")).isEmpty());
        QTRY_VERIFY(r->samplesAt(QStringLiteral("pepper-7f3a/sensor-Sonar/m_fDistance")) > 0);

        simulator->dropAllConnections();
        QTRY_COMPARE(sim->root()->subscriberCount(QStringLiteral("log")), 0);
        QTRY_VERIFY(r->count(LinkState::Reconnecting) > 0);
        QTRY_COMPARE_WITH_TIMEOUT(r->count(LinkState::Ready), 2, 10000);
        QVERIFY(r->hasEventAt(QString(), QStringLiteral("(reconnected)")));
        QVERIFY(r->hasEventAt(QString(), QStringLiteral("connection lost")));
        const qsizetype logsBefore = r->eventsAt(QStringLiteral("log")).size();
        const int sonarBefore = r->samplesAt(QStringLiteral("pepper-7f3a/sensor-Sonar/m_fDistance"));
        QTRY_COMPARE(sim->root()->subscriberCount(QStringLiteral("log")), 1);
        QTRY_VERIFY(r->eventsAt(QStringLiteral("log")).size() > logsBefore);
        QTRY_VERIFY(r->samplesAt(QStringLiteral("pepper-7f3a/sensor-Sonar/m_fDistance")) > sonarBefore);
        QCOMPARE(endpoint->subscriptions().size(), 2);
    }

    void undecodableFramesBecomeErrorEvents()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), lively());
        QVERIFY(simulator);
        auto *sim = static_cast<IntuSimulator *>(simulator.get());
        Recorder *r = nullptr;
        auto endpoint = connectTo(simulator.get(), &r);
        std::unique_ptr<Recorder> owner(r);
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("log"));
        QTRY_COMPARE(sim->root()->subscriberCount(QStringLiteral("log")), 1);
        sim->injectFrame(QByteArray("\x89PNG\r\n\x1a\n\x00\x00", 10), true);
        sim->injectFrame(QByteArray("{\"msg\":\"publish\",\"topic\":\"x\",\"data\":99}") + '\0' + "short", true);
        sim->injectFrame("this is not json", false);
        sim->injectFrame(
            R"({"msg":"publish","origin":"../.","topic":"sensor-System","type":"application/json","data":"\u0001garbage"})",
            false);
        QTRY_COMPARE(
            [&] {
                int n = 0;
                for (const Event &event : std::as_const(r->events))
                    n += event.severity == Severity::Error && event.summary.startsWith(QLatin1String("undecodable"))
                        ? 1
                        : 0;
                return n;
            }(),
            4);
        QVERIFY(r->hasEventAt(QString(), QStringLiteral("undecodable frame (10 bytes)")));
        bool hex = false;
        for (const Event &event : std::as_const(r->events))
            hex = hex || event.payload.startsWith(QLatin1String("10 bytes: 89 50 4e 47"));
        QVERIFY(hex);
        const qsizetype before = r->eventsAt(QStringLiteral("log")).size();
        QTRY_VERIFY(r->eventsAt(QStringLiteral("log")).size() > before);
        QCOMPARE(endpoint->state(), LinkState::Ready);
    }

    void childComingAndGoingUpdatesTheTree()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        auto *sim = static_cast<IntuSimulator *>(simulator.get());
        Recorder *r = nullptr;
        auto endpoint = connectTo(simulator.get(), &r);
        std::unique_ptr<Recorder> owner(r);
        QSignalSpy finished(endpoint.get(), &Endpoint::browseFinished);
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->browse();
        QTRY_COMPARE(finished.count(), 1);
        endpoint->subscribe(QStringLiteral("topic-manager"));
        QTRY_COMPARE(sim->root()->subscriberCount(QStringLiteral("topic-manager")), 1);
        QVERIFY(!r->tree.contains(QStringLiteral("visitor-5e21/log")));

        sim->setVisitorConnected(true);
        QTRY_VERIFY(r->hasEventAt(QStringLiteral("topic-manager"), QStringLiteral("child connected: visitor-5e21")));
        QTRY_VERIFY(r->tree.contains(QStringLiteral("visitor-5e21/log")));
        sim->setVisitorConnected(false);
        QTRY_VERIFY(r->removed.contains(QStringLiteral("visitor-5e21")));
        QCOMPARE(finished.count(), 1); // the refresh is not a browse of its own
    }

    void refusedTokenFails()
    {
        QVariantMap options = quiet();
        options.insert(QStringLiteral("token"), QStringLiteral("right"));
        auto simulator = test::startSimulator(QStringLiteral("intu"), options);
        QVERIFY(simulator);
        EndpointConfig config = simulator->clientConfig();
        QCOMPARE(config.secret, QStringLiteral("right"));
        config.secret = QStringLiteral("wrong");
        config.link.retryFirstConnect = true; // a refused token must not be retried anyway
        config.link.initialBackoffMs = 50;
        IntuEndpoint endpoint(config);
        QSignalSpy states(&endpoint, &Endpoint::stateChanged);
        endpoint.open();
        QTRY_COMPARE(endpoint.state(), LinkState::Failed);
        QCOMPARE(endpoint.status().reason, LinkReason::Credentials);
        QVERIFY2(endpoint.status().text().contains(QLatin1String("authentication rejected")),
            qPrintable(endpoint.status().text()));

        config.secret = QStringLiteral("right");
        IntuEndpoint good(config);
        good.open();
        QTRY_COMPARE(good.state(), LinkState::Ready);
    }
};

QTEST_GUILESS_MAIN(tst_IntuEndpoint)
#include "tst_intuendpoint.moc"
