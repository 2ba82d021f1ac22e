// Monitor: the engine driven by its own timer (no periodic scan), its signals and batched updates.
#include "core/monitor/monitor.h"
#include "tests/monitor/ruletestsupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace fleetscope;

class tst_Monitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void silenceFiresOnTheMonitorsOwnTimer()
    {
        Monitor monitor;
        monitor.setRules(test::rulesFrom(R"({"name": "quiet", "path": "pump/flow", "silentFor": "300ms"})"));
        monitor.setEndpointState(QStringLiteral("ep"), LinkState::Ready);
        QSignalSpy transitions(&monitor, &Monitor::transitions);
        QSignalSpy events(&monitor, &Monitor::eventsReady);
        QElapsedTimer elapsed;
        elapsed.start();
        monitor.applyBatch(QStringLiteral("ep"), test::sampleBatch(QStringLiteral("pump/flow"), {1}));
        QTRY_COMPARE(transitions.count(), 1);
        QVERIFY(elapsed.elapsed() >= 300); // never before the interval
        const auto fired = transitions.at(0).at(0).value<AlertTransitionList>();
        QCOMPARE(fired.size(), 1);
        QCOMPARE(fired[0].kind, AlertTransition::Kind::Firing);
        QCOMPARE(fired[0].alert.key.path, QStringLiteral("pump/flow"));
        QCOMPARE(events.count(), 1);
        const auto logged = events.at(0).at(0).value<EventList>();
        QVERIFY2(logged[0].summary.startsWith(QLatin1String("alert firing: quiet")), qPrintable(logged[0].summary));
        QCOMPARE(logged[0].endpoint, QStringLiteral("ep"));
        // It comes back: resolved at once.
        monitor.applyBatch(QStringLiteral("ep"), test::sampleBatch(QStringLiteral("pump/flow"), {2}));
        QCOMPARE(transitions.count(), 2);
        QCOMPARE(transitions.at(1).at(0).value<AlertTransitionList>()[0].kind, AlertTransition::Kind::Resolved);
    }

    void updatesCarryDevicesAndAlerts()
    {
        Monitor monitor;
        monitor.setUpdateInterval(20);
        monitor.setRules(test::rulesFrom(R"({"name": "low", "path": "*/battery", "below": 20})"));
        monitor.setEndpointState(QStringLiteral("ep"), LinkState::Ready);
        QSignalSpy updates(&monitor, &Monitor::updated);
        EndpointBatch batch;
        Topic robot;
        robot.path = QStringLiteral("robot-1");
        robot.node = NodeKind::Device;
        batch.topics << robot;
        batch.samples << Sample {QStringLiteral("robot-1/battery"), 5, 12};
        monitor.applyBatch(QStringLiteral("ep"), batch);
        QTRY_VERIFY(!updates.isEmpty());
        MonitorUpdate merged;
        for (const auto &arguments : std::as_const(updates)) {
            const auto update = arguments.at(0).value<MonitorUpdate>();
            merged.devices += update.devices;
            merged.alerts += update.alerts;
        }
        QCOMPARE(merged.devices.last().path, QStringLiteral("robot-1"));
        QCOMPARE(merged.devices.last().keyValues.value(0).value, 12.0);
        QCOMPARE(merged.alerts.last().state, AlertState::Firing);
        QCOMPARE(monitor.snapshot().alerts.size(), 1);
    }

    void acknowledgementIsPersistedAndLogged()
    {
        Monitor monitor;
        monitor.setRules(test::rulesFrom(R"({"name": "hot", "path": "t", "above": 1})"));
        QSignalSpy persistence(&monitor, &Monitor::persistenceChanged);
        QSignalSpy events(&monitor, &Monitor::eventsReady);
        monitor.applyBatch(QStringLiteral("ep"), test::sampleBatch(QStringLiteral("t"), {5}));
        QCOMPARE(persistence.count(), 1);
        const AlertKey key {QStringLiteral("hot"), QStringLiteral("ep"), QStringLiteral("t")};
        monitor.acknowledge(key);
        monitor.snooze(key, Alert::kUntilResolved);
        QCOMPARE(persistence.count(), 3);
        const auto kept = persistence.at(2).at(0).value<AlertList>();
        QVERIFY(kept[0].isAcknowledged());
        QCOMPARE(kept[0].snoozedUntil, Alert::kUntilResolved);
        QCOMPARE(events.count(), 3); // firing, acknowledged, snoozed
    }
};

QTEST_GUILESS_MAIN(tst_Monitor)
#include "tst_monitor.moc"
