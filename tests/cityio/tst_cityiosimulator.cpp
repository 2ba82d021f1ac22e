// The CityIO simulator behaves like the real broker (docs/protocols/cityio.md#simulator), checked
// with hand-written peers over real sockets on 127.0.0.1.
#include "sim/cityio/cityiosimulator.h"
#include "tests/cityio/cityiowsclient.h"
#include "tests/common/testsupport.h"

#include <QSignalSpy>

using namespace fleetscope;
using namespace fleetscope::test;
using fleetscope::sim::cityio::CityioSimulator;

namespace {
// No background activity unless a test asks: what arrives is what the test caused.
QVariantMap quiet(QVariantMap extra = {})
{
    QVariantMap options {{QStringLiteral("uiEdits"), false}, {QStringLiteral("traffic"), false},
        {QStringLiteral("moduleDelayMinMs"), 20}, {QStringLiteral("moduleDelayMaxMs"), 40}};
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        options.insert(it.key(), it.value());
    return options;
}

CityioSimulator *cityio(const std::unique_ptr<sim::Simulator> &simulator)
{
    return qobject_cast<CityioSimulator *>(simulator.get());
}

QUrl wsUrl(const sim::Simulator &simulator, const QString &path)
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(simulator.port()).arg(path));
}

QJsonObject gridId(const QString &table)
{
    return QJsonObject {{QStringLiteral("gridId"), table}};
}

QJsonArray allParks(int cells)
{
    QJsonArray out;
    for (int i = 0; i < cells; ++i)
        out.append(QJsonObject {{QStringLiteral("id"), i}, {QStringLiteral("name"), QStringLiteral("Park")},
            {QStringLiteral("color"), QJsonArray {126, 179, 70}}, {QStringLiteral("height"), QJsonArray {0, 0, 100}},
            {QStringLiteral("interactive"), QStringLiteral("Web")}});
    return out;
}

double indicator(const QJsonObject &module, const QString &name)
{
    const QJsonArray numeric = module.value(QLatin1String("content"))
                                   .toObject()
                                   .value(QLatin1String("moduleData"))
                                   .toObject()
                                   .value(QLatin1String("numeric"))
                                   .toArray();
    for (const QJsonValue &entry : numeric) {
        if (entry.toObject().value(QLatin1String("name")).toString() == name)
            return entry.toObject().value(QLatin1String("value")).toDouble();
    }
    return -1;
}
} // namespace

class tst_CityioSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsTheChannelsOnly_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("accepted");
        for (const char *path : {"/interface", "/interface/", "/cityio/interface", "/module", "/module/",
                 "/cityio/module", "/module/core", "/cityio/module/core/"})
            QTest::newRow(path) << QString::fromLatin1(path) << true;
        for (const char *path : {"/", "/api/table/list/", "/cityio", "/interfaces", "/module/cores"})
            QTest::newRow(path) << QString::fromLatin1(path) << false;
    }

    void acceptsTheChannelsOnly()
    {
        QFETCH(QString, path);
        QFETCH(bool, accepted);
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        QVERIFY(simulator);
        QWebSocket socket;
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy failed(&socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
        socket.open(wsUrl(*simulator, path));
        QTRY_VERIFY(connected.count() + failed.count() > 0);
        QCOMPARE(connected.count() == 1, accepted);
    }

    void listenGetsTheBareTable()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        CityioPeer ui(wsUrl(*simulator, QStringLiteral("/interface")));
        QVERIFY(ui.waitConnected());
        ui.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("volpe")));
        QTRY_COMPARE(ui.count(QStringLiteral("TABLE_SNAPSHOT")), 1);
        const QJsonObject table = ui.last(QStringLiteral("TABLE_SNAPSHOT")).value(QLatin1String("content")).toObject();
        QCOMPARE(table.value(QLatin1String("GEOGRIDDATA")).toArray().size(), 400);
        const QJsonObject geogrid = table.value(QLatin1String("GEOGRID")).toObject();
        QCOMPARE(geogrid.value(QLatin1String("features")).toArray().size(), 400);
        const QJsonObject header =
            geogrid.value(QLatin1String("properties")).toObject().value(QLatin1String("header")).toObject();
        QCOMPARE(header.value(QLatin1String("tableName")).toString(), QStringLiteral("volpe"));
        QCOMPARE(header.value(QLatin1String("latitude")).toDouble(), 42.3664655);
        const QStringList types =
            geogrid.value(QLatin1String("properties")).toObject().value(QLatin1String("types")).toObject().keys();
        QCOMPARE(types.size(), 5);
        QVERIFY(table.value(QLatin1String("NUMERICINDICATORS")).toArray().size() >= 8); // saved module output
        const QJsonObject cell = table.value(QLatin1String("GEOGRIDDATA")).toArray().at(0).toObject();
        QVERIFY(types.contains(cell.value(QLatin1String("name")).toString()));
        QCOMPARE(cell.value(QLatin1String("height")).toArray().size(), 3);
        QCOMPARE(cell.value(QLatin1String("interactive")).toString(), QStringLiteral("Web"));

        // A second LISTEN switches tables.
        ui.send(QStringLiteral("LISTEN"), QJsonObject {{QStringLiteral("tableName"), QStringLiteral("corktown")}});
        QTRY_COMPARE(ui.count(QStringLiteral("TABLE_SNAPSHOT")), 2);
        QCOMPARE(ui.last(QStringLiteral("TABLE_SNAPSHOT"))
                     .value(QLatin1String("content"))
                     .toObject()
                     .value(QLatin1String("GEOGRIDDATA"))
                     .toArray()
                     .size(),
            24 * 18);
        QCOMPARE(cityio(simulator)->broker().listenerCount(QStringLiteral("corktown")), 1);
    }

    void silentOnUnknownInput()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        CityioPeer ui(wsUrl(*simulator, QStringLiteral("/interface")));
        QVERIFY(ui.waitConnected());
        ui.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("nosuch")));
        ui.socket.sendTextMessage(QStringLiteral("not json"));
        ui.send(QStringLiteral("LISTN"), gridId(QStringLiteral("volpe")));
        ui.send(QStringLiteral("LIST_SCENARIOS"), QJsonObject()); // before any LISTEN: no table
        // The socket keeps order: the first answer is to the last request, so the others got none.
        ui.send(QStringLiteral("REQUEST_CORE_MODULES_LIST"), QJsonObject());
        QTRY_COMPARE(ui.messages.size(), 1);
        QCOMPARE(ui.firstType(), QStringLiteral("CORE_MODULES_LIST"));
        QVERIFY(ui.last(QStringLiteral("CORE_MODULES_LIST")).value(QLatin1String("content")).isArray());
    }

    void errorsOptionNamesTheProblem()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet({{QStringLiteral("errors"), true}}));
        CityioPeer ui(wsUrl(*simulator, QStringLiteral("/interface")));
        QVERIFY(ui.waitConnected());
        ui.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("nosuch")));
        QTRY_COMPARE(ui.count(QStringLiteral("ERROR")), 1);
        QCOMPARE(
            ui.last(QStringLiteral("ERROR")).value(QLatin1String("content")).toObject().value(QLatin1String("message")),
            QJsonValue(QStringLiteral("Table nosuch not found")));
    }

    void gridUpdatesReachEveryListenerAndModule()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        CityioPeer a(wsUrl(*simulator, QStringLiteral("/interface")));
        CityioPeer b(wsUrl(*simulator, QStringLiteral("/cityio/interface")));
        CityioPeer other(wsUrl(*simulator, QStringLiteral("/interface")));
        CityioPeer module(wsUrl(*simulator, QStringLiteral("/module")));
        QVERIFY(a.waitConnected() && b.waitConnected() && other.waitConnected() && module.waitConnected());
        a.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("volpe")));
        b.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("volpe")));
        other.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("corktown")));
        module.send(QStringLiteral("SUBSCRIBE"), gridId(QStringLiteral("volpe")));
        QTRY_VERIFY(a.count(QStringLiteral("TABLE_SNAPSHOT")) && b.count(QStringLiteral("TABLE_SNAPSHOT"))
            && other.count(QStringLiteral("TABLE_SNAPSHOT")) && module.count(QStringLiteral("TABLE_SNAPSHOT")));
        // The module gets the wrapped snapshot.
        const QJsonObject wrapped =
            module.last(QStringLiteral("TABLE_SNAPSHOT")).value(QLatin1String("content")).toObject();
        QCOMPARE(wrapped.value(QLatin1String("tableName")).toString(), QStringLiteral("volpe"));
        QCOMPARE(
            wrapped.value(QLatin1String("snapshot")).toObject().value(QLatin1String("GEOGRIDDATA")).toArray().size(),
            400);

        const QJsonArray parks = allParks(400);
        a.send(QStringLiteral("UPDATE_GRID"), QJsonObject {{QStringLiteral("geogriddata"), parks}});
        QTRY_COMPARE(b.count(QStringLiteral("GEOGRIDDATA_UPDATE")), 1);
        QTRY_COMPARE(a.count(QStringLiteral("GEOGRIDDATA_UPDATE")), 1); // the sender too
        QCOMPARE(b.last(QStringLiteral("GEOGRIDDATA_UPDATE")).value(QLatin1String("content")), QJsonValue(parks));
        QTRY_COMPARE(module.count(QStringLiteral("GEOGRIDDATA_UPDATE")), 1);
        const QJsonObject moduleUpdate =
            module.last(QStringLiteral("GEOGRIDDATA_UPDATE")).value(QLatin1String("content")).toObject();
        QCOMPARE(moduleUpdate.value(QLatin1String("tableName")).toString(), QStringLiteral("volpe"));
        QCOMPARE(moduleUpdate.value(QLatin1String("geogriddata")), QJsonValue(parks));
        QCOMPARE(cityio(simulator)->world().grid(QStringLiteral("volpe")), parks);

        // The walkability module recomputes: a single land use has no diversity.
        QTRY_VERIFY(a.count(QStringLiteral("MODULE")) >= 1);
        QTRY_COMPARE(indicator(a.last(QStringLiteral("MODULE")), QStringLiteral("Diversity of land use")), 0.0);
        QCOMPARE(other.count(QStringLiteral("GEOGRIDDATA_UPDATE")), 0);
    }

    void moduleOutputIsForwardedAndSaved()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        CityioPeer ui(wsUrl(*simulator, QStringLiteral("/interface")));
        CityioPeer module(wsUrl(*simulator, QStringLiteral("/module")));
        QVERIFY(ui.waitConnected() && module.waitConnected());
        ui.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("volpe")));
        module.send(QStringLiteral("SUBSCRIBE"), gridId(QStringLiteral("volpe")));
        QTRY_VERIFY(ui.count(QStringLiteral("TABLE_SNAPSHOT")) && module.count(QStringLiteral("TABLE_SNAPSHOT")));
        const QJsonObject content {{QStringLiteral("gridId"), QStringLiteral("volpe")}, {QStringLiteral("save"), true},
            {QStringLiteral("moduleData"),
                QJsonObject {
                    {QStringLiteral("numeric"),
                        QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("walking")},
                            {QStringLiteral("value"), 0.99}, {QStringLiteral("viz_type"), QStringLiteral("bar")}}}},
                    {QStringLiteral("layers"),
                        QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("probe")},
                            {QStringLiteral("type"), QStringLiteral("scatterplot")},
                            {QStringLiteral("data"), QJsonArray()}}}}}}};
        module.send(QStringLiteral("MODULE"), content);
        QTRY_COMPARE(ui.count(QStringLiteral("MODULE")), 1);
        QCOMPARE(ui.last(QStringLiteral("MODULE")).value(QLatin1String("content")).toObject(), content); // unchanged
        // Saved: merged by name / id into the table the next snapshot shows.
        ui.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("volpe")));
        QTRY_COMPARE(ui.count(QStringLiteral("TABLE_SNAPSHOT")), 2);
        const QJsonObject table = ui.last(QStringLiteral("TABLE_SNAPSHOT")).value(QLatin1String("content")).toObject();
        int walking = 0;
        for (const QJsonValue &entry : table.value(QLatin1String("NUMERICINDICATORS")).toArray()) {
            if (entry.toObject().value(QLatin1String("name")).toString() == QLatin1String("walking")) {
                ++walking;
                QCOMPARE(entry.toObject().value(QLatin1String("value")).toDouble(), 0.99);
            }
        }
        QCOMPARE(walking, 1);
        QCOMPARE(table.value(QLatin1String("LAYERS")).toArray().size(), 2); // the heatmap and the probe
    }

    void coreModulesRegisterAndGetRequests()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        CityioPeer ui(wsUrl(*simulator, QStringLiteral("/interface")));
        CityioPeer core(wsUrl(*simulator, QStringLiteral("/module/core")));
        QVERIFY(ui.waitConnected() && core.waitConnected());
        core.send(QStringLiteral("CORE_MODULE_REGISTRATION"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("Fleetscope probe")},
                {QStringLiteral("description"), QStringLiteral("Test core module")},
                {QStringLiteral("moduleType"), QStringLiteral("Test")}});
        ui.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("volpe")));
        QTRY_COMPARE(ui.count(QStringLiteral("TABLE_SNAPSHOT")), 1);
        ui.send(QStringLiteral("REQUEST_CORE_MODULES_LIST"), QJsonObject());
        QTRY_COMPARE(ui.count(QStringLiteral("CORE_MODULES_LIST")), 1);
        const QJsonArray list = ui.last(QStringLiteral("CORE_MODULES_LIST")).value(QLatin1String("content")).toArray();
        QCOMPARE(list.size(), 3); // Noise, Energy and the probe
        const QString id = list.at(2).toObject().value(QLatin1String("moduleId")).toString();
        QVERIFY(id.startsWith(QLatin1String("fleetscope-probe-")));
        QVERIFY(core.messages.isEmpty()); // registration has no reply

        ui.send(QStringLiteral("MODULE_REQUEST"), QJsonObject {{QStringLiteral("id"), id}});
        QTRY_COMPARE(core.count(QStringLiteral("SUBSCRIPTION_REQUEST")), 1);
        QCOMPARE(core.last(QStringLiteral("SUBSCRIPTION_REQUEST")).value(QLatin1String("content")).toObject(),
            QJsonObject({{QStringLiteral("table"), QStringLiteral("volpe")}}));
        ui.send(QStringLiteral("REQUEST_MODULE"), QJsonObject {{QStringLiteral("modules"), QJsonArray {id}}});
        QTRY_COMPARE(core.count(QStringLiteral("SUBSCRIPTION_REQUEST")), 2);
        ui.send(QStringLiteral("REQUEST_MODULE_REMOVAL"), QJsonObject {{QStringLiteral("modules"), QJsonArray {id}}});
        QTRY_COMPARE(core.count(QStringLiteral("SUBSCRIPTION_REMOVAL_REQUEST")), 1);

        // The core module then acts like a module.
        core.send(QStringLiteral("SUBSCRIBE"), gridId(QStringLiteral("volpe")));
        QTRY_COMPARE(core.count(QStringLiteral("TABLE_SNAPSHOT")), 1);
        QVERIFY(core.last(QStringLiteral("TABLE_SNAPSHOT"))
                    .value(QLatin1String("content"))
                    .toObject()
                    .contains(QLatin1String("snapshot")));

        // A core module that goes away leaves the list.
        core.socket.close();
        QTRY_COMPARE(cityio(simulator)->broker().coreModules().size(), 2);
    }

    void builtinCoreModulesProduceOutputOnceAttached()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"),
            quiet({{QStringLiteral("traffic"), true}, {QStringLiteral("trafficIntervalMs"), 50}}));
        CityioPeer ui(wsUrl(*simulator, QStringLiteral("/interface")));
        QVERIFY(ui.waitConnected());
        ui.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("volpe")));
        QTRY_VERIFY(ui.count(QStringLiteral("MODULE")) >= 2); // traffic ticks
        const QJsonObject traffic = ui.last(QStringLiteral("MODULE"));
        QVERIFY(indicator(traffic, QStringLiteral("congestion")) >= 0
            && indicator(traffic, QStringLiteral("congestion")) <= 1);
        QVERIFY(indicator(traffic, QStringLiteral("average speed")) >= 15
            && indicator(traffic, QStringLiteral("average speed")) <= 45);
        auto noiseCount = [&ui] {
            int n = 0;
            for (const QJsonObject &message : ui.messages)
                n += indicator(message, QStringLiteral("Noise exposure")) > 0 ? 1 : 0;
            return n;
        };
        QCOMPARE(noiseCount(), 0);
        ui.send(QStringLiteral("MODULE_REQUEST"), QJsonObject {{QStringLiteral("id"), QStringLiteral("noise-7c2e")}});
        QTRY_VERIFY(noiseCount() >= 1);
    }

    void scenarios()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        CityioPeer ui(wsUrl(*simulator, QStringLiteral("/interface")));
        QVERIFY(ui.waitConnected());
        ui.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("volpe")));
        ui.send(QStringLiteral("LIST_SCENARIOS"), QJsonObject());
        QTRY_COMPARE(ui.count(QStringLiteral("SCENARIOS")), 1);
        QJsonArray list = ui.last(QStringLiteral("SCENARIOS")).value(QLatin1String("content")).toArray();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(2).toObject().value(QLatin1String("isInBin")).toBool(), true);

        ui.send(QStringLiteral("SAVE_SCENARIO"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("fleetscope-test")},
                {QStringLiteral("description"), QStringLiteral("Saved from Fleetscope")}});
        QTRY_COMPARE(ui.count(QStringLiteral("SCENARIOS")), 2);
        QCOMPARE(ui.last(QStringLiteral("SCENARIOS")).value(QLatin1String("content")).toArray().size(), 4);
        ui.send(QStringLiteral("MODIFY_SCENARIO"),
            QJsonObject {
                {QStringLiteral("name"), QStringLiteral("fleetscope-test")}, {QStringLiteral("isInBin"), true}});
        QTRY_COMPARE(ui.count(QStringLiteral("SCENARIOS")), 3);
        list = ui.last(QStringLiteral("SCENARIOS")).value(QLatin1String("content")).toArray();
        QCOMPARE(list.at(3).toObject().value(QLatin1String("isInBin")).toBool(), true);

        QJsonArray parks;
        QVERIFY(cityio(simulator)->world().scenarioGrid(QStringLiteral("volpe"), QStringLiteral("more-parks"), &parks));
        QVERIFY(parks != cityio(simulator)->world().grid(QStringLiteral("volpe")));
        ui.send(
            QStringLiteral("RESTORE_SCENARIO"), QJsonObject {{QStringLiteral("name"), QStringLiteral("more-parks")}});
        QTRY_COMPARE(ui.count(QStringLiteral("GEOGRIDDATA_UPDATE")), 1);
        QCOMPARE(ui.last(QStringLiteral("GEOGRIDDATA_UPDATE")).value(QLatin1String("content")), QJsonValue(parks));
    }

    void legacySwitch()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet({{QStringLiteral("legacy"), true}}));
        CityioPeer ui(wsUrl(*simulator, QStringLiteral("/interface")));
        CityioPeer module(wsUrl(*simulator, QStringLiteral("/module")));
        QVERIFY(ui.waitConnected() && module.waitConnected());
        ui.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("volpe")));
        QTRY_COMPARE(ui.count(QStringLiteral("GRID")), 1);
        QCOMPARE(ui.count(QStringLiteral("TABLE_SNAPSHOT")), 0);
        module.send(QStringLiteral("MODULE"),
            QJsonObject {{QStringLiteral("gridId"), QStringLiteral("volpe")},
                {QStringLiteral("moduleData"),
                    QJsonObject {{QStringLiteral("layers"),
                        QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("arc")}}}}}}});
        QTRY_COMPARE(ui.count(QStringLiteral("INDICATOR")), 1);
        const QJsonObject data = ui.last(QStringLiteral("INDICATOR"))
                                     .value(QLatin1String("content"))
                                     .toObject()
                                     .value(QLatin1String("moduleData"))
                                     .toObject();
        QVERIFY(data.contains(QLatin1String("deckgl")));
        QVERIFY(!data.contains(QLatin1String("layers")));
    }

    void liveWorldChangesOnItsOwn()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"),
            quiet({{QStringLiteral("uiEdits"), true}, {QStringLiteral("editMinMs"), 30},
                {QStringLiteral("editMaxMs"), 60}}));
        CityioPeer ui(wsUrl(*simulator, QStringLiteral("/interface")));
        QVERIFY(ui.waitConnected());
        ui.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("corktown")));
        QTRY_COMPARE(ui.count(QStringLiteral("TABLE_SNAPSHOT")), 1);
        const QJsonArray before = ui.last(QStringLiteral("TABLE_SNAPSHOT"))
                                      .value(QLatin1String("content"))
                                      .toObject()
                                      .value(QLatin1String("GEOGRIDDATA"))
                                      .toArray();
        QTRY_VERIFY(ui.count(QStringLiteral("GEOGRIDDATA_UPDATE")) >= 1);
        const QJsonArray after =
            ui.last(QStringLiteral("GEOGRIDDATA_UPDATE")).value(QLatin1String("content")).toArray();
        QCOMPARE(after.size(), before.size()); // always the whole grid
        int changed = 0;
        for (qsizetype i = 0; i < after.size(); ++i)
            changed += after.at(i) != before.at(i) ? 1 : 0;
        QVERIFY2(changed >= 1 && changed <= 5 * ui.count(QStringLiteral("GEOGRIDDATA_UPDATE")),
            qPrintable(QString::number(changed)));
        QTRY_VERIFY(ui.count(QStringLiteral("MODULE")) >= 1); // walkability follows the edits
    }

    void faultInjectionSendsARawFrame()
    {
        auto simulator = startSimulator(QStringLiteral("cityio"), quiet());
        CityioPeer ui(wsUrl(*simulator, QStringLiteral("/interface")));
        QVERIFY(ui.waitConnected());
        ui.send(QStringLiteral("LISTEN"), gridId(QStringLiteral("volpe")));
        QTRY_COMPARE(cityio(simulator)->broker().listenerCount(QStringLiteral("volpe")), 1);
        QCOMPARE(cityio(simulator)->sendRawFrame(QStringLiteral("volpe"), QStringLiteral("{\"type\":")), 1);
        QTRY_VERIFY(ui.frames.contains(QStringLiteral("{\"type\":")));
        QSignalSpy pong(&ui.socket, &QWebSocket::pong);
        ui.socket.ping();
        QTRY_COMPARE(pong.count(), 1); // client pings are answered
    }
};

QTEST_GUILESS_MAIN(tst_CityioSimulator)
#include "tst_cityiosimulator.moc"
