// Monitoring over real sockets: the Exosite simulator on 127.0.0.1, the real endpoint, the monitor.
// A simulated sensor stops writing: the silence alert fires after the interval and resolves when
// it writes again; a battery oscillating around its threshold fires once.
#include "core/monitor/monitor.h"
#include "sim/exosite/exositesimulator.h"
#include "tests/common/testsupport.h"
#include "tests/monitor/monitorharness.h"
#include "tests/monitor/ruletestsupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace fleetscope;
using sim::exosite::ExositeSimulator;
using sim::exosite::ExositeWorld;
using test::TransitionLog;

class tst_MonitorSimulator : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sim::Simulator> m_sim;
    std::unique_ptr<test::MonitoredEndpoint> m_client;
    Endpoint *m_endpoint = nullptr;

    ExositeWorld &world() { return static_cast<ExositeSimulator *>(m_sim.get())->world(); }

    // The endpoint, connected and feeding `monitor`.
    bool connectTo(Monitor *monitor)
    {
        m_client = std::make_unique<test::MonitoredEndpoint>(*m_sim, monitor);
        m_endpoint = m_client->endpoint.get();
        return m_client->open();
    }

private Q_SLOTS:
    void init()
    {
        m_sim = test::startSimulator(QStringLiteral("exosite"), {{QStringLiteral("generator"), false}});
        QVERIFY(m_sim);
    }
    void cleanup()
    {
        m_endpoint = nullptr;
        m_client.reset();
        m_sim.reset();
    }

    void aSensorThatStopsFiresAndResolvesWhenItReturns()
    {
        Monitor monitor;
        monitor.setRules(
            test::rulesFrom(R"({"name": "sensor silent", "path": "truck-01/temperature", "silentFor": "3s"})"));
        TransitionLog log(&monitor);
        QVERIFY(connectTo(&monitor));
        m_endpoint->subscribe(QStringLiteral("truck-01/temperature"));
        // The truck's sensor writes every 200 ms; the platform keeps (and notifies) one point a second.
        const QString rid = ExositeWorld::ridFor(QStringLiteral("truck-01/temperature"));
        QTimer sensor;
        double value = 1000; // far from the history the simulator made up
        connect(&sensor, &QTimer::timeout, this, [&] { world().write(rid, value += 0.1); });
        sensor.start(200);
        // Its live points arrive (a few seconds of them, each within the interval of the last).
        int live = 0;
        QObject receiver;
        connect(m_endpoint, &Endpoint::batchReady, &receiver, [&live](const EndpointBatch &batch) {
            for (const Sample &sample : batch.samples)
                live += sample.value > 1000 ? 1 : 0;
        });
        QTRY_VERIFY_WITH_TIMEOUT(live >= 4, 10000);
        QVERIFY(log.lines.isEmpty());
        // It stops.
        sensor.stop();
        QElapsedTimer stopped;
        stopped.start();
        QTRY_COMPARE_WITH_TIMEOUT(log.lines, QStringList({QStringLiteral("firing truck-01/temperature")}), 10000);
        QVERIFY(stopped.elapsed() >= 3000 - 1000); // the last point notified may be up to a second older
        QCOMPARE(log.all[0].alert.key.endpoint, m_endpoint->name());
        // It is back.
        sensor.start(200);
        QTRY_COMPARE_WITH_TIMEOUT(log.lines.size(), 2, 5000);
        QCOMPARE(log.lines[1], QStringLiteral("resolved truck-01/temperature"));
    }

    void aBatteryOscillatingAroundItsThresholdFiresOnce()
    {
        Monitor monitor;
        monitor.setRules(test::rulesFrom(R"({"name": "battery low", "path": "*/battery", "below": 20, "clear": 25})"));
        TransitionLog log(&monitor);
        QVERIFY(connectTo(&monitor));
        m_endpoint->subscribe(QStringLiteral("truck-02/battery"));
        const QString rid = ExositeWorld::ridFor(QStringLiteral("truck-02/battery"));
        QVector<double> received;
        QObject receiver; // the connection ends with the test, before the endpoint does
        connect(m_endpoint, &Endpoint::batchReady, &receiver, [&received](const EndpointBatch &batch) {
            for (const Sample &sample : batch.samples)
                received << sample.value;
        });
        // The platform keeps one point a second: each value in a second of its own, and seen by the
        // endpoint before the next is written.
        const double values[] = {30, 19, 22, 18, 23, 19.5, 24, 26};
        for (const double v : values) {
            const qint64 second = ExositeWorld::nowSeconds();
            QVERIFY(QTest::qWaitFor([second] { return ExositeWorld::nowSeconds() > second; }, 3000));
            QVERIFY(world().write(rid, v));
            QTRY_VERIFY_WITH_TIMEOUT(!received.isEmpty() && received.last() == v, 5000);
            if (v == values[0]) {
                // The simulated truck's history (the subscription's backlog) may have ended below 20:
                // then it fired at once, and 30 resolved it. What follows is what this test drives.
                log.lines.clear();
                log.all.clear();
            }
        }
        QCOMPARE(log.lines,
            QStringList({QStringLiteral("firing truck-02/battery"), QStringLiteral("resolved truck-02/battery")}));
        QCOMPARE(log.all[0].alert.value, 19.0);
        QCOMPARE(log.all[1].alert.value, 26.0);
    }
};

QTEST_GUILESS_MAIN(tst_MonitorSimulator)
#include "tst_monitorsimulator.moc"
