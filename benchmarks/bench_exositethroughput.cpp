// How many samples a second the Exosite adapter takes in from a flooding simulator over a real
// loopback socket (decode, pairing, batching), the figure behind "the CLI keeps up with N/s".
#include "core/protocols/exosite/exositeendpoint.h"
#include "sim/exosite/exositesimulator.h"

#include <QTest>

using namespace fleetscope;

class bench_ExositeThroughput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samplesPerSecond()
    {
        sim::exosite::ExositeSimulator sim({{QStringLiteral("floodPerSecond"), 200000}});
        QString error;
        QVERIFY(sim.listen(QHostAddress::LocalHost, 0, &error));
        exosite::ExositeEndpoint endpoint(sim.clientConfig());
        qint64 received = 0;
        connect(&endpoint, &Endpoint::batchReady, this, [&](const EndpointBatch &b) { received += b.samples.size(); });
        endpoint.open();
        QTRY_COMPARE_WITH_TIMEOUT(endpoint.state(), LinkState::Ready, 10000);
        endpoint.subscribe(QStringLiteral("flood"));
        QTRY_VERIFY_WITH_TIMEOUT(received > 1000, 10000);
        const qint64 target = 100000;
        QElapsedTimer timer;
        QBENCHMARK_ONCE
        {
            const qint64 start = received;
            timer.start();
            QTRY_VERIFY_WITH_TIMEOUT(received - start >= target, 60000);
        }
        qInfo("exosite adapter: %.0f samples/s over loopback", target * 1000.0 / std::max<qint64>(1, timer.elapsed()));
    }
};

QTEST_GUILESS_MAIN(bench_ExositeThroughput)
#include "bench_exositethroughput.moc"
