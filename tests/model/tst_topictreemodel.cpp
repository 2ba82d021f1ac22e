#include "core/model/topictreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace fleetscope;

namespace {
Topic stream(const QString &path, const QString &type = QStringLiteral("dataport.float"))
{
    Topic t;
    t.path = path;
    t.node = NodeKind::Stream;
    t.type = type;
    t.subscribable = true;
    return t;
}
} // namespace

class tst_TopicTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildsTheTreeFromPaths()
    {
        TopicTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addEndpoint(QStringLiteral("hq"), QStringLiteral("exosite"));
        EndpointBatch batch;
        batch.topics << stream(QStringLiteral("truck-02/temperature")) << stream(QStringLiteral("truck-01/temperature"))
                     << stream(QStringLiteral("ambient"));
        model.applyBatch(QStringLiteral("hq"), batch);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex root = model.index(0, 0);
        QCOMPARE(model.data(root).toString(), QStringLiteral("hq"));
        QCOMPARE(model.rowCount(root), 3); // ambient, truck-01, truck-02 (sorted)
        QCOMPARE(model.index(0, 0, root).data().toString(), QStringLiteral("ambient"));
        QCOMPARE(model.index(1, 0, root).data().toString(), QStringLiteral("truck-01"));
        const QModelIndex temp = model.indexFor(QStringLiteral("hq"), QStringLiteral("truck-01/temperature"));
        QVERIFY(temp.isValid());
        QCOMPARE(temp.data(TopicTreeModel::PathRole).toString(), QStringLiteral("truck-01/temperature"));
        QCOMPARE(temp.data(TopicTreeModel::SubscribableRole).toBool(), true);
        QCOMPARE(temp.siblingAtColumn(TopicTreeModel::TypeColumn).data().toString(), QStringLiteral("dataport.float"));
        QCOMPARE(model.topicCount(), 5); // two implied folders too
    }

    void countsLastValueAndRate()
    {
        TopicTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addEndpoint(QStringLiteral("hq"), QStringLiteral("exosite"));
        EndpointBatch batch;
        batch.topics << stream(QStringLiteral("ambient"));
        for (int i = 0; i < 5; ++i)
            batch.samples << Sample {QStringLiteral("ambient"), 1000 + i, 20.0 + i};
        Event e;
        e.t = 2000;
        e.path = QStringLiteral("status");
        e.summary = QStringLiteral("status = idle");
        batch.events << e;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.applyBatch(QStringLiteral("hq"), batch);
        QVERIFY(changed.count() >= 1);
        const QModelIndex ambient = model.indexFor(QStringLiteral("hq"), QStringLiteral("ambient"));
        QCOMPARE(ambient.data(TopicTreeModel::CountRole).toLongLong(), 5);
        QCOMPARE(ambient.siblingAtColumn(TopicTreeModel::LastValueColumn).data().toString(), QStringLiteral("24"));
        QCOMPARE(ambient.data(TopicTreeModel::LastTimeRole).toLongLong(), 1004);
        const QModelIndex status = model.indexFor(QStringLiteral("hq"), QStringLiteral("status"));
        QCOMPARE(
            status.siblingAtColumn(TopicTreeModel::LastValueColumn).data().toString(), QStringLiteral("status = idle"));
        model.updateRatesOver(1.0); // the first messages start the clock (RateMeter)
        QCOMPARE(ambient.data(TopicTreeModel::RateRole).toDouble(), 0.0);
        EndpointBatch next;
        for (int i = 0; i < 5; ++i)
            next.samples << Sample {QStringLiteral("ambient"), 2000 + i, 30.0 + i};
        model.applyBatch(QStringLiteral("hq"), next);
        model.updateRatesOver(1.0);
        QCOMPARE(ambient.data(TopicTreeModel::RateRole).toDouble(), 5.0);
        QCOMPARE(ambient.siblingAtColumn(TopicTreeModel::RateColumn).data().toString(), QStringLiteral("5.0/s"));
        model.updateRatesOver(1.0); // a quiet second: averaged, not blank (RateMeter)
        QVERIFY(ambient.data(TopicTreeModel::RateRole).toDouble() > 0.0);
        for (int second = 0; second < 10; ++second)
            model.updateRatesOver(1.0); // a long silence: the rate falls to zero
        QCOMPARE(ambient.data(TopicTreeModel::RateRole).toDouble(), 0.0);
    }

    void aSampleOnAnUnknownPathCreatesADerivedStream()
    {
        TopicTreeModel model;
        model.addEndpoint(QStringLiteral("intu"), QStringLiteral("intu"));
        EndpointBatch batch;
        batch.samples << Sample {QStringLiteral("sensor-System/cpuUsage"), 1, 12.5};
        model.applyBatch(QStringLiteral("intu"), batch);
        const QModelIndex cpu = model.indexFor(QStringLiteral("intu"), QStringLiteral("sensor-System/cpuUsage"));
        QVERIFY(cpu.isValid());
        QCOMPARE(cpu.data(TopicTreeModel::TypeRole).toString(), QStringLiteral("number"));
        QCOMPARE(cpu.data(TopicTreeModel::NodeKindRole).toString(), QStringLiteral("stream"));
    }

    void removesTopicsAndEndpoints()
    {
        TopicTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addEndpoint(QStringLiteral("a"), QStringLiteral("exosite"));
        model.addEndpoint(QStringLiteral("b"), QStringLiteral("exosite"));
        EndpointBatch batch;
        batch.topics << stream(QStringLiteral("x/y")) << stream(QStringLiteral("x/z"));
        model.applyBatch(QStringLiteral("a"), batch);
        model.applyBatch(QStringLiteral("b"), batch);
        EndpointBatch removal;
        removal.removedTopics << QStringLiteral("x");
        model.applyBatch(QStringLiteral("a"), removal);
        QVERIFY(!model.indexFor(QStringLiteral("a"), QStringLiteral("x/y")).isValid());
        QVERIFY(model.indexFor(QStringLiteral("b"), QStringLiteral("x/y")).isValid());
        model.removeEndpoint(QStringLiteral("a"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.endpoints(), QStringList {QStringLiteral("b")});
        QCOMPARE(model.topicCount(), 3);
    }

    void dragCarriesEndpointAndPath()
    {
        TopicTreeModel model;
        model.addEndpoint(QStringLiteral("hq"), QStringLiteral("exosite"));
        EndpointBatch batch;
        batch.topics << stream(QStringLiteral("ambient"));
        model.applyBatch(QStringLiteral("hq"), batch);
        std::unique_ptr<QMimeData> mime(
            model.mimeData({model.indexFor(QStringLiteral("hq"), QStringLiteral("ambient"))}));
        const QJsonArray items = QJsonDocument::fromJson(mime->data(TopicTreeModel::mimeType())).array();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value(QLatin1String("path")).toString(), QStringLiteral("ambient"));
        QCOMPARE(items.at(0).toObject().value(QLatin1String("endpoint")).toString(), QStringLiteral("hq"));
    }

    void manyTopicsStayConsistent()
    {
        // No QAbstractItemModelTester here: it re-walks the whole model on every change, which
        // is quadratic at this size; the checks below cover rows and parents directly.
        TopicTreeModel model;
        model.addEndpoint(QStringLiteral("big"), QStringLiteral("exosite"));
        EndpointBatch batch;
        for (int i = 0; i < 3000; ++i)
            batch.topics << stream(QStringLiteral("fleet/dev-%1/temp").arg(i * 7919 % 3000, 4, 10, QLatin1Char('0')));
        model.applyBatch(QStringLiteral("big"), batch);
        const QModelIndex fleet = model.indexFor(QStringLiteral("big"), QStringLiteral("fleet"));
        QCOMPARE(model.rowCount(fleet), 3000);
        for (int row = 0; row < 3000; row += 499) {
            const QModelIndex dev = model.index(row, 0, fleet);
            QCOMPARE(dev.data().toString(), QStringLiteral("dev-%1").arg(row, 4, 10, QLatin1Char('0')));
            QCOMPARE(model.parent(dev), fleet);
        }
    }

    void endpointStateShowsOnItsRow()
    {
        TopicTreeModel model;
        model.addEndpoint(QStringLiteral("hq"), QStringLiteral("exosite"));
        model.setEndpointState(QStringLiteral("hq"), LinkState::Reconnecting, QStringLiteral("retry in 2 s"));
        const QModelIndex row = model.indexFor(QStringLiteral("hq"));
        QCOMPARE(
            row.siblingAtColumn(TopicTreeModel::LastValueColumn).data().toString(), QStringLiteral("reconnecting"));
        QVERIFY(row.data(Qt::ToolTipRole).toString().contains(QLatin1String("retry in 2 s")));
    }
};

QTEST_GUILESS_MAIN(tst_TopicTreeModel)
#include "tst_topictreemodel.moc"
