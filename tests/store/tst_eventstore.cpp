#include "core/store/eventdatabase.h"
#include "core/store/eventstore.h"
#include "core/store/eventstorereader.h"
#include "core/util/secretmasker.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;

namespace {

Event makeEvent(qint64 t, Severity severity, const QString &endpoint, const QString &summary,
    const QString &payload = QString(), const QString &path = QString())
{
    Event e;
    e.t = t;
    e.severity = severity;
    e.endpoint = endpoint;
    e.summary = summary;
    e.payload = payload;
    e.path = path;
    return e;
}

bool openStore(EventStore &store, const EventStoreOptions &options)
{
    QSignalSpy opened(&store, &EventStore::opened);
    store.open(options);
    if (!opened.wait(10000))
        return false;
    return opened.first().at(0).toBool();
}

bool waitCommitted(EventStore &store, qint64 total)
{
    return QTest::qWaitFor([&] { return store.committedCount() >= total; }, 10000);
}

EventLogStatus requestStatus(EventStore &store)
{
    QSignalSpy reported(&store, &EventStore::statusReported);
    store.requestStatus();
    if (!reported.wait(5000))
        return {};
    return reported.first().at(0).value<EventLogStatus>();
}

} // namespace

class TestEventStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void commitsWithoutBeingAsked();
    void query_data();
    void query();
    void asyncQuerySeesEverythingAppendedBefore();
    void eventsAppendedBeforeOpenAreKept();
    void masksSecrets();
    void keepsFullPayload();
    void reopenKeepsEventsAndAppends();
    void retentionByAge();
    void defaultRetentionAppliesAtOpenUntilChosen();
    void retentionChangedElsewhereIsPickedUp();
    void retentionBySize();
    void unreadableFileIsMovedAside();
    void readerSeesCommittedWhileWriterIsOpen();
    void missingDatabaseIsAnError();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestEventStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("sub/events.sqlite"));
}

void TestEventStore::commitsWithoutBeingAsked()
{
    EventStore store(nullptr);
    EventStoreOptions options;
    options.path = m_path;
    options.flushIntervalMs = 200;
    QVERIFY(openStore(store, options));
    QSignalSpy committed(&store, &EventStore::committed);
    store.append({makeEvent(1000, Severity::Info, QStringLiteral("a"), QStringLiteral("one"))});
    QCOMPARE(store.handedOverCount(), 1);
    // No flush(): the writer's own timer commits within the flush interval.
    QVERIFY(committed.wait(3000));
    QCOMPARE(committed.last().at(0).toLongLong(), 1);
    EventStoreReader reader(m_path);
    QCOMPARE(reader.count(), 1);
    QCOMPARE(reader.integrityCheck(), QStringLiteral("ok"));
    // The file is in WAL mode.
    QVERIFY(QFile::exists(m_path + QStringLiteral("-wal")));
}

void TestEventStore::query_data()
{
    QTest::addColumn<qint64>("since");
    QTest::addColumn<qint64>("until");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<int>("minSeverity");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QStringList>("expected"); // summaries, oldest first

    const QStringList all {QStringLiteral("a-debug"), QStringLiteral("b-info"), QStringLiteral("a-warning"),
        QStringLiteral("b-error 50%"), QStringLiteral("a-info")};
    QTest::newRow("everything") << qint64(0) << qint64(0) << QString() << 0 << QString() << 0 << all;
    QTest::newRow("since") << qint64(3000) << qint64(0) << QString() << 0 << QString() << 0 << all.mid(2);
    QTest::newRow("until") << qint64(0) << qint64(2000) << QString() << 0 << QString() << 0 << all.mid(0, 2);
    QTest::newRow("range") << qint64(2000) << qint64(4000) << QString() << 0 << QString() << 0 << all.mid(1, 3);
    QTest::newRow("endpoint") << qint64(0) << qint64(0) << QStringLiteral("a") << 0 << QString() << 0
                              << QStringList {
                                     QStringLiteral("a-debug"), QStringLiteral("a-warning"), QStringLiteral("a-info")};
    QTest::newRow("warning and worse") << qint64(0) << qint64(0) << QString() << 2 << QString() << 0
                                       << QStringList {QStringLiteral("a-warning"), QStringLiteral("b-error 50%")};
    QTest::newRow("text in payload, any case")
        << qint64(0) << qint64(0) << QString() << 0 << QStringLiteral("TEMPERATURE") << 0
        << QStringList {QStringLiteral("b-info"), QStringLiteral("a-warning")};
    QTest::newRow("text in path") << qint64(0) << qint64(0) << QString() << 0 << QStringLiteral("truck-02") << 0
                                  << QStringList {QStringLiteral("b-info")};
    QTest::newRow("percent is literal") << qint64(0) << qint64(0) << QString() << 0 << QStringLiteral("50%") << 0
                                        << QStringList {QStringLiteral("b-error 50%")};
    QTest::newRow("underscore is literal")
        << qint64(0) << qint64(0) << QString() << 0 << QStringLiteral("a_") << 0 << QStringList();
    QTest::newRow("limit keeps the newest") << qint64(0) << qint64(0) << QString() << 0 << QString() << 2 << all.mid(3);
    QTest::newRow("all filters") << qint64(1000) << qint64(5000) << QStringLiteral("a") << 1 << QStringLiteral("a-")
                                 << 1 << QStringList {QStringLiteral("a-info")};
}

void TestEventStore::query()
{
    QFETCH(qint64, since);
    QFETCH(qint64, until);
    QFETCH(QString, endpoint);
    QFETCH(int, minSeverity);
    QFETCH(QString, text);
    QFETCH(int, limit);
    QFETCH(QStringList, expected);

    {
        EventStore store(nullptr);
        EventStoreOptions options;
        options.path = m_path;
        options.retention.days = 0;
        QVERIFY(openStore(store, options));
        const QString a = QStringLiteral("a"), b = QStringLiteral("b");
        // Appended out of time order: results come back in time order all the same.
        store.append({makeEvent(2000, Severity::Info, b, QStringLiteral("b-info"), QString(),
                          QStringLiteral("truck-02/temperature")),
            makeEvent(1000, Severity::Debug, a, QStringLiteral("a-debug")),
            makeEvent(
                3000, Severity::Warning, a, QStringLiteral("a-warning"), QStringLiteral("{\"temperature\":99}"))});
        store.append({makeEvent(4000, Severity::Error, b, QStringLiteral("b-error 50%")),
            makeEvent(5000, Severity::Info, a, QStringLiteral("a-info"))});
        store.flush();
        QVERIFY(waitCommitted(store, 5));
    }
    EventQuery q;
    q.since = since;
    q.until = until;
    q.endpoint = endpoint;
    q.minSeverity = static_cast<Severity>(minSeverity);
    q.text = text;
    q.limit = limit;
    EventStoreReader reader(m_path);
    EventList events;
    QVERIFY2(reader.query(q, &events), qPrintable(reader.error()));
    QStringList summaries;
    for (const Event &e : std::as_const(events))
        summaries << e.summary;
    QCOMPARE(summaries, expected);
}

void TestEventStore::asyncQuerySeesEverythingAppendedBefore()
{
    EventStore store(nullptr);
    EventStoreOptions options;
    options.path = m_path;
    options.flushIntervalMs = 1000;
    QVERIFY(openStore(store, options));
    EventList events;
    for (int i = 0; i < 100; ++i)
        events.append(makeEvent(1000 + i, Severity::Info, QStringLiteral("a"), QString::number(i)));
    store.append(events);
    QSignalSpy finished(&store, &EventStore::queryFinished);
    EventQuery q;
    q.limit = 0;
    const quint64 id = store.query(q);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().at(0).toULongLong(), id);
    const auto result = finished.first().at(1).value<EventList>();
    QCOMPARE(result.size(), 100);
    QCOMPARE(result.first().summary, QStringLiteral("0"));
    QCOMPARE(result.last().summary, QStringLiteral("99"));
    QVERIFY(finished.first().at(2).toString().isEmpty());
}

void TestEventStore::eventsAppendedBeforeOpenAreKept()
{
    EventStore store(nullptr);
    store.append({makeEvent(1000, Severity::Info, QStringLiteral("a"), QStringLiteral("early"))});
    EventStoreOptions options;
    options.path = m_path;
    options.retention.days = 0;
    QVERIFY(openStore(store, options));
    QVERIFY(waitCommitted(store, 1));
}

void TestEventStore::masksSecrets()
{
    const QString cik = QStringLiteral("bef3c7f91ac3562e6a2212345678901234567890");
    auto masker = std::make_shared<SecretMasker>();
    masker->addSecret(cik);
    {
        EventStore store(masker);
        EventStoreOptions options;
        options.path = m_path;
        QVERIFY(openStore(store, options));
        store.append(
            {makeEvent(QDateTime::currentMSecsSinceEpoch(), Severity::Error, QStringLiteral("x"),
                 QStringLiteral("refused key %1").arg(cik), QStringLiteral(R"({"auth":{"cik":"%1"}})").arg(cik)),
                makeEvent(QDateTime::currentMSecsSinceEpoch(), Severity::Info, QStringLiteral("x"),
                    QStringLiteral("login"), QStringLiteral(R"({"user_token":"eyJabc.def"})"))});
    }
    // Look at the bytes of every file the database consists of, not just at query results.
    QByteArray all;
    const QDir dir = QFileInfo(m_path).dir();
    for (const QString &name : dir.entryList(QDir::Files)) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        all += file.readAll();
    }
    QVERIFY(!all.isEmpty());
    QVERIFY(!all.contains(cik.toLatin1()));
    QVERIFY(!all.contains("eyJabc.def"));
    EventStoreReader reader(m_path);
    EventList events;
    QVERIFY(reader.query(EventQuery(), &events));
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.first().summary, QStringLiteral("refused key ***"));
}

void TestEventStore::keepsFullPayload()
{
    const QString big(16 * 1024 * 1024, QLatin1Char('x'));
    {
        EventStore store(nullptr);
        EventStoreOptions options;
        options.path = m_path;
        QVERIFY(openStore(store, options));
        store.append({makeEvent(QDateTime::currentMSecsSinceEpoch(), Severity::Error, QStringLiteral("x"),
            QStringLiteral("malformed frame"), big)});
    }
    EventStoreReader reader(m_path);
    EventList events;
    QVERIFY(reader.query(EventQuery(), &events));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().payload.size(), big.size());
}

void TestEventStore::reopenKeepsEventsAndAppends()
{
    EventStoreOptions options;
    options.path = m_path;
    options.retention.days = 0;
    {
        EventStore store(nullptr);
        QVERIFY(openStore(store, options));
        store.append({makeEvent(1000, Severity::Info, QStringLiteral("a"), QStringLiteral("first"))});
        store.close(); // commits what is pending
        QCOMPARE(store.committedCount(), 1);
    }
    {
        EventStore store(nullptr);
        QVERIFY(openStore(store, options));
        store.append({makeEvent(2000, Severity::Info, QStringLiteral("a"), QStringLiteral("second"))});
    }
    EventStoreReader reader(m_path);
    QCOMPARE(reader.count(), 2);
}

void TestEventStore::retentionByAge()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 day = 86400000;
    EventStoreOptions options;
    options.path = m_path;
    options.retention.days = 0;
    {
        EventStore store(nullptr);
        QVERIFY(openStore(store, options));
        store.append({makeEvent(now - 10 * day, Severity::Info, QStringLiteral("a"), QStringLiteral("old")),
            makeEvent(now - 3 * day, Severity::Info, QStringLiteral("a"), QStringLiteral("recent")),
            makeEvent(now, Severity::Info, QStringLiteral("a"), QStringLiteral("now"))});
        store.flush();
        QVERIFY(waitCommitted(store, 3));
        QSignalSpy applied(&store, &EventStore::retentionApplied);
        QSignalSpy reported(&store, &EventStore::statusReported);
        store.setRetention({7, 0});
        QVERIFY(reported.wait(5000));
        QCOMPARE(applied.size(), 1);
        QCOMPARE(applied.first().at(0).toLongLong(), 1);
        const auto status = reported.first().at(0).value<EventLogStatus>();
        QCOMPARE(reported.first().at(1).toString(), QString());
        QCOMPARE(status.retention, (EventRetention {7, 0}));
        QCOMPARE(status.events, 2);
        QCOMPARE(status.oldest, now - 3 * day);
        QVERIFY(status.usedBytes > 0);
        QCOMPARE(status.path, m_path);
    }
    EventStoreReader reader(m_path);
    EventList events;
    QVERIFY(reader.query(EventQuery(), &events));
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.first().summary, QStringLiteral("recent"));
    // The choice is kept in the database: a later start with other defaults applies 7 days.
    {
        EventStore store(nullptr);
        options.retention.days = 2;
        QVERIFY(openStore(store, options));
        QCOMPARE(requestStatus(store).retention, (EventRetention {7, 0}));
    }
    QCOMPARE(EventStoreReader(m_path).count(), 2);
    EventLogStatus readBack;
    QVERIFY(EventStoreReader(m_path).status(&readBack));
    QCOMPARE(readBack.retention, (EventRetention {7, 0}));
}

void TestEventStore::defaultRetentionAppliesAtOpenUntilChosen()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 day = 86400000;
    EventStoreOptions options;
    options.path = m_path;
    options.retention.days = 0;
    {
        EventStore store(nullptr);
        QVERIFY(openStore(store, options));
        store.append({makeEvent(now - 3 * day, Severity::Info, QStringLiteral("a"), QStringLiteral("recent")),
            makeEvent(now, Severity::Info, QStringLiteral("a"), QStringLiteral("now"))});
        QVERIFY(waitCommitted(store, 2));
    }
    EventLogStatus unchosen;
    QVERIFY(EventStoreReader(m_path).status(&unchosen));
    QCOMPARE(unchosen.retention, EventRetention()); // nothing stored: the defaults, 30 days and 1 GiB
    {
        EventStore store(nullptr);
        options.retention.days = 2;
        QVERIFY(openStore(store, options));
        const EventLogStatus status = requestStatus(store);
        QCOMPARE(status.retention.days, 2);
        QCOMPARE(status.events, 1);
    }
    QCOMPARE(EventStoreReader(m_path).count(), 1);
}

void TestEventStore::retentionChangedElsewhereIsPickedUp()
{
    // The desktop app runs; fleetscope-cli log --keep-days changes the limit in the database; the
    // app's next retention check applies it.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 day = 86400000;
    EventStoreOptions options;
    options.path = m_path;
    options.retention.days = 0;
    options.retentionCheckIntervalMs = 100;
    EventStore running(nullptr);
    QVERIFY(openStore(running, options));
    {
        EventStore other(nullptr);
        EventStoreOptions otherOptions = options;
        otherOptions.retentionCheckIntervalMs = 0;
        QVERIFY(openStore(other, otherOptions));
        QSignalSpy reported(&other, &EventStore::statusReported);
        other.setRetention({1, 0});
        QVERIFY(reported.wait(5000));
    }
    QSignalSpy applied(&running, &EventStore::retentionApplied);
    running.append({makeEvent(now - 3 * day, Severity::Info, QStringLiteral("a"), QStringLiteral("old")),
        makeEvent(now, Severity::Info, QStringLiteral("a"), QStringLiteral("now"))});
    QVERIFY(applied.wait(5000));
    QCOMPARE(applied.first().at(0).toLongLong(), 1);
    QCOMPARE(requestStatus(running).retention, (EventRetention {1, 0}));
    EventList events;
    QVERIFY(EventStoreReader(m_path).query(EventQuery(), &events));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().summary, QStringLiteral("now"));
}

void TestEventStore::retentionBySize()
{
    const qint64 limit = 256 * 1024;
    EventStoreOptions options;
    options.path = m_path;
    options.retention.days = 0;
    {
        EventStore store(nullptr);
        QVERIFY(openStore(store, options));
        const QString payload(900, QLatin1Char('p'));
        for (int batch = 0; batch < 20; ++batch) {
            EventList events;
            for (int i = 0; i < 100; ++i)
                events.append(makeEvent(
                    batch * 100 + i, Severity::Info, QStringLiteral("a"), QString::number(batch * 100 + i), payload));
            store.append(events);
        }
        store.flush();
        QVERIFY(waitCommitted(store, 2000));
        QSignalSpy applied(&store, &EventStore::retentionApplied);
        store.setRetention({0, limit});
        QVERIFY(applied.wait(5000));
        QVERIFY2(applied.first().at(1).toLongLong() <= limit, qPrintable(applied.first().at(1).toString()));
    }
    EventStoreReader reader(m_path);
    EventList events;
    EventQuery all;
    all.limit = 0;
    QVERIFY(reader.query(all, &events));
    QVERIFY(events.size() > 0);
    QVERIFY(events.size() < 2000);
    // The newest stayed, the oldest went.
    QCOMPARE(events.last().summary, QStringLiteral("1999"));
    QVERIFY(events.first().summary.toInt() > 0);
    QCOMPARE(reader.integrityCheck(), QStringLiteral("ok"));
    // Incremental vacuum gave the space back to the file system.
    QVERIFY2(QFileInfo(m_path).size() <= limit + 64 * 1024, qPrintable(QString::number(QFileInfo(m_path).size())));
}

void TestEventStore::unreadableFileIsMovedAside()
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    {
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'Z'));
    }
    EventStore store(nullptr);
    QSignalSpy opened(&store, &EventStore::opened);
    EventStoreOptions options;
    options.path = m_path;
    store.open(options);
    QVERIFY(opened.wait(10000));
    QVERIFY(opened.first().at(0).toBool());
    QVERIFY2(opened.first().at(1).toString().contains(QLatin1String("moved to")),
        qPrintable(opened.first().at(1).toString()));
    const QStringList aside = QFileInfo(m_path).dir().entryList({QStringLiteral("events.sqlite.corrupt-*")});
    QCOMPARE(aside.size(), 1);
    store.append({makeEvent(1, Severity::Info, QStringLiteral("a"), QStringLiteral("fresh"))});
    store.flush();
    QVERIFY(waitCommitted(store, 1));
}

void TestEventStore::readerSeesCommittedWhileWriterIsOpen()
{
    EventStore store(nullptr);
    EventStoreOptions options;
    options.path = m_path;
    options.retention.days = 0;
    QVERIFY(openStore(store, options));
    store.append({makeEvent(1, Severity::Info, QStringLiteral("a"), QStringLiteral("x"))});
    store.flush();
    QVERIFY(waitCommitted(store, 1));
    EventStoreReader reader(m_path);
    QCOMPARE(reader.count(), 1);
    store.append({makeEvent(2, Severity::Info, QStringLiteral("a"), QStringLiteral("y"))});
    store.flush();
    QVERIFY(waitCommitted(store, 2));
    QCOMPARE(reader.count(), 2);
}

void TestEventStore::missingDatabaseIsAnError()
{
    EventStoreReader reader(m_dir->filePath(QStringLiteral("nothing-here.sqlite")));
    EventList events;
    QVERIFY(!reader.query(EventQuery(), &events));
    QVERIFY(reader.error().contains(QLatin1String("no event database")));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("nothing-here.sqlite"))));
}

QTEST_GUILESS_MAIN(TestEventStore)
#include "tst_eventstore.moc"
