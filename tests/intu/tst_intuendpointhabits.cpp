#include "core/protocols/intu/intuendpoint.h"
#include "sim/intu/intusimulator.h"
#include "tests/common/testsupport.h"
#include "tests/intu/intuconsole.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

// The adapter against habits of the real Intu server that the simulator reproduces (issue 20;
// docs/protocols/intu.md#quirks), over a real socket on 127.0.0.1.

using namespace fleetscope;
using fleetscope::intu::IntuEndpoint;
using fleetscope::sim::intu::IntuSimulator;
using fleetscope::test::IntuConsole;
using fleetscope::test::intuMessage;

namespace {

QVariantMap quiet()
{
    return {{QStringLiteral("generator"), false}};
}

// What an endpoint reported, gathered from its batches.
struct Reported
{
    explicit Reported(Endpoint *endpoint)
    {
        QObject::connect(endpoint, &Endpoint::batchReady, endpoint, [this](const EndpointBatch &batch) {
            samples += batch.samples;
            events += batch.events;
        });
    }
    int samplesAt(const QString &path) const
    {
        return static_cast<int>(
            std::count_if(samples.cbegin(), samples.cend(), [&](const Sample &sample) { return sample.path == path; }));
    }
    SampleList samples;
    EventList events;
};

std::unique_ptr<IntuEndpoint> openEndpoint(sim::Simulator *simulator)
{
    EndpointConfig config = simulator->clientConfig();
    config.link.pingIntervalMs = 0;
    config.link.initialBackoffMs = 100;
    config.link.maxBackoffMs = 400;
    auto endpoint = std::make_unique<IntuEndpoint>(config);
    endpoint->setBatchInterval(5);
    endpoint->open();
    return endpoint;
}

} // namespace

class tst_IntuEndpointHabits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Another client queries the console: the answer must reach it (targets one `../` shorter
    // than the query's origin, as the server's own RouteMessage would make it), not bounce back
    // as no_route.
    void queryFromAnotherClientIsAnswered()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        auto endpoint = openEndpoint(simulator.get());
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        IntuConsole probe(QStringLiteral("probe"));
        QVERIFY(probe.open(simulator.get()));
        QJsonObject query =
            intuMessage(QStringLiteral("query"), {endpoint->selfId() + QStringLiteral("/.")}, probe.origin());
        query.insert(QStringLiteral("request"), QStringLiteral("77"));
        probe.send(query);
        const QJsonObject answer = probe.waitForMsg(QStringLiteral("query_response"));
        QVERIFY2(!answer.isEmpty(), "the console's answer never reached the client that asked");
        QCOMPARE(answer.value(QLatin1String("request")).toString(), QStringLiteral("77"));
        QCOMPARE(answer.value(QLatin1String("selfId")).toString(), endpoint->selfId());
        QCOMPARE(answer.value(QLatin1String("origin")).toString(), QStringLiteral("../%1/.").arg(endpoint->selfId()));
    }

    // subscribe_to_type for data changes only: the server sends data_changed events carrying the
    // thing on `blackboard`; EmotionalState's value becomes a sample like an added thing's.
    void dataChangedThingsYieldSamples()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"),
            {{QStringLiteral("emotionMs"), 100}, {QStringLiteral("fakeChildMs"), 3600000},
                {QStringLiteral("logMinMs"), 5000}, {QStringLiteral("logMaxMs"), 5000}});
        QVERIFY(simulator);
        auto endpoint = openEndpoint(simulator.get());
        Reported reported(endpoint.get());
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        Command command;
        command.target = QStringLiteral("blackboard");
        command.payload = QStringLiteral(R"({"event":"subscribe_to_type","type":"EmotionalState","event_mask":32})");
        QSignalSpy finished(endpoint.get(), &Endpoint::commandFinished);
        endpoint->send(command);
        QTRY_COMPARE(finished.count(), 1);
        QTRY_VERIFY(reported.samplesAt(QStringLiteral("blackboard/EmotionalState")) >= 2);
    }
};

QTEST_GUILESS_MAIN(tst_IntuEndpointHabits)
#include "tst_intuendpointhabits.moc"
