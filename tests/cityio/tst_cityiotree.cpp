// How CityIO messages become topics, samples and events (docs/protocols/cityio.md#mapping), fed
// with decoded frames and no socket.
#include "core/protocols/cityio/cityiotree.h"

#include <QTest>

using namespace fleetscope;
using namespace fleetscope::cityio;

Q_DECLARE_METATYPE(fleetscope::Severity)

namespace {
// A 2×2 table: two Residential cells, one Park, one None; Office and Amenity listed but unused.
const char *const kSnapshot = R"({"type":"TABLE_SNAPSHOT","content":{
  "GEOGRID":{"type":"FeatureCollection","properties":{"header":{"tableName":"volpe","ncols":2,"nrows":2,"cellSize":15},
    "types":{"Residential":{},"Office":{},"Park":{},"Amenity":{},"None":{}}},"features":[{},{},{},{}]},
  "GEOGRIDDATA":[{"id":0,"name":"Residential","height":[0,30,100]},{"id":1,"name":"Residential","height":[0,20,100]},
                 {"id":2,"name":"Park","height":[0,0,100]},{"id":3,"name":"None","height":[0,0,100]}],
  "NUMERICINDICATORS":[{"name":"walking","value":0.25,"viz_type":"bar","description":"Share of walking trips"},
                       {"name":"Mean Height","value":"50.48","viz_type":"bar"}],
  "LAYERS":[{"id":"walkability_heatmap","type":"heatmap","data":[{},{}]}],
  "ABM2":{"trips":[]}}})";

QString apply(CityioTree &tree, const QString &project, const QString &frame, EndpointBatch *out, qint64 t = 1000)
{
    const Message message = decodeMessage(frame);
    if (!message.ok)
        return CityioTree::undecodable(CityioTree::projectPath(project), message, frame, t, out);
    return tree.applyInterface(project, message, frame, t, out);
}

double sampleValue(const EndpointBatch &batch, const QString &path, bool *found)
{
    *found = false;
    double value = 0;
    for (const Sample &sample : batch.samples) {
        if (sample.path == path) {
            *found = true;
            value = sample.value;
        }
    }
    return value;
}

// The topic as last reported in the batch.
const Topic *topicAt(const EndpointBatch &batch, const QString &path)
{
    const Topic *found = nullptr;
    for (const Topic &topic : batch.topics) {
        if (topic.path == path)
            found = &topic;
    }
    return found;
}
} // namespace

class tst_CityioTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eventPerMessage_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<Severity>("severity");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("summary");

        QTest::newRow("TABLE_SNAPSHOT") << kSnapshot << Severity::Info << "volpe"
                                        << "snapshot: 4 cells, 1 layer, 2 indicators";
        QTest::newRow("GRID (legacy) with indicators and scenarios keys")
            << R"({"type":"GRID","content":{"GEOGRIDDATA":[{"name":"Park"}],"indicators":[{"name":"x","value":1}],"scenarios":[{"name":"a"}]}})"
            << Severity::Info << "volpe"
            << "snapshot: 1 cell, 0 layers, 1 indicator";
        QTest::newRow("GEOGRIDDATA_UPDATE, first grid")
            << R"({"type":"GEOGRIDDATA_UPDATE","content":[{"name":"Park"},{"name":"Park"}]})" << Severity::Info
            << "volpe/GEOGRIDDATA"
            << "grid update: 2 cells";
        QTest::newRow("GEOGRIDDATA_UPDATE without cells")
            << R"({"type":"GEOGRIDDATA_UPDATE","content":{}})" << Severity::Warning << "volpe/GEOGRIDDATA"
            << "grid update without a cell array";
        QTest::newRow("MODULE")
            << R"({"type":"MODULE","content":{"gridId":"volpe","save":false,"moduleData":{"numeric":[{"name":"a","value":1},{"name":"b","value":2},{"name":"c","value":3},{"name":"d","value":4}],"layers":[{"id":"l","type":"arc"}]}}})"
            << Severity::Info << "volpe/indicators"
            << "module output: 4 indicators, 1 layer";
        QTest::newRow("INDICATOR (legacy) without gridId goes to the socket's project")
            << R"({"type":"INDICATOR","content":{"moduleData":{"numeric":[{"name":"a","value":"x"}],"deckgl":[{"type":"arc"}]}}})"
            << Severity::Info << "volpe/indicators"
            << "module output: 1 indicator, 1 layer (1 without a numeric value)";
        QTest::newRow("MODULE for another grid")
            << R"({"type":"MODULE","content":{"gridId":"corktown","save":true,"moduleData":{}}})" << Severity::Info
            << "corktown/indicators"
            << "module output: 0 indicators, 0 layers, saved";
        QTest::newRow("SCENARIOS")
            << R"({"type":"SCENARIOS","content":[{"name":"baseline","isInBin":false},{"name":"more-parks","isInBin":true},{"name":"x"}]})"
            << Severity::Info << "volpe/scenarios"
            << "3 scenarios (1 in bin)";
        QTest::newRow("CORE_MODULES_LIST")
            << R"({"type":"CORE_MODULES_LIST","content":[{"moduleId":"noise-7c2e","name":"Noise"},{"moduleId":"e","name":"Energy"}]})"
            << Severity::Debug << "@core-modules"
            << "2 core modules";
        QTest::newRow("ERROR") << R"({"type":"ERROR","content":{"message":"Table nosuch not found"}})"
                               << Severity::Error << "volpe"
                               << "Table nosuch not found";
        QTest::newRow("ERROR of another shape") << R"({"type":"ERROR","content":["odd"]})" << Severity::Error << "volpe"
                                                << R"(["odd"])";
        QTest::newRow("SUBSCRIPTION_REQUEST")
            << R"({"type":"SUBSCRIPTION_REQUEST","content":{"table":"corktown"}})" << Severity::Info << "corktown"
            << "core subscription requested";
        QTest::newRow("unknown type") << R"({"type":"FOO","content":{}})" << Severity::Debug << "volpe"
                                      << "unknown message type FOO";
        QTest::newRow("not JSON") << "hello" << Severity::Error << "volpe"
                                  << "undecodable frame (5 bytes)";
        QTest::newRow("truncated") << "{\"type\":\"MODULE\",\"con" << Severity::Error << "volpe"
                                   << "undecodable frame (21 bytes)";
    }

    void eventPerMessage()
    {
        QFETCH(QString, frame);
        QFETCH(Severity, severity);
        QFETCH(QString, path);
        QFETCH(QString, summary);
        CityioTree tree;
        EndpointBatch batch;
        const QString main = apply(tree, QStringLiteral("volpe"), frame, &batch, 4242);
        QCOMPARE(batch.events.size(), 1);
        const Event &event = batch.events.first();
        QCOMPARE(event.severity, severity);
        QCOMPARE(event.path, path);
        QVERIFY2(event.summary.startsWith(summary), qPrintable(event.summary));
        QCOMPARE(event.payload, frame); // the raw envelope is kept
        QCOMPARE(event.t, 4242);
        QCOMPARE(main, event.summary);
    }

    void snapshotFillsTheTree()
    {
        CityioTree tree;
        EndpointBatch batch;
        apply(tree, QStringLiteral("volpe"), QString::fromUtf8(kSnapshot), &batch);
        const Topic *project = topicAt(batch, QStringLiteral("volpe"));
        QVERIFY(project);
        QCOMPARE(project->node, NodeKind::Device);
        QVERIFY(project->subscribable);
        QCOMPARE(project->meta.value(QStringLiteral("ncols")).toInt(), 2);
        QCOMPARE(topicAt(batch, QStringLiteral("volpe/GEOGRID"))->type, QStringLiteral("geojson"));
        QCOMPARE(topicAt(batch, QStringLiteral("volpe/GEOGRIDDATA"))->type, QStringLiteral("cityio/geogriddata"));
        QCOMPARE(topicAt(batch, QStringLiteral("volpe/GEOGRIDDATA"))->node, NodeKind::Stream);
        QCOMPARE(
            topicAt(batch, QStringLiteral("volpe/layers/walkability_heatmap"))->type, QStringLiteral("layer/heatmap"));
        QCOMPARE(topicAt(batch, QStringLiteral("volpe/ABM2"))->type, QStringLiteral("json"));
        QCOMPARE(topicAt(batch, QStringLiteral("volpe/indicators/walking"))->meta.value(QStringLiteral("viz_type")),
            QVariant(QStringLiteral("bar")));
        QVERIFY(!topicAt(batch, QStringLiteral("volpe/NUMERICINDICATORS")));
        QVERIFY(!topicAt(batch, QStringLiteral("volpe/LAYERS")));

        bool found = false;
        QCOMPARE(sampleValue(batch, QStringLiteral("volpe/GEOGRIDDATA/types/Residential"), &found), 2.0);
        QVERIFY(found);
        QCOMPARE(sampleValue(batch, QStringLiteral("volpe/GEOGRIDDATA/types/Office"), &found), 0.0);
        QVERIFY2(found, "a type the grid lists but does not use counts 0");
        QCOMPARE(sampleValue(batch, QStringLiteral("volpe/indicators/walking"), &found), 0.25);
        QCOMPARE(sampleValue(batch, QStringLiteral("volpe/indicators/Mean Height"), &found), 50.48);
        QVERIFY2(found, "a numeric string is a value");
        sampleValue(batch, QStringLiteral("volpe/GEOGRIDDATA/changed"), &found);
        QVERIFY2(!found, "the first grid has nothing to differ from");
        QVERIFY(tree.hasGrid(QStringLiteral("volpe")));
        QCOMPARE(tree.grid(QStringLiteral("volpe")).size(), 4);

        // The same snapshot again: the topics are known (only `changed` is new), the samples come again.
        EndpointBatch again;
        apply(tree, QStringLiteral("volpe"), QString::fromUtf8(kSnapshot), &again);
        QCOMPARE(again.topics.size(), 1);
        QCOMPARE(again.topics.first().path, QStringLiteral("volpe/GEOGRIDDATA/changed"));
        QCOMPARE(sampleValue(again, QStringLiteral("volpe/GEOGRIDDATA/changed"), &found), 0.0);
        QVERIFY(found);
    }

    void gridUpdatesCountChangedCellsAndTypes_data()
    {
        QTest::addColumn<QString>("update");
        QTest::addColumn<QString>("summary");
        QTest::addColumn<double>("changed");
        QTest::addColumn<double>("parks");
        const char *twoParks =
            R"([{"id":0,"name":"Park","height":[0,0,100]},{"id":1,"name":"Residential","height":[0,20,100]},
            {"id":2,"name":"Park","height":[0,0,100]},{"id":3,"name":"Park","height":[0,0,100]}])";
        QTest::newRow("bare array")
            << QStringLiteral(R"({"type":"GEOGRIDDATA_UPDATE","content":%1})").arg(QString::fromUtf8(twoParks))
            << QStringLiteral("grid update: 2 cells changed (Park ×2)") << 2.0 << 3.0;
        QTest::newRow("wrapped") << QStringLiteral(
            R"({"type":"GEOGRIDDATA_UPDATE","content":{"tableName":"volpe","geogriddata":%1}})")
                                        .arg(QString::fromUtf8(twoParks))
                                 << QStringLiteral("grid update: 2 cells changed (Park ×2)") << 2.0 << 3.0;
        QTest::newRow("height only, mixed types") << QStringLiteral(
            R"({"type":"GEOGRIDDATA_UPDATE","content":[{"id":0,"name":"Residential","height":[0,31,100]},{"id":1,"name":"Office","height":[0,20,100]},
            {"id":2,"name":"Park","height":[0,0,100]},{"id":3,"name":"None","height":[0,0,100]}]})")
                                                  << QStringLiteral(
                                                         "grid update: 2 cells changed (Office ×1, Residential ×1)")
                                                  << 2.0 << 1.0;
        QTest::newRow("no change") << QStringLiteral(
            R"({"type":"GEOGRIDDATA_UPDATE","content":[{"id":0,"name":"Residential","height":[0,30,100]},{"id":1,"name":"Residential","height":[0,20,100]},
                 {"id":2,"name":"Park","height":[0,0,100]},{"id":3,"name":"None","height":[0,0,100]}]})")
                                   << QStringLiteral("grid update: no cell changed") << 0.0 << 1.0;
        QTest::newRow("shorter array replaces the grid")
            << QStringLiteral(R"({"type":"GEOGRIDDATA_UPDATE","content":[{"id":0,"name":"Park"}]})")
            << QStringLiteral("grid update: 4 cells changed (Park ×1); the grid now has 1 cells, had 4") << 4.0 << 1.0;
    }

    void gridUpdatesCountChangedCellsAndTypes()
    {
        QFETCH(QString, update);
        QFETCH(QString, summary);
        QFETCH(double, changed);
        QFETCH(double, parks);
        CityioTree tree;
        EndpointBatch first;
        apply(tree, QStringLiteral("volpe"), QString::fromUtf8(kSnapshot), &first);
        EndpointBatch batch;
        apply(tree, QStringLiteral("volpe"), update, &batch);
        QCOMPARE(batch.events.size(), 1);
        QCOMPARE(batch.events.first().summary, summary);
        bool found = false;
        QCOMPARE(sampleValue(batch, QStringLiteral("volpe/GEOGRIDDATA/changed"), &found), changed);
        QVERIFY(found);
        QCOMPARE(sampleValue(batch, QStringLiteral("volpe/GEOGRIDDATA/types/Park"), &found), parks);
        QVERIFY(found);
    }

    void moduleOutputBecomesSamplesAndLayers()
    {
        CityioTree tree;
        EndpointBatch batch;
        apply(tree, QStringLiteral("volpe"),
            QStringLiteral(R"({"type":"MODULE","content":{"gridId":"volpe","moduleData":{
                "numeric":[{"name":"Diversity of land use","value":0.62,"viz_type":"radar","ref_value":0.5},
                           {"name":"km/h a/b","value":false},{"name":"label","value":"n/a"}],
                "layers":[{"type":"arc","data":[1,2,3]},{"id":"walk","type":"heatmap"}]}}})"),
            &batch);
        bool found = false;
        QCOMPARE(sampleValue(batch, QStringLiteral("volpe/indicators/Diversity of land use"), &found), 0.62);
        QCOMPARE(sampleValue(batch, QStringLiteral("volpe/indicators/km%2Fh a%2Fb"), &found), 0.0);
        QVERIFY2(found, "a bool is 1/0 and a '/' in a name is encoded");
        sampleValue(batch, QStringLiteral("volpe/indicators/label"), &found);
        QVERIFY2(!found, "a value that is no number gives no sample");
        QVERIFY(topicAt(batch, QStringLiteral("volpe/indicators/label")));
        QCOMPARE(
            topicAt(batch, QStringLiteral("volpe/indicators/km%2Fh a%2Fb"))->displayName, QStringLiteral("km/h a/b"));
        QCOMPARE(topicAt(batch, QStringLiteral("volpe/indicators/Diversity of land use"))
                     ->meta.value(QStringLiteral("ref_value"))
                     .toDouble(),
            0.5);
        QCOMPARE(topicAt(batch, QStringLiteral("volpe/layers/arc_0"))->meta.value(QStringLiteral("points")).toInt(), 3);
        QCOMPARE(topicAt(batch, QStringLiteral("volpe/layers/walk"))->type, QStringLiteral("layer/heatmap"));
    }

    void scenariosAndCoreModulesFollowTheLatestList()
    {
        CityioTree tree;
        EndpointBatch first;
        apply(tree, QStringLiteral("volpe"),
            QStringLiteral(R"({"type":"SCENARIOS","content":[{"name":"baseline"},{"name":"old","isInBin":true}]})"),
            &first);
        QCOMPARE(topicAt(first, QStringLiteral("volpe/scenarios/old"))->meta.value(QStringLiteral("isInBin")).toBool(),
            true);
        EndpointBatch second;
        apply(tree, QStringLiteral("volpe"), QStringLiteral(R"({"type":"SCENARIOS","content":[{"name":"baseline"}]})"),
            &second);
        QCOMPARE(second.removedTopics, QStringList {QStringLiteral("volpe/scenarios/old")});

        EndpointBatch modules;
        apply(tree, QStringLiteral("volpe"),
            QStringLiteral(
                R"({"type":"CORE_MODULES_LIST","content":[{"moduleId":"noise-7c2e","name":"Noise","description":"Road noise","moduleType":"Environment"}]})"),
            &modules);
        const Topic *noise = topicAt(modules, QStringLiteral("@core-modules/noise-7c2e"));
        QVERIFY(noise);
        QCOMPARE(noise->type, QStringLiteral("cityio/core-module"));
        QCOMPARE(noise->displayName, QStringLiteral("Noise"));
    }

    void probeChannelsReportEventsOnly()
    {
        CityioTree tree;
        EndpointBatch batch;
        const QString frame = QStringLiteral(
            R"({"type":"TABLE_SNAPSHOT","content":{"tableName":"volpe","snapshot":{"GEOGRIDDATA":[{},{}]}}})");
        tree.applyProbe(QStringLiteral("@module"), decodeMessage(frame), frame, 1, &batch);
        QCOMPARE(batch.events.size(), 1);
        QCOMPARE(batch.events.first().path, QStringLiteral("@module"));
        QCOMPARE(batch.events.first().summary, QStringLiteral("snapshot of volpe on @module: 2 cells"));
        QVERIFY(batch.samples.isEmpty());
        QVERIFY(!tree.hasGrid(QStringLiteral("volpe")));
    }

    void projectsFromRestCarryTheirHeader()
    {
        CityioTree tree;
        EndpointBatch batch;
        tree.addProject(QStringLiteral("a/b"), QJsonObject {{QStringLiteral("ncols"), 20}}, &batch);
        QCOMPARE(batch.topics.size(), 1);
        QCOMPARE(batch.topics.first().path, QStringLiteral("a%2Fb"));
        QCOMPARE(batch.topics.first().displayName, QStringLiteral("a/b"));
        QCOMPARE(batch.topics.first().meta.value(QStringLiteral("ncols")).toInt(), 20);
        QCOMPARE(tree.projects(), QStringList {QStringLiteral("a/b")});
    }
};

QTEST_GUILESS_MAIN(tst_CityioTree)
#include "tst_cityiotree.moc"
