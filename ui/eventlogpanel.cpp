#include "ui/eventlogpanel.h"

#include "core/workspace/eventexport.h"
#include "core/workspace/workspace.h"
#include "ui/columnfitter.h"
#include "ui/elidingcombobox.h"
#include "ui/eventdetails.h"
#include "ui/severitydelegate.h"
#include "ui/statuscolors.h"
#include "ui/themedicon.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace fleetscope::ui {

EventLogPanel::EventLogPanel(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_severity(new QComboBox(this))
    , m_range(new QComboBox(this))
    , m_endpoint(new ElidingComboBox(this))
    , m_search(new QLineEdit(this))
    , m_follow(new QAction(themedIcon(QStringLiteral("follow")), tr("&Follow Newest"), this))
    , m_history(new QAction(themedIcon(QStringLiteral("history")), tr("&History…"), this))
    , m_export(new QToolButton(this))
    , m_count(new QLabel(this))
    , m_view(new QTableView(this))
    , m_details(new QPlainTextEdit(this))
{
    // The filter row: plain widgets in a layout, so they shrink together on a narrow window
    // instead of falling into a toolbar's overflow menu.
    m_severity->setToolTip(tr("The least severe events shown"));
    for (Severity severity : {Severity::Debug, Severity::Info, Severity::Warning, Severity::Error})
        m_severity->addItem(QString(), static_cast<int>(severity));
    m_severity->setCurrentIndex(static_cast<int>(Severity::Info)); // debug is mostly noise
    // The combos give way to the search on a narrow window (their lists still show in full).
    m_severity->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_severity->setMinimumContentsLength(12);
    m_range->addItem(tr("All time"), 0);
    m_range->addItem(tr("Last 5 min"), 5 * 60 * 1000);
    m_range->addItem(tr("Last 1 h"), 60 * 60 * 1000);
    m_range->setToolTip(tr("How far back the log shows events"));
    m_endpoint->addItem(tr("All endpoints"), QString());
    m_endpoint->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_endpoint->setMinimumContentsLength(8);
    m_search->setPlaceholderText(tr("Search summary, path, payload (Ctrl+L)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(themedIcon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(140);

    auto *toolbar = new QToolBar(this);
    toolbar->setIconSize(QSize(16, 16));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    toolbar->addAction(m_follow);
    auto *menu = new QMenu(m_export);
    QAction *csv = menu->addAction(tr("CSV…"));
    QAction *jsonl = menu->addAction(tr("JSON Lines…"));
    m_export->setMenu(menu);
    m_export->setPopupMode(QToolButton::InstantPopup);
    m_export->setIcon(themedIcon(QStringLiteral("export")));
    m_export->setToolTip(tr("Export the shown events"));
    toolbar->addWidget(m_export);
    QAction *clear = toolbar->addAction(themedIcon(QStringLiteral("clear")), tr("Clear Log"));
    m_history->setEnabled(false);
    setHistoryAvailable(false);
    toolbar->addAction(m_history);
    toolbar->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred); // never an overflow menu

    auto *filters = new QHBoxLayout;
    filters->setContentsMargins(4, 2, 0, 2);
    filters->setSpacing(4);
    filters->addWidget(m_search, 3);
    filters->addWidget(m_severity);
    filters->addWidget(m_range);
    filters->addWidget(m_endpoint, 1);
    filters->addWidget(toolbar);

    m_count->setWordWrap(true);
    m_count->setTextFormat(Qt::RichText);
    m_count->setContentsMargins(4, 2, 4, 2);

    m_view->setModel(workspace->events());
    m_view->setItemDelegate(new SeverityDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Tab leaves the table for the next control; the arrow keys move between rows.
    m_view->setTabKeyNavigation(false);
    m_view->installEventFilter(this);
    // Fixed row heights: no per-row measuring, whatever the row count.
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setHighlightSections(false);
    // The summary takes what the other columns leave, never less than a readable minimum; on a
    // narrow log the columns that matter least step aside rather than pushing it out of view.
    const QFontMetrics metrics = fontMetrics();
    new ColumnFitter(m_view, EventLogModel::SummaryColumn,
        metrics.horizontalAdvance(QStringLiteral("grid update: 12 cells changed")),
        {
            {EventLogModel::TimeColumn, metrics.horizontalAdvance(QStringLiteral("Dec 31 00:00:00.000")) + 16, 5},
            {EventLogModel::SeverityColumn, metrics.horizontalAdvance(QStringLiteral("warning")) + 28, 4},
            {EventLogModel::EndpointColumn, metrics.horizontalAdvance(QStringLiteral("CityIO (simulated)")) + 12, 3},
            {EventLogModel::PathColumn, metrics.horizontalAdvance(QStringLiteral("corktown/GEOGRIDDATA")) + 12, 2},
        });

    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select an event to see its payload"));
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setTabChangesFocus(true);

    // The payload pane gets room to read a JSON body; the counts sit above it.
    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->setSpacing(0);
    sideLayout->addWidget(m_count);
    sideLayout->addWidget(m_details, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({700, 280});
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(filters);
    layout->addWidget(splitter);

    m_rangeClock.setInterval(5000);
    connect(&m_rangeClock, &QTimer::timeout, this, [this] {
        if (const qint64 span = m_range->currentData().toLongLong(); span > 0)
            m_workspace->events()->advanceSince(QDateTime::currentMSecsSinceEpoch() - span);
    });
    connect(m_severity, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyFilter);
    connect(m_range, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyFilter);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    m_followTimer.setSingleShot(true);
    m_followTimer.setInterval(100);
    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &EventLogPanel::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_endpoint, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyFilter);
    connect(&m_followTimer, &QTimer::timeout, m_view, &QTableView::scrollToBottom);
    connect(&m_countTimer, &QTimer::timeout, this, &EventLogPanel::updateCount);
    connect(m_follow, &QAction::toggled, this, [this](bool on) {
        if (on)
            m_view->scrollToBottom();
    });
    // Scrolling up to read stops following; scrolling back to the end resumes it.
    connect(m_view->verticalScrollBar(), &QScrollBar::actionTriggered, this, [this] {
        QScrollBar *bar = m_view->verticalScrollBar();
        m_follow->setChecked(bar->sliderPosition() >= bar->maximum());
    });
    connect(workspace->events(), &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow->isChecked() && !m_followTimer.isActive())
            m_followTimer.start();
        if (!m_countTimer.isActive())
            m_countTimer.start();
    });
    connect(workspace->events(), &QAbstractItemModel::modelReset, this, &EventLogPanel::updateCount);
    // The counts change with events the filter hides too.
    connect(workspace, &Workspace::eventsAppended, this, [this] {
        if (!m_countTimer.isActive())
            m_countTimer.start();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EventLogPanel::showDetails);
    // Moving up from the newest row is reading back: stop following; moving to it follows again.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &now) {
        if (m_view->hasFocus() && now.isValid())
            m_follow->setChecked(now.row() == m_workspace->events()->rowCount() - 1);
    });
    connect(workspace, &Workspace::endpointAdded, this, &EventLogPanel::refreshEndpoints);
    connect(workspace, &Workspace::endpointRemoved, this, &EventLogPanel::refreshEndpoints);
    connect(csv, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Export events"), QStringLiteral("events.csv"), tr("CSV files (*.csv)"));
        QString error;
        if (!file.isEmpty() && !exportCsv(file, &error))
            QMessageBox::warning(this, tr("Export events"), error);
    });
    connect(jsonl, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Export events"), QStringLiteral("events.jsonl"), tr("JSON Lines (*.jsonl)"));
        QString error;
        if (!file.isEmpty() && !exportJsonLines(file, &error))
            QMessageBox::warning(this, tr("Export events"), error);
    });
    connect(clear, &QAction::triggered, this, [this] {
        m_workspace->events()->clear();
        m_details->clear();
    });
    refreshEndpoints();
    applyFilter();
}

bool EventLogPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Entering the table without a current row: start at the newest row while following (the
    // table would otherwise pick its first, oldest row and scroll away from the newest).
    if (watched == m_view && event->type() == QEvent::FocusIn && !m_view->currentIndex().isValid()) {
        const int rows = m_workspace->events()->rowCount();
        if (rows > 0) {
            const int row = m_follow->isChecked() ? rows - 1 : std::max(0, m_view->rowAt(0));
            m_view->selectionModel()->setCurrentIndex(
                m_workspace->events()->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
    }
    return QWidget::eventFilter(watched, event);
}

void EventLogPanel::setSearchText(const QString &text)
{
    m_search->setText(text);
    m_debounce.stop();
    applyFilter();
}

void EventLogPanel::setMinimumSeverity(Severity severity)
{
    m_severity->setCurrentIndex(m_severity->findData(static_cast<int>(severity)));
}

Severity EventLogPanel::minimumSeverity() const
{
    return static_cast<Severity>(m_severity->currentData().toInt());
}

void EventLogPanel::setRange(qint64 spanMs)
{
    m_range->setCurrentIndex(std::max(0, m_range->findData(spanMs)));
}

void EventLogPanel::setHistoryAvailable(bool available)
{
    m_history->setEnabled(available);
    m_history->setToolTip(available ? tr("Search every event kept on disk, this session and earlier ones")
                                    : tr("History is off: demo mode keeps no event log on disk to search"));
    m_history->setStatusTip(m_history->toolTip());
}

void EventLogPanel::applyFilter()
{
    EventFilter filter;
    filter.severityMask = EventFilter::atLeast(minimumSeverity());
    filter.endpoint = m_endpoint->currentData().toString();
    filter.text = m_search->text().trimmed();
    const qint64 span = m_range->currentData().toLongLong();
    filter.since = span > 0 ? QDateTime::currentMSecsSinceEpoch() - span : 0;
    if (span > 0)
        m_rangeClock.start();
    else
        m_rangeClock.stop();
    m_workspace->events()->setFilter(filter);
    m_details->clear();
    if (m_follow->isChecked())
        m_view->scrollToBottom();
    updateCount();
}

void EventLogPanel::refreshEndpoints()
{
    const QString current = m_endpoint->currentData().toString();
    const QSignalBlocker blocker(m_endpoint);
    while (m_endpoint->count() > 1)
        m_endpoint->removeItem(1);
    for (const QString &name : m_workspace->endpointNames())
        m_endpoint->addItem(name, name);
    m_endpoint->setCurrentIndex(std::max(0, m_endpoint->findData(current)));
}

QString EventLogPanel::eventCountText(qint64 count)
{
    const QString number = QLocale().toString(count);
    return count == 1 ? tr("%1 event").arg(number) : tr("%1 events").arg(number);
}

void EventLogPanel::updateCount()
{
    const EventLogModel *model = m_workspace->events();
    const QLocale locale;
    // The selector says how many events each choice shows.
    const QString names[] = {tr("Debug and up"), tr("Info and up"), tr("Warnings and errors"), tr("Errors only")};
    qint64 atLeast = 0;
    for (int severity = 3; severity >= 0; --severity) {
        atLeast += model->countOf(static_cast<Severity>(severity));
        m_severity->setItemText(severity, QStringLiteral("%1 (%2)").arg(names[severity], locale.toString(atLeast)));
    }
    QString text = model->filter().isPassThrough()
        ? eventCountText(model->totalCount())
        : tr("%1 of %2").arg(locale.toString(model->rowCount()), eventCountText(model->totalCount()));
    // Problems stand out, in their severity's colour.
    for (Severity severity : {Severity::Error, Severity::Warning}) {
        const qint64 n = model->countOf(severity);
        if (n == 0)
            continue;
        const QString what = severity == Severity::Error ? (n == 1 ? tr("error") : tr("errors"))
                                                         : (n == 1 ? tr("warning") : tr("warnings"));
        text += QStringLiteral(" · <span style=\"color:%1\">%2 %3</span>")
                    .arg(StatusColors::forSeverity(severity, palette()).name(), locale.toString(n), what);
    }
    m_count->setText(text);
}

void EventLogPanel::showDetails()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    m_details->setPlainText(eventDetailsText(m_workspace->events()->eventAt(current.row())));
}

bool EventLogPanel::exportCsv(const QString &fileName, QString *error) const
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    if (!EventExport::writeCsv(*m_workspace->events(), &file, error))
        return false;
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

bool EventLogPanel::exportJsonLines(const QString &fileName, QString *error) const
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    if (!EventExport::writeJsonLines(*m_workspace->events(), &file, error))
        return false;
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace fleetscope::ui
