#include "core/endpoint/protocolregistry.h"
#include "core/protocols/exosite/exositeendpoint.h"
#include "core/recording/replayendpoint.h"
#include "core/recording/replayprotocol.h"
#include "core/util/secretmasker.h"
#include "core/workspace/connectiontest.h"
#include "core/workspace/workspace.h"
#include "sim/common/simulatorregistry.h"
#include "sim/exosite/exositesimulator.h"
#include "tests/common/hostilehttpserver.h"
#include "tests/common/testsupport.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;

namespace {
EndpointConfig fastConfig(const sim::Simulator &simulator, const QString &name)
{
    EndpointConfig config = simulator.clientConfig();
    config.name = name;
    config.link.initialBackoffMs = 100;
    config.link.maxBackoffMs = 400;
    config.link.pingIntervalMs = 0;
    return config;
}
} // namespace

// The Workspace against real simulators on 127.0.0.1: what endpoints report reaches the models on
// the GUI thread, statuses follow the link, and calls are routed by endpoint name.
class tst_Workspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        registerBuiltinProtocols(m_protocols);
        registerReplayProtocol(m_protocols);
        sim::registerBuiltinSimulators(m_simulators);
    }

    void everySimulatorFillsTheTree_data()
    {
        QTest::addColumn<QString>("protocol");
        for (const QString &protocol : m_simulators.protocols())
            QTest::newRow(qPrintable(protocol)) << protocol;
    }

    void everySimulatorFillsTheTree()
    {
        QFETCH(QString, protocol);
        auto simulator = test::startSimulator(protocol);
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        QString error;
        QVERIFY2(workspace.addEndpoint(fastConfig(*simulator, QStringLiteral("sim")), &error), qPrintable(error));
        QCOMPARE(workspace.status(QStringLiteral("sim")).state, LinkState::Idle);
        QSignalSpy browsed(&workspace, &Workspace::browseFinished);
        workspace.connectEndpoint(QStringLiteral("sim"));
        QTRY_COMPARE_WITH_TIMEOUT(workspace.status(QStringLiteral("sim")).state, LinkState::Ready, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!browsed.isEmpty(), 10000);
        QCOMPARE(browsed.first().at(1).toBool(), true);
        QTRY_VERIFY(workspace.topics()->topicCount() > 0);
        const QModelIndex root = workspace.topics()->indexFor(QStringLiteral("sim"));
        QVERIFY(root.isValid());
        QVERIFY(workspace.topics()->rowCount(root) > 0);
    }

    void subscribedSamplesReachTheSeriesStore()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        QString error;
        QVERIFY(workspace.addEndpoint(fastConfig(*simulator, QStringLiteral("fleet")), &error));
        QSignalSpy applied(&workspace, &Workspace::batchApplied);
        QSignalSpy events(&workspace, &Workspace::eventsAppended);
        // Subscribing before the endpoint is ready: applied after its first browse.
        workspace.subscribe(QStringLiteral("fleet"), QStringLiteral("truck-01/temperature"));
        workspace.connectEndpoint(QStringLiteral("fleet"));
        const QString key = Workspace::seriesKey(QStringLiteral("fleet"), QStringLiteral("truck-01/temperature"));
        QTRY_VERIFY_WITH_TIMEOUT(workspace.series().find(key) >= 0, 10000);
        const int series = workspace.series().find(key);
        QTRY_VERIFY(workspace.series().sampleCount(series) >= 50); // the history read first
        const qint64 before = workspace.series().sampleCount(series);
        QTRY_VERIFY_WITH_TIMEOUT(workspace.series().sampleCount(series) > before, 10000); // then live
        QVERIFY(!applied.isEmpty());
        QCOMPARE(applied.first().at(0).toString(), QStringLiteral("fleet"));
        QTRY_VERIFY(!events.isEmpty());
        QVERIFY(workspace.events()->totalCount() > 0);
        QCOMPARE(workspace.events()->eventAt(0).endpoint, QStringLiteral("fleet"));
        const QModelIndex topic =
            workspace.topics()->indexFor(QStringLiteral("fleet"), QStringLiteral("truck-01/temperature"));
        QVERIFY(topic.isValid());
        QVERIFY(topic.data(TopicTreeModel::SubscribedRole).toBool());
        QTRY_VERIFY(topic.data(TopicTreeModel::CountRole).toLongLong() > 0);

        workspace.unsubscribe(QStringLiteral("fleet"), QStringLiteral("truck-01/temperature"));
        QVERIFY(!topic.data(TopicTreeModel::SubscribedRole).toBool());
        QVERIFY(workspace.subscriptions(QStringLiteral("fleet")).isEmpty());
        auto *exosite = qobject_cast<sim::exosite::ExositeSimulator *>(simulator.get());
        QVERIFY(exosite);
        QTRY_COMPARE_WITH_TIMEOUT(exosite->subscriptionCount(), 0, 5000);
    }

    // Issue 18.10, seen in the demo: a dataport updating once a second read "69/s" in the tree, the
    // history its subscription reads first (100 points at once) counted as a second's messages.
    void theHistoryReadFirstIsNotARate()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        QString error;
        QVERIFY(workspace.addEndpoint(fastConfig(*simulator, QStringLiteral("fleet")), &error));
        workspace.subscribe(QStringLiteral("fleet"), QStringLiteral("truck-01/temperature"));
        workspace.connectEndpoint(QStringLiteral("fleet"));
        QModelIndex topic;
        QTRY_VERIFY_WITH_TIMEOUT(
            (topic = workspace.topics()->indexFor(QStringLiteral("fleet"), QStringLiteral("truck-01/temperature")))
                    .data(TopicTreeModel::CountRole)
                    .toLongLong()
                >= exosite::ExositeEndpoint::kBackfillPoints,
            10000);
        // The tree's own once-a-second ticks measure it: the first figure shown is the live rate
        // (one point a second in the simulator), not the backlog.
        QTRY_VERIFY_WITH_TIMEOUT(topic.data(TopicTreeModel::RateRole).toDouble() > 0.0, 10000);
        const double rate = topic.data(TopicTreeModel::RateRole).toDouble();
        QVERIFY2(rate > 0.3 && rate < 3.0, qPrintable(QString::number(rate)));
    }

    void statusFollowsTheLink()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        QString error;
        QVERIFY(workspace.addEndpoint(fastConfig(*simulator, QStringLiteral("fleet")), &error));
        QSignalSpy changed(&workspace, &Workspace::statusChanged);
        workspace.connectEndpoint(QStringLiteral("fleet"));
        QVERIFY(workspace.isWanted(QStringLiteral("fleet")));
        QTRY_COMPARE_WITH_TIMEOUT(workspace.status(QStringLiteral("fleet")).state, LinkState::Ready, 10000);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(changed.first().at(0).toString(), QStringLiteral("fleet"));
        QCOMPARE(workspace.readyCount(), 1);
        // Counters arrive once a second.
        QTRY_VERIFY_WITH_TIMEOUT(workspace.status(QStringLiteral("fleet")).counters.framesIn > 0, 5000);

        simulator->dropAllConnections();
        QTRY_COMPARE_WITH_TIMEOUT(workspace.status(QStringLiteral("fleet")).state, LinkState::Reconnecting, 5000);
        const EndpointStatus reconnecting = workspace.status(QStringLiteral("fleet"));
        QVERIFY(reconnecting.retryAtMs > 0);
        QVERIFY(reconnecting.retryInSeconds(QDateTime::currentMSecsSinceEpoch()) >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(workspace.status(QStringLiteral("fleet")).state, LinkState::Ready, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(workspace.status(QStringLiteral("fleet")).counters.reconnects >= 1, 5000);

        workspace.disconnectEndpoint(QStringLiteral("fleet"));
        QVERIFY(!workspace.isWanted(QStringLiteral("fleet")));
        QTRY_COMPARE(workspace.status(QStringLiteral("fleet")).state, LinkState::Closed);
        QCOMPARE(workspace.readyCount(), 0);
    }

    void anAcceptedCertificateIsPinnedInTheConfig()
    {
        // "Accept an untrusted certificate": the first one is accepted and pinned in the
        // endpoint's config (the window saves it with the profile); another one later is refused.
        test::HostileHttpServer server;
        server.setTls(test::selfSignedServerTls());
        QVERIFY(server.listen());
        server.answerWith(200, R"(["volpe"])");
        Workspace workspace(m_protocols);
        QSignalSpy changed(&workspace, &Workspace::configChanged);
        EndpointConfig config;
        config.name = QStringLiteral("city");
        config.protocol = QStringLiteral("cityio");
        config.url = server.url();
        config.link.insecure = true;
        config.link.retryFirstConnect = false;
        QString error;
        QVERIFY2(workspace.addEndpoint(config, &error), qPrintable(error));
        workspace.connectEndpoint(QStringLiteral("city"));
        QTRY_COMPARE_WITH_TIMEOUT(workspace.status(QStringLiteral("city")).state, LinkState::Ready, 10000);
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toString(), QStringLiteral("city"));
        const QStringList pins = workspace.config(QStringLiteral("city")).link.pinnedCertificates;
        QCOMPARE(pins.size(), 1);
        QCOMPARE(pins.first().size(), 95); // SHA-256: 32 hex pairs and colons
        workspace.disconnectEndpoint(QStringLiteral("city"));

        test::HostileHttpServer impostor; // the same address, another certificate
        impostor.setTls(test::selfSignedServerTls(QStringLiteral("selfsigned-other")));
        QVERIFY(impostor.listen());
        impostor.answerWith(200, R"(["volpe"])");
        config = workspace.config(QStringLiteral("city"));
        config.url = impostor.url();
        QVERIFY2(workspace.replaceEndpoint(QStringLiteral("city"), config, &error), qPrintable(error));
        workspace.connectEndpoint(QStringLiteral("city"));
        QTRY_COMPARE_WITH_TIMEOUT(workspace.status(QStringLiteral("city")).state, LinkState::Failed, 10000);
        QVERIFY2(
            workspace.status(QStringLiteral("city")).detail.contains(QLatin1String("changed since it was accepted")),
            qPrintable(workspace.status(QStringLiteral("city")).detail));
        QCOMPARE(changed.count(), 1);
    }

    void refusedKeyFailsWithTheReason()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        EndpointConfig config = fastConfig(*simulator, QStringLiteral("bad"));
        config.secret = QStringLiteral("0000000000000000000000000000000000000000");
        QString error;
        QVERIFY(workspace.addEndpoint(config, &error));
        workspace.connectEndpoint(QStringLiteral("bad"));
        QTRY_COMPARE_WITH_TIMEOUT(workspace.status(QStringLiteral("bad")).state, LinkState::Failed, 10000);
        QVERIFY2(workspace.status(QStringLiteral("bad")).detail.contains(QLatin1String("authentication")),
            qPrintable(workspace.status(QStringLiteral("bad")).detail));
    }

    void sendIsRoutedByName()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        QString error;
        QVERIFY(workspace.addEndpoint(fastConfig(*simulator, QStringLiteral("a")), &error));
        QVERIFY(workspace.addEndpoint(fastConfig(*simulator, QStringLiteral("b")), &error));
        QVERIFY(!workspace.addEndpoint(fastConfig(*simulator, QStringLiteral("b")), &error));
        QVERIFY(error.contains(QLatin1String("exists")));
        QCOMPARE(workspace.endpointNames(), (QStringList {QStringLiteral("a"), QStringLiteral("b")}));
        workspace.connectEndpoint(QStringLiteral("b"));
        QTRY_COMPARE_WITH_TIMEOUT(workspace.status(QStringLiteral("b")).state, LinkState::Ready, 10000);
        QCOMPARE(workspace.status(QStringLiteral("a")).state, LinkState::Idle);

        QSignalSpy finished(&workspace, &Workspace::commandFinished);
        Command command;
        command.target = QStringLiteral("truck-02/temperature");
        command.payload = QStringLiteral("23.5");
        const quint64 id = workspace.send(QStringLiteral("b"), command);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("b"));
        const auto reply = finished.first().at(1).value<CommandReply>();
        QCOMPARE(reply.id, id);
        QVERIFY2(reply.ok, qPrintable(reply.detail));
        auto *exosite = qobject_cast<sim::exosite::ExositeSimulator *>(simulator.get());
        QVERIFY(exosite);
        QVERIFY(exosite->receivedFrames().join(QLatin1Char('\n')).contains(QLatin1String("\"write\"")));

        const quint64 unknown = workspace.send(QStringLiteral("nobody"), command);
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(finished.at(1).at(0).toString(), QStringLiteral("nobody"));
        QCOMPARE(finished.at(1).at(1).value<CommandReply>().id, unknown);
        QVERIFY(finished.at(1).at(1).value<CommandReply>().refusedLocally);
    }

    void replaceKeepsSubscriptionsAndPosition()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        QString error;
        QVERIFY(workspace.addEndpoint(fastConfig(*simulator, QStringLiteral("a")), &error));
        QVERIFY(workspace.addEndpoint(fastConfig(*simulator, QStringLiteral("b")), &error));
        workspace.subscribe(QStringLiteral("a"), QStringLiteral("ambient"));
        workspace.connectEndpoint(QStringLiteral("a"));
        QTRY_COMPARE_WITH_TIMEOUT(workspace.status(QStringLiteral("a")).state, LinkState::Ready, 10000);
        QVERIFY(
            workspace.replaceEndpoint(QStringLiteral("a"), fastConfig(*simulator, QStringLiteral("renamed")), &error));
        QCOMPARE(workspace.endpointNames(), (QStringList {QStringLiteral("renamed"), QStringLiteral("b")}));
        QCOMPARE(workspace.subscriptions(QStringLiteral("renamed")), QSet<QString> {QStringLiteral("ambient")});
        QVERIFY(!workspace.hasEndpoint(QStringLiteral("a")));
        QVERIFY(!workspace.topics()->indexFor(QStringLiteral("a")).isValid());
        QTRY_COMPARE_WITH_TIMEOUT(workspace.status(QStringLiteral("renamed")).state, LinkState::Ready, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            workspace.series().find(Workspace::seriesKey(QStringLiteral("renamed"), QStringLiteral("ambient"))) >= 0,
            10000);

        workspace.removeEndpoint(QStringLiteral("renamed"));
        QCOMPARE(workspace.endpointNames(), QStringList {QStringLiteral("b")});
        QVERIFY(!workspace.topics()->indexFor(QStringLiteral("renamed")).isValid());
    }

    void secretCanComeLater()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        EndpointConfig config = fastConfig(*simulator, QStringLiteral("later"));
        const QString secret = config.secret;
        config.secret.clear();
        QString error;
        QVERIFY2(workspace.addEndpoint(config, &error), qPrintable(error));
        workspace.connectEndpoint(QStringLiteral("later"));
        QTRY_COMPARE_WITH_TIMEOUT(workspace.status(QStringLiteral("later")).state, LinkState::Failed, 5000);
        QVERIFY(workspace.status(QStringLiteral("later")).detail.contains(QLatin1String("needs")));
        workspace.setSecret(QStringLiteral("later"), secret);
        QTRY_COMPARE_WITH_TIMEOUT(workspace.status(QStringLiteral("later")).state, LinkState::Ready, 10000);
        QCOMPARE(workspace.config(QStringLiteral("later")).secret, secret);
    }

    void subscribableTopicsWalkTheTree()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        QString error;
        QVERIFY(workspace.addEndpoint(fastConfig(*simulator, QStringLiteral("fleet")), &error));
        QSignalSpy browsed(&workspace, &Workspace::browseFinished);
        workspace.connectEndpoint(QStringLiteral("fleet"));
        QTRY_VERIFY_WITH_TIMEOUT(!browsed.isEmpty(), 10000);
        const QStringList all = workspace.subscribableTopics(QStringLiteral("fleet"), 1000);
        QVERIFY(all.contains(QStringLiteral("truck-01/temperature")));
        QVERIFY(!all.contains(QStringLiteral("truck-01"))); // a client is a folder
        QCOMPARE(workspace.subscribableTopics(QStringLiteral("fleet"), 3).size(), 3);
    }

    void invalidConfigIsRefused()
    {
        Workspace workspace(m_protocols);
        EndpointConfig config;
        config.name = QStringLiteral("x");
        config.protocol = QStringLiteral("no-such-protocol");
        config.url = QUrl(QStringLiteral("ws://127.0.0.1:1/"));
        QString error;
        QVERIFY(!workspace.addEndpoint(config, &error));
        QVERIFY(error.contains(QLatin1String("unknown protocol")));
        QVERIFY(workspace.endpointNames().isEmpty());
    }

    void connectionTestReportsReadyOrFailure()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        {
            std::unique_ptr<ConnectionTest> test(workspace.testConnection(fastConfig(*simulator, QStringLiteral("t"))));
            QSignalSpy finished(test.get(), &ConnectionTest::finished);
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
            QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
            QTRY_COMPARE(simulator->connectionCount(), 0); // the temporary endpoint is closed
        }
        EndpointConfig bad = fastConfig(*simulator, QStringLiteral("t"));
        bad.secret = QStringLiteral("0123456789012345678901234567890123456789");
        std::unique_ptr<ConnectionTest> test(workspace.testConnection(bad));
        QSignalSpy finished(test.get(), &ConnectionTest::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(finished.first().at(1).toString().contains(QLatin1String("authentication")));
        QVERIFY(workspace.endpointNames().isEmpty());
    }

    // The record toggle's path: every frame of a live session goes into a file without the key,
    // and the file replays into a fresh workspace as a read-only endpoint with the same topics
    // and samples.
    void recordingReplaysIntoAnotherWorkspace()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("session.fsrec"));
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        const QString path = QStringLiteral("truck-01/temperature");
        const EndpointConfig live = fastConfig(*simulator, QStringLiteral("fleet"));
        QVERIFY(!live.secret.isEmpty());
        {
            Workspace workspace(m_protocols, std::make_shared<SecretMasker>());
            QString error;
            QVERIFY(workspace.addEndpoint(live, &error));
            QSignalSpy recording(&workspace, &Workspace::recordingChanged);
            workspace.startRecording(file); // before connecting: the handshake is recorded too
            QVERIFY(recording.wait(5000));
            QCOMPARE(recording.last().at(0).toBool(), true);
            QVERIFY(workspace.isRecording());
            workspace.subscribe(QStringLiteral("fleet"), path);
            workspace.connectEndpoint(QStringLiteral("fleet"));
            const QString key = Workspace::seriesKey(QStringLiteral("fleet"), path);
            QTRY_VERIFY_WITH_TIMEOUT(workspace.series().find(key) >= 0, 10000);
            const int series = workspace.series().find(key);
            const qint64 history = workspace.series().sampleCount(series);
            QTRY_VERIFY_WITH_TIMEOUT(workspace.series().sampleCount(series) > history + 2, 10000); // live ones
            workspace.stopRecording();
            QVERIFY(recording.wait(5000));
            QCOMPARE(recording.last().at(0).toBool(), false);
            QCOMPARE(recording.last().at(2).toString(), QString()); // no failure
            QVERIFY(!workspace.isRecording());
            const auto logged = workspace.events();
            bool saidWhere = false;
            for (int row = 0; row < logged->rowCount(); ++row)
                saidWhere = saidWhere || logged->eventAt(row).summary.contains(file);
            QVERIFY2(saidWhere, "the log says where the recording went");
        }
        QFile recorded(file);
        QVERIFY(recorded.open(QIODevice::ReadOnly));
        const QByteArray bytes = recorded.readAll();
        QVERIFY(bytes.size() > 1000);
        QVERIFY2(!bytes.contains(live.secret.toUtf8()), "the key never reaches the recording");

        Workspace replay(m_protocols);
        QString error;
        const EndpointConfig config = ReplayEndpoint::configFor(file, 0);
        QVERIFY2(replay.addEndpoint(config, &error), qPrintable(error));
        QSignalSpy applied(&replay, &Workspace::batchApplied);
        replay.connectEndpoint(config.name);
        const QString key = Workspace::seriesKey(config.name, path);
        QTRY_VERIFY_WITH_TIMEOUT(replay.series().find(key) >= 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(replay.topics()->indexFor(config.name).isValid(), 10000);
        QTRY_VERIFY(replay.series().sampleCount(replay.series().find(key)) > 2);
        // Read-only: a command is refused with a reason, not sent anywhere.
        QSignalSpy finished(&replay, &Workspace::commandFinished);
        Command command;
        command.target = path;
        command.payload = QStringLiteral(R"({"procedure":"write","value":1})");
        replay.send(config.name, command);
        QVERIFY(finished.wait(5000));
        const auto reply = finished.first().at(1).value<CommandReply>();
        QVERIFY(!reply.ok);
        QVERIFY(!reply.detail.isEmpty());
    }

    void aMissingRecordingIsRefusedWithTheReason()
    {
        Workspace workspace(m_protocols);
        QString error;
        QVERIFY(!workspace.addEndpoint(ReplayEndpoint::configFor(QStringLiteral("/nonexistent/x.fsrec")), &error));
        QVERIFY2(error.contains(QStringLiteral("no recording")), qPrintable(error));
    }

    // docs/limits.md: the series memory cap is reported in the log when it first drops samples.
    void seriesCapIsReportedInTheLog()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        workspace.series().setCapBytes(1024); // below the history read at subscribe
        QString error;
        QVERIFY(workspace.addEndpoint(fastConfig(*simulator, QStringLiteral("fleet")), &error));
        QSignalSpy events(&workspace, &Workspace::eventsAppended);
        workspace.subscribe(QStringLiteral("fleet"), QStringLiteral("truck-01/temperature"));
        workspace.connectEndpoint(QStringLiteral("fleet"));
        auto capWarnings = [&events] {
            int found = 0;
            for (const QList<QVariant> &args : std::as_const(events))
                for (const Event &event : args.at(0).value<EventList>())
                    found += event.severity == Severity::Warning && event.summary.contains(QStringLiteral("cap"));
            return found;
        };
        QTRY_VERIFY_WITH_TIMEOUT(capWarnings() > 0, 10000);
        QVERIFY(workspace.series().bytesUsed() <= 1024);
        QCOMPARE(capWarnings(), 1); // once, not per dropped sample
    }

    void seriesKeysSplit()
    {
        const QString key = Workspace::seriesKey(QStringLiteral("HQ"), QStringLiteral("a/b"));
        QString endpoint;
        QString path;
        QVERIFY(Workspace::splitSeriesKey(key, &endpoint, &path));
        QCOMPARE(endpoint, QStringLiteral("HQ"));
        QCOMPARE(path, QStringLiteral("a/b"));
        QVERIFY(!Workspace::splitSeriesKey(QStringLiteral("plain"), &endpoint, &path));
    }

private:
    ProtocolRegistry m_protocols;
    sim::SimulatorRegistry m_simulators;
};

QTEST_GUILESS_MAIN(tst_Workspace)
#include "tst_workspace.moc"
