// Alerts across a restart: the monitor's firing alerts, acknowledged and snoozed, are kept in the
// event database (schema 3, the alerts table) and a new monitor restores them; the transitions are
// in the event log, searchable like every event.
#include "core/monitor/monitor.h"
#include "core/store/eventdatabase.h"
#include "core/store/eventstore.h"
#include "core/store/eventstorereader.h"
#include "tests/monitor/ruletestsupport.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;

namespace {

// A program run: a store on `path` and a monitor wired to it as the app and the CLI wire them.
struct Run
{
    explicit Run(const QString &path, const RuleSet &rules)
        : store(nullptr)
    {
        monitor.setRules(rules);
        QObject::connect(&monitor, &Monitor::eventsReady, &store, &EventStore::append);
        QObject::connect(&monitor, &Monitor::persistenceChanged, &store, &EventStore::keepAlerts);
        QObject::connect(&store, &EventStore::alertsLoaded, &monitor,
            [this](const AlertList &alerts, const QString &) { monitor.restore(alerts); });
        EventStoreOptions options;
        options.path = path;
        QSignalSpy opened(&store, &EventStore::opened);
        store.open(options);
        QSignalSpy loaded(&store, &EventStore::alertsLoaded);
        store.loadAlerts();
        ok = opened.wait(10000) && opened.first().at(0).toBool() && (loaded.count() > 0 || loaded.wait(10000));
    }
    Monitor monitor;
    EventStore store;
    bool ok = false;
};

const QString kEp = QStringLiteral("Plant A");

} // namespace

class tst_AlertState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acknowledgedAndSnoozedAlertsSurviveARestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("events.sqlite"));
        const RuleSet rules = test::rulesFrom(R"({"name": "hot", "path": "*/temp", "above": 80, "clear": 70},
                                           {"name": "low", "path": "*/battery", "below": 20})");
        const AlertKey hot {QStringLiteral("hot"), kEp, QStringLiteral("robot-1/temp")};
        const AlertKey low {QStringLiteral("low"), kEp, QStringLiteral("robot-1/battery")};
        const qint64 snoozeEnd = QDateTime::currentMSecsSinceEpoch() + Monitor::kSnoozeMs;
        {
            Run first(path, rules);
            QVERIFY(first.ok);
            first.monitor.applyBatch(kEp, test::sampleBatch(hot.path, {90}));
            first.monitor.applyBatch(kEp, test::sampleBatch(low.path, {10}));
            first.monitor.acknowledge(hot);
            first.monitor.snooze(low, snoozeEnd);
            first.monitor.applyBatch(QStringLiteral("elsewhere"), test::sampleBatch(QStringLiteral("x/temp"), {99}));
            first.monitor.applyBatch(QStringLiteral("elsewhere"), test::sampleBatch(QStringLiteral("x/temp"), {10}));
            first.store.close();
        }
        Run second(path, rules);
        QVERIFY(second.ok);
        QSignalSpy transitions(&second.monitor, &Monitor::transitions);
        AlertList active = second.monitor.snapshot().alerts;
        std::sort(active.begin(), active.end(), [](const Alert &a, const Alert &b) { return a.key.rule < b.key.rule; });
        QCOMPARE(active.size(), 2); // the resolved one is not restored
        QCOMPARE(active[0].key, hot);
        QCOMPARE(active[0].state, AlertState::Firing);
        QVERIFY(active[0].isAcknowledged());
        QCOMPARE(active[0].value, 90.0);
        QCOMPARE(active[1].key, low);
        QCOMPARE(active[1].snoozedUntil, snoozeEnd);
        QVERIFY(!active[1].isAcknowledged());
        QVERIFY(transitions.isEmpty()); // restored, not fired again
        // Still the same alert: it resolves past `clear`, and the database forgets it.
        second.monitor.applyBatch(kEp, test::sampleBatch(hot.path, {60}));
        QCOMPARE(transitions.count(), 1);
        second.store.close();

        EventStoreReader reader(path);
        QVERIFY(reader.open());
        EventList events;
        EventQuery query;
        query.text = QStringLiteral("alert ");
        QVERIFY(reader.query(query, &events));
        QStringList summaries;
        for (const Event &event : std::as_const(events)) {
            Alert alert;
            QString what;
            QVERIFY(alertFromEvent(event, &alert, &what));
            summaries << what + QLatin1Char(' ') + alert.key.rule + QLatin1Char(' ') + alert.key.path;
        }
        QCOMPARE(summaries,
            QStringList({QStringLiteral("firing hot robot-1/temp"), QStringLiteral("firing low robot-1/battery"),
                QStringLiteral("acknowledged hot robot-1/temp"), QStringLiteral("snoozed low robot-1/battery"),
                QStringLiteral("firing hot x/temp"), QStringLiteral("resolved hot x/temp"),
                QStringLiteral("resolved hot robot-1/temp")}));

        Run third(path, rules);
        QVERIFY(third.ok);
        QCOMPARE(third.monitor.snapshot().alerts.size(), 1);
        QCOMPARE(third.monitor.snapshot().alerts[0].key, low);
    }

    void aVersion2DatabaseIsUpgraded()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("events.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE events (id INTEGER PRIMARY KEY, t INTEGER NOT NULL, "
                                              "severity INTEGER NOT NULL, endpoint TEXT NOT NULL, path TEXT NOT NULL, "
                                              "summary TEXT NOT NULL, payload TEXT NOT NULL)")));
            QVERIFY(query.exec(QStringLiteral("INSERT INTO events VALUES (1, %1, 1, 'e', 'p', 'old', '')")
                                   .arg(QDateTime::currentMSecsSinceEpoch())));
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 2")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v2"));
        Run run(path, test::rulesFrom(R"({"name": "hot", "path": "t", "above": 1})"));
        QVERIFY(run.ok);
        run.monitor.applyBatch(kEp, test::sampleBatch(QStringLiteral("t"), {5}));
        run.store.close();
        Run again(path, test::rulesFrom(R"({"name": "hot", "path": "t", "above": 1})"));
        QVERIFY(again.ok);
        QCOMPARE(again.monitor.snapshot().alerts.size(), 1);
        EventStoreReader reader(path);
        QVERIFY(reader.open());
        QCOMPARE(reader.count(), qint64(2)); // the old event and the firing
    }
};

QTEST_GUILESS_MAIN(tst_AlertState)
#include "tst_alertstate.moc"
