#include "core/endpoint/protocolregistry.h"
#include "core/workspace/workspace.h"
#include "ui/topicspanel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTreeView>

using namespace fleetscope;
using namespace fleetscope::ui;

// The topic browser over a large tree: the filter narrows to matching paths (keeping their
// ancestors), double-click toggles a subscription, and "chart this" picks numeric series.
class tst_TopicsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { registerBuiltinProtocols(m_protocols); }

    void init()
    {
        m_workspace = std::make_unique<Workspace>(m_protocols);
        EndpointConfig config;
        config.name = QStringLiteral("big");
        config.protocol = QStringLiteral("exosite");
        config.url = QUrl(QStringLiteral("ws://127.0.0.1:1/ws"));
        QString error;
        QVERIFY(m_workspace->addEndpoint(config, &error));
        m_panel = std::make_unique<TopicsPanel>(m_workspace.get());
        m_panel->resize(600, 500);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        // 200 sites × 100 sensors, reported the way an adapter does.
        EndpointBatch batch;
        for (int site = 0; site < 200; ++site) {
            for (int sensor = 0; sensor < 100; ++sensor) {
                Topic topic;
                topic.path = QStringLiteral("site-%1/sensor-%2").arg(site, 3, 10, QLatin1Char('0')).arg(sensor);
                topic.node = NodeKind::Stream;
                topic.type = QStringLiteral("dataport.float");
                topic.subscribable = true;
                batch.topics.append(topic);
            }
        }
        batch.samples.append(Sample {QStringLiteral("site-007/sensor-5/payload/temp"), 1, 21.5});
        m_workspace->topics()->applyBatch(QStringLiteral("big"), batch);
        // After the bulk insert: the tester walks the whole model at every change.
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_panel->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_panel.reset();
        m_workspace.reset();
    }

    void filterNarrowsToMatches()
    {
        QVERIFY(m_workspace->topics()->topicCount() > 20000);
        m_panel->setFilterText(QStringLiteral("site-123/sensor-42"));
        QSortFilterProxyModel *proxy = m_panel->proxy();
        QCOMPARE(proxy->rowCount(), 1); // the endpoint
        const QModelIndex endpoint = proxy->index(0, 0);
        QCOMPARE(proxy->rowCount(endpoint), 1);
        const QModelIndex site = proxy->index(0, 0, endpoint);
        QCOMPARE(site.data().toString(), QStringLiteral("site-123"));
        QCOMPARE(proxy->rowCount(site), 1);
        QCOMPARE(
            proxy->index(0, 0, site).data(TopicTreeModel::PathRole).toString(), QStringLiteral("site-123/sensor-42"));
        QVERIFY(m_panel->view()->isExpanded(site)); // matches are opened
        m_panel->setFilterText(QString());
        QCOMPARE(proxy->rowCount(proxy->index(0, 0)), 200);
        // Typing is debounced, then filters.
        QTest::keyClicks(m_panel->filterEdit(), QStringLiteral("SITE-199"));
        QTRY_COMPARE(proxy->rowCount(proxy->index(0, 0)), 1);
    }

    void doubleClickTogglesSubscription()
    {
        m_panel->setFilterText(QStringLiteral("site-010/sensor-3"));
        const QModelIndex endpoint = m_panel->proxy()->index(0, 0);
        const QModelIndex site = m_panel->proxy()->index(0, 0, endpoint);
        QModelIndex sensor;
        for (int row = 0; row < m_panel->proxy()->rowCount(site); ++row) {
            const QModelIndex candidate = m_panel->proxy()->index(row, 0, site);
            if (candidate.data(TopicTreeModel::PathRole).toString() == QLatin1String("site-010/sensor-3"))
                sensor = candidate;
        }
        QVERIFY(sensor.isValid());
        m_panel->view()->scrollTo(sensor);
        const QPoint at = m_panel->view()->visualRect(sensor).center();
        QSignalSpy doubleClicked(m_panel->view(), &QTreeView::doubleClicked);
        // What a real double click delivers: press, release, double-click, release.
        const auto doubleClick = [this, at] {
            QTest::mouseClick(m_panel->view()->viewport(), Qt::LeftButton, Qt::NoModifier, at);
            QTest::mouseDClick(m_panel->view()->viewport(), Qt::LeftButton, Qt::NoModifier, at);
            QTest::mouseRelease(m_panel->view()->viewport(), Qt::LeftButton, Qt::NoModifier, at);
        };
        doubleClick();
        QCOMPARE(doubleClicked.size(), 1);
        QCOMPARE(doubleClicked.first().at(0).value<QModelIndex>().data(TopicTreeModel::PathRole).toString(),
            QStringLiteral("site-010/sensor-3"));
        QVERIFY(m_workspace->subscriptions(QStringLiteral("big")).contains(QStringLiteral("site-010/sensor-3")));
        QVERIFY(sensor.data(TopicTreeModel::SubscribedRole).toBool());
        doubleClick();
        QVERIFY(m_workspace->subscriptions(QStringLiteral("big")).isEmpty());
        QVERIFY(!sensor.data(TopicTreeModel::SubscribedRole).toBool());
    }

    void chartablePathsFindNumbers()
    {
        TopicTreeModel *topics = m_workspace->topics();
        // A stream whose JSON payloads became numbers below it: those are its series.
        const QModelIndex stream = topics->indexFor(QStringLiteral("big"), QStringLiteral("site-007/sensor-5"));
        QCOMPARE(m_panel->chartablePaths(stream), QStringList {QStringLiteral("site-007/sensor-5/payload/temp")});
        const QModelIndex site = topics->indexFor(QStringLiteral("big"), QStringLiteral("site-007"));
        QCOMPARE(m_panel->chartablePaths(site), QStringList {QStringLiteral("site-007/sensor-5/payload/temp")});
        // Nothing numeric yet: the topic itself.
        const QModelIndex quiet = topics->indexFor(QStringLiteral("big"), QStringLiteral("site-001/sensor-1"));
        QCOMPARE(m_panel->chartablePaths(quiet), QStringList {QStringLiteral("site-001/sensor-1")});
    }

private:
    ProtocolRegistry m_protocols;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<TopicsPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(tst_TopicsPanel)
#include "tst_topicspanel.moc"
