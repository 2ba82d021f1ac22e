#include "core/protocols/exosite/exositeendpoint.h"
#include "sim/exosite/exositesimulator.h"
#include "tests/common/endpointrecorder.h"
#include "tests/common/testsupport.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace fleetscope;
using exosite::ExositeEndpoint;
using sim::exosite::ExositeSimulator;
using sim::exosite::ExositeWorld;

using Collector = test::EndpointRecorder;

class tst_ExositeEndpoint : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ExositeSimulator> m_sim;
    std::unique_ptr<ExositeEndpoint> m_endpoint;
    std::unique_ptr<Collector> m_seen;

    void start(const QVariantMap &simOptions = {}, const QString &secret = QString())
    {
        m_sim.reset(
            static_cast<ExositeSimulator *>(test::startSimulator(QStringLiteral("exosite"), simOptions).release()));
        QVERIFY(m_sim);
        EndpointConfig config = m_sim->clientConfig();
        if (!secret.isNull())
            config.secret = secret;
        config.link.initialBackoffMs = 100;
        m_endpoint = std::make_unique<ExositeEndpoint>(config);
        m_endpoint->setBatchInterval(5);
        m_seen = std::make_unique<Collector>(m_endpoint.get());
        m_endpoint->open();
    }
    bool waitReady()
    {
        return QTest::qWaitFor([this] { return m_endpoint->state() == LinkState::Ready; }, 10000);
    }
    bool browse()
    {
        QSignalSpy finished(m_endpoint.get(), &Endpoint::browseFinished);
        m_endpoint->browse();
        if (!finished.wait(10000))
            return false;
        return finished.first().first().toBool();
    }

private Q_SLOTS:
    void cleanup()
    {
        m_seen.reset();
        m_endpoint.reset();
        m_sim.reset();
    }

    void browseListsTheTree()
    {
        start({{QStringLiteral("generator"), false}});
        QVERIFY(waitReady());
        QVERIFY(browse());
        const auto &topics = m_seen->tree;
        QVERIFY(topics.contains(QStringLiteral("truck-01")));
        QCOMPARE(topics[QStringLiteral("truck-01")].node, NodeKind::Device);
        QCOMPARE(topics[QStringLiteral("truck-01")].type, QStringLiteral("client"));
        QCOMPARE(topics[QStringLiteral("truck-01/temperature")].type, QStringLiteral("dataport.float"));
        QCOMPARE(topics[QStringLiteral("truck-01/temperature")].node, NodeKind::Stream);
        QVERIFY(topics[QStringLiteral("truck-01/temperature")].subscribable);
        QCOMPARE(topics[QStringLiteral("truck-01/temperature")].meta.value(QStringLiteral("unit")).toString(),
            QStringLiteral("°C"));
        QCOMPARE(topics[QStringLiteral("truck-01/temperature")].meta.value(QStringLiteral("rid")).toString(),
            ExositeWorld::ridFor(QStringLiteral("truck-01/temperature")));
        QCOMPARE(topics[QStringLiteral("truck-03/rpm")].type, QStringLiteral("dataport.integer"));
        QCOMPARE(topics[QStringLiteral("status")].type, QStringLiteral("dataport.string"));
        QCOMPARE(topics[QStringLiteral("truck-02/overheat")].type, QStringLiteral("datarule.integer"));
        QCOMPARE(topics[QStringLiteral("truck-02/alert-email")].node, NodeKind::Resource);
        QCOMPARE(topics[QString()].displayName, QStringLiteral("Fleet HQ"));
        QCOMPARE(topics.size(), 1 + 3 + 6 * (1 + 8));
        QVERIFY(m_seen->hasEvent(Severity::Warning, QStringLiteral("client is locked"), QStringLiteral("truck-06")));
    }

    void subscribeYieldsHistoryThenLiveSamplesInTimeOrder()
    {
        start();
        QVERIFY(waitReady());
        m_endpoint->subscribe(QStringLiteral("truck-01/temperature"));
        // 100 points of history, then live ones (the simulator writes every second).
        QTRY_VERIFY_WITH_TIMEOUT(m_seen->samplesOf(QStringLiteral("truck-01/temperature")).size() >= 102, 10000);
        const auto samples = m_seen->samplesOf(QStringLiteral("truck-01/temperature"));
        for (int i = 1; i < samples.size(); ++i)
            QVERIFY2(samples[i].t > samples[i - 1].t, "samples come in increasing time");
        QVERIFY(samples.last().t > QDateTime::currentMSecsSinceEpoch() - 10000);
        QVERIFY(samples.first().t < QDateTime::currentMSecsSinceEpoch() - 3600 * 1000); // history reaches back
        QVERIFY(
            m_seen->hasEvent(Severity::Debug, QStringLiteral("subscribed"), QStringLiteral("truck-01/temperature")));
    }

    void aStringDataportYieldsEvents()
    {
        start({{QStringLiteral("generator"), false}});
        QVERIFY(waitReady());
        m_endpoint->subscribe(QStringLiteral("status"));
        QTRY_VERIFY(m_seen->hasEvent(Severity::Debug, QStringLiteral("subscribed"), QStringLiteral("status")));
        QVERIFY(m_seen->hasEvent(Severity::Info, QStringLiteral("status = ok"), QStringLiteral("status")));
        QVERIFY(m_seen->samplesOf(QStringLiteral("status")).isEmpty());
        m_sim->world().write(ExositeWorld::ridFor(QStringLiteral("status")), QStringLiteral("door\nopen"));
        QTRY_VERIFY(m_seen->hasEvent(Severity::Info, QStringLiteral("status = door open"), QStringLiteral("status")));
    }

    void sendWritesAValueThatALaterReadReturns()
    {
        start({{QStringLiteral("generator"), false}});
        QVERIFY(waitReady());
        Command write;
        write.target = QStringLiteral("truck-04/temperature");
        write.payload = QStringLiteral("23.75");
        m_endpoint->send(write);
        QTRY_COMPARE(m_seen->replies.size(), 1);
        QVERIFY2(m_seen->replies[0].ok, qPrintable(m_seen->replies[0].detail));
        QVERIFY(m_sim->receivedFrames().last().contains(QLatin1String("\"procedure\":\"write\"")));

        Command read;
        read.target = QStringLiteral("truck-04/temperature");
        read.payload = QStringLiteral(R"({"calls":[{"id":${id},"procedure":"read","arguments":["${rid}",{}]}]})");
        m_endpoint->send(read);
        QTRY_COMPARE(m_seen->replies.size(), 2);
        QVERIFY(m_seen->replies[1].ok);
        const QJsonArray replies = QJsonDocument::fromJson(m_seen->replies[1].payload.toUtf8()).array();
        QCOMPARE(
            replies.at(0).toObject().value(QLatin1String("result")).toArray().at(0).toArray().at(1).toDouble(), 23.75);
        QVERIFY(m_seen->hasEvent(Severity::Info, QStringLiteral("read: ok"), QStringLiteral("truck-04/temperature")));
    }

    void aWriteToASubscribedStreamComesBackAsASample()
    {
        start({{QStringLiteral("generator"), false}});
        QVERIFY(waitReady());
        m_endpoint->subscribe(QStringLiteral("humidity"));
        QTRY_VERIFY(m_seen->hasEvent(Severity::Debug, QStringLiteral("subscribed"), QStringLiteral("humidity")));
        Command write {QStringLiteral("humidity"), QStringLiteral("61.5"), 0};
        m_endpoint->send(write);
        QTRY_VERIFY(!m_seen->samplesOf(QStringLiteral("humidity")).isEmpty()
            && m_seen->samplesOf(QStringLiteral("humidity")).last().value == 61.5);
    }

    void serverRejectionsAndLocalRefusals()
    {
        start({{QStringLiteral("generator"), false}});
        QVERIFY(waitReady());
        m_endpoint->send(Command {QStringLiteral("truck-06/rpm"), QStringLiteral("1200"), 0});
        QTRY_COMPARE(m_seen->replies.size(), 1);
        QVERIFY(!m_seen->replies[0].ok);
        QVERIFY(!m_seen->replies[0].refusedLocally);
        QCOMPARE(m_seen->replies[0].detail, QStringLiteral("write: locked"));
        QVERIFY(m_seen->hasEvent(Severity::Error, QStringLiteral("write: locked"), QStringLiteral("truck-06/rpm")));

        const int framesBefore = static_cast<int>(m_sim->receivedFrames().size());
        m_endpoint->send(
            Command {QStringLiteral("ambient"), QStringLiteral(R"({"calls":[{"id":1,"procedure":"read",}]})"), 0});
        QTRY_COMPARE(m_seen->replies.size(), 2);
        QVERIFY(m_seen->replies[1].refusedLocally);
        QVERIFY2(m_seen->replies[1].detail.contains(QLatin1String("offset")), qPrintable(m_seen->replies[1].detail));
        m_endpoint->send(Command {QStringLiteral("no/such/thing"), QStringLiteral("1"), 0});
        QTRY_COMPARE(m_seen->replies.size(), 3);
        QVERIFY(m_seen->replies[2].refusedLocally);
        QCOMPARE(m_sim->receivedFrames().size(), framesBefore); // nothing refused went out
    }

    void aWrongKeyFailsClearly()
    {
        start({{QStringLiteral("generator"), false}}, QString(40, QLatin1Char('f')));
        QTRY_COMPARE_WITH_TIMEOUT(m_endpoint->state(), LinkState::Failed, 10000);
        QCOMPARE(m_endpoint->status().reason, LinkReason::Credentials);
        QVERIFY2(m_endpoint->status().text().contains(QLatin1String("authentication rejected")),
            qPrintable(m_endpoint->status().text()));
        QVERIFY(m_seen->hasEvent(Severity::Error, QStringLiteral("authentication rejected")));
        QVERIFY(m_seen->count(LinkState::Reconnecting) == 0); // a refused key is final
        // The key never shows in what the user sees.
        for (const Event &e : std::as_const(m_seen->events))
            QVERIFY(!e.payload.contains(QString(40, QLatin1Char('f')))
                && !e.summary.contains(QString(40, QLatin1Char('f'))));
    }

    void aRefusalByStatusWordFailsToo()
    {
        start({{QStringLiteral("generator"), false}, {QStringLiteral("authFailure"), QStringLiteral("status")}},
            QStringLiteral("nope"));
        QTRY_COMPARE_WITH_TIMEOUT(m_endpoint->state(), LinkState::Failed, 10000);
        QVERIFY(m_endpoint->status().text().contains(QLatin1String("status \"invalid\"")));
    }

    void malformedAndStrayFramesBecomeEventsAndTheSessionGoesOn()
    {
        start();
        QVERIFY(waitReady());
        m_endpoint->subscribe(QStringLiteral("truck-02/rpm"));
        QTRY_VERIFY(m_seen->hasEvent(Severity::Debug, QStringLiteral("subscribed"), QStringLiteral("truck-02/rpm")));
        m_sim->injectRawFrame(QByteArrayLiteral("{\"calls\": [oops"), sim::Simulator::RawFrameKind::Text);
        m_sim->injectRawFrame(
            QByteArrayLiteral(R"([{"id":424242,"status":"ok"}])"), sim::Simulator::RawFrameKind::Text);
        m_sim->injectRawFrame(
            QByteArrayLiteral(R"({"error":{"code":500,"message":"Internal"}})"), sim::Simulator::RawFrameKind::Text);
        QTRY_VERIFY(m_seen->hasEvent(
            Severity::Error, QStringLiteral("malformed frame"), QString(), QStringLiteral("{\"calls\": [oops")));
        QTRY_VERIFY(m_seen->hasEvent(Severity::Warning, QStringLiteral("unknown call id 424242")));
        QTRY_VERIFY(m_seen->hasEvent(Severity::Error, QStringLiteral("request error 500")));
        const int before = static_cast<int>(m_seen->samplesOf(QStringLiteral("truck-02/rpm")).size());
        QTRY_VERIFY_WITH_TIMEOUT(m_seen->samplesOf(QStringLiteral("truck-02/rpm")).size() > before, 10000);
        QCOMPARE(m_endpoint->state(), LinkState::Ready);
    }

    void aDroppedLinkReconnectsAndResubscribes()
    {
        start();
        QVERIFY(waitReady());
        m_endpoint->subscribe(QStringLiteral("truck-01/temperature"));
        m_endpoint->subscribe(QStringLiteral("ambient"));
        QTRY_COMPARE(m_sim->subscriptionCount(), 2);
        m_sim->dropAllConnections();
        QTRY_VERIFY(m_seen->count(LinkState::Reconnecting) > 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_endpoint->state(), LinkState::Ready, 10000);
        QTRY_COMPARE(m_sim->subscriptionCount(), 2); // restored by the adapter itself
        QVERIFY(m_seen->hasEvent(Severity::Warning, QStringLiteral("connection lost")));
        const qint64 reconnectedAt = QDateTime::currentMSecsSinceEpoch();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_seen->samplesOf(QStringLiteral("truck-01/temperature")).last().t >= reconnectedAt - 1000, 10000);
        const auto samples = m_seen->samplesOf(QStringLiteral("truck-01/temperature"));
        for (int i = 1; i < samples.size(); ++i)
            QVERIFY2(samples[i].t > samples[i - 1].t, "the gap read and the backlog do not duplicate points");
        QCOMPARE(m_endpoint->counters().reconnects, 1u);
    }

    void subscribingAClientWatchesItsDataResources()
    {
        start({{QStringLiteral("generator"), false}});
        QVERIFY(waitReady());
        m_endpoint->subscribe(QStringLiteral("truck-02"));
        QTRY_COMPARE(m_sim->subscriptionCount(), 8);
        m_endpoint->unsubscribe(QStringLiteral("truck-02"));
        QTRY_COMPARE(m_sim->subscriptionCount(), 0);
    }

    void lockedResourcesReportWhy()
    {
        start({{QStringLiteral("generator"), false}});
        QVERIFY(waitReady());
        m_endpoint->subscribe(QStringLiteral("truck-06/rpm"));
        QTRY_VERIFY(
            m_seen->hasEvent(Severity::Error, QStringLiteral("subscribe: locked"), QStringLiteral("truck-06/rpm")));
    }

    void itKeepsWorkingAfterMovingToANetworkThread()
    {
        // The workspace runs endpoints on a network thread: every timer (batching, keepalive,
        // reconnect, call timeouts) must move with the endpoint.
        m_sim.reset(static_cast<ExositeSimulator *>(test::startSimulator(QStringLiteral("exosite")).release()));
        EndpointConfig config = m_sim->clientConfig();
        config.link.initialBackoffMs = 100;
        auto *endpoint = new ExositeEndpoint(config);
        QThread network;
        endpoint->moveToThread(&network);
        connect(&network, &QThread::finished, endpoint, &QObject::deleteLater);
        network.start();
        QAtomicInt samples = 0;
        QAtomicInt ready = 0;
        connect(endpoint, &Endpoint::batchReady, this,
            [&](const EndpointBatch &b) { samples += static_cast<int>(b.samples.size()); });
        connect(endpoint, &Endpoint::stateChanged, this,
            [&](const LinkStatus &s) { ready = ready || s.state == LinkState::Ready; });
        QMetaObject::invokeMethod(endpoint, &Endpoint::open, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(ready.loadRelaxed(), 10000);
        QMetaObject::invokeMethod(
            endpoint, [endpoint] { endpoint->subscribe(QStringLiteral("truck-01/rpm")); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(samples.loadRelaxed() > 100, 10000); // batches flushed by the moved timer
        m_sim->dropAllConnections();
        const int before = samples.loadRelaxed();
        QTRY_VERIFY_WITH_TIMEOUT(samples.loadRelaxed() > before, 10000); // reconnected by the moved retry timer
        network.quit();
        QVERIFY(network.wait(5000));
    }

    void nestedUpdatesAreReadToo()
    {
        start({{QStringLiteral("generator"), false}, {QStringLiteral("nested"), true}});
        QVERIFY(waitReady());
        m_endpoint->subscribe(QStringLiteral("ambient"));
        QTRY_VERIFY(m_seen->hasEvent(Severity::Debug, QStringLiteral("subscribed"), QStringLiteral("ambient")));
        m_sim->world().write(ExositeWorld::ridFor(QStringLiteral("ambient")), 12.25);
        QTRY_VERIFY(!m_seen->samplesOf(QStringLiteral("ambient")).isEmpty()
            && m_seen->samplesOf(QStringLiteral("ambient")).last().value == 12.25);
    }
};

QTEST_GUILESS_MAIN(tst_ExositeEndpoint)
#include "tst_exositeendpoint.moc"
