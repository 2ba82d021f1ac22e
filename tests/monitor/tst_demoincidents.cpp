// The incidents the simulators stage for the demo (sim/common/incidentscript.h), seen the way a
// user sees them: through the real endpoints over 127.0.0.1 and a Monitor with the kind of rules
// the demo ships. A robot disconnects and comes back, a battery drops below its threshold, a truck
// goes silent and speaks again. The script runs faster here ("incidentScale") and is restarted once
// the client is connected, so every step happens while someone listens.
#include "core/monitor/monitor.h"
#include "core/monitor/rulesfile.h"
#include "sim/exosite/exositesimulator.h"
#include "sim/opentera/openterasimulator.h"
#include "tests/common/testsupport.h"
#include "tests/monitor/monitorharness.h"
#include "tests/monitor/ruletestsupport.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace fleetscope;
using test::deviceAt;
using test::MonitoredEndpoint;
using test::TransitionLog;

class tst_DemoIncidents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theDemoRulesAreValid()
    {
        RuleSet rules;
        RuleError error;
        QVERIFY2(RulesFile::load(
                     QStringLiteral(FLEETSCOPE_TEST_DATA_DIR "/../../resources/demo/alerts.json"), &rules, &error),
            qPrintable(error.message()));
        QCOMPARE(rules.size(), 4);
    }

    void withoutTheOptionNothingIsStaged()
    {
        auto simulator = test::startSimulator(QStringLiteral("opentera"), {{QStringLiteral("generator"), false}});
        QVERIFY(simulator);
        auto &world = static_cast<sim::opentera::OpenTeraSimulator *>(simulator.get())->world();
        QVERIFY(!world.incidents().enabled());
    }

    void aRobotDisconnectsAndABatteryRunsLow()
    {
        auto simulator = test::startSimulator(QStringLiteral("opentera"),
            {{QStringLiteral("generator"), false}, {QStringLiteral("incidents"), true},
                {QStringLiteral("incidentScale"), 0.05}}); // 10 s → 0.5 s, 20 s → 1 s, 50 s → 2.5 s
        QVERIFY(simulator);
        auto &world = static_cast<sim::opentera::OpenTeraSimulator *>(simulator.get())->world();
        Monitor monitor;
        // (globs in separate raw strings: moc would read a slash and a star as a comment)
        monitor.setRules(test::rulesFrom(R"(
            {"name": "robot offline", "path": "devices/)"
                                         R"(*", "offlineFor": "300ms", "severity": "error"},
            {"name": "battery low", "path": "devices/)"
                                         R"(*/battery", "below": 20, "clear": 25})"));
        TransitionLog log(&monitor);
        MonitoredEndpoint client(*simulator, &monitor);
        QVERIFY(client.open());
        client.endpoint->subscribe(QStringLiteral("devices/Robot-01"));
        // Whatever the script did before anyone listened is undone (both robots online, a full
        // battery, no alert); then it runs from the top.
        world.setDeviceOnline(*world.deviceByName(QStringLiteral("Robot-02")), true);
        world.postStatus(*world.deviceByName(QStringLiteral("Robot-01")),
            QJsonObject {{QStringLiteral("battery"), 80.0}},
            static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0);
        QTRY_COMPARE(deviceAt(monitor, QStringLiteral("devices/Robot-02")).state, DeviceState::Online);
        QTRY_COMPARE(deviceAt(monitor, QStringLiteral("devices/Robot-01")).state, DeviceState::Online);
        QTRY_VERIFY(monitor.engine().activeAlerts().isEmpty());
        log.clear();
        QSignalSpy staged(&world.incidents(), &sim::IncidentScript::staged);
        world.incidents().start();

        QTRY_VERIFY(log.lines.contains(QStringLiteral("firing devices/Robot-01/battery")));
        QTRY_VERIFY(log.lines.contains(QStringLiteral("firing devices/Robot-02")));
        QTRY_VERIFY(log.lines.contains(QStringLiteral("resolved devices/Robot-02")));
        QVERIFY(log.lines.indexOf(QStringLiteral("firing devices/Robot-02"))
            < log.lines.indexOf(QStringLiteral("resolved devices/Robot-02")));
        QCOMPARE(log.lines.count(QStringLiteral("firing devices/Robot-02")), 1);
        QCOMPARE(staged.count(), 3);
        QCOMPARE(staged.at(1).at(0).toString(), QStringLiteral("Robot-02 disconnects"));
    }

    void aTruckGoesSilentAndSpeaksAgain()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"),
            {{QStringLiteral("incidents"), true},
                {QStringLiteral("incidentScale"), 0.1}}); // 15 s → 1.5 s, 75 s → 7.5 s
        QVERIFY(simulator);
        auto &world = static_cast<sim::exosite::ExositeSimulator *>(simulator.get())->world();
        Monitor monitor;
        monitor.setRules(test::rulesFrom(R"({"name": "truck silent", "path": "truck-02", "silentFor": "2s"})"));
        TransitionLog log(&monitor);
        MonitoredEndpoint client(*simulator, &monitor);
        QVERIFY(client.open());
        QSignalSpy browsed(client.endpoint.get(), &Endpoint::browseFinished);
        client.endpoint->browse();
        QTRY_COMPARE(browsed.count(), 1);
        client.endpoint->subscribe(QStringLiteral("truck-02"));
        // Its ports write every second or two: once it is heard, the script runs from the top.
        QTRY_COMPARE_WITH_TIMEOUT(deviceAt(monitor, QStringLiteral("truck-02")).state, DeviceState::Online, 15000);
        QSignalSpy staged(&world.incidents(), &sim::IncidentScript::staged);
        world.incidents().start();
        QTRY_COMPARE(staged.count(), 1); // it went silent
        log.clear();
        QTRY_COMPARE_WITH_TIMEOUT(log.lines, QStringList {QStringLiteral("firing truck-02")}, 10000);
        QCOMPARE(staged.count(), 1); // fired during the silence, not after it
        QTRY_COMPARE_WITH_TIMEOUT(log.lines.size(), 2, 15000);
        QCOMPARE(log.lines[1], QStringLiteral("resolved truck-02"));
        QCOMPARE(staged.count(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_DemoIncidents)
#include "tst_demoincidents.moc"
