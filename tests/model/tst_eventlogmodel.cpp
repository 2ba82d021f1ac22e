#include "core/model/eventlogmodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
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

    void narrowingGivesWhatAFreshFilterGives()
    {
        // Typing on in the search only re-checks the rows shown; the result must be what a filter
        // applied from scratch shows, after evictions and with events arriving in between.
        EventLogModel typed(1000);
        QAbstractItemModelTester tester(&typed, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto eventsFrom = [](int first, int count) {
            EventList events;
            for (int i = first; i < first + count; ++i)
                events << makeEvent(i, i % 5 == 0 ? Severity::Warning : Severity::Info,
                    i % 3 ? QStringLiteral("hq") : QStringLiteral("Lab"), QStringLiteral("Msg %1").arg(i));
            return events;
        };
        QVector<EventList> batches {eventsFrom(0, 1500)}; // the first ones are evicted
        typed.append(batches.first());
        int next = 1500;
        auto step = [&](const QString &text, int severityMask, const QString &endpoint) {
            EventFilter filter;
            filter.text = text;
            filter.severityMask = severityMask;
            filter.endpoint = endpoint;
            typed.setFilter(filter);
            batches << eventsFrom(next, 7);
            typed.append(batches.last());
            next += 7;
            EventLogModel fresh(1000); // the same events, in the same batches
            for (const EventList &batch : std::as_const(batches))
                fresh.append(batch);
            fresh.setFilter(filter);
            if (typed.rowCount() != fresh.rowCount())
                return QStringLiteral("%1: %2 rows, a fresh filter shows %3")
                    .arg(text)
                    .arg(typed.rowCount())
                    .arg(fresh.rowCount());
            for (int row = 0; row < typed.rowCount(); ++row) {
                if (typed.eventAt(row).t != fresh.eventAt(row).t)
                    return QStringLiteral("%1: row %2 differs").arg(text).arg(row);
            }
            return QString();
        };
        const int all = 0xF, warnings = 1 << static_cast<int>(Severity::Warning);
        QCOMPARE(step(QStringLiteral("m"), all, QString()), QString());
        QCOMPARE(step(QStringLiteral("ms"), all, QString()), QString());
        QCOMPARE(step(QStringLiteral("MSG 1"), all, QString()), QString()); // other case: still narrower
        QCOMPARE(step(QStringLiteral("msg 12"), warnings, QString()), QString());
        QCOMPARE(step(QStringLiteral("msg 12"), warnings, QStringLiteral("Lab")), QString());
        QVERIFY(typed.rowCount() > 0);
        // Wider again (backspace, all severities, any endpoint): a full scan.
        QCOMPARE(step(QStringLiteral("msg 1"), warnings, QStringLiteral("Lab")), QString());
        QCOMPARE(step(QStringLiteral("msg 1"), all, QString()), QString());
        QCOMPARE(step(QStringLiteral("msg"), all, QStringLiteral("hq")), QString());
        QCOMPARE(step(QString(), all, QString()), QString());
    }

    void narrowsIsWhatItSays()
    {
        EventFilter wide;
        wide.text = QStringLiteral("Truck");
        EventFilter narrow = wide;
        narrow.text = QStringLiteral("truck-0");
        QVERIFY(narrow.narrows(wide));
        QVERIFY(!wide.narrows(narrow));
        narrow.severityMask = 0x3;
        QVERIFY(narrow.narrows(wide));
        wide.severityMask = 0x1;
        QVERIFY(!narrow.narrows(wide)); // shows a severity wide hid
        wide.severityMask = 0xF;
        wide.endpoint = QStringLiteral("hq");
        QVERIFY(!narrow.narrows(wide)); // any endpoint is wider than hq
        narrow.endpoint = QStringLiteral("hq");
        QVERIFY(narrow.narrows(wide));
        narrow.since = 5000;
        QVERIFY(narrow.narrows(wide)); // a later start shows less
        wide.since = 6000;
        QVERIFY(!narrow.narrows(wide));
    }

    // Issue 18.6: a minimum severity (errors alone, warnings and worse, …) and counts per severity.
    void minimumSeverityAndCounts()
    {
        QCOMPARE(EventFilter::atLeast(Severity::Debug), 0xF);
        QCOMPARE(EventFilter::atLeast(Severity::Info), 0xE);
        QCOMPARE(EventFilter::atLeast(Severity::Error), 0x8);
        EventLogModel model(200);
        EventList events;
        for (int i = 0; i < 150; ++i)
            events << makeEvent(i, static_cast<Severity>(i % 4 == 3 ? (i % 3) + 1 : 0), QStringLiteral("a"), QString());
        model.append(events);
        qint64 expected[4] = {};
        for (const Event &event : events)
            ++expected[static_cast<int>(event.severity)];
        for (int severity = 0; severity < 4; ++severity)
            QCOMPARE(model.countOf(static_cast<Severity>(severity)), expected[severity]);
        EventFilter errors;
        errors.severityMask = EventFilter::atLeast(Severity::Error);
        model.setFilter(errors);
        QCOMPARE(static_cast<qint64>(model.rowCount()), expected[3]);
        // Evicted events leave the counts too.
        model.append(events);
        qint64 total = 0;
        for (int severity = 0; severity < 4; ++severity)
            total += model.countOf(static_cast<Severity>(severity));
        QCOMPARE(total, model.totalCount());
        model.clear();
        QCOMPARE(model.countOf(Severity::Debug), qint64(0));
    }

    // Issue 18.6: "the last 5 minutes": rows too old leave from the top as time passes, without a
    // reset of the view.
    void sinceSlidesWithoutAReset()
    {
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        EventList events;
        for (int i = 0; i < 100; ++i)
            events << makeEvent(i * 10, Severity::Info, QStringLiteral("a"), QString()); // t = 1000 … 1990
        model.append(events);
        EventFilter recent;
        recent.since = 1500;
        model.setFilter(recent);
        QCOMPARE(model.rowCount(), 50);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.advanceSince(1800);
        QCOMPARE(model.rowCount(), 20);
        QCOMPARE(model.eventAt(0).t, qint64(1800));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 1);
        model.append({makeEvent(1000, Severity::Info, QStringLiteral("a"), QString())}); // t = 2000
        QCOMPARE(model.rowCount(), 21);
    }

    // Issue 18.10: the Time column shows the date only when it is not today.
    void timeColumnShowsTheDateOnlyWhenNeeded()
    {
        EventLogModel model;
        Event today = makeEvent(0, Severity::Info, QStringLiteral("a"), QString());
        today.t = QDateTime(QDate::currentDate(), QTime(9, 30, 15, 250)).toMSecsSinceEpoch();
        Event older = today;
        older.t = QDateTime(QDate(2024, 3, 5), QTime(9, 30, 15, 250)).toMSecsSinceEpoch();
        model.append({today, older});
        QCOMPARE(model.index(0, EventLogModel::TimeColumn).data().toString(), QStringLiteral("09:30:15.250"));
        const QString old = model.index(1, EventLogModel::TimeColumn).data().toString();
        QVERIFY2(old.contains(QLatin1String("09:30:15.250")) && old.size() > 12, qPrintable(old));
        QVERIFY(model.index(0, EventLogModel::TimeColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QDate::currentDate().toString(Qt::ISODate)));
    }
};

QTEST_GUILESS_MAIN(tst_EventLogModel)
#include "tst_eventlogmodel.moc"
