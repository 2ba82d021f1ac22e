#include "ui/eventlogpanel.h"

#include "core/workspace/eventexport.h"
#include "core/workspace/workspace.h"
#include "ui/eventdetails.h"
#include "ui/severitydelegate.h"
#include "ui/themedicon.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QFontDatabase>
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
    , m_endpoint(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_follow(new QAction(themedIcon(QStringLiteral("follow")), tr("&Follow Newest"), this))
    , m_history(new QAction(themedIcon(QStringLiteral("history")), tr("&History…"), this))
    , m_export(new QToolButton(this))
    , m_count(new QLabel(this))
    , m_view(new QTableView(this))
    , m_details(new QPlainTextEdit(this))
{
    auto *toolbar = new QToolBar(this);
    toolbar->setIconSize(QSize(16, 16));
    const QString names[] = {tr("Debug"), tr("Info"), tr("Warning"), tr("Error")};
    for (int severity = 0; severity < 4; ++severity) {
        m_severity[severity] = toolbar->addAction(names[severity]);
        m_severity[severity]->setCheckable(true);
        m_severity[severity]->setChecked(true);
        m_severity[severity]->setToolTip(tr("Show %1 events").arg(names[severity].toLower()));
        connect(m_severity[severity], &QAction::toggled, this, &EventLogPanel::applyFilter);
    }
    toolbar->addSeparator();
    m_endpoint->addItem(tr("All endpoints"), QString());
    m_endpoint->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    toolbar->addWidget(m_endpoint);
    m_search->setPlaceholderText(tr("Search summary, path, payload (Ctrl+L)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(themedIcon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(220);
    toolbar->addWidget(m_search);
    toolbar->addSeparator();
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
    m_history->setToolTip(tr("Search every event kept on disk, this session and earlier ones"));
    m_history->setEnabled(false);
    toolbar->addAction(m_history);
    auto *spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    toolbar->addWidget(m_count);

    m_view->setModel(workspace->events());
    m_view->setItemDelegate(new SeverityDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Fixed row heights: no per-row measuring, whatever the row count.
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->resizeSection(
        EventLogModel::TimeColumn, fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00 00:00:00.000")) + 16);
    header->resizeSection(EventLogModel::EndpointColumn, 140);
    header->resizeSection(EventLogModel::SeverityColumn, 84);
    header->resizeSection(EventLogModel::PathColumn, 180);

    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select an event to see its payload"));
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(splitter);

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
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EventLogPanel::showDetails);
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
    updateCount();
}

void EventLogPanel::setSearchText(const QString &text)
{
    m_search->setText(text);
    m_debounce.stop();
    applyFilter();
}

void EventLogPanel::applyFilter()
{
    EventFilter filter;
    filter.severityMask = 0;
    for (int severity = 0; severity < 4; ++severity) {
        if (m_severity[severity]->isChecked())
            filter.severityMask |= 1 << severity;
    }
    filter.endpoint = m_endpoint->currentData().toString();
    filter.text = m_search->text().trimmed();
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

void EventLogPanel::updateCount()
{
    const EventLogModel *model = m_workspace->events();
    const QLocale locale;
    if (model->filter().isPassThrough())
        m_count->setText(tr("%1 events ").arg(locale.toString(model->totalCount())));
    else
        m_count->setText(
            tr("%1 of %2 events ").arg(locale.toString(model->rowCount()), locale.toString(model->totalCount())));
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
