#include "core/protocols/intu/intuendpoint.h"
#include "sim/intu/intusimulator.h"
#include "tests/common/testsupport.h"
#include "tests/intu/intuconsole.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

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
};

QTEST_GUILESS_MAIN(tst_IntuEndpointHabits)
#include "tst_intuendpointhabits.moc"
