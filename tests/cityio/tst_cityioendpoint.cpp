// CityioEndpoint end to end against the simulator over real sockets: browse, watch, commands to
// every target, a malformed frame, reconnects, unsubscribe, unknown projects, wrong URLs.
#include "core/protocols/cityio/cityioendpoint.h"
#include "sim/cityio/cityiosimulator.h"
#include "tests/cityio/cityiotestutil.h"
#include "tests/common/testsupport.h"

#include <QJsonArray>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::test;
using fleetscope::cityio::CityioEndpoint;
using fleetscope::sim::cityio::CityioSimulator;

namespace {
QVariantMap quiet(QVariantMap extra = {})
{
    QVariantMap options {{QStringLiteral("uiEdits"), false}, {QStringLiteral("traffic"), false},
        {QStringLiteral("moduleDelayMinMs"), 20}, {QStringLiteral("moduleDelayMaxMs"), 40}};
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        options.insert(it.key(), it.value());
    return options;
}

QVariantMap lively()
{
    return {{QStringLiteral("editMinMs"), 40}, {QStringLiteral("editMaxMs"), 80},
        {QStringLiteral("trafficIntervalMs"), 50}, {QStringLiteral("moduleDelayMinMs"), 20},
        {QStringLiteral("moduleDelayMaxMs"), 40}};
}

CityioSimulator *simulatorOf(const std::unique_ptr<sim::Simulator> &simulator)
{
    return qobject_cast<CityioSimulator *>(simulator.get());
}

EndpointConfig configFor(const sim::Simulator &simulator, const QString &suffix = QString())
{
    EndpointConfig config = simulator.clientConfig();
    config.url = QUrl(config.url.toString() + suffix);
    config.link.connectTimeoutMs = 5000;
    config.link.pingIntervalMs = 0;
    config.link.initialBackoffMs = 100;
    config.link.maxBackoffMs = 400;
    config.options.insert(QStringLiteral("snapshotTimeoutMs"), 1500);
    config.options.insert(QStringLiteral("replyTimeoutMs"), 3000);
    return config;
}

std::unique_ptr<CityioEndpoint> openEndpoint(const EndpointConfig &config)
{
    auto endpoint = std::make_unique<CityioEndpoint>(config);
    endpoint->setBatchInterval(5);
    endpoint->open();
    return endpoint;
}

QString allParksUpdate(int cells)
{
    QJsonArray parks;
    for (int i = 0; i < cells; ++i)
        parks.append(QJsonObject {{QStringLiteral("id"), i}, {QStringLiteral("name"), QStringLiteral("Park")},
            {QStringLiteral("color"), QJsonArray {126, 179, 70}}, {QStringLiteral("height"), QJsonArray {0, 0, 100}},
            {QStringLiteral("interactive"), QStringLiteral("Web")}});
    return compactJson(QJsonObject {{QStringLiteral("type"), QStringLiteral("UPDATE_GRID")},
        {QStringLiteral("content"), QJsonObject {{QStringLiteral("geogriddata"), parks}}}});
}

const QString kDiversity = QStringLiteral("volpe/indicators/Diversity of land use");
} // namespace

class tst_CityioEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void browseListsTheProjects_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("base") << QString();
        QTest::newRow("base with a slash") << QStringLiteral("/");
        QTest::newRow("/cityio mount") << QStringLiteral("/cityio");
    }

    void browseListsTheProjects()
    {
        QFETCH(QString, suffix);
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        QVERIFY(simulator);
        auto endpoint = openEndpoint(configFor(*simulator, suffix));
        Collector seen(endpoint.get());
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->browse();
        QTRY_COMPARE(seen.browses.size(), 1);
        QVERIFY(seen.browses.first().first);
        QVERIFY(seen.hasTopic(QStringLiteral("volpe")) && seen.hasTopic(QStringLiteral("corktown")));
        const Topic corktown = seen.topic(QStringLiteral("corktown"));
        QVERIFY(corktown.subscribable);
        QCOMPARE(corktown.type, QStringLiteral("cityio/table"));
        QCOMPARE(corktown.meta.value(QStringLiteral("ncols")).toInt(), 24); // from table/headers
        QCOMPARE(endpoint->channels(), QStringList()); // browsing opens no socket
    }

    void watchYieldsIndicatorSamplesAndGridEvents()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), lively());
        auto endpoint = openEndpoint(configFor(*simulator));
        Collector seen(endpoint.get());
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("volpe"));
        QTRY_COMPARE(
            seen.countEvents(Severity::Info, QStringLiteral("volpe"), QStringLiteral("snapshot: 400 cells, 1 layer, ")),
            1);
        QTRY_VERIFY(
            seen.countEvents(Severity::Info, QStringLiteral("volpe/GEOGRIDDATA"), QStringLiteral(" changed (")) >= 2);
        QTRY_VERIFY(seen.values(QStringLiteral("volpe/indicators/walking")).size() >= 2);
        QTRY_VERIFY(seen.values(QStringLiteral("volpe/indicators/congestion")).size() >= 3);
        QVERIFY(seen.values(QStringLiteral("volpe/GEOGRIDDATA/changed")).constLast() >= 1);
        double parks = seen.values(QStringLiteral("volpe/GEOGRIDDATA/types/Park")).constLast();
        QVERIFY(parks > 0 && parks < 400);
        QVERIFY(seen.hasTopic(QStringLiteral("volpe/layers/walkability_heatmap")));
        QVERIFY(seen.hasTopic(QStringLiteral("volpe/GEOGRID")));
        // Only what is watched arrives.
        QVERIFY(seen.values(QStringLiteral("corktown/indicators/congestion")).isEmpty());
        for (const Sample &sample : std::as_const(seen.samples))
            QVERIFY2(std::abs(sample.t - nowMs()) < 60000, "samples carry the receive time");
    }

    void updateGridReachesOtherListenersAndChangesTheIndicators()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        auto sender = openEndpoint(configFor(*simulator));
        auto listener = openEndpoint(configFor(*simulator));
        Collector sent(sender.get());
        Collector heard(listener.get());
        QTRY_COMPARE(listener->state(), LinkState::Ready);
        listener->subscribe(QStringLiteral("volpe"));
        QTRY_VERIFY(!heard.values(kDiversity).isEmpty());
        QVERIFY(heard.values(kDiversity).constLast() > 0.5); // a mixed grid

        QTRY_COMPARE(sender->state(), LinkState::Ready);
        sender->send(Command {QStringLiteral("volpe"), allParksUpdate(400), 0});
        QTRY_COMPARE(sent.replies.size(), 1);
        QVERIFY2(sent.replies.first().ok, qPrintable(sent.replies.first().detail));
        QVERIFY2(sent.replies.first().detail.startsWith(QLatin1String("UPDATE_GRID answered: grid update: ")),
            qPrintable(sent.replies.first().detail));

        QTRY_COMPARE(heard.countEvents(
                         Severity::Info, QStringLiteral("volpe/GEOGRIDDATA"), QStringLiteral("cells changed (Park ×")),
            1);
        QTRY_COMPARE(heard.values(QStringLiteral("volpe/GEOGRIDDATA/types/Park")).constLast(), 400.0);
        QTRY_COMPARE(heard.values(kDiversity).constLast(), 0.0); // the module recomputed
        QCOMPARE(heard.values(QStringLiteral("volpe/indicators/Proximity to parks")).constLast(), 0.0); // no homes
    }

    void malformedFrameBecomesAnErrorEvent()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        auto endpoint = openEndpoint(configFor(*simulator));
        Collector seen(endpoint.get());
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("volpe"));
        QTRY_COMPARE(seen.countEvents(Severity::Info, QStringLiteral("volpe"), QStringLiteral("snapshot:")), 1);

        const QString broken = QStringLiteral("{\"type\":\"GEOGRIDDATA_UPDATE\",\"content\":[{\"id\":0,");
        QCOMPARE(simulatorOf(simulator)->sendRawFrame(QStringLiteral("volpe"), broken), 1);
        QTRY_COMPARE(seen.countEvents(Severity::Error, QStringLiteral("volpe"),
                         QStringLiteral("undecodable frame (%1 bytes)").arg(broken.toUtf8().size())),
            1);
        QCOMPARE(seen.countEvents([&broken](const Event &e) { return e.payload == broken; }), 1); // raw text kept
        simulatorOf(simulator)->sendRawFrame(QStringLiteral("volpe"), QStringLiteral(R"({"type":"FOO","content":{}})"));
        simulatorOf(simulator)->sendRawFrame(
            QStringLiteral("volpe"), QStringLiteral(R"({"type":"ERROR","content":{"message":"boom"}})"));
        QTRY_COMPARE(
            seen.countEvents(Severity::Debug, QStringLiteral("volpe"), QStringLiteral("unknown message type FOO")), 1);
        QTRY_COMPARE(seen.countEvents(Severity::Error, QStringLiteral("volpe"), QStringLiteral("boom")), 1);

        // The session goes on.
        endpoint->send(
            Command {QStringLiteral("volpe"), QStringLiteral(R"({"type":"LIST_SCENARIOS","content":{}})"), 0});
        QTRY_COMPARE(seen.replies.size(), 1);
        QVERIFY(seen.replies.first().ok);
        QVERIFY(seen.hasTopic(QStringLiteral("volpe/scenarios/more-parks")));
        QCOMPARE(endpoint->state(), LinkState::Ready);
    }

    void reconnectsAndListensAgain()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        auto endpoint = openEndpoint(configFor(*simulator));
        Collector seen(endpoint.get());
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("volpe"));
        QTRY_COMPARE(seen.countEvents(Severity::Info, QStringLiteral("volpe"), QStringLiteral("snapshot:")), 1);
        endpoint->send(Command {
            QStringLiteral("@module"), QStringLiteral(R"({"type":"SUBSCRIBE","content":{"gridId":"volpe"}})"), 0});
        QTRY_COMPARE(seen.replies.size(), 1);
        QList<LinkState> states;
        connect(endpoint.get(), &Endpoint::stateChanged, this,
            [&states](const LinkStatus &status) { states << status.state; });
        simulator->dropAllConnections();
        QTRY_COMPARE(seen.countEvents(Severity::Warning, QStringLiteral("volpe"), QStringLiteral("closed (")), 1);
        QTRY_COMPARE(seen.countEvents(Severity::Info, QStringLiteral("volpe"), QStringLiteral("snapshot:")), 2);
        QCOMPARE(seen.countEvents(Severity::Info, QStringLiteral("volpe"), QStringLiteral("LISTEN sent again")), 1);
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        QVERIFY(states.contains(LinkState::Reconnecting));
        int listens = 0;
        for (const QString &frame : simulatorOf(simulator)->broker().received())
            listens += frame.contains(QLatin1String("\"LISTEN\"")) ? 1 : 0;
        QCOMPARE(listens, 2);
        // The probe's SUBSCRIBE is replayed too: a second wrapped snapshot.
        QTRY_COMPARE(seen.countEvents([](const Event &e) {
            return e.path == QLatin1String("@module") && e.summary.startsWith(QLatin1String("snapshot of volpe"));
        }),
            2);
        QCOMPARE(endpoint->counters().reconnects, 2u); // both sockets came back
        // After the reconnect the grid is compared with the one before: nothing changed meanwhile.
        QCOMPARE(seen.values(QStringLiteral("volpe/GEOGRIDDATA/changed")), QVector<double> {0.0});
    }

    void unsubscribeClosesTheSocket()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        auto endpoint = openEndpoint(configFor(*simulator));
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("volpe"));
        endpoint->subscribe(QStringLiteral("volpe/indicators/walking")); // same project, same socket
        endpoint->subscribe(QStringLiteral("corktown"));
        QTRY_COMPARE(simulatorOf(simulator)->broker().listenerCount(QStringLiteral("volpe")), 1);
        QTRY_COMPARE(simulatorOf(simulator)->broker().listenerCount(QStringLiteral("corktown")), 1);
        QCOMPARE(simulator->connectionCount(), 2);
        endpoint->unsubscribe(QStringLiteral("volpe"));
        QCOMPARE(endpoint->channels().size(), 2); // volpe/indicators/walking still watches volpe
        endpoint->unsubscribe(QStringLiteral("volpe/indicators/walking"));
        QTRY_COMPARE(simulator->connectionCount(), 1);
        QCOMPARE(simulatorOf(simulator)->broker().listenerCount(QStringLiteral("volpe")), 0);
        QCOMPARE(endpoint->channels(), QStringList {QStringLiteral("corktown")});
        endpoint->close();
        QCOMPARE(endpoint->state(), LinkState::Closed);
        QTRY_COMPARE(simulator->connectionCount(), 0);
    }

    void unknownProjectWarnsWhenNoSnapshotComes()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        auto endpoint = openEndpoint(configFor(*simulator));
        Collector seen(endpoint.get());
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("nosuch"));
        QTRY_COMPARE(seen.countEvents(Severity::Warning, QStringLiteral("nosuch"),
                         QStringLiteral(
                             "no TABLE_SNAPSHOT for nosuch (the server has no such table; it lists corktown, volpe)")),
            1);
        QCOMPARE(endpoint->state(), LinkState::Ready); // a warning, not a failure
    }

    void commandsToEveryTarget()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        auto endpoint = openEndpoint(configFor(*simulator));
        Collector seen(endpoint.get());
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("volpe"));
        auto send = [&](const QString &target, const QString &payload) {
            const int before = static_cast<int>(seen.replies.size());
            endpoint->send(Command {target, payload, 0});
            if (!QTest::qWaitFor([&] { return seen.replies.size() > before; }, 8000))
                return CommandReply {0, false, false, QStringLiteral("no reply"), QString()};
            return seen.replies.constLast();
        };

        CommandReply reply =
            send(QStringLiteral("@module"), QStringLiteral(R"({"type":"SUBSCRIBE","content":{"gridId":"volpe"}})"));
        QVERIFY2(
            reply.ok && reply.detail.contains(QLatin1String("snapshot of volpe on @module")), qPrintable(reply.detail));
        reply = send(QStringLiteral("@module"),
            QStringLiteral(
                R"({"type":"MODULE","content":{"gridId":"volpe","save":false,"moduleData":{"numeric":[{"name":"fleetscope_probe","value":0.42,"viz_type":"bar"}]}}})"));
        QVERIFY(reply.ok);
        QTRY_COMPARE(seen.values(QStringLiteral("volpe/indicators/fleetscope_probe")), QVector<double> {0.42});

        reply = send(QStringLiteral("@core"),
            QStringLiteral(
                R"({"type":"CORE_MODULE_REGISTRATION","content":{"name":"Fleetscope probe","moduleType":"Test"}})"));
        QVERIFY(reply.ok);
        // Registration has no reply; the two sockets race, so wait until the broker has it.
        QTRY_COMPARE(simulatorOf(simulator)->broker().coreModules().size(), 3);
        reply = send(QStringLiteral("volpe"), QStringLiteral(R"({"type":"REQUEST_CORE_MODULES_LIST","content":{}})"));
        QVERIFY2(reply.ok && reply.detail.endsWith(QLatin1String("3 core modules")), qPrintable(reply.detail));
        QString probeId;
        for (const Topic &topic : std::as_const(seen.topics)) {
            if (topic.path.startsWith(QLatin1String("@core-modules/fleetscope-probe-")))
                probeId = topic.meta.value(QStringLiteral("moduleId")).toString();
        }
        QVERIFY(!probeId.isEmpty());
        reply = send(
            QStringLiteral("volpe"), QStringLiteral(R"({"type":"MODULE_REQUEST","content":{"id":"%1"}})").arg(probeId));
        QVERIFY(reply.ok);
        QTRY_COMPARE(
            seen.countEvents(Severity::Info, QStringLiteral("volpe"), QStringLiteral("core subscription requested")),
            1);

        reply = send(QStringLiteral("volpe"),
            QStringLiteral(
                R"({"type":"SAVE_SCENARIO","content":{"name":"fleetscope-test","description":"Saved from Fleetscope"}})"));
        QVERIFY2(reply.ok && reply.detail.endsWith(QLatin1String("4 scenarios (1 in bin)")), qPrintable(reply.detail));
        QVERIFY(seen.hasTopic(QStringLiteral("volpe/scenarios/fleetscope-test")));
        reply = send(
            QStringLiteral("volpe"), QStringLiteral(R"({"type":"RESTORE_SCENARIO","content":{"name":"more-parks"}})"));
        QVERIFY2(reply.ok && reply.detail.contains(QLatin1String("grid update")), qPrintable(reply.detail));

        reply = send(QStringLiteral("@rest"),
            QStringLiteral(R"({"method":"GET","path":"/api/table/volpe/GEOGRID/properties/header/"})"));
        QVERIFY(reply.ok);
        QCOMPARE(QJsonDocument::fromJson(reply.payload.toUtf8()).object().value(QLatin1String("ncols")).toInt(), 20);
        reply = send(QStringLiteral("@rest"), QStringLiteral(R"({"method":"GET","path":"/api/table/volpe/NOPE/"})"));
        QVERIFY(!reply.ok && !reply.refusedLocally);
        QCOMPARE(reply.detail, QStringLiteral("GET table/volpe/NOPE: 204: volpe/NOPE not found"));
        QCOMPARE(seen.countEvents(Severity::Warning, QStringLiteral("volpe/NOPE"), QStringLiteral("204")), 1);

        reply = send(
            QStringLiteral("volpe"), QStringLiteral(R"({"type":"UPDATE_GRID","content":{"geogriddata":[{"id":0}]}})"));
        QVERIFY(!reply.ok && reply.refusedLocally);
        QVERIFY(reply.detail.contains(QLatin1String("1 cells but volpe has 400")));
        reply = send(QStringLiteral("volpe"), QStringLiteral("LISTEN"));
        QVERIFY(!reply.ok && reply.refusedLocally);
    }

    void repliesThatNeverCome()
    {
        // A server that drops LIST_SCENARIOS and does not echo UPDATE_GRID to its sender.
        auto simulator = startSimulator(QStringLiteral("cityio"),
            quiet({{QStringLiteral("ignoreTypes"), QStringLiteral("LIST_SCENARIOS")},
                {QStringLiteral("echoToSender"), false}}));
        EndpointConfig config = configFor(*simulator);
        config.options.insert(QStringLiteral("replyTimeoutMs"), 300);
        auto endpoint = openEndpoint(config);
        Collector seen(endpoint.get());
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("volpe"));
        endpoint->send(
            Command {QStringLiteral("volpe"), QStringLiteral(R"({"type":"LIST_SCENARIOS","content":{}})"), 0});
        QTRY_COMPARE(seen.replies.size(), 1);
        QVERIFY(!seen.replies.first().ok && !seen.replies.first().refusedLocally);
        QVERIFY2(seen.replies.first().detail.startsWith(QLatin1String("no reply to LIST_SCENARIOS within 0.3 s")),
            qPrintable(seen.replies.first().detail));
        // The echo of a grid update is not guaranteed: its absence is no failure.
        endpoint->send(Command {QStringLiteral("volpe"),
            QStringLiteral(R"({"type":"UPDATE_GRID","content":{"geogriddata":${geogriddata}}})"), 0});
        QTRY_COMPARE(seen.replies.size(), 2);
        QVERIFY(seen.replies.last().ok);
        QVERIFY2(seen.replies.last().detail.contains(QLatin1String("no echo within 0.3 s")),
            qPrintable(seen.replies.last().detail));
    }

    void commandSocketOfAnUnwatchedProjectIsClosedAfterwards()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        auto endpoint = openEndpoint(configFor(*simulator));
        Collector seen(endpoint.get());
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->send(
            Command {QStringLiteral("corktown"), QStringLiteral(R"({"type":"LIST_SCENARIOS","content":{}})"), 0});
        QTRY_COMPARE(seen.replies.size(), 1);
        QVERIFY(seen.replies.first().ok);
        QTRY_COMPARE(simulator->connectionCount(), 0);
        QVERIFY(endpoint->channels().isEmpty());
        // A command to an unknown table fails once the snapshot is overdue, naming the real ones.
        endpoint->send(
            Command {QStringLiteral("nosuch"), QStringLiteral(R"({"type":"LIST_SCENARIOS","content":{}})"), 0});
        QTRY_COMPARE(seen.replies.size(), 2);
        QVERIFY(!seen.replies.last().ok && !seen.replies.last().refusedLocally);
        QVERIFY2(seen.replies.last().detail.contains(QLatin1String("lists corktown, volpe")),
            qPrintable(seen.replies.last().detail));
    }

    void legacyNamesAreUnderstood()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet({{QStringLiteral("legacy"), true}}));
        auto endpoint = openEndpoint(configFor(*simulator));
        Collector seen(endpoint.get());
        QTRY_COMPARE(endpoint->state(), LinkState::Ready);
        endpoint->subscribe(QStringLiteral("volpe"));
        QTRY_COMPARE(
            seen.countEvents(Severity::Info, QStringLiteral("volpe"), QStringLiteral("snapshot: 400 cells")), 1);
        QVERIFY(!seen.values(QStringLiteral("volpe/indicators/walking")).isEmpty());
        endpoint->send(Command {QStringLiteral("@module"),
            QStringLiteral(
                R"({"type":"MODULE","content":{"gridId":"volpe","moduleData":{"numeric":[{"name":"p","value":1}],"layers":[{"id":"a","type":"arc"}]}}})"),
            0});
        QTRY_COMPARE(seen.values(QStringLiteral("volpe/indicators/p")), QVector<double> {1.0});
        QVERIFY(seen.hasTopic(QStringLiteral("volpe/layers/a"))); // read from deckgl
    }

    void waitsForAServerThatIsDown()
    {
        EndpointConfig config;
        quint16 port = 0;
        {
            auto gone = startSimulator(QStringLiteral("cityio"), quiet());
            config = configFor(*gone);
            port = gone->port();
        }
        auto endpoint = openEndpoint(config); // retryFirstConnect: keep trying
        QTRY_VERIFY(endpoint->status().text().contains(QLatin1String("; retry in")));
        QCOMPARE(endpoint->state(), LinkState::Connecting);
        endpoint->subscribe(QStringLiteral("volpe")); // kept until the server answers
        Collector seen(endpoint.get());
        CityioSimulator back(quiet());
        QString error;
        QVERIFY2(back.listen(QHostAddress::LocalHost, port, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(endpoint->state(), LinkState::Ready, 10000);
        QTRY_COMPARE(seen.countEvents(Severity::Info, QStringLiteral("volpe"), QStringLiteral("snapshot:")), 1);
    }

    void wrongUrlsFailClearly()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        auto wrongPath = openEndpoint(configFor(*simulator, QStringLiteral("/somewhere")));
        QTRY_COMPARE(wrongPath->state(), LinkState::Failed);
        QVERIFY2(wrongPath->status().text().contains(QLatin1String("does not answer like CityIO")),
            qPrintable(wrongPath->status().text()));

        EndpointConfig config = configFor(*simulator);
        simulator.reset();
        config.link.retryFirstConnect = false;
        auto nobody = openEndpoint(config);
        QTRY_COMPARE(nobody->state(), LinkState::Failed);
        QVERIFY2(nobody->status().text().startsWith(QLatin1String("cannot reach CityIO")),
            qPrintable(nobody->status().text()));
        Collector seen(nobody.get());
        nobody->send(Command {QStringLiteral("volpe"), QStringLiteral(R"({"type":"LIST_SCENARIOS"})"), 0});
        QCOMPARE(seen.replies.size(), 1);
        QVERIFY(!seen.replies.first().ok);
    }
};

QTEST_GUILESS_MAIN(tst_CityioEndpoint)
#include "tst_cityioendpoint.moc"
