#include "ui/chartspanel.h"

#include "core/model/topic.h"
#include "core/workspace/workspace.h"
#include "ui/themedicon.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace fleetscope::ui {

namespace {
constexpr ChartPanel::Window kWindows[] = {ChartPanel::Window::Seconds10, ChartPanel::Window::Minute1,
    ChartPanel::Window::Minutes10, ChartPanel::Window::Hour1, ChartPanel::Window::All};
}

ChartsPanel::ChartsPanel(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_tabs(new QTabWidget(this))
    , m_toolbar(new QToolBar(this))
    , m_windowBox(new QComboBox(this))
    , m_newChart(new QAction(themedIcon(QStringLiteral("add")), tr("New &Chart"), this))
    , m_closeChart(new QAction(tr("C&lose Chart"), this))
    , m_renameChart(new QAction(tr("Re&name Chart…"), this))
    , m_pause(new QAction(themedIcon(QStringLiteral("pause")), tr("&Pause"), this))
    , m_autoScale(new QAction(themedIcon(QStringLiteral("autoscale")), tr("&Auto-scale Y"), this))
    , m_resetZoom(new QAction(themedIcon(QStringLiteral("zoom-reset")), tr("&Reset Zoom"), this))
    , m_exportPng(new QAction(themedIcon(QStringLiteral("image")), tr("Export as &PNG…"), this))
    , m_exportCsv(new QAction(themedIcon(QStringLiteral("export")), tr("Export Visible Range as C&SV…"), this))
    , m_windowGroup(new QActionGroup(this))
{
    m_newChart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_closeChart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    // F2 renames what has the focus: here the chart (Endpoints' F2 edits a connection).
    m_renameChart->setShortcut(QKeySequence(Qt::Key_F2));
    m_renameChart->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_renameChart);
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_pause->setCheckable(true);
    m_autoScale->setCheckable(true);
    m_autoScale->setChecked(true);
    m_resetZoom->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    for (QAction *action : {m_newChart, m_pause, m_autoScale, m_resetZoom, m_exportPng, m_exportCsv}) {
        if (!action->shortcut().isEmpty())
            action->setToolTip(action->text().remove(QLatin1Char('&')).remove(QStringLiteral("…"))
                + QStringLiteral(" (") + action->shortcut().toString(QKeySequence::NativeText) + QLatin1Char(')'));
    }
    int number = 1;
    for (ChartPanel::Window window : kWindows) {
        m_windowBox->addItem(ChartPanel::windowName(window), static_cast<int>(window));
        auto *action = new QAction(tr("Last %1").arg(ChartPanel::windowName(window)), m_windowGroup);
        if (window == ChartPanel::Window::All)
            action->setText(tr("All Data"));
        action->setCheckable(true);
        action->setData(static_cast<int>(window));
        action->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_0 + number++)));
    }
    m_windowBox->setToolTip(tr("Time window (Alt+1 … Alt+5)"));

    m_toolbar->setIconSize(QSize(16, 16));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_toolbar->addAction(m_newChart);
    m_toolbar->addSeparator();
    m_toolbar->addWidget(new QLabel(tr(" Window: "), this));
    m_toolbar->addWidget(m_windowBox);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_pause);
    m_toolbar->addAction(m_autoScale);
    m_toolbar->addAction(m_resetZoom);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_exportPng);
    m_toolbar->addAction(m_exportCsv);

    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolbar);
    layout->addWidget(m_tabs);

    m_redraw.setSingleShot(true);
    m_redraw.setInterval(kRedrawDelayMs);
    connect(&m_redraw, &QTimer::timeout, this, &ChartsPanel::redrawNow);
    m_clock.setInterval(500);
    connect(&m_clock, &QTimer::timeout, this, &ChartsPanel::scheduleRedraw);
    m_clock.start();
    connect(workspace, &Workspace::batchApplied, this, [this](const QString &, int samples, int) {
        if (samples > 0)
            scheduleRedraw();
    });

    connect(m_newChart, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(addChart()); });
    connect(m_closeChart, &QAction::triggered, this, [this] { closeChart(m_tabs->currentIndex()); });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &ChartsPanel::closeChart);
    connect(m_tabs->tabBar(), &QTabBar::tabBarDoubleClicked, this, &ChartsPanel::promptRename);
    connect(m_renameChart, &QAction::triggered, this, [this] { promptRename(m_tabs->currentIndex()); });
    m_tabs->tabBar()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tabs->tabBar(), &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const int index = m_tabs->tabBar()->tabAt(pos);
        if (index < 0)
            return;
        QMenu menu(this);
        QAction *rename = menu.addAction(tr("Re&name…"));
        QAction *close = menu.addAction(tr("&Close"));
        QAction *chosen = menu.exec(m_tabs->tabBar()->mapToGlobal(pos));
        if (chosen == rename)
            promptRename(index);
        else if (chosen == close)
            closeChart(index);
    });
    // Names and units come with the topic tree, which may fill after a chart was restored.
    connect(workspace, &Workspace::browseFinished, this, &ChartsPanel::relabel);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        syncToolbar();
        if (ChartPanel *chart = currentChart())
            chart->refresh();
    });
    connect(m_windowBox, &QComboBox::activated, this, [this](int index) {
        if (ChartPanel *chart = currentChart())
            chart->setWindow(static_cast<ChartPanel::Window>(m_windowBox->itemData(index).toInt()));
    });
    connect(m_windowGroup, &QActionGroup::triggered, this, [this](QAction *action) {
        if (ChartPanel *chart = currentChart())
            chart->setWindow(static_cast<ChartPanel::Window>(action->data().toInt()));
    });
    connect(m_pause, &QAction::toggled, this, [this](bool paused) {
        if (ChartPanel *chart = currentChart())
            chart->setPaused(paused);
    });
    connect(m_autoScale, &QAction::toggled, this, [this](bool on) {
        if (ChartPanel *chart = currentChart())
            chart->setAutoScale(on);
    });
    connect(m_resetZoom, &QAction::triggered, this, [this] {
        if (ChartPanel *chart = currentChart())
            chart->resetZoom();
    });
    connect(m_exportPng, &QAction::triggered, this, &ChartsPanel::exportPng);
    connect(m_exportCsv, &QAction::triggered, this, &ChartsPanel::exportCsv);
    syncToolbar();
}

ChartPanel *ChartsPanel::addChart(const QString &title)
{
    auto *chart = new ChartPanel(&m_workspace->series(), m_tabs);
    const QString name = title.isEmpty() ? tr("Chart %1").arg(m_nextNumber) : title;
    ++m_nextNumber;
    m_tabs->addTab(chart, themedIcon(QStringLiteral("chart")), name);
    connect(chart, &ChartPanel::seriesRemoved, this, [this, chart](const QString &, const QString &series) {
        Q_EMIT charted(tr("Removed %1 from chart “%2”.").arg(series, m_tabs->tabText(m_tabs->indexOf(chart))));
    });
    connect(chart, &ChartPanel::topicsDropped, this,
        [this, chart](const QString &endpoint, const QStringList &paths) { chartTopics(endpoint, paths, chart); });
    connect(chart, &ChartPanel::viewStateChanged, this, [this, chart] {
        if (chart == currentChart())
            syncToolbar();
    });
    syncToolbar();
    return chart;
}

ChartPanel *ChartsPanel::currentChart() const
{
    return qobject_cast<ChartPanel *>(m_tabs->currentWidget());
}

ChartPanel *ChartsPanel::chartAt(int index) const
{
    return qobject_cast<ChartPanel *>(m_tabs->widget(index));
}

int ChartsPanel::chartCount() const
{
    return m_tabs->count();
}

void ChartsPanel::closeChart(int index)
{
    QWidget *chart = m_tabs->widget(index);
    if (!chart)
        return;
    m_tabs->removeTab(index);
    chart->deleteLater();
    if (m_tabs->count() == 0)
        addChart();
}

void ChartsPanel::subscribeFor(const QString &endpoint, const QString &path)
{
    // The sample path may be derived from a subscribed topic's JSON (T/a/b from T): subscribe the
    // nearest subscribable topic at or above it.
    for (QString at = path; !at.isEmpty(); at = TopicPath::parent(at)) {
        const QModelIndex index = m_workspace->topics()->indexFor(endpoint, at);
        if (index.isValid() && index.data(TopicTreeModel::SubscribableRole).toBool()) {
            if (!index.data(TopicTreeModel::SubscribedRole).toBool())
                m_workspace->subscribe(endpoint, at);
            return;
        }
        if (!at.contains(QLatin1Char('/')))
            break;
    }
}

void ChartsPanel::chartTopics(const QString &endpoint, const QStringList &paths, ChartPanel *chart)
{
    if (!chart)
        chart = currentChart() ? currentChart() : addChart();
    QStringList added;
    int already = 0;
    for (const QString &path : paths) {
        subscribeFor(endpoint, path);
        const QString key = Workspace::seriesKey(endpoint, path);
        if (chart->lineSeries(key)) {
            ++already;
            continue;
        }
        const SeriesLabel label = labelFor(key);
        chart->addSeries(key, label);
        added << label.name;
    }
    m_tabs->setCurrentWidget(chart);
    // Say what happened, and where: the chart may be one of several tabs.
    const QString title = m_tabs->tabText(m_tabs->indexOf(chart));
    QString message;
    if (added.isEmpty() && already == 0)
        message = tr("Nothing numeric to chart there yet.");
    else if (added.isEmpty())
        message = tr("Already on chart “%1”.").arg(title);
    else if (added.size() == 1)
        message = tr("Added %1 to chart “%2”.").arg(added.first(), title);
    else
        message = tr("Added %1 series to chart “%2”.").arg(added.size()).arg(title);
    Q_EMIT charted(message);
}

void ChartsPanel::scheduleRedraw()
{
    if (!m_redraw.isActive())
        m_redraw.start();
}

void ChartsPanel::redrawNow()
{
    if (ChartPanel *chart = currentChart())
        chart->refresh();
}

void ChartsPanel::syncToolbar()
{
    ChartPanel *chart = currentChart();
    const bool any = chart != nullptr;
    for (QAction *action : {m_pause, m_autoScale, m_resetZoom, m_exportPng, m_exportCsv, m_closeChart, m_renameChart})
        action->setEnabled(any);
    m_windowBox->setEnabled(any);
    if (!chart)
        return;
    const QSignalBlocker blockPause(m_pause);
    const QSignalBlocker blockScale(m_autoScale);
    m_pause->setChecked(chart->isPaused());
    m_pause->setIcon(themedIcon(chart->isPaused() ? QStringLiteral("play") : QStringLiteral("pause")));
    m_pause->setText(chart->isPaused() ? tr("&Resume") : tr("&Pause"));
    m_autoScale->setChecked(chart->autoScale());
    m_resetZoom->setEnabled(chart->isZoomed());
    m_windowBox->setCurrentIndex(m_windowBox->findData(static_cast<int>(chart->window())));
    for (QAction *action : m_windowGroup->actions())
        action->setChecked(!chart->isZoomed() && action->data().toInt() == static_cast<int>(chart->window()));
}

bool ChartsPanel::promptRename(int index)
{
    if (index < 0 || index >= m_tabs->count())
        return false;
    bool ok = false;
    const QString title =
        QInputDialog::getText(this, tr("Rename chart"), tr("Title:"), QLineEdit::Normal, m_tabs->tabText(index), &ok);
    return ok && renameChart(index, title);
}

bool ChartsPanel::renameChart(int index, const QString &title)
{
    if (index < 0 || index >= m_tabs->count() || title.trimmed().isEmpty())
        return false;
    m_tabs->setTabText(index, title.trimmed());
    return true;
}

SeriesLabel ChartsPanel::labelFor(const QString &key) const
{
    // As the Topics tree names it: the topic under its parent (the device), then the endpoint.
    SeriesLabel label;
    QString path;
    Workspace::splitSeriesKey(key, &label.endpoint, &path);
    const TopicTreeModel *tree = m_workspace->topics();
    auto shownName = [&](const QString &at) {
        const QModelIndex index = tree->indexFor(label.endpoint, at);
        return index.isValid() ? index.data().toString() : TopicPath::decodeSegment(TopicPath::lastSegment(at));
    };
    const QString parent = TopicPath::parent(path);
    label.quantity = shownName(path);
    label.name = parent.isEmpty() ? label.quantity : shownName(parent) + QStringLiteral(" › ") + label.quantity;
    label.tooltip = label.endpoint + QStringLiteral(": ") + path;
    // The unit: the topic's own, or that of the topic its numbers come from (T for T/a/b).
    for (QString at = path; !at.isEmpty(); at = TopicPath::parent(at)) {
        const QModelIndex index = tree->indexFor(label.endpoint, at);
        if (const QString unit = index.data(TopicTreeModel::MetaRole).toMap().value(QStringLiteral("unit")).toString();
            !unit.isEmpty()) {
            label.unit = unit;
            break;
        }
        if (!at.contains(QLatin1Char('/')))
            break;
    }
    return label;
}

void ChartsPanel::relabel()
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        ChartPanel *chart = chartAt(i);
        for (const QString &key : chart->seriesKeys())
            chart->setSeriesLabel(key, labelFor(key));
    }
}

void ChartsPanel::exportPng()
{
    ChartPanel *chart = currentChart();
    if (!chart)
        return;
    const QString file = QFileDialog::getSaveFileName(this, tr("Export chart"),
        m_tabs->tabText(m_tabs->currentIndex()) + QStringLiteral(".png"), tr("PNG images (*.png)"));
    if (!file.isEmpty() && !chart->exportPng(file))
        QMessageBox::warning(this, tr("Export chart"), tr("Could not write %1.").arg(file));
}

void ChartsPanel::exportCsv()
{
    ChartPanel *chart = currentChart();
    if (!chart)
        return;
    const QString file = QFileDialog::getSaveFileName(this, tr("Export visible range"),
        m_tabs->tabText(m_tabs->currentIndex()) + QStringLiteral(".csv"), tr("CSV files (*.csv)"));
    QString error;
    if (!file.isEmpty() && !chart->exportCsv(file, &error))
        QMessageBox::warning(this, tr("Export visible range"), error);
}

QList<QAction *> ChartsPanel::chartActions() const
{
    QList<QAction *> actions {
        m_newChart, m_renameChart, m_closeChart, nullptr, m_pause, m_autoScale, m_resetZoom, nullptr};
    actions += m_windowGroup->actions();
    actions += {nullptr, m_exportPng, m_exportCsv};
    return actions;
}

QVariantList ChartsPanel::saveState() const
{
    QVariantList charts;
    for (int i = 0; i < m_tabs->count(); ++i) {
        QVariantMap state = chartAt(i)->saveState();
        state.insert(QStringLiteral("title"), m_tabs->tabText(i));
        charts.append(state);
    }
    return charts;
}

void ChartsPanel::restoreState(const QVariantList &charts)
{
    while (m_tabs->count() > 0) {
        QWidget *chart = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete chart;
    }
    for (const QVariant &state : charts) {
        const QVariantMap map = state.toMap();
        addChart(map.value(QStringLiteral("title")).toString())->restoreState(map);
        relabel();
    }
    if (m_tabs->count() == 0)
        addChart();
    syncToolbar();
}

} // namespace fleetscope::ui
