#include "core/store/eventstore.h"
#include "core/store/eventstorereader.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;

// SIGKILL while events are being written: the database opens cleanly afterwards and holds every
// event handed over more than about a second before the kill.
class TestEventStoreCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedWriterLosesAtMostTheLastSecond();
};

namespace {
struct Status
{
    qint64 t = 0;
    qint64 handed = 0;
    qint64 committed = 0;
};
} // namespace

void TestEventStoreCrash::killedWriterLosesAtMostTheLastSecond()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("events.sqlite"));

    QProcess child;
    QVector<Status> statuses;
    QByteArray buffer;
    connect(&child, &QProcess::readyReadStandardOutput, this, [&] {
        buffer += child.readAllStandardOutput();
        qsizetype newline;
        while ((newline = buffer.indexOf('\n')) >= 0) {
            const QList<QByteArray> parts = buffer.left(newline).split(' ');
            buffer.remove(0, newline + 1);
            if (parts.size() == 4 && parts.at(0) == "status")
                statuses.append(Status {parts.at(1).toLongLong(), parts.at(2).toLongLong(), parts.at(3).toLongLong()});
        }
    });
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QStringLiteral(FLEETSCOPE_BIN_DIR "/eventstorekillhelper"), {path, QStringLiteral("5000")});
    QVERIFY(child.waitForStarted(10000));

    // Let it get going, then note what it had handed over at one moment...
    QTRY_VERIFY_WITH_TIMEOUT(!statuses.isEmpty() && statuses.last().committed >= 2000, 30000);
    const Status mark = statuses.last();
    // ...and kill it once its own clock says more than a second has passed since then.
    QTRY_VERIFY_WITH_TIMEOUT(statuses.last().t >= mark.t + 1200, 30000);
    const Status beforeKill = statuses.last();
    child.kill(); // SIGKILL
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    qInfo("at the mark: %lld handed over; last report before the kill: %lld handed over, %lld committed", mark.handed,
        beforeKill.handed, beforeKill.committed);

    EventStoreReader reader(path);
    QCOMPARE(reader.integrityCheck(), QStringLiteral("ok"));
    const qint64 stored = reader.count();
    qInfo("stored after the kill: %lld", stored);
    QVERIFY2(stored >= mark.handed, "events handed over more than a second before the kill are missing");
    QVERIFY2(stored >= beforeKill.committed, "events reported committed are missing");
    // The survivors are exactly the first `stored` events, in order: no hole, no torn row.
    EventQuery newest;
    newest.limit = 1;
    EventList last;
    QVERIFY(reader.query(newest, &last));
    QCOMPARE(last.size(), 1);
    QCOMPARE(last.first().summary, QStringLiteral("seq %1").arg(stored - 1));

    // The next start opens it cleanly and goes on writing.
    EventStore store(nullptr);
    QSignalSpy opened(&store, &EventStore::opened);
    EventStoreOptions options;
    options.path = path;
    options.retention.days = 0;
    store.open(options);
    QVERIFY(opened.wait(10000));
    QVERIFY(opened.first().at(0).toBool());
    Event e;
    e.t = 1;
    e.summary = QStringLiteral("after restart");
    store.append({e});
    store.flush();
    QTRY_COMPARE_WITH_TIMEOUT(store.committedCount(), 1, 10000);
    store.close();
    QCOMPARE(EventStoreReader(path).count(), stored + 1);
}

QTEST_GUILESS_MAIN(TestEventStoreCrash)
#include "tst_eventstorecrash.moc"
