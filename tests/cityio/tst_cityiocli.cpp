// fleetscope-cli browse|watch|send --protocol cityio against the simulator, as a user runs them.
#include "core/protocols/cityio/cityioendpoint.h"
#include "sim/cityio/cityiosimulator.h"
#include "tests/cityio/cityiotestutil.h"
#include "tests/common/testsupport.h"

#include <QJsonArray>
#include <QTest>
#include <QTimer>

using namespace fleetscope;
using namespace fleetscope::test;
using fleetscope::sim::cityio::CityioSimulator;

namespace {
QVariantMap quiet()
{
    return {{QStringLiteral("uiEdits"), false}, {QStringLiteral("traffic"), false},
        {QStringLiteral("moduleDelayMinMs"), 20}, {QStringLiteral("moduleDelayMaxMs"), 40}};
}

QVariantMap lively()
{
    return {{QStringLiteral("editMinMs"), 50}, {QStringLiteral("editMaxMs"), 150},
        {QStringLiteral("trafficIntervalMs"), 100}, {QStringLiteral("moduleDelayMinMs"), 20},
        {QStringLiteral("moduleDelayMaxMs"), 60}};
}

QString urlOf(const sim::Simulator &simulator, const QString &suffix = QString())
{
    return simulator.clientConfig().url.toString() + suffix;
}

QStringList paths(const QVector<QJsonObject> &lines)
{
    QStringList out;
    for (const QJsonObject &line : lines)
        out << line.value(QLatin1String("path")).toString();
    return out;
}

int eventsWith(const CliRun &run, const QString &severity, const QString &summaryPart)
{
    int n = 0;
    for (const QJsonObject &event : run.linesOfKind(QStringLiteral("event")))
        n += event.value(QLatin1String("severity")).toString() == severity
                && event.value(QLatin1String("summary")).toString().contains(summaryPart)
            ? 1
            : 0;
    return n;
}
} // namespace

class tst_CityioCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void browseListsTheProjects_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("base") << QString();
        QTest::newRow("/cityio mount") << QStringLiteral("/cityio/");
    }

    void browseListsTheProjects()
    {
        QFETCH(QString, suffix);
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        QVERIFY(simulator);
        CliRun run({QStringLiteral("browse"), QStringLiteral("--protocol"), QStringLiteral("cityio"),
            QStringLiteral("--url"), urlOf(*simulator, suffix)});
        QVERIFY(run.run());
        QCOMPARE(run.exitCode(), 0);
        QVERIFY(run.allLinesAreJson());
        const auto topics = run.linesOfKind(QStringLiteral("topic"));
        QCOMPARE(paths(topics), (QStringList {QStringLiteral("corktown"), QStringLiteral("volpe")}));
        for (const QJsonObject &topic : topics) {
            QCOMPARE(topic.value(QLatin1String("node")).toString(), QStringLiteral("device")); // a table
            QVERIFY(topic.value(QLatin1String("subscribable")).toBool());
        }
        QCOMPARE(run.linesOfKind(QStringLiteral("state")).constLast().value(QLatin1String("state")).toString(),
            QStringLiteral("ready"));
    }

    void watchAProjectYieldsIndicatorSamplesAndGridEvents()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), lively());
        CliRun run({QStringLiteral("watch"), QStringLiteral("--protocol"), QStringLiteral("cityio"),
            QStringLiteral("--url"), urlOf(*simulator), QStringLiteral("--project"), QStringLiteral("volpe"),
            QStringLiteral("--for"), QStringLiteral("2.5")});
        QVERIFY(run.run());
        QCOMPARE(run.exitCode(), 0);
        QVERIFY(run.allLinesAreJson());
        const QStringList samplePaths = paths(run.linesOfKind(QStringLiteral("sample")));
        QVERIFY(samplePaths.count(QStringLiteral("volpe/indicators/walking")) >= 2);
        QVERIFY(samplePaths.count(QStringLiteral("volpe/indicators/congestion")) >= 3);
        QVERIFY(samplePaths.contains(QStringLiteral("volpe/GEOGRIDDATA/types/Residential")));
        QVERIFY(!samplePaths.contains(QStringLiteral("corktown/indicators/congestion")));
        QCOMPARE(eventsWith(run, QStringLiteral("info"), QStringLiteral("snapshot: 400 cells")), 1);
        QVERIFY(eventsWith(run, QStringLiteral("info"), QStringLiteral("grid update: ")) >= 2);
        QVERIFY(eventsWith(run, QStringLiteral("info"), QStringLiteral("module output: 8 indicators, 1 layer")) >= 1);
    }

    void watchWithoutSubscribeWatchesEveryProject()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), lively());
        CliRun run({QStringLiteral("watch"), QStringLiteral("--protocol"), QStringLiteral("cityio"),
            QStringLiteral("--url"), urlOf(*simulator), QStringLiteral("--count"), QStringLiteral("200"),
            QStringLiteral("--for"), QStringLiteral("10")});
        QVERIFY(run.run());
        QCOMPARE(run.exitCode(), 0);
        QCOMPARE(
            run.linesOfKind(QStringLiteral("sample")).size() + run.linesOfKind(QStringLiteral("event")).size(), 200);
        const QStringList samplePaths = paths(run.linesOfKind(QStringLiteral("sample")));
        QVERIFY(samplePaths.contains(QStringLiteral("volpe/indicators/walking")));
        QVERIFY(samplePaths.contains(QStringLiteral("corktown/indicators/walking")));
    }

    void malformedFrameBecomesAnErrorEvent()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        auto *cityio = qobject_cast<CityioSimulator *>(simulator.get());
        // Once the CLI listens, the simulator sends it a truncated frame.
        QTimer inject;
        connect(&inject, &QTimer::timeout, this, [cityio, &inject] {
            if (cityio->broker().listenerCount(QStringLiteral("volpe")) > 0
                && cityio->sendRawFrame(QStringLiteral("volpe"), QStringLiteral("{\"type\":\"MODULE\",\"content\":{"))
                    > 0)
                inject.stop();
        });
        inject.start(20);
        CliRun run({QStringLiteral("watch"), QStringLiteral("--protocol"), QStringLiteral("cityio"),
            QStringLiteral("--url"), urlOf(*simulator), QStringLiteral("--subscribe"), QStringLiteral("volpe"),
            QStringLiteral("--for"), QStringLiteral("1.5")});
        QVERIFY(run.run());
        QCOMPARE(run.exitCode(), 0);
        QVERIFY(!inject.isActive());
        QCOMPARE(eventsWith(run, QStringLiteral("error"),
                     QStringLiteral("undecodable frame (%1 bytes)").arg(qstrlen("{\"type\":\"MODULE\",\"content\":{"))),
            1);
        bool rawKept = false;
        for (const QJsonObject &event : run.linesOfKind(QStringLiteral("event")))
            rawKept = rawKept
                || event.value(QLatin1String("payload")).toString()
                    == QLatin1String("{\"type\":\"MODULE\",\"content\":{");
        QVERIFY(rawKept);
        QCOMPARE(eventsWith(run, QStringLiteral("info"), QStringLiteral("snapshot:")), 1);
    }

    void updateGridFromTheCliReachesOtherListenersAndChangesTheIndicators()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        EndpointConfig config = simulator->clientConfig();
        config.link.pingIntervalMs = 0;
        cityio::CityioEndpoint listener(config);
        listener.setBatchInterval(5);
        Collector heard(&listener);
        listener.open();
        QTRY_COMPARE(listener.state(), LinkState::Ready);
        listener.subscribe(QStringLiteral("volpe"));
        const QString diversity = QStringLiteral("volpe/indicators/Diversity of land use");
        QTRY_VERIFY(!heard.values(diversity).isEmpty());
        QVERIFY(heard.values(diversity).constLast() > 0.5);

        QJsonArray parks;
        for (int i = 0; i < 400; ++i)
            parks.append(QJsonObject {{QStringLiteral("id"), i}, {QStringLiteral("name"), QStringLiteral("Park")},
                {QStringLiteral("color"), QJsonArray {126, 179, 70}},
                {QStringLiteral("height"), QJsonArray {0, 0, 100}},
                {QStringLiteral("interactive"), QStringLiteral("Web")}});
        const QString payload = compactJson(QJsonObject {{QStringLiteral("type"), QStringLiteral("UPDATE_GRID")},
            {QStringLiteral("content"), QJsonObject {{QStringLiteral("geogriddata"), parks}}}});
        CliRun run({QStringLiteral("send"), QStringLiteral("--protocol"), QStringLiteral("cityio"),
            QStringLiteral("--url"), urlOf(*simulator), QStringLiteral("--target"), QStringLiteral("volpe"),
            QStringLiteral("--payload"), payload});
        QVERIFY(run.run());
        QCOMPARE(run.exitCode(), 0);
        const auto replies = run.linesOfKind(QStringLiteral("reply"));
        QCOMPARE(replies.size(), 1);
        QVERIFY(replies.first().value(QLatin1String("ok")).toBool());
        QVERIFY(replies.first()
                    .value(QLatin1String("detail"))
                    .toString()
                    .startsWith(QLatin1String("UPDATE_GRID answered")));

        QTRY_VERIFY(heard.countEvents(
                        Severity::Info, QStringLiteral("volpe/GEOGRIDDATA"), QStringLiteral("cells changed (Park ×"))
            == 1);
        QTRY_COMPARE(heard.values(QStringLiteral("volpe/GEOGRIDDATA/types/Park")).constLast(), 400.0);
        QTRY_COMPARE(heard.values(diversity).constLast(), 0.0);
    }

    void sendOutcomesAndExitCodes_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("detail");
        QTest::newRow("scenario list") << "volpe"
                                       << R"({"type":"LIST_SCENARIOS","content":{}})" << 0
                                       << "LIST_SCENARIOS answered: 3 scenarios (1 in bin)";
        QTest::newRow("template with placeholders")
            << "volpe/GEOGRIDDATA"
            << R"({"type":"UPDATE_GRID","content":{"geogriddata":${geogriddata}}})" << 0
            << "UPDATE_GRID answered: grid update: no cell changed";
        QTest::newRow("core module request") << "volpe"
                                             << R"({"type":"MODULE_REQUEST","content":{"id":"noise-7c2e"}})" << 0
                                             << "MODULE_REQUEST sent (CityIO sends no reply)";
        QTest::newRow("module probe") << "@module"
                                      << R"({"type":"SUBSCRIBE","content":{"gridId":"corktown"}})" << 0
                                      << "SUBSCRIBE answered: snapshot of corktown on @module: 432 cells";
        QTest::newRow("REST field") << "@rest"
                                    << R"({"method":"GET","path":"/api/table/volpe/GEOGRID/properties/header/"})" << 0
                                    << "GET table/volpe/GEOGRID/properties/header: 200, 10 keys";
        QTest::newRow("REST missing field (204)") << "@rest"
                                                  << R"({"method":"GET","path":"/api/table/volpe/NOPE"})" << 4
                                                  << "GET table/volpe/NOPE: 204: volpe/NOPE not found";
        QTest::newRow("not JSON") << "volpe"
                                  << "LISTEN volpe" << 2 << "payload is not valid JSON";
        QTest::newRow("partial grid") << "volpe"
                                      << R"({"type":"UPDATE_GRID","content":{"geogriddata":[]}})" << 2
                                      << "geogriddata has 0 cells but volpe has 400";
    }

    void sendOutcomesAndExitCodes()
    {
        QFETCH(QString, target);
        QFETCH(QString, payload);
        QFETCH(int, exitCode);
        QFETCH(QString, detail);
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        CliRun run({QStringLiteral("send"), QStringLiteral("--protocol"), QStringLiteral("cityio"),
            QStringLiteral("--url"), urlOf(*simulator, QStringLiteral("/cityio")), QStringLiteral("--target"), target,
            QStringLiteral("--payload"), payload});
        QVERIFY(run.run());
        QCOMPARE(run.exitCode(), exitCode);
        const auto replies = run.linesOfKind(QStringLiteral("reply"));
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies.first().value(QLatin1String("ok")).toBool(), exitCode == 0);
        QVERIFY2(replies.first().value(QLatin1String("detail")).toString().startsWith(detail),
            qPrintable(replies.first().value(QLatin1String("detail")).toString()));
        if (exitCode != 0)
            QVERIFY2(run.standardError().contains(detail), qPrintable(run.standardError()));
    }

    void unreachableServerExitsWithThree()
    {
        quint16 port = 0;
        {
            auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
            port = simulator->port();
        }
        CliRun run(
            {QStringLiteral("watch"), QStringLiteral("--protocol"), QStringLiteral("cityio"), QStringLiteral("--url"),
                QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("--project"), QStringLiteral("volpe")});
        QVERIFY(run.run());
        QCOMPARE(run.exitCode(), 3);
        QVERIFY2(run.standardError().contains(QLatin1String("cannot reach CityIO")), qPrintable(run.standardError()));
    }
};

QTEST_GUILESS_MAIN(tst_CityioCli)
#include "tst_cityiocli.moc"
