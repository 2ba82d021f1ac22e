// fleetscope-cli watch --rules (docs/architecture.md#devices-presence-and-alerts-coremonitor; the contract's monitoring
// extension): the real binary against simulators on 127.0.0.1 — kind "alert" lines for firing and
// resolved transitions only, exit 5 with rule index, key and why for a bad rules file, and a watch
// without --subscribe follows topics that appear after it started (an OpenTera device that comes
// online later).
#include "sim/exosite/exositesimulator.h"
#include "sim/opentera/openterasimulator.h"
#include "tests/common/testsupport.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace fleetscope;
using sim::exosite::ExositeWorld;
using test::CliRun;

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write(content);
    return file.fileName();
}

QProcessEnvironment withCik()
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("FLEETSCOPE_CIK"), ExositeWorld::cikFor(QString()));
    return e;
}

// fleetscope-cli run with its stdout read as it comes, so a test can act on what it printed.
class CliStream : public QObject
{
public:
    explicit CliStream(const QStringList &arguments, const QProcessEnvironment &environment)
    {
        m_process.setProcessEnvironment(environment);
        connect(&m_process, &QProcess::readyReadStandardOutput, this, [this] {
            m_buffer += m_process.readAllStandardOutput();
            qsizetype end;
            while ((end = m_buffer.indexOf('\n')) >= 0) {
                const QJsonObject line = QJsonDocument::fromJson(m_buffer.left(end)).object();
                m_buffer.remove(0, end + 1);
                if (!line.isEmpty())
                    lines << line;
            }
        });
        m_process.start(test::cliPath(), arguments);
    }
    ~CliStream() override
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    bool hasSample(const QString &pathPrefix) const
    {
        for (const QJsonObject &line : lines) {
            if (line.value(QLatin1String("kind")).toString() == QLatin1String("sample")
                && line.value(QLatin1String("path")).toString().startsWith(pathPrefix))
                return true;
        }
        return false;
    }
    QVector<QJsonObject> lines;

private:
    QProcess m_process;
    QByteArray m_buffer;
};

} // namespace

class tst_CliAlerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void watchPrintsFiringAndResolvedLines()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"), {{QStringLiteral("generator"), false}});
        QVERIFY(simulator);
        auto &world = static_cast<sim::exosite::ExositeSimulator *>(simulator.get())->world();
        QTemporaryDir dir;
        const QString rules = writeFile(dir, QStringLiteral("alerts.json"),
            R"({"version": 1, "rules": [
                 {"name": "too hot", "path": "truck-01/temperature", "above": 90, "clear": 60, "severity": "critical"},
                 {"name": "never", "path": "truck-01/temperature", "below": -100}]})");
        // The truck's temperature goes hot, hovers between threshold and clear, cools, again; a
        // value a second (the platform keeps one point per second and notifies it).
        const double cycle[] = {20, 95, 80, 92, 70, 50, 40};
        int step = 0;
        QTimer sensor;
        const QString rid = ExositeWorld::ridFor(QStringLiteral("truck-01/temperature"));
        connect(&sensor, &QTimer::timeout, this, [&] { world.write(rid, cycle[step++ % 7]); });
        sensor.start(1100);
        CliRun cli({QStringLiteral("watch"), QStringLiteral("--protocol"), QStringLiteral("exosite"),
                       QStringLiteral("--url"), simulator->clientConfig().url.toString(), QStringLiteral("--subscribe"),
                       QStringLiteral("truck-01/temperature"), QStringLiteral("--rules"), rules,
                       QStringLiteral("--for"), QStringLiteral("10")},
            withCik());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY(cli.allLinesAreJson());
        const auto alerts = cli.linesOfKind(QStringLiteral("alert"));
        QVERIFY2(alerts.size() >= 2, cli.standardOutput().constData());
        QString expected = QStringLiteral("firing");
        for (const QJsonObject &alert : alerts) {
            QCOMPARE(alert.value(QLatin1String("rule")).toString(), QStringLiteral("too hot"));
            QCOMPARE(alert.value(QLatin1String("state")).toString(), expected); // strictly alternating: once each
            QCOMPARE(alert.value(QLatin1String("path")).toString(), QStringLiteral("truck-01/temperature"));
            QCOMPARE(alert.value(QLatin1String("endpoint")).toString(), QStringLiteral("exosite"));
            QCOMPARE(alert.value(QLatin1String("severity")).toString(), QStringLiteral("critical"));
            QCOMPARE(alert.value(QLatin1String("source")).toString(), QStringLiteral("rule"));
            QVERIFY(alert.value(QLatin1String("t")).toDouble() > 1.7e12);
            QVERIFY(!alert.value(QLatin1String("summary")).toString().isEmpty());
            const double value = alert.value(QLatin1String("value")).toDouble();
            if (expected == QLatin1String("firing"))
                QVERIFY2(value > 90, qPrintable(QString::number(value)));
            else
                QVERIFY2(value <= 60, qPrintable(QString::number(value)));
            expected = expected == QLatin1String("firing") ? QStringLiteral("resolved") : QStringLiteral("firing");
        }
        // Samples and events are printed as before; pending transitions never are.
        QVERIFY(!cli.linesOfKind(QStringLiteral("sample")).isEmpty());
    }

    void aBadRulesFileExits5NamingRuleAndKey()
    {
        QTemporaryDir dir;
        const QString rules = writeFile(dir, QStringLiteral("alerts.json"),
            R"({"version": 1, "rules": [
                 {"name": "ok", "path": "a", "above": 1},
                 {"name": "battery low", "path": "b", "below": 20, "clear": 15}]})");
        CliRun cli(
            {QStringLiteral("watch"), QStringLiteral("--protocol"), QStringLiteral("exosite"), QStringLiteral("--url"),
                QStringLiteral("ws://127.0.0.1:9/ws"), QStringLiteral("--rules"), rules},
            withCik());
        QVERIFY(cli.run());
        QCOMPARE(cli.exitCode(), 5);
        QVERIFY2(cli.standardError().contains(QLatin1String("rules[1]")), qPrintable(cli.standardError()));
        QVERIFY2(cli.standardError().contains(QLatin1String("\"clear\"")), qPrintable(cli.standardError()));
        QVERIFY2(cli.standardError().contains(QLatin1String("must be at least")), qPrintable(cli.standardError()));
        QVERIFY(cli.standardOutput().isEmpty()); // refused before connecting

        CliRun missing({QStringLiteral("watch"), QStringLiteral("--protocol"), QStringLiteral("exosite"),
                           QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:9/ws"), QStringLiteral("--rules"),
                           dir.filePath(QStringLiteral("none.json"))},
            withCik());
        QVERIFY(missing.run());
        QCOMPARE(missing.exitCode(), 5);
        QVERIFY2(missing.standardError().contains(QLatin1String("cannot read")), qPrintable(missing.standardError()));

        CliRun browse(
            {QStringLiteral("browse"), QStringLiteral("--protocol"), QStringLiteral("exosite"), QStringLiteral("--url"),
                QStringLiteral("ws://127.0.0.1:9/ws"), QStringLiteral("--rules"), rules},
            withCik());
        QVERIFY(browse.run());
        QCOMPARE(browse.exitCode(), 2);
    }

    void watchFollowsADeviceThatComesOnlineLater()
    {
        auto simulator = test::startSimulator(QStringLiteral("opentera"), {{QStringLiteral("generator"), false}});
        QVERIFY(simulator);
        auto &world = static_cast<sim::opentera::OpenTeraSimulator *>(simulator.get())->world();
        sim::opentera::SimDevice *robot = world.deviceByName(QStringLiteral("Robot-01"));
        sim::opentera::SimDevice *tablet = world.deviceByName(QStringLiteral("Tablet-07"));
        QVERIFY(robot && robot->online);
        QVERIFY(tablet && !tablet->online);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("FLEETSCOPE_PASSWORD"), QStringLiteral("admin"));
        CliStream cli({QStringLiteral("watch"), QStringLiteral("--protocol"), QStringLiteral("opentera"),
                          QStringLiteral("--url"), simulator->clientConfig().url.toString(), QStringLiteral("--user"),
                          QStringLiteral("admin"), QStringLiteral("--for"), QStringLiteral("60")},
            environment);
        // A robot that was online at start reports: once its samples arrive the watch has browsed
        // and subscribed everything it knew.
        double battery = 80;
        QTimer robotStatus;
        connect(&robotStatus, &QTimer::timeout, this, [&] {
            world.postStatus(*robot, QJsonObject {{QStringLiteral("battery"), battery -= 0.1}},
                static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0);
        });
        robotStatus.start(200);
        QTRY_VERIFY_WITH_TIMEOUT(cli.hasSample(QStringLiteral("devices/Robot-01/")), 20000);
        QVERIFY(!cli.hasSample(QStringLiteral("devices/Tablet-07/")));
        // Then the tablet connects and posts its status.
        world.setDeviceOnline(*tablet, true);
        QTimer tabletStatus;
        connect(&tabletStatus, &QTimer::timeout, this, [&] {
            world.postStatus(*tablet, QJsonObject {{QStringLiteral("battery"), 55.5}},
                static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0);
        });
        tabletStatus.start(200);
        QTRY_VERIFY_WITH_TIMEOUT(cli.hasSample(QStringLiteral("devices/Tablet-07/battery")), 20000);
    }
};

QTEST_GUILESS_MAIN(tst_CliAlerts)
#include "tst_cli_alerts.moc"
