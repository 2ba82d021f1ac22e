#include "core/model/eventlogmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace fleetscope;

namespace {
Event makeEvent(int i, Severity severity, const QString &endpoint, const QString &summary)
{
    Event e;
    e.t = 1000 + i;
    e.severity = severity;
    e.endpoint = endpoint;
    e.path = QStringLiteral("p/%1").arg(i);
    e.summary = summary;
    e.payload = QStringLiteral("{\"i\":%1}").arg(i);
    return e;
}
} // namespace

class tst_EventLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendsAndShowsColumns()
    {
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append({makeEvent(1, Severity::Info, QStringLiteral("hq"), QStringLiteral("hello"))});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, EventLogModel::SummaryColumn).data().toString(), QStringLiteral("hello"));
        QCOMPARE(model.index(0, EventLogModel::SeverityColumn).data().toString(), QStringLiteral("info"));
        QCOMPARE(model.index(0, EventLogModel::EndpointColumn).data().toString(), QStringLiteral("hq"));
        QCOMPARE(model.index(0, 0).data(EventLogModel::PayloadRole).toString(), QStringLiteral("{\"i\":1}"));
        QVERIFY(model.index(0, EventLogModel::TimeColumn).data().toString().endsWith(QLatin1String(".001")));
    }

    void filterBySeverityEndpointAndText()
    {
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        EventList events;
        for (int i = 0; i < 100; ++i)
            events << makeEvent(i, i % 10 == 0 ? Severity::Error : Severity::Info,
                i % 2 ? QStringLiteral("a") : QStringLiteral("b"), QStringLiteral("msg %1").arg(i));
        model.append(events);
        EventFilter errors;
        errors.severityMask = 1 << static_cast<int>(Severity::Error);
        model.setFilter(errors);
        QCOMPARE(model.rowCount(), 10);
        EventFilter text;
        text.text = QStringLiteral("MSG 4"); // case-insensitive: 4, 40..49
        model.setFilter(text);
        QCOMPARE(model.rowCount(), 11);
        text.endpoint = QStringLiteral("a");
        model.setFilter(text);
        QCOMPARE(model.rowCount(), 5);
        // New events are filtered on arrival.
        model.append({makeEvent(200, Severity::Info, QStringLiteral("a"), QStringLiteral("msg 4 again")),
            makeEvent(201, Severity::Info, QStringLiteral("b"), QStringLiteral("msg 4 elsewhere"))});
        QCOMPARE(model.rowCount(), 6);
        model.setFilter(EventFilter());
        QCOMPARE(model.rowCount(), 102);
    }

    void capacityEvictsTheOldest()
    {
        EventLogModel model(1000);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int batch = 0; batch < 30; ++batch) {
            EventList events;
            for (int i = 0; i < 100; ++i)
                events << makeEvent(batch * 100 + i, Severity::Info, QStringLiteral("a"), QStringLiteral("e"));
            model.append(events);
        }
        QVERIFY(model.rowCount() <= 1000);
        QCOMPARE(model.eventAt(model.rowCount() - 1).t, 1000 + 2999);
        QCOMPARE(model.evictedCount() + static_cast<quint64>(model.totalCount()), 3000u);
    }

    void capacityEvictsUnderAFilterToo()
    {
        EventLogModel model(500);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        EventFilter errors;
        errors.severityMask = 1 << static_cast<int>(Severity::Error);
        model.setFilter(errors);
        for (int i = 0; i < 2000; ++i)
            model.append(
                {makeEvent(i, i % 3 ? Severity::Info : Severity::Error, QStringLiteral("a"), QStringLiteral("e"))});
        QVERIFY(model.totalCount() <= 500);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.eventAt(row).severity, Severity::Error);
        QCOMPARE(model.eventAt(model.rowCount() - 1).t, 1000 + 1998);
    }
};

QTEST_GUILESS_MAIN(tst_EventLogModel)
#include "tst_eventlogmodel.moc"
