#include "ui/mainwindow.h"

#include "core/workspace/workspace.h"
#include "fleetscope_version.h"
#include "ui/apptheme.h"
#include "ui/chartspanel.h"
#include "ui/composerpanel.h"
#include "ui/connectioncontroller.h"
#include "ui/endpointspanel.h"
#include "ui/eventlogpanel.h"
#include "ui/eventlogsettingsdialog.h"
#include "ui/historydialog.h"
#include "ui/payloadeditor.h"
#include "ui/recordingactions.h"
#include "ui/sessionstate.h"
#include "ui/shortcutsdialog.h"
#include "ui/statussummary.h"
#include "ui/themedicon.h"
#include "ui/topicspanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QResizeEvent>
#include <QShowEvent>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>

namespace fleetscope::ui {

namespace {
constexpr int kDemoSubscriptionLimit = 200;
// The docks' shares of the window (percent) in the default layout, and the most they keep when
// the window shrinks.
constexpr int kLeftShare = 30;
constexpr int kRightShare = 20;
constexpr int kLogShare = 28;
} // namespace

MainWindow::MainWindow(const Services &services, bool persist, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_persist(persist)
    , m_endpoints(new EndpointsPanel(services.workspace, this))
    , m_topics(new TopicsPanel(services.workspace, this))
    , m_charts(new ChartsPanel(services.workspace, this))
    , m_log(new EventLogPanel(services.workspace, this))
    , m_composer(new ComposerPanel(services.workspace, services.templates, this))
    , m_summary(new StatusSummary(services.workspace, this))
    , m_connections(new ConnectionController(services.workspace, services.profiles, services.secrets, persist, this))
    , m_recording(new RecordingActions(services.workspace, this))
    , m_theme(new AppTheme(this))
{
    setWindowTitle(persist ? tr("Fleetscope") : tr("Fleetscope — Demo"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/fleetscope.svg")));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);
    setCentralWidget(m_charts);
    m_endpointsDock = addPanel(m_endpoints, tr("Endpoints"), QStringLiteral("endpointsDock"), Qt::LeftDockWidgetArea);
    m_topicsDock = addPanel(m_topics, tr("Topics"), QStringLiteral("topicsDock"), Qt::LeftDockWidgetArea);
    m_logDock = addPanel(m_log, tr("Event Log"), QStringLiteral("eventLogDock"), Qt::BottomDockWidgetArea);
    m_composerDock = addPanel(m_composer, tr("Composer"), QStringLiteral("composerDock"), Qt::RightDockWidgetArea);
    splitDockWidget(m_endpointsDock, m_topicsDock, Qt::Vertical);
    statusBar()->addPermanentWidget(m_summary);
    statusBar()->setSizeGripEnabled(true);
    createMenus();
    createToolBar();
    defaultLayout();
    if (services.eventStore) {
        m_log->setHistoryAvailable(true);
        connect(m_log->historyAction(), &QAction::triggered, this, [this] {
            auto *dialog = new HistoryDialog(m_services.eventStore, m_services.workspace->endpointNames(), this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
            dialog->search();
        });
    }
    connect(m_recording, &RecordingActions::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(
        m_charts, &ChartsPanel::charted, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });

    Workspace *workspace = services.workspace;
    connect(m_endpoints, &EndpointsPanel::newRequested, m_connections, &ConnectionController::newConnection);
    // The demo runs in a window of its own: demo mode saves nothing, this window's profiles stay as they are.
    m_endpoints->setEmptyStateEnabled(persist);
    connect(m_endpoints, &EndpointsPanel::demoRequested, this, [this] {
        if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), {QStringLiteral("--demo")}))
            statusBar()->showMessage(tr("Could not start the demo."), 8000);
    });
    connect(m_endpoints, &EndpointsPanel::editRequested, m_connections, &ConnectionController::editConnection);
    connect(m_endpoints, &EndpointsPanel::removeRequested, m_connections, &ConnectionController::removeConnection);
    connect(m_endpoints, &EndpointsPanel::connectRequested, m_connections, &ConnectionController::connectEndpoint);
    connect(
        m_endpoints, &EndpointsPanel::disconnectRequested, m_connections, &ConnectionController::disconnectEndpoint);
    connect(m_topics, &TopicsPanel::chartRequested, this,
        [this](const QString &endpoint, const QStringList &paths) { m_charts->chartTopics(endpoint, paths); });
    connect(m_topics, &TopicsPanel::composeRequested, this, [this](const QString &endpoint, const QString &path) {
        m_composerDock->show();
        m_composerDock->raise();
        m_composer->composeTo(endpoint, path);
    });
    connect(workspace, &Workspace::browseFinished, this, [this, workspace](const QString &name, bool ok) {
        if (!ok || !m_demoEndpoints.contains(name))
            return;
        for (const QString &path : workspace->subscribableTopics(name, kDemoSubscriptionLimit))
            workspace->subscribe(name, path);
    });
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addPanel(
    QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    dock->setFeatures(
        QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::defaultLayout()
{
    // The chart comes first: the docks have workable minimums and take what the chart leaves.
    m_charts->setMinimumSize(360, 220);
    m_endpoints->setMinimumSize(200, 80);
    m_topics->setMinimumSize(200, 120);
    m_composer->setMinimumWidth(230);
    m_log->setMinimumHeight(130);
    resize(1440, 900);
    m_shareDocks = true; // at the first show, at whatever size the window then has
}

void MainWindow::shareDocks()
{
    resizeDocks(
        {m_endpointsDock, m_composerDock}, {width() * kLeftShare / 100, width() * kRightShare / 100}, Qt::Horizontal);
    resizeDocks({m_endpointsDock, m_topicsDock, m_logDock},
        {height() * 16 / 100, height() * 56 / 100, height() * kLogShare / 100}, Qt::Vertical);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_shareDocks) {
        m_shareDocks = false;
        shareDocks();
    }
}

void MainWindow::balanceDocks()
{
    // Side docks at about a quarter and a fifth of the width and the log at under a third of the
    // height, so that the chart keeps about half of any window, from 1024x700 up.
    const int leftLimit = std::max(230, width() * kLeftShare / 100);
    const int rightLimit = std::max(230, width() * kRightShare / 100);
    const int logLimit = std::max(150, height() * kLogShare / 100);
    const bool leftOpen = m_topicsDock->isVisible() || m_endpointsDock->isVisible();
    QDockWidget *left = m_topicsDock->isVisible() ? m_topicsDock : m_endpointsDock;
    QList<QDockWidget *> sides;
    QList<int> widths;
    if (leftOpen && !left->isFloating() && left->width() > leftLimit) {
        sides << left;
        widths << leftLimit;
    }
    if (m_composerDock->isVisible() && !m_composerDock->isFloating() && m_composerDock->width() > rightLimit) {
        sides << m_composerDock;
        widths << rightLimit;
    }
    if (!sides.isEmpty())
        resizeDocks(sides, widths, Qt::Horizontal);
    if (m_logDock->isVisible() && !m_logDock->isFloating() && m_logDock->height() > logLimit)
        resizeDocks({m_logDock}, {logLimit}, Qt::Vertical);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    // A smaller window shrinks the docks too, not only the chart (once the layout has settled).
    QMetaObject::invokeMethod(this, &MainWindow::balanceDocks, Qt::QueuedConnection);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_endpoints->newAction());
    file->addSeparator();
    file->addAction(m_recording->recordAction());
    file->addAction(m_recording->replayAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : {m_endpointsDock, m_topicsDock, m_logDock, m_composerDock})
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    auto focusAction = [this, view](const QString &text, const QKeySequence &keys, QDockWidget *dock, QWidget *target) {
        QAction *action = view->addAction(text, this, [dock, target] {
            dock->show();
            dock->raise();
            target->setFocus(Qt::ShortcutFocusReason);
        });
        action->setShortcut(keys);
    };
    focusAction(tr("Filter &Topics"), QKeySequence::Find, m_topicsDock, m_topics->filterEdit());
    focusAction(tr("Search the &Log"), QKeySequence(Qt::CTRL | Qt::Key_L), m_logDock, m_log->searchEdit());
    focusAction(tr("&Compose"), QKeySequence(Qt::CTRL | Qt::Key_E), m_composerDock, m_composer->editor());
    view->addAction(m_log->followAction());
    view->addSeparator();
    m_theme->addTo(view->addMenu(tr("T&heme")));
    connect(m_theme, &AppTheme::chosen, this, [this](AppTheme::Choice choice) {
        if (m_persist)
            m_services.session->saveTheme(AppTheme::name(choice));
    });

    QMenu *chart = menuBar()->addMenu(tr("&Chart"));
    for (QAction *action : m_charts->chartActions()) {
        if (action)
            chart->addAction(action);
        else
            chart->addSeparator();
    }

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    m_retentionAction = settings->addAction(tr("Event Log &Retention…"), this, [this] {
        auto *dialog = new EventLogSettingsDialog(m_services.eventStore, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    m_retentionAction->setEnabled(m_services.eventStore != nullptr);
    m_confirmWritesAction = settings->addAction(tr("&Confirm Writes to Devices"));
    m_confirmWritesAction->setCheckable(true);
    m_confirmWritesAction->setChecked(m_composer->confirmsWrites());
    m_confirmWritesAction->setToolTip(tr("Ask before the first write to each device target"));
    connect(m_confirmWritesAction, &QAction::toggled, m_composer, &ComposerPanel::setConfirmWrites);
    connect(m_composer, &ComposerPanel::confirmWritesChanged, this, [this](bool on) {
        m_confirmWritesAction->setChecked(on);
        if (m_persist)
            m_services.session->saveConfirmWrites(on);
    });
    m_retentionAction->setToolTip(m_services.eventStore ? tr("How long the event log on disk keeps events")
                                                        : tr("Demo mode keeps no event log on disk"));
    settings->setToolTipsVisible(true);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    m_shortcutsAction = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    m_shortcutsAction->setShortcut(QKeySequence::HelpContents);
    help->addSeparator();
    help->addAction(windowIcon(), tr("&About Fleetscope"), this, &MainWindow::about);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Session"));
    bar->setObjectName(QStringLiteral("sessionToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(16, 16));
    bar->addAction(m_endpoints->newAction());
    bar->addSeparator();
    bar->addAction(m_recording->recordAction());
    bar->addAction(m_recording->replayAction());
}

void MainWindow::showShortcuts()
{
    const QVector<ShortcutsDialog::Key> panelKeys {
        {tr("Tab / Shift+Tab"), tr("Next / previous panel control")},
        {tr("Arrow keys, Page Up/Down"), tr("Move inside a list, tree or table")},
        {tr("Double-click a tab"), tr("Rename the chart")},
    };
    auto *dialog = new ShortcutsDialog(ShortcutsDialog::actionsWithShortcuts(this), panelKeys, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Fleetscope"),
        tr("<h3>Fleetscope %1</h3><p>%2</p><p>Endpoints, live charts, an event log and a composer for fleets of "
           "connected devices.</p>")
            .arg(QStringLiteral(FLEETSCOPE_VERSION), tr(FLEETSCOPE_DESCRIPTION)));
}

void MainWindow::restoreSession()
{
    if (!m_persist) {
        m_charts->addChart();
        return;
    }
    m_theme->apply(AppTheme::fromName(m_services.session->theme()));
    m_composer->setConfirmWrites(m_services.session->confirmWrites());
    if (m_services.session->restoreWindow(this))
        m_shareDocks = false; // the user's own layout
    m_connections->restoreProfiles();
    m_charts->restoreState(m_services.session->charts());
}

void MainWindow::saveSession()
{
    if (!m_persist)
        return;
    m_connections->saveProfiles();
    m_services.session->saveWindow(this);
    m_services.session->saveCharts(m_charts->saveState());
    m_services.session->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSession();
    event->accept();
}

void MainWindow::openDemo(const QVector<DemoTarget> &targets)
{
    Workspace *workspace = m_services.workspace;
    // One chart per simulator, its demo series together; the one whose series share the fewest
    // axes (the most alike) comes first, so the first chart reads at a glance.
    while (
        m_charts->chartCount() > 1 || (m_charts->currentChart() && !m_charts->currentChart()->seriesKeys().isEmpty()))
        m_charts->closeChart(0);
    bool first = true;
    for (const DemoTarget &target : targets) {
        EndpointConfig config = target.config;
        for (int n = 2; workspace->hasEndpoint(config.name); ++n)
            config.name = target.config.name + QStringLiteral(" %1").arg(n);
        QString error;
        if (!workspace->addEndpoint(config, &error)) {
            qWarning("demo: %s: %s", qPrintable(config.name), qPrintable(error));
            continue;
        }
        m_demoEndpoints.insert(config.name);
        for (const QString &path : target.series)
            workspace->subscribe(config.name, path);
        workspace->connectEndpoint(config.name);
        ChartPanel *chart = first && m_charts->currentChart() ? m_charts->currentChart() : m_charts->addChart();
        first = false;
        m_charts->renameChart(m_charts->tabs()->indexOf(chart), config.name.section(QLatin1Char(' '), 0, 0));
        // A minute: the live series fill the chart within a few seconds of starting.
        chart->setWindow(ChartPanel::Window::Minute1);
        m_charts->chartTopics(config.name, target.series, chart);
    }
    auto spread = [this](int index) {
        const ChartPanel *chart = m_charts->chartAt(index);
        return static_cast<double>(chart->yAxisCount()) / std::max<qsizetype>(1, chart->seriesKeys().size());
    };
    for (int i = 1; i < m_charts->chartCount(); ++i) {
        for (int j = i; j > 0 && spread(j) < spread(j - 1); --j)
            m_charts->tabs()->tabBar()->moveTab(j, j - 1);
    }
    m_charts->tabs()->setCurrentIndex(0);
    statusBar()->showMessage(tr("Demo mode: simulators run inside Fleetscope; nothing is saved."), 8000);
    // A command ready to send: the composer shows what it is for.
    if (!targets.isEmpty() && !targets.first().series.isEmpty()) {
        m_composer->composeTo(workspace->endpointNames().value(0), targets.first().series.first());
        m_composer->applyTemplate(m_composer->templateBox()->itemData(0).toString());
    }
}

} // namespace fleetscope::ui
