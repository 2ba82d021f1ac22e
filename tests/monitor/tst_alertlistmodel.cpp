// AlertListModel: firing and pending alerts as rows; a resolved alert leaves; rule status and the
// firing count for a tray icon; QAbstractItemModelTester watches every change.
#include "core/monitor/alertlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace fleetscope;

namespace {

Alert alert(const QString &rule, const QString &path, AlertState state)
{
    Alert a;
    a.key = AlertKey {rule, QStringLiteral("ep"), path};
    a.state = state;
    a.since = 1;
    return a;
}

} // namespace

class tst_AlertListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alertsComeAndGo()
    {
        AlertListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy firing(&model, &AlertListModel::firingCountChanged);
        MonitorUpdate update;
        for (int i = 0; i < 10; ++i)
            update.alerts << alert(QStringLiteral("low"), QStringLiteral("r%1/battery").arg(i),
                i % 2 ? AlertState::Firing : AlertState::Pending);
        update.alerts << alert(QStringLiteral("x"), QStringLiteral("never"), AlertState::Normal);
        update.rules << RuleStatus {QStringLiteral("low"), 10} << RuleStatus {QStringLiteral("typo"), 0};
        model.apply(update);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.firingCount(), 5);
        QCOMPARE(firing.count(), 1);
        QCOMPARE(model.ruleStatus().value(1).instances, 0);
        // Rows 2, 3, 4 and 7 resolve or stop pending; row 1 is acknowledged.
        update = MonitorUpdate();
        for (const int i : {2, 3, 4, 7})
            update.alerts << alert(QStringLiteral("low"), QStringLiteral("r%1/battery").arg(i), AlertState::Normal);
        Alert acknowledged = alert(QStringLiteral("low"), QStringLiteral("r1/battery"), AlertState::Firing);
        acknowledged.acknowledgedAt = 5;
        acknowledged.snoozedUntil = Alert::kUntilResolved;
        update.alerts << acknowledged;
        model.apply(update);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.firingCount(), 3);
        const int row = model.rowOf(acknowledged.key);
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row, AlertListModel::StatusColumn).data().toString(),
            QStringLiteral("acknowledged, snoozed until resolved"));
        QCOMPARE(model.index(row, 0).data(AlertListModel::AlertKeyRole).value<AlertKey>(), acknowledged.key);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.rowOf(model.alert(r).key), r);
        QCOMPARE(model.rowOf(alert(QStringLiteral("low"), QStringLiteral("r2/battery"), AlertState::Normal).key), -1);
    }

    void aRemovedEndpointTakesItsAlerts()
    {
        AlertListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        MonitorUpdate update;
        update.alerts << alert(QStringLiteral("a"), QStringLiteral("p"), AlertState::Firing);
        model.apply(update);
        update = MonitorUpdate();
        update.removedEndpoints << QStringLiteral("ep");
        model.apply(update);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.firingCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_AlertListModel)
#include "tst_alertlistmodel.moc"
