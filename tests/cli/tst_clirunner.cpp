// fleetscope-cli end to end: the real binary against the Exosite simulator on 127.0.0.1, checked
// against the contract in docs/cli-contract.md (JSON Lines, exit codes, stderr messages).
#include "sim/exosite/exositesimulator.h"
#include "tests/common/testsupport.h"

#include <QJsonDocument>
#include <QTest>

using namespace fleetscope;
using sim::exosite::ExositeWorld;
using test::CliRun;

class tst_CliRunner : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sim::Simulator> m_sim;
    QString url() const { return m_sim->clientConfig().url.toString(); }
    QProcessEnvironment env(const QString &cik = ExositeWorld::cikFor(QString())) const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("FLEETSCOPE_CIK"), cik);
        return e;
    }
    QStringList base(const QString &command) const
    {
        return {command, QStringLiteral("--protocol"), QStringLiteral("exosite"), QStringLiteral("--url"), url()};
    }

private Q_SLOTS:
    void init()
    {
        const bool generator = QString::fromLatin1(QTest::currentTestFunction()).startsWith(QLatin1String("watch"));
        m_sim = test::startSimulator(QStringLiteral("exosite"), {{QStringLiteral("generator"), generator}});
        QVERIFY(m_sim);
    }
    void cleanup() { m_sim.reset(); }

    void browseListsTheDataports()
    {
        CliRun cli(base(QStringLiteral("browse")), env());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY(cli.allLinesAreJson());
        QHash<QString, QJsonObject> topics;
        for (const QJsonObject &t : cli.linesOfKind(QStringLiteral("topic")))
            topics.insert(t.value(QLatin1String("path")).toString(), t);
        QCOMPARE(topics.value(QStringLiteral("truck-01/temperature")).value(QLatin1String("type")).toString(),
            QStringLiteral("dataport.float"));
        QCOMPARE(topics.value(QStringLiteral("truck-01/temperature")).value(QLatin1String("node")).toString(),
            QStringLiteral("stream"));
        QCOMPARE(
            topics.value(QStringLiteral("truck-01/temperature")).value(QLatin1String("subscribable")).toBool(), true);
        QCOMPARE(
            topics.value(QStringLiteral("truck-05")).value(QLatin1String("node")).toString(), QStringLiteral("device"));
        QCOMPARE(topics.value(QStringLiteral("status")).value(QLatin1String("type")).toString(),
            QStringLiteral("dataport.string"));
        QCOMPARE(topics.size(), 58);
        const auto states = cli.linesOfKind(QStringLiteral("state"));
        QCOMPARE(states.first().value(QLatin1String("state")).toString(), QStringLiteral("connecting"));
        bool ready = false;
        for (const auto &s : states)
            ready = ready || s.value(QLatin1String("state")).toString() == QLatin1String("ready");
        QVERIFY(ready);
    }

    void watchYieldsSamplesWithIncreasingTime()
    {
        QStringList args = base(QStringLiteral("watch"));
        args << QStringLiteral("--subscribe") << QStringLiteral("truck-01/temperature") << QStringLiteral("--subscribe")
             << QStringLiteral("truck-01/rpm") << QStringLiteral("--count") << QStringLiteral("206");
        CliRun cli(args, env());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 0);
        const auto samples = cli.linesOfKind(QStringLiteral("sample"));
        const auto events = cli.linesOfKind(QStringLiteral("event"));
        QCOMPARE(samples.size() + events.size(), 206); // exactly --count
        QHash<QString, qint64> last;
        int live = 0;
        const qint64 startedNear = QDateTime::currentMSecsSinceEpoch() - 60000;
        for (const QJsonObject &s : samples) {
            const QString path = s.value(QLatin1String("path")).toString();
            const qint64 t = s.value(QLatin1String("t")).toInteger();
            QVERIFY2(t > last.value(path), "time increases per series");
            last[path] = t;
            live += t > startedNear;
            QVERIFY(s.value(QLatin1String("value")).isDouble());
        }
        QVERIFY2(live >= 2, "after the history, live samples arrive");
    }

    void watchAStringDataportYieldsEvents()
    {
        QStringList args = base(QStringLiteral("watch"));
        args << QStringLiteral("--subscribe") << QStringLiteral("truck-02/gps") << QStringLiteral("--count")
             << QStringLiteral("50");
        CliRun cli(args, env());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 0);
        int gps = 0;
        for (const QJsonObject &e : cli.linesOfKind(QStringLiteral("event"))) {
            if (e.value(QLatin1String("path")).toString() == QLatin1String("truck-02/gps")
                && e.value(QLatin1String("summary")).toString().startsWith(QLatin1String("gps = {")))
                ++gps;
        }
        QVERIFY(gps >= 48);
        QVERIFY(cli.linesOfKind(QStringLiteral("sample")).isEmpty());
    }

    void watchForEndsAfterTheGivenTime()
    {
        QStringList args = base(QStringLiteral("watch"));
        args << QStringLiteral("--subscribe") << QStringLiteral("ambient") << QStringLiteral("--for")
             << QStringLiteral("1.5");
        QElapsedTimer timer;
        timer.start();
        CliRun cli(args, env());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY(timer.elapsed() >= 1500);
        QVERIFY(!cli.linesOfKind(QStringLiteral("sample")).isEmpty());
    }

    void sendWritesAValueThatALaterReadReturns()
    {
        QStringList write = base(QStringLiteral("send"));
        write << QStringLiteral("--target") << QStringLiteral("truck-03/temperature") << QStringLiteral("--payload")
              << QStringLiteral("27.25");
        CliRun sent(write, env());
        QVERIFY(sent.run());
        QCOMPARE(sent.exitCode(), 0);
        const auto replies = sent.linesOfKind(QStringLiteral("reply"));
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].value(QLatin1String("ok")).toBool(), true);

        QStringList read = base(QStringLiteral("send"));
        read << QStringLiteral("--target") << QStringLiteral("truck-03/temperature") << QStringLiteral("--payload")
             << QStringLiteral(R"({"calls":[{"id":${id},"procedure":"read","arguments":["${rid}",{}]}]})");
        CliRun again(read, env());
        QVERIFY(again.run());
        QCOMPARE(again.exitCode(), 0);
        const QJsonArray payload = QJsonDocument::fromJson(
            again.linesOfKind(QStringLiteral("reply"))[0].value(QLatin1String("payload")).toString().toUtf8())
                                       .array();
        QCOMPARE(
            payload.at(0).toObject().value(QLatin1String("result")).toArray().at(0).toArray().at(1).toDouble(), 27.25);
    }

    void aWrongKeyExits3SayingAuthenticationFailed()
    {
        CliRun cli(base(QStringLiteral("browse")), env(QString(40, QLatin1Char('0'))));
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 3);
        QVERIFY2(cli.standardError().contains(QLatin1String("authentication rejected by server")),
            qPrintable(cli.standardError()));
        QVERIFY(cli.linesOfKind(QStringLiteral("topic")).isEmpty());
    }

    void anUnreachableServerExits3()
    {
        const QString deadUrl = url();
        m_sim.reset();
        CliRun cli({QStringLiteral("browse"), QStringLiteral("--protocol"), QStringLiteral("exosite"),
                       QStringLiteral("--url"), deadUrl},
            env());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 3);
        QVERIFY2(cli.standardError().contains(QLatin1String("could not connect")), qPrintable(cli.standardError()));
    }

    void theServerRejectingACommandExits4()
    {
        QStringList args = base(QStringLiteral("send"));
        args << QStringLiteral("--target") << QStringLiteral("truck-06/rpm") << QStringLiteral("--payload")
             << QStringLiteral("900");
        CliRun cli(args, env());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 4);
        QVERIFY(cli.standardError().contains(QLatin1String("locked")));
        QCOMPARE(cli.linesOfKind(QStringLiteral("reply"))[0].value(QLatin1String("ok")).toBool(), false);
    }

    void aBadPayloadIsAUsageError()
    {
        QStringList args = base(QStringLiteral("send"));
        args << QStringLiteral("--target") << QStringLiteral("ambient") << QStringLiteral("--payload")
             << QStringLiteral("{\"calls\":[");
        CliRun cli(args, env());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY(cli.standardError().contains(QLatin1String("not valid JSON")));
    }

    void usageErrorsExit2()
    {
        CliRun noUrl({QStringLiteral("browse"), QStringLiteral("--protocol"), QStringLiteral("exosite")}, env());
        QVERIFY(noUrl.run());
        QCOMPARE(noUrl.exitCode(), 2);
        QVERIFY(noUrl.standardError().contains(QLatin1String("--url")));
        CliRun badProtocol({QStringLiteral("browse"), QStringLiteral("--protocol"), QStringLiteral("mqtt"),
                               QStringLiteral("--url"), url()},
            env());
        QVERIFY(badProtocol.run());
        QCOMPARE(badProtocol.exitCode(), 2);
        QVERIFY(badProtocol.standardError().contains(QLatin1String("unknown protocol")));
        CliRun badCommand({QStringLiteral("explode")}, env());
        QVERIFY(badCommand.run());
        QCOMPARE(badCommand.exitCode(), 2);
    }

    void theKeyCanComeFromStdin()
    {
        QStringList args = base(QStringLiteral("browse"));
        args << QStringLiteral("--cik-stdin");
        QProcessEnvironment noKey = QProcessEnvironment::systemEnvironment();
        noKey.remove(QStringLiteral("FLEETSCOPE_CIK"));
        CliRun cli(args, noKey, ExositeWorld::cikFor(QString()).toUtf8() + '\n');
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 0);
    }

    void aKeyInArgvWorksButIsWarnedAbout()
    {
        QStringList args = base(QStringLiteral("browse"));
        args << QStringLiteral("--cik") << ExositeWorld::cikFor(QString());
        QProcessEnvironment noKey = QProcessEnvironment::systemEnvironment();
        noKey.remove(QStringLiteral("FLEETSCOPE_CIK"));
        CliRun cli(args, noKey);
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY(cli.standardError().contains(QLatin1String("warning")));
        QVERIFY(!cli.standardOutput().contains(ExositeWorld::cikFor(QString()).toUtf8()));
    }

    void aPasswordIsNeverTakenFromArgv()
    {
        CliRun cli({QStringLiteral("browse"), QStringLiteral("--protocol"), QStringLiteral("opentera"),
            QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--user"),
            QStringLiteral("admin"), QStringLiteral("--password"), QStringLiteral("admin")});
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY(cli.standardError().contains(QLatin1String("never taken from the command line")));
    }
};

QTEST_GUILESS_MAIN(tst_CliRunner)
#include "tst_clirunner.moc"
