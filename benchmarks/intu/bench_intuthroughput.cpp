// End to end in one process: the simulator writes N log records (StyledWriter, double-encoded,
// over a real loopback WebSocket) and an IntuEndpoint decodes, maps and batches them into
// events. Reports the wall time for N and prints messages per second. Both sides share one
// thread here, so the figure is a floor for what a console keeps up with.
#include "core/protocols/intu/intuendpoint.h"
#include "sim/intu/intusimulator.h"

#include <QElapsedTimer>
#include <QTest>

using namespace fleetscope;
using fleetscope::sim::intu::IntuLogLevel;
using fleetscope::sim::intu::IntuSimulator;

class bench_IntuThroughput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void logRecordsPerSecond_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("20000 records") << 20000;
    }

    void logRecordsPerSecond()
    {
        QFETCH(int, count);
        IntuSimulator simulator({{QStringLiteral("generator"), false}});
        QString error;
        QVERIFY2(simulator.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        EndpointConfig config = simulator.clientConfig();
        config.link.pingIntervalMs = 0;
        intu::IntuEndpoint endpoint(config);
        qint64 received = 0;
        connect(&endpoint, &Endpoint::batchReady, this, [&received](const EndpointBatch &batch) {
            for (const Event &event : batch.events)
                received += event.path == QLatin1String("log") ? 1 : 0;
        });
        endpoint.open();
        QTRY_COMPARE(endpoint.state(), LinkState::Ready);
        endpoint.subscribe(QStringLiteral("log"));
        QTRY_COMPARE(simulator.root()->subscriberCount(QStringLiteral("log")), 1);
        received = 0;

        QElapsedTimer clock;
        QBENCHMARK_ONCE
        {
            clock.start();
            for (int sent = 0; sent < count;) {
                // Chunks, so that the socket drains while the server keeps writing.
                for (int i = 0; i < 200 && sent < count; ++i, ++sent)
                    simulator.root()->log(
                        IntuLogLevel::Status, QStringLiteral("Bench"), QStringLiteral("record %1").arg(sent));
                QCoreApplication::processEvents();
            }
            QTRY_VERIFY_WITH_TIMEOUT(received >= count, 120000);
        }
        qInfo("%d log records end to end in %lld ms: %.0f messages/s", count, clock.elapsed(),
            count * 1000.0 / std::max<qint64>(1, clock.elapsed()));
    }
};

QTEST_GUILESS_MAIN(bench_IntuThroughput)
#include "bench_intuthroughput.moc"
