// How many events per second the event store's writer sustains (target: 20,000/s), with secret
// masking on and payloads like an Exosite session's. Run: bench_eventstore [-iterations N].
#include "core/store/eventstore.h"
#include "core/util/secretmasker.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;

class BenchEventStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sustainedWrite_data();
    void sustainedWrite();
    // What the retention dialog and `log --retention` ask: count, oldest and size of a log of
    // 1,000,000 events (on the writer's thread, never the GUI's).
    void statusOfAMillionEvents();
};

void BenchEventStore::sustainedWrite_data()
{
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("credentialEvery"); // every n-th payload holds a token member (0: none)
    // 30 batches a second, as endpoints deliver them, at 21,000 events/s.
    QTest::newRow("200k events in batches of 700") << 200000 << 700 << 0;
    // The masker's patterns run only on payloads that look like they may hold a credential.
    QTest::newRow("same, a token in every 10th payload") << 200000 << 700 << 10;
}

void BenchEventStore::sustainedWrite()
{
    QFETCH(int, events);
    QFETCH(int, batch);
    QFETCH(int, credentialEvery);
    QTemporaryDir dir;
    auto masker = std::make_shared<SecretMasker>();
    masker->addSecret(QStringLiteral("bef3c7f91ac3562e6a2212345678901234567890"));

    // Prepared before timing: the producer's cost is not the writer's.
    QVector<EventList> batches;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < events; i += batch) {
        EventList list;
        for (int j = 0; j < batch; ++j) {
            Event e;
            e.t = now + i + j;
            e.severity = (j % 50 == 0) ? Severity::Warning : Severity::Info;
            e.endpoint = QStringLiteral("HQ Exosite");
            e.path = QStringLiteral("truck-%1/status").arg(j % 12, 2, 10, QLatin1Char('0'));
            e.summary = QStringLiteral("status = moving (%1)").arg(i + j);
            e.payload = credentialEvery > 0 && (i + j) % credentialEvery == 0
                ? QStringLiteral(R"({"user_token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.c2ln","status":"moving"})")
                : QStringLiteral(R"([{"id":1000007,"status":"ok","result":[1700000000,"moving"]}])");
            list.append(e);
        }
        batches.append(list);
    }

    int run = 0;
    QBENCHMARK
    {
        EventStore store(masker);
        EventStoreOptions options;
        options.path = dir.filePath(QStringLiteral("events-%1.sqlite").arg(run++));
        bool opened = false;
        connect(&store, &EventStore::opened, this, [&](bool ok) { opened = ok; });
        store.open(options);
        QVERIFY(QTest::qWaitFor([&] { return opened; }, 10000));
        QElapsedTimer clock;
        clock.start();
        qint64 appendNs = 0;
        for (const EventList &list : std::as_const(batches)) {
            QElapsedTimer appendClock;
            appendClock.start();
            store.append(list);
            appendNs += appendClock.nsecsElapsed();
        }
        const qint64 total = static_cast<qint64>(batches.size()) * batch;
        QVERIFY(QTest::qWaitFor([&] { return store.committedCount() >= total; }, 120000));
        const double seconds = clock.nsecsElapsed() / 1e9;
        qInfo("%lld events committed in %.2f s: %.0f events/s (caller spent %.1f us per append of %d)", total, seconds,
            total / seconds, appendNs / 1e3 / batches.size(), batch);
        QTest::setBenchmarkResult(total / seconds, QTest::Events);
    }
}

void BenchEventStore::statusOfAMillionEvents()
{
    QTemporaryDir dir;
    EventStore store(nullptr);
    EventStoreOptions options;
    options.path = dir.filePath(QStringLiteral("events.sqlite"));
    options.retention = {0, 0};
    store.open(options);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    constexpr int kEvents = 1000000;
    for (int i = 0; i < kEvents; i += 10000) {
        EventList list;
        for (int j = 0; j < 10000; ++j) {
            Event e;
            e.t = now - kEvents + i + j;
            e.endpoint = QStringLiteral("HQ Exosite");
            e.path = QStringLiteral("truck-%1/status").arg(j % 12);
            e.summary = QStringLiteral("status = moving");
            e.payload = QStringLiteral(R"([{"id":1000007,"status":"ok","result":[1700000000,"moving"]}])");
            list.append(e);
        }
        store.append(list);
    }
    QVERIFY(QTest::qWaitFor([&] { return store.committedCount() >= kEvents; }, 300000));
    EventLogStatus status;
    connect(&store, &EventStore::statusReported, this, [&status](const EventLogStatus &s) { status = s; });
    QBENCHMARK
    {
        status = EventLogStatus();
        store.requestStatus();
        QVERIFY(QTest::qWaitFor([&] { return status.events > 0; }, 10000));
    }
    QCOMPARE(status.events, kEvents);
    qInfo("status: %lld events, %s used", status.events, qPrintable(formatByteSize(status.usedBytes)));
}

QTEST_GUILESS_MAIN(BenchEventStore)
#include "bench_eventstore.moc"
