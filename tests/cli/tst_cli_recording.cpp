// fleetscope-cli's file commands, run as a user would: record a session, export it, replay it,
// and query the event database the session was logged to. The CIK must appear in none of the
// files or outputs.
#include "tests/common/testsupport.h"

#include "core/store/eventstore.h"
#include "core/store/eventstorereader.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;

class TestCliRecording : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void recordExportReplay();
    void log_data();
    void log();
    void logUsageAndMissingDatabase();
    void logRetention();
    void logRetentionUsage();
    void exportOfDamagedFile();

private:
    QByteArray allFiles() const;

    std::unique_ptr<sim::Simulator> m_simulator;
    QTemporaryDir m_dir;
    QString m_recording;
    QString m_db;
    QString m_cik;
    QVector<QJsonObject> m_recordLines;
};

QByteArray TestCliRecording::allFiles() const
{
    QByteArray all;
    const QDir dir(m_dir.path());
    for (const QString &name : dir.entryList(QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

void TestCliRecording::initTestCase()
{
    m_simulator = test::startSimulator(QStringLiteral("exosite"));
    QVERIFY(m_simulator);
    m_cik = m_simulator->clientConfig().secret;
    m_recording = m_dir.filePath(QStringLiteral("session.fsrec"));
    m_db = m_dir.filePath(QStringLiteral("events.sqlite"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FLEETSCOPE_CIK"), m_cik);
    test::CliRun record(
        {QStringLiteral("record"), QStringLiteral("--protocol"), QStringLiteral("exosite"), QStringLiteral("--url"),
            m_simulator->clientConfig().url.toString(), QStringLiteral("--out"), m_recording,
            QStringLiteral("--log-db"), m_db, QStringLiteral("--count"), QStringLiteral("400")},
        env);
    QVERIFY(record.run(60000));
    QVERIFY2(record.exitCode() == 0, qPrintable(record.standardError()));
    QVERIFY(record.allLinesAreJson());
    m_recordLines = record.lines();
    QVERIFY(record.linesOfKind(QStringLiteral("sample")).size() > 100);
}

void TestCliRecording::recordExportReplay()
{
    QVERIFY(QFileInfo(m_recording).size() > 1000);
    QVERIFY2(!allFiles().contains(m_cik.toLatin1()), "the CIK is in a file");

    test::CliRun exported({QStringLiteral("export-recording"), m_recording});
    QVERIFY(exported.run());
    QCOMPARE(exported.exitCode(), 0);
    QVERIFY(exported.allLinesAreJson());
    const auto header = exported.linesOfKind(QStringLiteral("recording"));
    QCOMPARE(header.size(), 1);
    QCOMPARE(
        header.first().value(QLatin1String("endpoints")).toArray().first().toObject().value(QLatin1String("protocol")),
        QStringLiteral("exosite"));
    const auto frames = exported.linesOfKind(QStringLiteral("frame"));
    QVERIFY(frames.size() > 10);
    QCOMPARE(frames.first().value(QLatin1String("direction")).toString(), QStringLiteral("out"));
    QCOMPARE(frames.first().value(QLatin1String("text")).toString(), QStringLiteral(R"({"auth":{"cik":"***"}})"));
    QVERIFY(!exported.standardOutput().contains(m_cik.toLatin1()));

    test::CliRun replay({QStringLiteral("watch"), QStringLiteral("--replay"), m_recording, QStringLiteral("--speed"),
        QStringLiteral("0")});
    QVERIFY(replay.run());
    QVERIFY2(replay.exitCode() == 0, qPrintable(replay.standardError()));
    // The recording holds the frames up to the moment record stopped, so every sample record
    // printed comes back, in the same order.
    QVector<QJsonObject> recorded, replayed;
    for (const QJsonObject &line : m_recordLines) {
        if (line.value(QLatin1String("kind")) == QLatin1String("sample"))
            recorded.append(line);
    }
    replayed = replay.linesOfKind(QStringLiteral("sample"));
    QVERIFY(replayed.size() >= recorded.size());
    QCOMPARE(replayed.mid(0, recorded.size()), recorded);
    const auto states = replay.linesOfKind(QStringLiteral("state"));
    QCOMPARE(states.last().value(QLatin1String("state")).toString(), QStringLiteral("closed"));
}

void TestCliRecording::log_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("check"); // what every line must satisfy
    QTest::addColumn<int>("minLines");
    QTest::addColumn<int>("maxLines");
    QTest::newRow("everything") << QStringList() << QString() << 10 << 1000;
    QTest::newRow("limit") << QStringList {QStringLiteral("--limit"), QStringLiteral("5")} << QString() << 5 << 5;
    QTest::newRow("warnings and worse") << QStringList {QStringLiteral("--severity"), QStringLiteral("warning")}
                                        << QStringLiteral("severity>=warning") << 1 << 1000;
    QTest::newRow("search") << QStringList {QStringLiteral("--search"), QStringLiteral("TRUCK-06")}
                            << QStringLiteral("mentions truck-06") << 1 << 1000;
    QTest::newRow("endpoint") << QStringList {QStringLiteral("--endpoint"), QStringLiteral("exosite")}
                              << QStringLiteral("endpoint exosite") << 10 << 1000;
    QTest::newRow("other endpoint") << QStringList {QStringLiteral("--endpoint"), QStringLiteral("nobody")} << QString()
                                    << 0 << 0;
    QTest::newRow("since the future") << QStringList {QStringLiteral("--since"), QStringLiteral("2999-01-01")}
                                      << QString() << 0 << 0;
    QTest::newRow("last hour") << QStringList {QStringLiteral("--since"), QStringLiteral("1h"),
        QStringLiteral("--until"), QStringLiteral("now")}
                               << QString() << 10 << 1000;
}

void TestCliRecording::log()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, check);
    QFETCH(int, minLines);
    QFETCH(int, maxLines);
    test::CliRun run(QStringList {QStringLiteral("log"), QStringLiteral("--db"), m_db} + arguments);
    QVERIFY(run.run());
    QVERIFY2(run.exitCode() == 0, qPrintable(run.standardError()));
    QVERIFY(run.allLinesAreJson());
    const auto events = run.linesOfKind(QStringLiteral("event"));
    QCOMPARE(events.size(), run.lines().size());
    QVERIFY2(events.size() >= minLines && events.size() <= maxLines, qPrintable(QString::number(events.size())));
    qint64 previous = 0;
    for (const QJsonObject &e : events) {
        const qint64 t = e.value(QLatin1String("t")).toInteger();
        QVERIFY(t >= previous); // oldest first
        previous = t;
        QCOMPARE(e.value(QLatin1String("endpoint")).toString(), QStringLiteral("exosite"));
        const QString severity = e.value(QLatin1String("severity")).toString();
        if (check == QLatin1String("severity>=warning"))
            QVERIFY(severity == QLatin1String("warning") || severity == QLatin1String("error"));
        if (check == QLatin1String("mentions truck-06")) {
            const QString all = e.value(QLatin1String("summary")).toString() + e.value(QLatin1String("path")).toString()
                + e.value(QLatin1String("payload")).toString();
            QVERIFY(all.contains(QLatin1String("truck-06"), Qt::CaseInsensitive));
        }
    }
    QVERIFY(!run.standardOutput().contains(m_cik.toLatin1()));
}

void TestCliRecording::logUsageAndMissingDatabase()
{
    test::CliRun missing(
        {QStringLiteral("log"), QStringLiteral("--db"), m_dir.filePath(QStringLiteral("none.sqlite"))});
    QVERIFY(missing.run());
    QCOMPARE(missing.exitCode(), 5);
    QVERIFY(missing.standardError().contains(QLatin1String("no event database")));
    test::CliRun badSeverity({QStringLiteral("log"), QStringLiteral("--severity"), QStringLiteral("loud")});
    QVERIFY(badSeverity.run());
    QCOMPARE(badSeverity.exitCode(), 2);
    test::CliRun badTime({QStringLiteral("log"), QStringLiteral("--since"), QStringLiteral("yesterday-ish")});
    QVERIFY(badTime.run());
    QCOMPARE(badTime.exitCode(), 2);
    // FLEETSCOPE_DATA_DIR chooses the default database.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FLEETSCOPE_DATA_DIR"), m_dir.path());
    test::CliRun byEnv({QStringLiteral("log"), QStringLiteral("--limit"), QStringLiteral("1")}, env);
    QVERIFY(byEnv.run());
    QCOMPARE(byEnv.exitCode(), 0);
    QCOMPARE(byEnv.linesOfKind(QStringLiteral("event")).size(), 1);
}

void TestCliRecording::logRetention()
{
    // What the session's log holds, with the defaults nobody changed yet.
    test::CliRun shown({QStringLiteral("log"), QStringLiteral("--retention"), QStringLiteral("--db"), m_db});
    QVERIFY(shown.run());
    QVERIFY2(shown.exitCode() == 0, qPrintable(shown.standardError()));
    QCOMPARE(shown.lines().size(), 1);
    const QJsonObject status = shown.lines().first();
    QCOMPARE(status.value(QLatin1String("kind")).toString(), QStringLiteral("retention"));
    QCOMPARE(status.value(QLatin1String("days")).toInt(), 30);
    QCOMPARE(status.value(QLatin1String("bytes")).toInteger(), 1024ll * 1024 * 1024);
    QCOMPARE(status.value(QLatin1String("limit")).toString(), QStringLiteral("30 days, at most 1 GiB"));
    QVERIFY(status.value(QLatin1String("events")).toInteger() >= 10);
    QVERIFY(status.value(QLatin1String("usedBytes")).toInteger() > 0);
    QVERIFY(status.value(QLatin1String("oldest")).toInteger() > 0);

    // A log with a week-old event: keeping 2 days deletes it now, and the choice stays.
    const QString db = m_dir.filePath(QStringLiteral("aged.sqlite"));
    {
        EventStore store(nullptr);
        EventStoreOptions options;
        options.path = db;
        options.retention.days = 0;
        store.open(options);
        Event old, recent;
        old.t = QDateTime::currentMSecsSinceEpoch() - 7 * 86400000ll;
        old.summary = QStringLiteral("a week ago");
        recent.t = QDateTime::currentMSecsSinceEpoch();
        recent.summary = QStringLiteral("just now");
        store.append({old, recent});
        QVERIFY(QTest::qWaitFor([&store] { return store.committedCount() == 2; }, 10000));
    }
    test::CliRun keep({QStringLiteral("log"), QStringLiteral("--keep-days"), QStringLiteral("2"),
        QStringLiteral("--keep-size"), QStringLiteral("2G"), QStringLiteral("--db"), db});
    QVERIFY(keep.run());
    QVERIFY2(keep.exitCode() == 0, qPrintable(keep.standardError()));
    QCOMPARE(keep.lines().size(), 1);
    const QJsonObject changed = keep.lines().first();
    QCOMPARE(changed.value(QLatin1String("days")).toInt(), 2);
    QCOMPARE(changed.value(QLatin1String("bytes")).toInteger(), 2048ll * 1024 * 1024);
    QCOMPARE(changed.value(QLatin1String("deleted")).toInteger(), 1);
    QCOMPARE(changed.value(QLatin1String("events")).toInteger(), 1);
    test::CliRun left({QStringLiteral("log"), QStringLiteral("--db"), db});
    QVERIFY(left.run());
    QCOMPARE(left.linesOfKind(QStringLiteral("event")).size(), 1);
    QCOMPARE(left.lines().first().value(QLatin1String("summary")).toString(), QStringLiteral("just now"));
    // Changing one limit keeps the other.
    test::CliRun noSize(
        {QStringLiteral("log"), QStringLiteral("--keep-size"), QStringLiteral("0"), QStringLiteral("--db"), db});
    QVERIFY(noSize.run());
    QVERIFY2(noSize.exitCode() == 0, qPrintable(noSize.standardError()));
    test::CliRun again({QStringLiteral("log"), QStringLiteral("--retention"), QStringLiteral("--db"), db});
    QVERIFY(again.run());
    QCOMPARE(again.lines().first().value(QLatin1String("days")).toInt(), 2);
    QCOMPARE(again.lines().first().value(QLatin1String("bytes")).toInteger(), 0);
    QCOMPARE(again.lines().first().value(QLatin1String("limit")).toString(), QStringLiteral("2 days"));
}

void TestCliRecording::logRetentionUsage()
{
    const QString db = m_dir.filePath(QStringLiteral("untouched.sqlite"));
    struct Case
    {
        QStringList arguments;
        int exitCode;
        const char *message;
    };
    const Case cases[] = {
        {{QStringLiteral("--keep-size"), QStringLiteral("500")}, 2, "at least 1M"},
        {{QStringLiteral("--keep-size"), QStringLiteral("5X")}, 2, "--keep-size needs"},
        {{QStringLiteral("--keep-days"), QStringLiteral("-1")}, 2, "--keep-days needs"},
        {{QStringLiteral("--keep-days"), QStringLiteral("soon")}, 2, "--keep-days needs"},
        {{QStringLiteral("--retention"), QStringLiteral("--search"), QStringLiteral("x")}, 2, "does not go with"},
        {{QStringLiteral("--retention")}, 5, "no event database"},
    };
    for (const Case &c : cases) {
        test::CliRun run(QStringList {QStringLiteral("log"), QStringLiteral("--db"), db} + c.arguments);
        QVERIFY(run.run());
        QVERIFY2(run.exitCode() == c.exitCode, qPrintable(c.arguments.join(QLatin1Char(' '))));
        QVERIFY2(run.standardError().contains(QLatin1String(c.message)), qPrintable(run.standardError()));
        QVERIFY(run.lines().isEmpty());
    }
    QVERIFY(!QFile::exists(db)); // refused arguments create nothing
}

void TestCliRecording::exportOfDamagedFile()
{
    const QString damaged = m_dir.filePath(QStringLiteral("damaged.fsrec"));
    QFile::remove(damaged);
    QVERIFY(QFile::copy(m_recording, damaged));
    QFile file(damaged);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(file.size() / 2));
    file.close();
    test::CliRun exported({QStringLiteral("export-recording"), damaged});
    QVERIFY(exported.run());
    QCOMPARE(exported.exitCode(), 5);
    QVERIFY(exported.linesOfKind(QStringLiteral("frame")).size() > 0);
    QVERIFY2(exported.standardError().contains(QLatin1String("cut short")), qPrintable(exported.standardError()));
    test::CliRun notOne({QStringLiteral("export-recording"), m_db});
    QVERIFY(notOne.run());
    QCOMPARE(notOne.exitCode(), 5);
    QVERIFY(notOne.standardError().contains(QLatin1String("not a Fleetscope recording")));
}

QTEST_GUILESS_MAIN(TestCliRecording)
#include "tst_cli_recording.moc"
