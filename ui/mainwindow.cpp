#include "ui/mainwindow.h"

#include "core/workspace/workspace.h"
#include "fleetscope_version.h"
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
#include <QStatusBar>
#include <QToolBar>

namespace fleetscope::ui {

namespace {
constexpr int kDemoSubscriptionLimit = 200;
}

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
        m_log->historyAction()->setEnabled(true);
        connect(m_log->historyAction(), &QAction::triggered, this, [this] {
            auto *dialog = new HistoryDialog(m_services.eventStore, m_services.workspace->endpointNames(), this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
            dialog->search();
        });
    }
    connect(m_recording, &RecordingActions::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 10000); });

    Workspace *workspace = services.workspace;
    connect(m_endpoints, &EndpointsPanel::newRequested, m_connections, &ConnectionController::newConnection);
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
    if (!m_persist)
        statusBar()->showMessage(tr("Demo mode: simulators run inside Fleetscope; nothing is saved."), 8000);
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
    resize(1440, 900);
    resizeDocks({m_endpointsDock, m_composerDock}, {530, 330}, Qt::Horizontal);
    resizeDocks({m_endpointsDock, m_topicsDock, m_logDock}, {140, 630, 260}, Qt::Vertical);
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
    m_retentionAction->setToolTip(m_services.eventStore ? tr("How long the event log on disk keeps events")
                                                        : tr("Demo mode keeps no event log on disk"));
    settings->setToolTipsVisible(true);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
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
    m_services.session->restoreWindow(this);
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

void MainWindow::openDemo(const QVector<DemoFleet::Target> &targets)
{
    Workspace *workspace = m_services.workspace;
    ChartPanel *chart = m_charts->currentChart() ? m_charts->currentChart() : m_charts->addChart();
    m_charts->tabs()->setTabText(m_charts->tabs()->indexOf(chart), tr("Demo"));
    // A minute: the live series fill the chart within a few seconds of starting.
    chart->setWindow(ChartPanel::Window::Minute1);
    for (const DemoFleet::Target &target : targets) {
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
        m_charts->chartTopics(config.name, target.series.mid(0, 2), chart);
    }
    // A command ready to send: the composer shows what it is for.
    if (!targets.isEmpty() && !targets.first().series.isEmpty()) {
        m_composer->composeTo(workspace->endpointNames().value(0), targets.first().series.first());
        m_composer->applyTemplate(m_composer->templateBox()->itemData(0).toString());
    }
}

} // namespace fleetscope::ui
