// fleetscope-cli --protocol opentera as a user runs it against the simulator: the real binary,
// the password from the environment or stdin, JSON Lines on stdout.
#include "sim/opentera/openterasimulator.h"
#include "tests/common/testsupport.h"

#include <QTest>
#include <QTimer>

using namespace fleetscope;

namespace {

QVariantMap lively()
{
    return {{QStringLiteral("statusMs"), 50}, {QStringLiteral("presenceMs"), 100}, {QStringLiteral("vanishMs"), 200},
        {QStringLiteral("sessionMs"), 1500}, {QStringLiteral("unknownMs"), 0}};
}

QProcessEnvironment withPassword(const QString &password)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FLEETSCOPE_PASSWORD"), password);
    return environment;
}

QStringList arguments(const QString &command, const sim::Simulator &simulator, const QStringList &extra = {})
{
    return QStringList {command, QStringLiteral("--protocol"), QStringLiteral("opentera"), QStringLiteral("--url"),
               simulator.clientConfig().url.toString(), QStringLiteral("--user"), QStringLiteral("admin")}
    + extra;
}

QStringList values(const QVector<QJsonObject> &lines, const char *key)
{
    QStringList out;
    for (const QJsonObject &line : lines)
        out << line.value(QLatin1String(key)).toString();
    return out;
}

} // namespace

class tst_OpenTeraCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void browseListsTheOnlineEntities();
    void passwordFromStdin();
    void watchYieldsStatusSamplesAndPresenceEvents();
    void wrongPasswordExits3();
    void disconnectedByServerEndsTheWatch();
};

void tst_OpenTeraCli::browseListsTheOnlineEntities()
{
    auto simulator = test::startSimulator(QStringLiteral("opentera"), {{QStringLiteral("generator"), false}});
    QVERIFY(simulator);
    test::CliRun run(arguments(QStringLiteral("browse"), *simulator), withPassword(QStringLiteral("admin")));
    QVERIFY(run.run());
    QVERIFY2(run.exitCode() == 0, qPrintable(run.standardError()));
    QVERIFY(run.allLinesAreJson());
    const QStringList paths = values(run.linesOfKind(QStringLiteral("topic")), "path");
    for (const char *expected : {"users", "participants", "devices", "sessions", "users/Super Admin",
             "participants/P-0041", "participants/P-0042", "participants/P-0045", "participants/P-0043",
             "devices/Robot-01", "devices/Robot-02", "devices/SensorHub-A", "devices/Robot-01/battery",
             "devices/Robot-01/motors/left_temp", "devices/SensorHub-A/ambient/humidity"})
        QVERIFY2(paths.contains(QLatin1String(expected)), expected);
    QVERIFY(!paths.contains(QLatin1String("devices/Tablet-07"))); // offline
    QVERIFY(!paths.contains(QLatin1String("participants/P-0044")));
    QCOMPARE(paths.count(QStringLiteral("devices/Robot-01")), 1); // each topic once
    const QStringList states = values(run.linesOfKind(QStringLiteral("state")), "state");
    QVERIFY(states.contains(QLatin1String("ready")));
    QTRY_COMPARE(simulator->connectionCount(), 0); // it logged out / closed
}

void tst_OpenTeraCli::passwordFromStdin()
{
    auto simulator = test::startSimulator(QStringLiteral("opentera"), {{QStringLiteral("generator"), false}});
    QVERIFY(simulator);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("FLEETSCOPE_PASSWORD"));
    test::CliRun run(arguments(QStringLiteral("browse"), *simulator, {QStringLiteral("--password-stdin")}), environment,
        QByteArray("admin\n"));
    QVERIFY(run.run());
    QVERIFY2(run.exitCode() == 0, qPrintable(run.standardError()));
    QVERIFY(!run.linesOfKind(QStringLiteral("topic")).isEmpty());
}

void tst_OpenTeraCli::watchYieldsStatusSamplesAndPresenceEvents()
{
    auto simulator = test::startSimulator(QStringLiteral("opentera"), lively());
    QVERIFY(simulator);
    test::CliRun run(arguments(QStringLiteral("watch"), *simulator, {QStringLiteral("--for"), QStringLiteral("3")}),
        withPassword(QStringLiteral("admin")));
    QVERIFY(run.run());
    QVERIFY2(run.exitCode() == 0, qPrintable(run.standardError()));
    QVERIFY(run.allLinesAreJson());
    const auto samples = run.linesOfKind(QStringLiteral("sample"));
    const QStringList samplePaths = values(samples, "path");
    QVERIFY(samplePaths.contains(QLatin1String("devices/Robot-01/battery"))
        || samplePaths.contains(QLatin1String("devices/Robot-02/battery")));
    for (const QJsonObject &sample : samples) {
        QVERIFY(sample.value(QLatin1String("path")).toString().startsWith(QLatin1String("devices/")));
        QVERIFY(sample.value(QLatin1String("value")).isDouble());
    }
    const QStringList summaries = values(run.linesOfKind(QStringLiteral("event")), "summary");
    auto any = [&summaries](const QString &suffix) {
        for (const QString &summary : summaries) {
            if (summary.endsWith(suffix))
                return true;
        }
        return false;
    };
    QVERIFY2(any(QStringLiteral(" online")), qPrintable(summaries.join(QLatin1Char('\n'))));
    QVERIFY2(any(QStringLiteral(" offline")) || any(QStringLiteral(" left a session")),
        qPrintable(summaries.join(QLatin1Char('\n'))));
}

void tst_OpenTeraCli::wrongPasswordExits3()
{
    auto simulator = test::startSimulator(QStringLiteral("opentera"), {{QStringLiteral("generator"), false}});
    QVERIFY(simulator);
    test::CliRun run(arguments(QStringLiteral("watch"), *simulator, {QStringLiteral("--for"), QStringLiteral("20")}),
        withPassword(QStringLiteral("not-the-password")));
    QVERIFY(run.run());
    QCOMPARE(run.exitCode(), 3);
    QVERIFY2(run.standardError().contains(QLatin1String("authentication failed")), qPrintable(run.standardError()));
    QVERIFY2(run.standardError().contains(QLatin1String("authentication rejected by server")),
        qPrintable(run.standardError()));
    QVERIFY(!run.standardError().contains(QLatin1String("not-the-password")));
    QVERIFY(!QString::fromUtf8(run.standardOutput()).contains(QLatin1String("not-the-password")));
    QCOMPARE(simulator->connectionCount(), 0);
}

void tst_OpenTeraCli::disconnectedByServerEndsTheWatch()
{
    auto simulator = test::startSimulator(QStringLiteral("opentera"), {{QStringLiteral("generator"), false}});
    QVERIFY(simulator);
    auto *sim = static_cast<sim::opentera::OpenTeraSimulator *>(simulator.get());
    const QString admin = sim->accounts().byLogin(QStringLiteral("admin"))->uuid;
    // As an administrator's GET /api/user/disconnect would, once the CLI is connected.
    connect(sim, &sim::opentera::OpenTeraSimulator::userConnected, sim,
        [sim, admin] { QTimer::singleShot(200, sim, [sim, admin] { sim->disconnectUser(admin); }); });
    test::CliRun run(arguments(QStringLiteral("watch"), *simulator, {QStringLiteral("--for"), QStringLiteral("60")}),
        withPassword(QStringLiteral("admin")));
    QVERIFY(run.run(40000)); // well before --for: it does not reconnect
    QCOMPARE(run.exitCode(), 3);
    QVERIFY2(run.standardError().contains(QLatin1String("disconnected by server")), qPrintable(run.standardError()));
    QCOMPARE(sim->requestCount(QStringLiteral("/api/user/login")), 1);
    const QStringList summaries = values(run.linesOfKind(QStringLiteral("event")), "summary");
    QVERIFY(summaries.contains(QLatin1String("disconnected by server (logout/admin)")));
}

QTEST_GUILESS_MAIN(tst_OpenTeraCli)
#include "tst_openteracli.moc"
