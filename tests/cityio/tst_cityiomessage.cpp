// Decoding CityIO frames and their content without a socket: every message type, legacy names,
// objects and bare arrays as content, wrapped (/module) and bare (/interface) shapes.
#include "core/protocols/cityio/cityiocontent.h"
#include "core/protocols/cityio/cityiomessage.h"

#include <QJsonDocument>
#include <QTest>

using namespace fleetscope::cityio;

Q_DECLARE_METATYPE(fleetscope::cityio::MessageKind)

namespace {
QStringList L(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QString::fromUtf8(item);
    return out;
}
} // namespace

class tst_CityioMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesEnvelopes_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<MessageKind>("kind");
        QTest::addColumn<bool>("legacy");
        QTest::addColumn<int>("contentType"); // QJsonValue::Type

        const int object = QJsonValue::Object, array = QJsonValue::Array;
        QTest::newRow("TABLE_SNAPSHOT") << R"({"type":"TABLE_SNAPSHOT","content":{"GEOGRIDDATA":[]}})" << true
                                        << MessageKind::TableSnapshot << false << object;
        QTest::newRow("GRID (legacy snapshot)") << R"({"type":"GRID","content":{"GEOGRIDDATA":[]}})" << true
                                                << MessageKind::TableSnapshot << true << object;
        QTest::newRow("GEOGRIDDATA_UPDATE bare array") << R"({"type":"GEOGRIDDATA_UPDATE","content":[{"id":0}]})"
                                                       << true << MessageKind::GridUpdate << false << array;
        QTest::newRow("GEOGRIDDATA_UPDATE wrapped")
            << R"({"type":"GEOGRIDDATA_UPDATE","content":{"tableName":"volpe","geogriddata":[]}})" << true
            << MessageKind::GridUpdate << false << object;
        QTest::newRow("MODULE") << R"({"type":"MODULE","content":{"gridId":"volpe","moduleData":{}}})" << true
                                << MessageKind::Module << false << object;
        QTest::newRow("INDICATOR (legacy module)")
            << R"({"type":"INDICATOR","content":{"moduleData":{}}})" << true << MessageKind::Module << true << object;
        QTest::newRow("CORE_MODULES_LIST array")
            << R"({"type":"CORE_MODULES_LIST","content":[]})" << true << MessageKind::CoreModulesList << false << array;
        QTest::newRow("SCENARIOS array") << R"({"type":"SCENARIOS","content":[{"name":"baseline"}]})" << true
                                         << MessageKind::Scenarios << false << array;
        QTest::newRow("ERROR") << R"({"type":"ERROR","content":{"message":"Table nosuch not found"}})" << true
                               << MessageKind::Error << false << object;
        QTest::newRow("SUBSCRIPTION_REQUEST") << R"({"type":"SUBSCRIPTION_REQUEST","content":{"table":"volpe"}})"
                                              << true << MessageKind::SubscriptionRequest << false << object;
        QTest::newRow("SUBSCRIPTION_REMOVAL_REQUEST")
            << R"({"type":"SUBSCRIPTION_REMOVAL_REQUEST","content":{"table":"volpe"}})" << true
            << MessageKind::SubscriptionRemovalRequest << false << object;
        QTest::newRow("UPDATE_MODULE") << R"({"type":"UPDATE_MODULE","content":{"payload":"Play"}})" << true
                                       << MessageKind::UpdateModule << false << object;
        QTest::newRow("unknown type") << R"({"type":"FOO","content":1})" << true << MessageKind::Unknown << false
                                      << static_cast<int>(QJsonValue::Double);
        QTest::newRow("missing content reads as {}")
            << R"({"type":"SCENARIOS"})" << true << MessageKind::Scenarios << false << object;
        QTest::newRow("key order does not matter")
            << R"({"content":[],"type":"GEOGRIDDATA_UPDATE"})" << true << MessageKind::GridUpdate << false << array;
        QTest::newRow("not JSON") << "hello" << false << MessageKind::Unknown << false << 0;
        QTest::newRow("truncated") << "{\"type\":\"TABLE_SNAPSHOT\",\"content\":{\"GEOGRID\":" << false
                                   << MessageKind::Unknown << false << 0;
        QTest::newRow("array, not an envelope") << "[1,2]" << false << MessageKind::Unknown << false << 0;
        QTest::newRow("no type") << R"({"content":{}})" << false << MessageKind::Unknown << false << 0;
        QTest::newRow("type not a string") << R"({"type":7})" << false << MessageKind::Unknown << false << 0;
    }

    void decodesEnvelopes()
    {
        QFETCH(QString, frame);
        QFETCH(bool, ok);
        QFETCH(MessageKind, kind);
        QFETCH(bool, legacy);
        QFETCH(int, contentType);
        const Message message = decodeMessage(frame);
        QCOMPARE(message.ok, ok);
        QCOMPARE(message.bytes, frame.toUtf8().size());
        if (!ok) {
            QVERIFY(!message.problem.isEmpty());
            return;
        }
        QCOMPARE(message.kind, kind);
        QCOMPARE(message.legacy, legacy);
        QCOMPARE(static_cast<int>(message.content.type()), contentType);
    }

    void readsSnapshotsInBothShapes_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<bool>("wrapped");
        QTest::addColumn<QString>("tableName");
        QTest::addColumn<int>("cells");
        QTest::newRow("bare table (/interface)")
            << R"({"GEOGRID":{"properties":{"header":{"tableName":"volpe"}}},"GEOGRIDDATA":[{},{}]})" << false
            << "volpe" << 2;
        QTest::newRow("wrapped (/module)")
            << R"({"tableName":"corktown","snapshot":{"GEOGRIDDATA":[{},{},{}]}})" << true << "corktown" << 3;
        QTest::newRow("bare without header") << R"({"GEOGRIDDATA":[]})" << false << "" << 0;
    }

    void readsSnapshotsInBothShapes()
    {
        QFETCH(QString, content);
        QFETCH(bool, wrapped);
        QFETCH(QString, tableName);
        QFETCH(int, cells);
        const Snapshot snapshot = snapshotOf(QJsonDocument::fromJson(content.toUtf8()).object());
        QCOMPARE(snapshot.wrapped, wrapped);
        QCOMPARE(snapshot.tableName, tableName);
        QCOMPARE(snapshot.table.value(QLatin1String("GEOGRIDDATA")).toArray().size(), cells);
    }

    void readsGridUpdatesInBothShapes_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("wrapped");
        QTest::addColumn<QString>("tableName");
        QTest::addColumn<int>("cells");
        QTest::newRow("bare array") << R"({"type":"GEOGRIDDATA_UPDATE","content":[{"id":0},{"id":1}]})" << true << false
                                    << "" << 2;
        QTest::newRow("wrapped")
            << R"({"type":"GEOGRIDDATA_UPDATE","content":{"tableName":"volpe","geogriddata":[{}]}})" << true << true
            << "volpe" << 1;
        QTest::newRow("object without cells")
            << R"({"type":"GEOGRIDDATA_UPDATE","content":{"x":1}})" << false << false << "" << 0;
    }

    void readsGridUpdatesInBothShapes()
    {
        QFETCH(QString, frame);
        QFETCH(bool, valid);
        QFETCH(bool, wrapped);
        QFETCH(QString, tableName);
        QFETCH(int, cells);
        const GridUpdate update = gridUpdateOf(decodeMessage(frame).content);
        QCOMPARE(update.valid, valid);
        QCOMPARE(update.wrapped, wrapped);
        QCOMPARE(update.tableName, tableName);
        QCOMPARE(update.cells.size(), cells);
    }

    void readsModuleOutput_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("gridId");
        QTest::addColumn<QStringList>("indicators"); // name=value, or name=- without a value
        QTest::addColumn<QStringList>("layers"); // id:type
        QTest::newRow("current")
            << R"({"gridId":"volpe","save":true,"moduleData":{"numeric":[{"name":"walking","value":0.31}],"layers":[{"id":"h","type":"heatmap","data":[]}]}})"
            << "volpe" << L({"walking=0.31"}) << L({"h:heatmap"});
        QTest::newRow("values as strings and bools, nameless skipped")
            << R"({"gridId":"v","moduleData":{"numeric":[{"name":"a","value":"2.5"},{"name":"b","value":true},{"name":"c","value":"high"},{"value":1}]}})"
            << "v" << L({"a=2.5", "b=1", "c=-"}) << L({});
        QTest::newRow("legacy deckgl and heatmap")
            << R"({"moduleData":{"deckgl":[{"type":"arc","data":[1,2]}],"heatmap":{"features":[1,2,3]}}})"
            << "" << L({}) << L({"arc_0:arc", "heatmap:heatmap"});
        QTest::newRow("only layers") << R"({"gridId":"v","moduleData":{"layers":[{"type":"geojson"}]}})"
                                     << "v" << L({}) << L({"geojson_0:geojson"});
    }

    void readsModuleOutput()
    {
        QFETCH(QString, content);
        QFETCH(QString, gridId);
        QFETCH(QStringList, indicators);
        QFETCH(QStringList, layers);
        const ModuleOutput output = moduleOutputOf(QJsonDocument::fromJson(content.toUtf8()).object());
        QCOMPARE(output.gridId, gridId);
        QStringList gotIndicators;
        for (const Indicator &i : output.numeric)
            gotIndicators << i.name + QLatin1Char('=') + (i.hasValue ? QString::number(i.value) : QStringLiteral("-"));
        QCOMPARE(gotIndicators, indicators);
        QStringList gotLayers;
        for (const Layer &l : output.layers)
            gotLayers << l.id + QLatin1Char(':') + l.type;
        QCOMPARE(gotLayers, layers);
    }

    void readsListsAndErrors()
    {
        const QVector<Scenario> scenarios = scenariosOf(decodeMessage(
            QStringLiteral(
                R"({"type":"SCENARIOS","content":[{"name":"baseline","isInBin":false},{"name":"old","isInBin":true},{"description":"no name"}]})"))
                                                            .content);
        QCOMPARE(scenarios.size(), 2);
        QVERIFY(scenarios.at(1).inBin);
        const QVector<CoreModule> modules = coreModulesOf(decodeMessage(
            QStringLiteral(
                R"({"type":"CORE_MODULES_LIST","content":[{"moduleId":"noise-7c2e","name":"Noise","moduleType":"Environment"}]})"))
                                                              .content);
        QCOMPARE(modules.size(), 1);
        QCOMPARE(modules.first().moduleId, QStringLiteral("noise-7c2e"));
        QCOMPARE(
            errorTextOf(
                decodeMessage(QStringLiteral(R"({"type":"ERROR","content":{"message":"Table x not found"}})")).content),
            QStringLiteral("Table x not found"));
        QCOMPARE(errorTextOf(decodeMessage(QStringLiteral(R"({"type":"ERROR","content":"plain words"})")).content),
            QStringLiteral("plain words"));
        QCOMPARE(errorTextOf(decodeMessage(QStringLiteral(R"({"type":"ERROR","content":{"code":3}})")).content),
            QStringLiteral(R"({"code":3})"));
        for (const char *key : {"gridId", "tableName", "table"})
            QCOMPARE(tableKeyOf(QJsonObject {{QLatin1String(key), QStringLiteral("volpe")}}), QStringLiteral("volpe"));
    }
};

QTEST_GUILESS_MAIN(tst_CityioMessage)
#include "tst_cityiomessage.moc"
