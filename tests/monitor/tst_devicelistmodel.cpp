// DeviceListModel: rows for devices as the monitor reports them, batched updates, firing alerts
// counted on the device they concern; QAbstractItemModelTester watches every change.
#include "core/monitor/devicelistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace fleetscope;

namespace {

DeviceInfo device(const QString &endpoint, const QString &path, DeviceState state = DeviceState::Online)
{
    DeviceInfo info;
    info.endpoint = endpoint;
    info.path = path;
    info.name = path.section(QLatin1Char('/'), -1);
    info.state = state;
    return info;
}

Alert alert(const QString &endpoint, const QString &path, AlertState state)
{
    Alert a;
    a.key = AlertKey {QStringLiteral("rule"), endpoint, path};
    a.state = state;
    return a;
}

} // namespace

class tst_DeviceListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsComeInBatchesAndChangeInPlace()
    {
        DeviceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        MonitorUpdate update;
        for (int i = 0; i < 1000; ++i)
            update.devices << device(QStringLiteral("ep"), QStringLiteral("robots/r%1").arg(i));
        model.apply(update);
        QCOMPARE(model.rowCount(), 1000);
        QCOMPARE(inserted.count(), 1); // one insertion for the batch
        update = MonitorUpdate();
        DeviceInfo silent = device(QStringLiteral("ep"), QStringLiteral("robots/r7"), DeviceState::Silent);
        silent.lastSeen = 1;
        silent.keyValues << DeviceKeyValue {QStringLiteral("battery"), 17.5, 5};
        update.devices << silent << device(QStringLiteral("ep"), QStringLiteral("robots/r900"));
        model.apply(update);
        QCOMPARE(model.rowCount(), 1000);
        QCOMPARE(changed.count(), 1); // one dataChanged for the batch
        const int row = model.rowOf(QStringLiteral("ep"), QStringLiteral("robots/r7"));
        QCOMPARE(model.index(row, DeviceListModel::StateColumn).data().toString(), QStringLiteral("silent"));
        QCOMPARE(model.index(row, 0).data(DeviceListModel::ProblemRole).toBool(), true);
        QCOMPARE(model.index(row, DeviceListModel::ValuesColumn).data().toString(), QStringLiteral("battery 17.5"));
        QVERIFY(model.index(row, DeviceListModel::LastSeenColumn).data().toString().endsWith(QLatin1String(" ago")));
        QCOMPARE(model.index(0, 0).data(DeviceListModel::ProblemRole).toBool(), false);
    }

    void firingAlertsAreCountedOnTheirDevice()
    {
        DeviceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        MonitorUpdate update;
        update.devices << device(QStringLiteral("ep"), QStringLiteral("robot-1"))
                       << device(QStringLiteral("ep"), QStringLiteral("robot-2"));
        update.alerts << alert(QStringLiteral("ep"), QStringLiteral("robot-1/battery"), AlertState::Firing)
                      << alert(QStringLiteral("ep"), QStringLiteral("robot-2/motors/left"), AlertState::Pending)
                      << alert(QStringLiteral("ep"), QStringLiteral("robot-9/x"), AlertState::Firing);
        model.apply(update);
        QCOMPARE(model.index(0, 0).data(DeviceListModel::FiringAlertsRole).toInt(), 1);
        QCOMPARE(model.index(1, 0).data(DeviceListModel::FiringAlertsRole).toInt(), 0); // pending is not firing
        QCOMPARE(model.index(0, 0).data(DeviceListModel::ProblemRole).toBool(), true);
        // The device of an alert that fired before the device was known.
        update = MonitorUpdate();
        update.devices << device(QStringLiteral("ep"), QStringLiteral("robot-9"));
        model.apply(update);
        QCOMPARE(model.index(2, 0).data(DeviceListModel::FiringAlertsRole).toInt(), 1);
        update = MonitorUpdate();
        update.alerts << alert(QStringLiteral("ep"), QStringLiteral("robot-1/battery"), AlertState::Normal);
        model.apply(update);
        QCOMPARE(model.index(0, 0).data(DeviceListModel::FiringAlertsRole).toInt(), 0);
        QCOMPARE(model.index(0, 0).data(DeviceListModel::ProblemRole).toBool(), false);
    }

    void aRemovedEndpointTakesItsDevices()
    {
        DeviceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        MonitorUpdate update;
        update.devices << device(QStringLiteral("a"), QStringLiteral("d1"))
                       << device(QStringLiteral("b"), QStringLiteral("d1"))
                       << device(QStringLiteral("a"), QStringLiteral("d2"));
        model.apply(update);
        update = MonitorUpdate();
        update.removedEndpoints << QStringLiteral("a");
        model.apply(update);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, DeviceListModel::EndpointColumn).data().toString(), QStringLiteral("b"));
        update = MonitorUpdate();
        update.reset = true;
        update.devices << device(QStringLiteral("c"), QStringLiteral("x"));
        model.apply(update);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(QStringLiteral("c"), QStringLiteral("x")), 0);
    }
};

QTEST_GUILESS_MAIN(tst_DeviceListModel)
#include "tst_devicelistmodel.moc"
