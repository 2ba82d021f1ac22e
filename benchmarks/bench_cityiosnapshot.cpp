// What a CityIO table costs the adapter: decoding a TABLE_SNAPSHOT and turning it into topics,
// samples and events (the per-type counts walk every cell), and the same for a whole-grid
// GEOGRIDDATA_UPDATE (every cell compared with the previous grid), for the simulator's tables and
// larger generated ones; plus LISTEN → snapshot applied over a loopback socket.
#include "core/protocols/cityio/cityioendpoint.h"
#include "core/protocols/cityio/cityiotree.h"
#include "sim/cityio/cityiogridmaker.h"
#include "sim/cityio/cityioindicators.h"
#include "sim/cityio/cityiosimulator.h"
#include "sim/cityio/cityioworld.h"

#include <QJsonDocument>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::sim::cityio;

namespace {
QString envelope(const QString &type, const QJsonValue &content)
{
    const QJsonObject object {{QStringLiteral("type"), type}, {QStringLiteral("content"), content}};
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// A snapshot like the simulator's, of any size.
QJsonObject table(int ncols, int nrows)
{
    GridSpec spec;
    spec.name = QStringLiteral("bench");
    spec.ncols = ncols;
    spec.nrows = nrows;
    spec.cellSize = 15;
    spec.latitude = 42.3664655;
    spec.longitude = -71.0854323;
    QRandomGenerator random(7);
    return QJsonObject {{QStringLiteral("GEOGRID"), GridMaker::geogrid(spec)},
        {QStringLiteral("GEOGRIDDATA"), GridMaker::geogriddata(spec, random)}};
}
} // namespace

class bench_CityioSnapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void snapshot_data()
    {
        QTest::addColumn<int>("ncols");
        QTest::addColumn<int>("nrows");
        QTest::newRow("20x20 (volpe)") << 20 << 20;
        QTest::newRow("24x18 (corktown)") << 24 << 18;
        QTest::newRow("100x100") << 100 << 100;
        QTest::newRow("200x200") << 200 << 200;
    }

    void snapshot()
    {
        QFETCH(int, ncols);
        QFETCH(int, nrows);
        const QString frame = envelope(QStringLiteral("TABLE_SNAPSHOT"), table(ncols, nrows));
        QBENCHMARK
        {
            cityio::CityioTree tree;
            EndpointBatch batch;
            tree.applyInterface(QStringLiteral("bench"), cityio::decodeMessage(frame), frame, 1, &batch);
        }
    }

    // The sizes behind the figures above, printed once.
    void sizes()
    {
        for (const auto &[ncols, nrows] :
            {std::pair {20, 20}, std::pair {24, 18}, std::pair {100, 100}, std::pair {200, 200}}) {
            const QJsonObject t = table(ncols, nrows);
            qInfo("%dx%d: snapshot %.2f MB, whole-grid update %.3f MB of JSON", ncols, nrows,
                envelope(QStringLiteral("TABLE_SNAPSHOT"), t).toUtf8().size() / 1.0e6,
                envelope(QStringLiteral("GEOGRIDDATA_UPDATE"), t.value(QLatin1String("GEOGRIDDATA"))).toUtf8().size()
                    / 1.0e6);
        }
    }

    void gridUpdate_data() { snapshot_data(); }

    void gridUpdate()
    {
        QFETCH(int, ncols);
        QFETCH(int, nrows);
        const QJsonObject start = table(ncols, nrows);
        QJsonArray cells = start.value(QLatin1String("GEOGRIDDATA")).toArray();
        const QString snapshot = envelope(QStringLiteral("TABLE_SNAPSHOT"), start);
        // Five cells edited, as a UI does; the whole array travels.
        for (int i = 0; i < 5; ++i)
            cells[i * 7] = GridMaker::cell(i * 7, *landUse(QStringLiteral("Park")), 0);
        const QString update = envelope(QStringLiteral("GEOGRIDDATA_UPDATE"), cells);
        cityio::CityioTree tree;
        EndpointBatch first;
        tree.applyInterface(QStringLiteral("bench"), cityio::decodeMessage(snapshot), snapshot, 1, &first);
        const QString back = envelope(QStringLiteral("GEOGRIDDATA_UPDATE"), start.value(QLatin1String("GEOGRIDDATA")));
        bool toggle = false;
        QBENCHMARK
        {
            EndpointBatch batch;
            const QString &frame = toggle ? back : update;
            tree.applyInterface(QStringLiteral("bench"), cityio::decodeMessage(frame), frame, 1, &batch);
            toggle = !toggle;
        }
    }

    // The walkability module's output (8 indicators, a 50-point heatmap): what arrives most often.
    void moduleOutput()
    {
        const QJsonObject t = table(20, 20);
        const QJsonObject header = t.value(QLatin1String("GEOGRID"))
                                       .toObject()
                                       .value(QLatin1String("properties"))
                                       .toObject()
                                       .value(QLatin1String("header"))
                                       .toObject();
        const QString frame = envelope(QStringLiteral("MODULE"),
            QJsonObject {{QStringLiteral("gridId"), QStringLiteral("bench")}, {QStringLiteral("save"), true},
                {QStringLiteral("moduleData"),
                    Indicators::walkability(t.value(QLatin1String("GEOGRIDDATA")).toArray(), header)}});
        cityio::CityioTree tree;
        QBENCHMARK
        {
            EndpointBatch batch;
            tree.applyInterface(QStringLiteral("bench"), cityio::decodeMessage(frame), frame, 1, &batch);
        }
    }

    void listenToSnapshotOverLoopback()
    {
        CityioSimulator simulator({{QStringLiteral("uiEdits"), false}, {QStringLiteral("traffic"), false}});
        QString error;
        QVERIFY(simulator.listen(QHostAddress::LocalHost, 0, &error));
        EndpointConfig config = simulator.clientConfig();
        config.link.pingIntervalMs = 0;
        cityio::CityioEndpoint endpoint(config);
        int snapshots = 0;
        connect(&endpoint, &Endpoint::batchReady, this, [&snapshots](const EndpointBatch &batch) {
            for (const Event &event : batch.events)
                snapshots += event.summary.startsWith(QLatin1String("snapshot:")) ? 1 : 0;
        });
        endpoint.setBatchInterval(0);
        endpoint.open();
        QTRY_COMPARE_WITH_TIMEOUT(endpoint.state(), LinkState::Ready, 10000);
        QBENCHMARK
        {
            const int before = snapshots;
            endpoint.subscribe(QStringLiteral("volpe"));
            QTRY_VERIFY_WITH_TIMEOUT(snapshots > before, 10000);
            endpoint.unsubscribe(QStringLiteral("volpe"));
        }
    }
};

QTEST_GUILESS_MAIN(bench_CityioSnapshot)
#include "bench_cityiosnapshot.moc"
