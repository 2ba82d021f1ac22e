#include "sim/intu/intusimulator.h"
#include "tests/common/testsupport.h"

#include <QJsonArray>
#include <QTest>

using namespace fleetscope;
using fleetscope::sim::intu::IntuSimulator;

namespace {

QVariantMap lively()
{
    return {{QStringLiteral("cadenceScale"), 0.05}, {QStringLiteral("fakeChildMs"), 3600000}};
}

QStringList common(const QString &command, sim::Simulator *simulator)
{
    return {command, QStringLiteral("--protocol"), QStringLiteral("intu"), QStringLiteral("--url"),
        simulator->clientConfig().url.toString()};
}

QProcessEnvironment withoutToken()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("FLEETSCOPE_TOKEN"));
    return environment;
}

QStringList valuesOf(const QVector<QJsonObject> &lines, const char *key)
{
    QStringList out;
    for (const QJsonObject &line : lines)
        out << line.value(QLatin1String(key)).toString();
    return out;
}

} // namespace

// The real fleetscope-cli binary against the simulator, the way a new user would try it.
class tst_IntuCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void browseListsEveryInstance()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), lively());
        QVERIFY(simulator);
        test::CliRun cli(common(QStringLiteral("browse"), simulator.get()), withoutToken());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY(cli.allLinesAreJson());
        const QStringList paths = valuesOf(cli.linesOfKind(QStringLiteral("topic")), "path");
        for (const char *path : {"log", "sensor-System", "pepper-7f3a", "pepper-7f3a/sensor-Sonar", "nao-2c91/log",
                 "nao-2c91/sensor-Touch"})
            QVERIFY2(paths.contains(QLatin1String(path)), path);
        const QStringList states = valuesOf(cli.linesOfKind(QStringLiteral("state")), "state");
        QVERIFY(states.contains(QStringLiteral("ready")));
    }

    void watchLogStopsAfterCount()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), lively());
        QVERIFY(simulator);
        QStringList args = common(QStringLiteral("watch"), simulator.get());
        args << QStringLiteral("--subscribe") << QStringLiteral("log") << QStringLiteral("--count")
             << QStringLiteral("12");
        test::CliRun cli(args, withoutToken());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 0);
        const auto events = cli.linesOfKind(QStringLiteral("event"));
        QCOMPARE(events.size() + cli.linesOfKind(QStringLiteral("sample")).size(), 12);
        int logs = 0;
        for (const QJsonObject &event : events) {
            if (event.value(QLatin1String("path")).toString() != QLatin1String("log"))
                continue;
            ++logs;
            QVERIFY(QStringList(
                {QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"), QStringLiteral("error")})
                        .contains(event.value(QLatin1String("severity")).toString()));
            QVERIFY(event.value(QLatin1String("summary")).toString().startsWith(QLatin1Char('[')));
        }
        QVERIFY(logs >= 10);
    }

    void watchHealthYieldsSamples()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), lively());
        QVERIFY(simulator);
        QStringList args = common(QStringLiteral("watch"), simulator.get());
        args << QStringLiteral("--subscribe") << QStringLiteral("sensor-System") << QStringLiteral("--count")
             << QStringLiteral("8");
        test::CliRun cli(args, withoutToken());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 0);
        const QStringList paths = valuesOf(cli.linesOfKind(QStringLiteral("sample")), "path");
        QVERIFY(paths.contains(QStringLiteral("sensor-System/cpuUsage")));
        QVERIFY(paths.contains(QStringLiteral("sensor-System/freeMemory")));
    }

    void watchWithoutSubscribeWatchesEverything()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), lively());
        QVERIFY(simulator);
        QStringList args = common(QStringLiteral("watch"), simulator.get());
        args << QStringLiteral("--for") << QStringLiteral("2");
        test::CliRun cli(args, withoutToken());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 0);
        const QStringList samples = valuesOf(cli.linesOfKind(QStringLiteral("sample")), "path");
        const QStringList events = valuesOf(cli.linesOfKind(QStringLiteral("event")), "path");
        QVERIFY(samples.contains(QStringLiteral("pepper-7f3a/sensor-Sonar/m_fDistance")));
        QVERIFY(samples.contains(QStringLiteral("sensor-Camera/fps")));
        QVERIFY(samples.contains(QStringLiteral("sensor-Microphone/rms")));
        QVERIFY(events.contains(QStringLiteral("nao-2c91/log")));
        QVERIFY(events.contains(QStringLiteral("blackboard-stream")));
    }

    void watchGoesOnAfterAnUnknownTopic()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), lively());
        QVERIFY(simulator);
        QStringList args = common(QStringLiteral("watch"), simulator.get());
        args << QStringLiteral("--subscribe") << QStringLiteral("no-such-topic") << QStringLiteral("--subscribe")
             << QStringLiteral("log") << QStringLiteral("--count") << QStringLiteral("6");
        test::CliRun cli(args, withoutToken());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 0);
        bool failed = false;
        int logs = 0;
        for (const QJsonObject &event : cli.linesOfKind(QStringLiteral("event"))) {
            const QString path = event.value(QLatin1String("path")).toString();
            failed = failed
                || (path == QLatin1String("no-such-topic")
                    && event.value(QLatin1String("severity")).toString() == QLatin1String("error"));
            logs += path == QLatin1String("log") ? 1 : 0;
        }
        QVERIFY(failed);
        QVERIFY(logs >= 1);
    }

    void sendSayReachesTheRobot()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), lively());
        QVERIFY(simulator);
        auto *sim = static_cast<IntuSimulator *>(simulator.get());
        QStringList args = common(QStringLiteral("send"), simulator.get());
        args << QStringLiteral("--target") << QStringLiteral("blackboard") << QStringLiteral("--payload")
             << QStringLiteral(
                    R"({"event":"add_object","type":"Say","thing":{"Type_":"Say","m_Text":"Hello, I am Intu"}})");
        test::CliRun cli(args, withoutToken());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 0);
        const auto replies = cli.linesOfKind(QStringLiteral("reply"));
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies.first().value(QLatin1String("ok")).toBool(), true);
        QJsonObject arrived;
        for (const QJsonObject &m : sim->receivedMessages()) {
            if (m.value(QLatin1String("msg")).toString() == QLatin1String("publish_at"))
                arrived = m;
        }
        QCOMPARE(arrived.value(QLatin1String("targets")).toArray(), QJsonArray {QStringLiteral("blackboard")});
        QVERIFY(arrived.value(QLatin1String("data")).isString());
        QVERIFY(arrived.value(QLatin1String("data")).toString().contains(QLatin1String("Hello, I am Intu")));
        QVERIFY(arrived.value(QLatin1String("origin")).toString().startsWith(QLatin1String("fleetscope-")));
        // The robot has it on its blackboard.
        QVERIFY(!sim->body(IntuSimulator::kRootId)->blackboard()->guidOfLast(QStringLiteral("Say")).isEmpty());
    }

    void sendRefusesBrokenJson()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), lively());
        QVERIFY(simulator);
        QStringList args = common(QStringLiteral("send"), simulator.get());
        args << QStringLiteral("--target") << QStringLiteral("blackboard") << QStringLiteral("--payload")
             << QStringLiteral(R"({"event":)");
        test::CliRun cli(args, withoutToken());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY(cli.standardError().contains(QLatin1String("does not parse")));
        for (const QJsonObject &m : static_cast<IntuSimulator *>(simulator.get())->receivedMessages())
            QVERIFY(m.value(QLatin1String("msg")).toString() != QLatin1String("publish_at"));
    }

    void wrongTokenExitsThree()
    {
        QVariantMap options = lively();
        options.insert(QStringLiteral("token"), QStringLiteral("right"));
        auto simulator = test::startSimulator(QStringLiteral("intu"), options);
        QVERIFY(simulator);
        QProcessEnvironment environment = withoutToken();
        environment.insert(QStringLiteral("FLEETSCOPE_TOKEN"), QStringLiteral("wrong"));
        test::CliRun refused(common(QStringLiteral("browse"), simulator.get()), environment);
        QVERIFY(refused.run());
        QCOMPARE(refused.exitCode(), 3);
        QVERIFY2(refused.standardError().contains(QLatin1String("authentication rejected")),
            qPrintable(refused.standardError()));
        QVERIFY(!refused.standardOutput().contains("wrong")); // the secret is never echoed

        environment.insert(QStringLiteral("FLEETSCOPE_TOKEN"), QStringLiteral("right"));
        test::CliRun accepted(common(QStringLiteral("browse"), simulator.get()), environment);
        QVERIFY(accepted.run());
        QCOMPARE(accepted.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_IntuCli)
#include "tst_intucli.moc"
