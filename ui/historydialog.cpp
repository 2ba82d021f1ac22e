#include "ui/historydialog.h"

#include "core/model/eventlogmodel.h"
#include "core/store/eventquery.h"
#include "core/store/eventstore.h"
#include "ui/eventdetails.h"
#include "ui/severitydelegate.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace fleetscope::ui {

HistoryDialog::HistoryDialog(EventStore *store, const QStringList &endpoints, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_results(new EventLogModel(1000000, this))
    , m_since(new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1), this))
    , m_until(new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), this))
    , m_endpoint(new QComboBox(this))
    , m_severity(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_limit(new QSpinBox(this))
    , m_searchButton(new QPushButton(tr("&Search"), this))
    , m_status(new QLabel(this))
    , m_view(new QTableView(this))
    , m_details(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Event History"));
    resize(1100, 640);
    for (QDateTimeEdit *edit : {m_since, m_until}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    m_endpoint->setEditable(true);
    m_endpoint->addItem(tr("All endpoints"), QString());
    for (const QString &name : endpoints)
        m_endpoint->addItem(name, name);
    m_severity->addItem(tr("Debug and worse"), static_cast<int>(Severity::Debug));
    m_severity->addItem(tr("Info and worse"), static_cast<int>(Severity::Info));
    m_severity->addItem(tr("Warnings and errors"), static_cast<int>(Severity::Warning));
    m_severity->addItem(tr("Errors only"), static_cast<int>(Severity::Error));
    m_text->setPlaceholderText(tr("in summary, path or payload"));
    m_text->setClearButtonEnabled(true);
    m_limit->setRange(100, 1000000);
    m_limit->setSingleStep(1000);
    m_limit->setValue(10000);
    m_limit->setToolTip(tr("At most this many events, the newest of the matches"));
    m_searchButton->setDefault(true);

    auto *range = new QHBoxLayout;
    range->addWidget(m_since);
    range->addWidget(new QLabel(tr("to"), this));
    range->addWidget(m_until);
    range->addStretch();
    auto *form = new QFormLayout;
    // A row whose field is a layout gets no buddy by itself: give its label one, or the "&" shows.
    auto *fromLabel = new QLabel(tr("&From:"), this);
    fromLabel->setBuddy(m_since);
    form->addRow(fromLabel, range);
    form->addRow(tr("&Endpoint:"), m_endpoint);
    form->addRow(tr("Se&verity:"), m_severity);
    form->addRow(tr("&Text:"), m_text);
    auto *limitRow = new QHBoxLayout;
    limitRow->addWidget(m_limit);
    limitRow->addStretch();
    limitRow->addWidget(m_status);
    limitRow->addWidget(m_searchButton);
    auto *limitLabel = new QLabel(tr("&Newest:"), this);
    limitLabel->setBuddy(m_limit);
    form->addRow(limitLabel, limitRow);

    m_view->setModel(m_results);
    m_view->setItemDelegate(new SeverityDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->resizeSection(
        EventLogModel::TimeColumn, fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00 00:00:00.000")) + 16);
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setPlaceholderText(tr("Select an event to see its payload"));
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_searchButton, &QPushButton::clicked, this, &HistoryDialog::search);
    connect(m_text, &QLineEdit::returnPressed, this, &HistoryDialog::search);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HistoryDialog::showDetails);
    connect(store, &EventStore::queryFinished, this, [this](quint64 id, const EventList &events, const QString &error) {
        if (id != m_pending)
            return;
        m_pending = 0;
        m_searchButton->setEnabled(true);
        m_results->clear();
        m_results->append(events);
        m_status->setText(error.isEmpty() ? tr("%n event(s)", nullptr, static_cast<int>(events.size()))
                                          : tr("Search failed: %1").arg(error));
        Q_EMIT searchFinished(static_cast<int>(events.size()), error);
    });
}

HistoryDialog::~HistoryDialog() = default;

void HistoryDialog::search()
{
    EventQuery query;
    query.since = m_since->dateTime().toMSecsSinceEpoch();
    query.until = m_until->dateTime().toMSecsSinceEpoch();
    const int endpointIndex = m_endpoint->findText(m_endpoint->currentText());
    query.endpoint = endpointIndex >= 0 ? m_endpoint->itemData(endpointIndex).toString() : m_endpoint->currentText();
    query.minSeverity = static_cast<Severity>(m_severity->currentData().toInt());
    query.text = m_text->text().trimmed();
    query.limit = m_limit->value();
    m_store->flush(); // what just arrived is found too
    m_pending = m_store->query(query);
    m_searchButton->setEnabled(false);
    m_status->setText(tr("Searching…"));
}

void HistoryDialog::showDetails()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid()) {
        m_details->clear();
        return;
    }
    m_details->setPlainText(eventDetailsText(m_results->eventAt(index.row())));
}

} // namespace fleetscope::ui
