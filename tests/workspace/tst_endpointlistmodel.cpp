#include "core/endpoint/protocolregistry.h"
#include "core/workspace/endpointlistmodel.h"
#include "core/workspace/workspace.h"
#include "tests/common/testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace fleetscope;

// The endpoints list follows the workspace: rows appear and leave with endpoints, the state column
// reads like a person would say it (countdown while reconnecting, the reason when failed).
class tst_EndpointListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { registerBuiltinProtocols(m_protocols); }

    void followsTheWorkspace()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        EndpointListModel model(&workspace);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);

        EndpointConfig config = simulator->clientConfig();
        config.name = QStringLiteral("one");
        config.link.initialBackoffMs = 1500;
        config.link.maxBackoffMs = 3000;
        config.link.pingIntervalMs = 0;
        QString error;
        QVERIFY(workspace.addEndpoint(config, &error));
        config.name = QStringLiteral("two");
        QVERIFY(workspace.addEndpoint(config, &error));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.nameAt(1), QStringLiteral("two"));
        QCOMPARE(model.index(0, EndpointListModel::StateColumn).data().toString(), QStringLiteral("not connected"));
        QCOMPARE(model.index(0, EndpointListModel::ProtocolColumn).data().toString(), QStringLiteral("exosite"));
        QVERIFY(model.index(0, 0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(m_protocols.find(QStringLiteral("exosite"))->displayName));

        workspace.connectEndpoint(QStringLiteral("one"));
        QTRY_COMPARE_WITH_TIMEOUT(
            model.index(0, EndpointListModel::StateColumn).data().toString(), QStringLiteral("ready"), 10000);
        QCOMPARE(model.index(0, 0).data(EndpointListModel::LinkStateRole).toInt(), static_cast<int>(LinkState::Ready));
        QVERIFY(model.index(0, 0).data(EndpointListModel::WantedRole).toBool());

        simulator->dropAllConnections();
        QTRY_VERIFY_WITH_TIMEOUT(
            model.index(0, EndpointListModel::StateColumn).data().toString().startsWith(QLatin1String("reconnecting")),
            5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            model.index(0, EndpointListModel::StateColumn).data().toString().contains(QLatin1String(" s")), 2000);
        QTRY_COMPARE_WITH_TIMEOUT(
            model.index(0, EndpointListModel::StateColumn).data().toString(), QStringLiteral("ready"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(model.index(0, EndpointListModel::ReconnectsColumn).data().toInt(), 1, 5000);

        QString renamedError;
        config.name = QStringLiteral("renamed");
        QVERIFY(workspace.replaceEndpoint(QStringLiteral("two"), config, &renamedError));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.nameAt(1), QStringLiteral("renamed"));
        workspace.removeEndpoint(QStringLiteral("one"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(QStringLiteral("renamed")), 0);
    }

    void failureShowsTheReason()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        EndpointListModel model(&workspace);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        EndpointConfig config = simulator->clientConfig();
        config.name = QStringLiteral("bad");
        config.secret = QStringLiteral("1111111111111111111111111111111111111111");
        QString error;
        QVERIFY(workspace.addEndpoint(config, &error));
        workspace.connectEndpoint(QStringLiteral("bad"));
        QTRY_VERIFY_WITH_TIMEOUT(
            model.index(0, EndpointListModel::StateColumn).data().toString().startsWith(QLatin1String("failed: ")),
            10000);
        QVERIFY(
            model.index(0, EndpointListModel::StateColumn).data().toString().contains(QLatin1String("authentication")));
    }

private:
    ProtocolRegistry m_protocols;
};

QTEST_GUILESS_MAIN(tst_EndpointListModel)
#include "tst_endpointlistmodel.moc"
