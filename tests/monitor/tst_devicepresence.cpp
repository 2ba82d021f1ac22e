// Devices and presence from each adapter, over real sockets against the simulators on 127.0.0.1:
// OpenTera devices and participants (connect/disconnect, a status that says "error"), Exosite
// clients (a locked one is offline; a datarule at 1 is the platform's alarm), Intu instances (a
// child that leaves is offline until it is back) and CityIO tables, each as the Monitor sees them.
#include "core/monitor/monitor.h"
#include "sim/exosite/exositesimulator.h"
#include "sim/intu/intusimulator.h"
#include "sim/opentera/openterasimulator.h"
#include "tests/common/testsupport.h"
#include "tests/monitor/monitorharness.h"
#include "tests/monitor/ruletestsupport.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace fleetscope;
using test::deviceAt;
using test::MonitoredEndpoint;
using test::TransitionLog;

namespace {
// The simulators with nothing moving by itself: what changes, the test changes.
QVariantMap still()
{
    return {{QStringLiteral("generator"), false}};
}
} // namespace

class tst_DevicePresence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void openTeraDeviceThatDisconnectsIsOfflineAndAlerts()
    {
        auto simulator = test::startSimulator(QStringLiteral("opentera"), still());
        QVERIFY(simulator);
        auto &world = static_cast<sim::opentera::OpenTeraSimulator *>(simulator.get())->world();
        Monitor monitor;
        monitor.setRules(test::rulesFrom(
            // (the glob in two raw strings: moc would read a slash and a star as a comment)
            R"({"name": "robot offline", "path": "devices/)"
            R"(*", "offlineFor": "1s", "severity": "error"})"));
        TransitionLog log(&monitor);
        MonitoredEndpoint client(*simulator, &monitor);
        QVERIFY(client.open());
        const QString robot = QStringLiteral("devices/Robot-01");
        const QString participant = QStringLiteral("participants/P-0041");
        // The online lists say who is there: devices and participants are devices, users are not.
        QTRY_COMPARE(deviceAt(monitor, robot).state, DeviceState::Online);
        QTRY_COMPARE(deviceAt(monitor, participant).state, DeviceState::Online);
        QCOMPARE(deviceAt(monitor, robot).presence, Presence::Online);
        for (const DeviceInfo &device : monitor.engine().devices())
            QVERIFY2(!device.path.startsWith(QLatin1String("users/")), qPrintable(device.path));

        // The robot disconnects: offline at once (the DEVICE_DISCONNECTED event is not activity),
        // the alert fires once the second is over.
        QElapsedTimer clock;
        clock.start();
        world.setDeviceOnline(*world.deviceByName(QStringLiteral("Robot-01")), false);
        QTRY_COMPARE(deviceAt(monitor, robot).state, DeviceState::Offline);
        QCOMPARE(deviceAt(monitor, robot).presenceDetail, QStringLiteral("disconnected"));
        QVERIFY(log.lines.isEmpty());
        QTRY_COMPARE(log.lines, QStringList {QStringLiteral("firing ") + robot});
        QVERIFY(clock.elapsed() >= 1000);
        QCOMPARE(log.all[0].alert.severity, AlertSeverity::Error);
        // It is back: resolved, online.
        world.setDeviceOnline(*world.deviceByName(QStringLiteral("Robot-01")), true);
        QTRY_COMPARE(log.lines.size(), 2);
        QCOMPARE(log.lines[1], QStringLiteral("resolved ") + robot);
        QCOMPARE(deviceAt(monitor, robot).state, DeviceState::Online);

        // A participant that leaves is offline too.
        world.setParticipantOnline(*world.participant(QStringLiteral("41")), false);
        QTRY_COMPARE(deviceAt(monitor, participant).state, DeviceState::Offline);
    }

    void openTeraStatusSayingErrorIsAServerAlarm()
    {
        auto simulator = test::startSimulator(QStringLiteral("opentera"), still());
        QVERIFY(simulator);
        auto &world = static_cast<sim::opentera::OpenTeraSimulator *>(simulator.get())->world();
        Monitor monitor; // no rules: server alarms need none
        TransitionLog log(&monitor);
        MonitoredEndpoint client(*simulator, &monitor);
        QVERIFY(client.open());
        const QString robot = QStringLiteral("devices/Robot-02");
        QTRY_COMPARE(deviceAt(monitor, robot).state, DeviceState::Online);
        auto *device = world.deviceByName(QStringLiteral("Robot-02"));
        const auto post = [&](const QJsonObject &status) {
            world.postStatus(*device, status, static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0);
        };
        post({{QStringLiteral("battery"), 71.5}, {QStringLiteral("state"), QStringLiteral("docked")}});
        QTRY_VERIFY(deviceAt(monitor, robot).messages > 0);
        QVERIFY(log.lines.isEmpty()); // a status without error is no alarm
        post({{QStringLiteral("battery"), 70.5},
            {QStringLiteral("motors"), QJsonObject {{QStringLiteral("left"), QStringLiteral("ERROR: stalled")}}}});
        QTRY_COMPARE(log.lines, QStringList {QStringLiteral("firing ") + robot});
        const Alert &alert = log.all[0].alert;
        QCOMPARE(alert.origin, AlertOrigin::Server);
        QCOMPARE(alert.key.rule, QStringLiteral("OpenTera device status"));
        QVERIFY2(alert.summary.contains(QLatin1String("motors/left: ERROR: stalled")), qPrintable(alert.summary));
        post({{QStringLiteral("battery"), 70.0}, {QStringLiteral("motors"), QJsonObject {}}});
        QTRY_COMPARE(log.lines.size(), 2);
        QCOMPARE(log.lines[1], QStringLiteral("resolved ") + robot);
    }

    void exositeLockedClientIsOfflineAndADataruleAtOneIsAnAlarm()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"), still());
        QVERIFY(simulator);
        auto &world = static_cast<sim::exosite::ExositeSimulator *>(simulator.get())->world();
        Monitor monitor;
        TransitionLog log(&monitor);
        MonitoredEndpoint client(*simulator, &monitor);
        QVERIFY(client.open());
        QSignalSpy browsed(client.endpoint.get(), &Endpoint::browseFinished);
        client.endpoint->browse();
        QTRY_COMPARE(browsed.count(), 1);
        // Clients are devices; the one the platform locked is offline and says why.
        QTRY_COMPARE(deviceAt(monitor, QStringLiteral("truck-06")).state, DeviceState::Offline);
        QCOMPARE(deviceAt(monitor, QStringLiteral("truck-06")).presenceDetail, QStringLiteral("client is locked"));
        QCOMPARE(deviceAt(monitor, QStringLiteral("truck-01")).state, DeviceState::Unknown); // not heard yet
        QVERIFY(deviceAt(monitor, QString()).path.isNull()); // the authenticated client is no device

        // The truck's overheat rule turns 1, then 0: the platform's alarm fires and resolves.
        const QString rule = QStringLiteral("truck-01/overheat");
        client.endpoint->subscribe(rule);
        const QString rid = sim::exosite::ExositeWorld::ridFor(rule);
        for (const int value : {1, 0}) {
            // One point a second is kept: each value in a second of its own.
            const qint64 second = sim::exosite::ExositeWorld::nowSeconds();
            QVERIFY(QTest::qWaitFor([second] { return sim::exosite::ExositeWorld::nowSeconds() > second; }, 3000));
            QVERIFY(world.write(rid, value));
            const QString expected = (value ? QStringLiteral("firing ") : QStringLiteral("resolved ")) + rule;
            QTRY_VERIFY_WITH_TIMEOUT(log.lines.contains(expected), 5000);
        }
        const Alert &fired = log.all[log.lines.indexOf(QStringLiteral("firing ") + rule)].alert;
        QCOMPARE(fired.origin, AlertOrigin::Server);
        QCOMPARE(fired.key.rule, QStringLiteral("datarule Overheat"));
        QCOMPARE(fired.value, 1.0);
        QCOMPARE(deviceAt(monitor, QStringLiteral("truck-01")).state, DeviceState::Online); // it spoke
    }

    void intuChildThatLeavesIsOfflineUntilItIsBack()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), still());
        QVERIFY(simulator);
        auto *intu = static_cast<sim::intu::IntuSimulator *>(simulator.get());
        Monitor monitor;
        monitor.setRules(test::rulesFrom(R"({"name": "instance gone", "path": "*", "offlineFor": "500ms"})"));
        TransitionLog log(&monitor);
        MonitoredEndpoint client(*simulator, &monitor);
        QVERIFY(client.open());
        QSignalSpy browsed(client.endpoint.get(), &Endpoint::browseFinished);
        client.endpoint->browse();
        QTRY_COMPARE(browsed.count(), 1);
        QTRY_VERIFY(!deviceAt(monitor, QStringLiteral("pepper-7f3a")).path.isEmpty()); // a child instance
        // Children come and go on topic-manager.
        client.endpoint->subscribe(QStringLiteral("topic-manager"));
        QTRY_COMPARE(intu->root()->subscriberCount(QStringLiteral("topic-manager")), 1);
        const QString visitor = QStringLiteral("visitor-5e21");
        intu->setVisitorConnected(true);
        QTRY_COMPARE(deviceAt(monitor, visitor).state, DeviceState::Online);
        intu->setVisitorConnected(false);
        QTRY_COMPARE(deviceAt(monitor, visitor).state, DeviceState::Offline);
        QTRY_COMPARE(log.lines, QStringList {QStringLiteral("firing ") + visitor});
        intu->setVisitorConnected(true);
        QTRY_COMPARE(log.lines.size(), 2);
        QCOMPARE(log.lines[1], QStringLiteral("resolved ") + visitor);
        QCOMPARE(deviceAt(monitor, visitor).state, DeviceState::Online);
    }

    void cityioTablesAreDevices()
    {
        auto simulator = test::startSimulator(QStringLiteral("cityio"), still());
        QVERIFY(simulator);
        Monitor monitor;
        MonitoredEndpoint client(*simulator, &monitor);
        QVERIFY(client.open());
        QSignalSpy browsed(client.endpoint.get(), &Endpoint::browseFinished);
        client.endpoint->browse();
        QTRY_COMPARE(browsed.count(), 1);
        QTRY_VERIFY(!deviceAt(monitor, QStringLiteral("volpe")).path.isEmpty());
        QTRY_VERIFY(!deviceAt(monitor, QStringLiteral("corktown")).path.isEmpty());
        QCOMPARE(deviceAt(monitor, QStringLiteral("volpe")).type, QStringLiteral("cityio/table"));
    }
};

QTEST_GUILESS_MAIN(tst_DevicePresence)
#include "tst_devicepresence.moc"
