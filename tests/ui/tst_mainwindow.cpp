#include "core/endpoint/protocolregistry.h"
#include "core/workspace/templatelibrary.h"
#include "core/workspace/workspace.h"
#include "sim/common/simulatorregistry.h"
#include "tests/common/testsupport.h"
#include "ui/chartspanel.h"
#include "ui/connectioncontroller.h"
#include "ui/demofleet.h"
#include "ui/eventlogpanel.h"
#include "ui/mainwindow.h"
#include "ui/memorysecretstore.h"
#include "ui/profilestore.h"
#include "ui/sessionstate.h"
#include "ui/statussummary.h"

#include <QAction>
#include <QChart>
#include <QDockWidget>
#include <QFile>
#include <QInputDialog>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::ui;

namespace {
// Everything main() builds, for one window.
struct App
{
    explicit App(const QString &configDir, const ProtocolRegistry &protocols, MemorySecretStore *secrets, bool persist)
        : workspace(protocols)
        , templates(protocols)
        , profiles(configDir, protocols)
        , session(configDir)
        , window({&workspace, &templates, &profiles, secrets, &session}, persist)
    { }
    Workspace workspace;
    TemplateLibrary templates;
    ProfileStore profiles;
    SessionState session;
    MainWindow window;
};
} // namespace

// The assembled window: demo mode brings every simulator in, and the session (layout, charts,
// endpoints without secrets) comes back at the next start.
class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        registerBuiltinProtocols(m_protocols);
        sim::registerBuiltinSimulators(m_simulators);
        QVERIFY(m_config.isValid());
    }

    void demoFillsTheTreeFromEverySimulator()
    {
        MemorySecretStore secrets;
        App app(m_config.path(), m_protocols, &secrets, false);
        app.window.restoreSession();
        app.window.show();
        // Demo mode keeps no event log on disk: nothing to search or set a retention for.
        QVERIFY(!app.window.retentionAction()->isEnabled());
        QVERIFY(!app.window.eventLogPanel()->historyAction()->isEnabled());
        DemoFleet fleet(m_simulators);
        QSignalSpy started(&fleet, &DemoFleet::started);
        connect(&fleet, &DemoFleet::started, &app.window,
            [&app](const QVector<DemoFleet::Target> &targets) { app.window.openDemo(targets); });
        fleet.start();
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 10000);
        QVERIFY2(started.first().at(1).toStringList().isEmpty(),
            qPrintable(started.first().at(1).toStringList().join(QLatin1Char('\n'))));

        const QStringList protocols = m_simulators.protocols();
        QCOMPARE(app.workspace.endpointNames().size(), protocols.size());
        for (const QString &name : app.workspace.endpointNames()) {
            QVERIFY(protocols.contains(app.workspace.config(name).protocol));
            QTRY_COMPARE_WITH_TIMEOUT(app.workspace.status(name).state, LinkState::Ready, 15000);
            const QModelIndex root = app.workspace.topics()->indexFor(name);
            QTRY_VERIFY_WITH_TIMEOUT(app.workspace.topics()->rowCount(root) > 0, 15000);
        }
        // The demo chart shows live series of the simulators.
        ChartPanel *chart = app.window.chartsPanel()->currentChart();
        QVERIFY(chart);
        QVERIFY(!chart->seriesKeys().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(chart->lineSeries(chart->seriesKeys().first())->count() > 0, 15000);
        // And the log fills while everything subscribable is watched.
        QTRY_VERIFY_WITH_TIMEOUT(app.workspace.events()->totalCount() > 10, 15000);
        QTRY_VERIFY(app.window.statusSummary()->text().contains(QStringLiteral("%1/%1 ready").arg(protocols.size())));
    }

    void layoutRestores()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        const EndpointConfig simConfig = simulator->clientConfig();
        MemorySecretStore secrets;
        QTemporaryDir dir;
        const QString key = Workspace::seriesKey(QStringLiteral("HQ"), QStringLiteral("ambient"));
        {
            App app(dir.path(), m_protocols, &secrets, true);
            app.window.restoreSession();
            app.window.show();
            EndpointConfig config = simConfig;
            config.name = QStringLiteral("HQ");
            QString error;
            QVERIFY(app.workspace.addEndpoint(config, &error));
            secrets.write(QStringLiteral("profile/HQ"), config.secret);
            app.workspace.subscribe(QStringLiteral("HQ"), QStringLiteral("ambient"));
            app.window.chartsPanel()->tabs()->setTabText(0, QStringLiteral("Site"));
            app.window.chartsPanel()->currentChart()->addSeries(key);
            app.window.chartsPanel()->currentChart()->setWindow(ChartPanel::Window::Hour1);
            app.window.chartsPanel()->addChart(QStringLiteral("Second"));
            app.window.findChild<QDockWidget *>(QStringLiteral("composerDock"))->hide();
            app.window.close(); // saves
        }
        QFile profile(dir.filePath(QStringLiteral("profiles.json")));
        QVERIFY(profile.open(QIODevice::ReadOnly));
        const QByteArray saved = profile.readAll();
        QVERIFY(saved.contains("\"HQ\""));
        QVERIFY2(!saved.contains(simConfig.secret.toUtf8()), "the secret must not reach the profile file");
        QFile ini(dir.filePath(QStringLiteral("fleetscope.ini")));
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QVERIFY(!ini.readAll().contains(simConfig.secret.toUtf8()));

        App again(dir.path(), m_protocols, &secrets, true);
        again.window.restoreSession();
        again.window.show();
        QCOMPARE(again.workspace.endpointNames(), QStringList {QStringLiteral("HQ")});
        QCOMPARE(again.workspace.config(QStringLiteral("HQ")).url, simConfig.url);
        QCOMPARE(again.workspace.subscriptions(QStringLiteral("HQ")), QSet<QString> {QStringLiteral("ambient")});
        QVERIFY(again.window.findChild<QDockWidget *>(QStringLiteral("composerDock"))->isHidden());
        QVERIFY(!again.window.findChild<QDockWidget *>(QStringLiteral("eventLogDock"))->isHidden());
        ChartsPanel *charts = again.window.chartsPanel();
        QCOMPARE(charts->chartCount(), 2);
        QCOMPARE(charts->tabs()->tabText(0), QStringLiteral("Site"));
        QCOMPARE(charts->tabs()->tabText(1), QStringLiteral("Second"));
        QCOMPARE(charts->chartAt(0)->seriesKeys(), QStringList {key});
        QCOMPARE(charts->chartAt(0)->window(), ChartPanel::Window::Hour1);
        // Connected again with the secret from the store, and the restored chart fills.
        QTRY_COMPARE_WITH_TIMEOUT(again.workspace.status(QStringLiteral("HQ")).state, LinkState::Ready, 10000);
        charts->tabs()->setCurrentIndex(0);
        QTRY_VERIFY_WITH_TIMEOUT(charts->chartAt(0)->lineSeries(key)->count() > 0, 10000);
    }

    void secretIsAskedForWhenNotStored()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        QTemporaryDir dir;
        Profile profile;
        profile.config = simulator->clientConfig();
        profile.config.name = QStringLiteral("HQ");
        const QString secret = profile.config.secret;
        QVERIFY(ProfileStore(dir.path(), m_protocols).save({profile}));

        MemorySecretStore secrets; // no keychain: nothing stored from an earlier run
        App app(dir.path(), m_protocols, &secrets, true);
        // The prompt is modal: answer it from inside its own event loop.
        QString asked;
        QTimer answer;
        answer.setInterval(20);
        connect(&answer, &QTimer::timeout, this, [&] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            asked = dialog->labelText();
            dialog->setTextValue(secret);
            dialog->accept();
        });
        answer.start();
        app.window.restoreSession();
        app.window.show();
        QTRY_VERIFY(!asked.isEmpty());
        QVERIFY2(asked.contains(QLatin1String("HQ")), qPrintable(asked));
        QTRY_COMPARE_WITH_TIMEOUT(app.workspace.status(QStringLiteral("HQ")).state, LinkState::Ready, 10000);
        // Kept for this session only.
        bool known = false;
        secrets.read(QStringLiteral("profile/HQ"), this,
            [&](const QString &stored, const QString &) { known = stored == secret; });
        QTRY_VERIFY(known);
        app.window.close();
        QFile saved(dir.filePath(QStringLiteral("profiles.json")));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(!saved.readAll().contains(secret.toUtf8()));
    }

    void followsADarkPalette()
    {
        MemorySecretStore secrets;
        QTemporaryDir dir;
        App app(dir.path(), m_protocols, &secrets, false);
        app.window.restoreSession();
        app.window.resize(1200, 800);
        app.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&app.window));
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x17, 0x19, 0x1c));
        dark.setColor(QPalette::AlternateBase, QColor(0x1e, 0x21, 0x25));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x2a, 0x2d, 0x32));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        QApplication::setPalette(dark);
        QCoreApplication::processEvents();
        ChartPanel *chart = app.window.chartsPanel()->currentChart();
        QCOMPARE(chart->chart()->backgroundBrush().color(), dark.color(QPalette::Base));
        // Icons are painted in the palette's text colour, light on dark.
        const QImage icon = app.window.chartsPanel()->pauseAction()->icon().pixmap(32, 32).toImage();
        int lightPixels = 0;
        for (int y = 0; y < icon.height(); ++y) {
            for (int x = 0; x < icon.width(); ++x) {
                const QColor c = icon.pixelColor(x, y);
                lightPixels += c.alpha() > 128 && c.lightness() > 180 ? 1 : 0;
            }
        }
        QVERIFY(lightPixels > 10);
        const QImage shot = app.window.grab().toImage();
        const QPoint inChart = chart->mapTo(&app.window, chart->rect().center());
        QVERIFY(shot.pixelColor(inChart).lightness() < 80);
        if (const QString keep = qEnvironmentVariable("FLEETSCOPE_KEEP_DARK_SHOT"); !keep.isEmpty())
            shot.save(keep);
        QApplication::setPalette(light);
    }

private:
    ProtocolRegistry m_protocols;
    sim::SimulatorRegistry m_simulators;
    QTemporaryDir m_config;
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
