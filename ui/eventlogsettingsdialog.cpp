#include "ui/eventlogsettingsdialog.h"

#include "core/store/eventdatabase.h"
#include "core/store/eventstore.h"
#include "ui/statuscolors.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace fleetscope::ui {

namespace {
constexpr qint64 kMiB = 1024 * 1024;
constexpr int kMaxSizeMiB = 1024 * 1024; // 1 TiB
} // namespace

EventLogSettingsDialog::EventLogSettingsDialog(EventStore *store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_byAge(new QCheckBox(tr("Delete events older than"), this))
    , m_days(new QSpinBox(this))
    , m_bySize(new QCheckBox(tr("Keep the log on disk under"), this))
    , m_sizeMiB(new QSpinBox(this))
    , m_usage(new QLabel(tr("Reading the event log…"), this))
    , m_warning(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Event Log Retention"));
    m_days->setRange(1, EventDatabase::kMaxRetentionDays);
    m_days->setSuffix(tr(" days"));
    m_days->setAccelerated(true);
    m_sizeMiB->setRange(static_cast<int>(kMinRetentionBytes / kMiB), kMaxSizeMiB);
    m_sizeMiB->setSuffix(tr(" MiB"));
    m_sizeMiB->setSingleStep(256);
    m_sizeMiB->setAccelerated(true);
    m_sizeMiB->setToolTip(tr("The oldest events are deleted above this (down to 90 % of it)"));
    m_usage->setWordWrap(true);
    m_usage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warning->setWordWrap(true);
    QPalette warningPalette = m_warning->palette();
    warningPalette.setColor(QPalette::WindowText, StatusColors::forSeverity(Severity::Warning, warningPalette));
    m_warning->setPalette(warningPalette);
    m_warning->hide();
    auto *hint = new QLabel(tr("Fleetscope writes every event of every endpoint to this log. The limits apply at once "
                               "and then every minute; deleted events cannot be recovered. "
                               "<tt>fleetscope-cli log --keep-days / --keep-size</tt> changes the same limits."),
        this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto *limits = new QGridLayout;
    limits->addWidget(m_byAge, 0, 0);
    limits->addWidget(m_days, 0, 1);
    limits->addWidget(m_bySize, 1, 0);
    limits->addWidget(m_sizeMiB, 1, 1);
    limits->setColumnStretch(2, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(limits);
    layout->addWidget(m_warning);
    layout->addSpacing(6);
    layout->addWidget(m_usage);
    layout->addWidget(hint);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(540);

    // Nothing to change before the store says what is set.
    for (QWidget *field : {static_cast<QWidget *>(m_byAge), static_cast<QWidget *>(m_days),
             static_cast<QWidget *>(m_bySize), static_cast<QWidget *>(m_sizeMiB)})
        field->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &EventLogSettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_byAge, &QCheckBox::toggled, m_days, &QWidget::setEnabled);
    connect(m_bySize, &QCheckBox::toggled, m_sizeMiB, &QWidget::setEnabled);
    for (QCheckBox *box : {m_byAge, m_bySize})
        connect(box, &QCheckBox::toggled, this, &EventLogSettingsDialog::updateWarning);
    for (QSpinBox *box : {m_days, m_sizeMiB})
        connect(box, &QSpinBox::valueChanged, this, &EventLogSettingsDialog::updateWarning);
    connect(store, &EventStore::statusReported, this, &EventLogSettingsDialog::showStatus);
    store->requestStatus();
}

EventLogSettingsDialog::~EventLogSettingsDialog() = default;

EventRetention EventLogSettingsDialog::retention() const
{
    EventRetention retention;
    retention.days = m_byAge->isChecked() ? m_days->value() : 0;
    retention.bytes = m_bySize->isChecked() ? m_sizeMiB->value() * kMiB : 0;
    return retention;
}

void EventLogSettingsDialog::accept()
{
    if (!m_loaded || m_applying)
        return;
    if (retention() == m_current) {
        QDialog::accept();
        return;
    }
    // Closes when the store confirms (showStatus), so a failure can still be read here.
    m_applying = true;
    m_buttons->setEnabled(false);
    m_usage->setText(tr("Applying…"));
    m_store->setRetention(retention());
}

void EventLogSettingsDialog::showStatus(const EventLogStatus &status, const QString &error)
{
    if (!error.isEmpty()) {
        m_applying = false;
        m_buttons->setEnabled(true);
        m_usage->setText(tr("The event log cannot be read or changed: %1").arg(error));
        return;
    }
    const bool wasApplying = m_applying;
    m_applying = false;
    m_current = status.retention;
    const QLocale locale;
    QString text = status.events == 0
        ? tr("The log is empty.")
        : tr("The log holds %1 events (%2 on disk), the oldest from %3.")
              .arg(locale.toString(status.events), formatByteSize(status.usedBytes),
                  locale.toString(QDateTime::fromMSecsSinceEpoch(status.oldest), QLocale::ShortFormat));
    m_usage->setText(text + QLatin1Char('\n') + status.path);
    if (!m_loaded) {
        m_loaded = true;
        m_byAge->setEnabled(true);
        m_bySize->setEnabled(true);
        m_byAge->setChecked(status.retention.days > 0);
        m_days->setValue(status.retention.days > 0 ? status.retention.days : 30);
        m_days->setEnabled(status.retention.days > 0);
        m_bySize->setChecked(status.retention.bytes > 0);
        const qint64 mib = status.retention.bytes > 0 ? status.retention.bytes / kMiB : 1024;
        m_sizeMiB->setValue(static_cast<int>(std::min<qint64>(mib, kMaxSizeMiB)));
        m_sizeMiB->setEnabled(status.retention.bytes > 0);
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
        updateWarning();
    }
    Q_EMIT statusShown(status);
    if (wasApplying)
        QDialog::accept();
}

void EventLogSettingsDialog::updateWarning()
{
    // Tighter than now: say what OK will delete before it does.
    const EventRetention next = retention();
    auto tighter = [](qint64 was, qint64 will) { return will > 0 && (was == 0 || will < was); };
    QStringList parts;
    if (tighter(m_current.days, next.days))
        parts << (next.days == 1 ? tr("events older than a day") : tr("events older than %1 days").arg(next.days));
    if (tighter(m_current.bytes, next.bytes))
        parts << tr("the oldest events above %1").arg(formatByteSize(next.bytes));
    m_warning->setVisible(m_loaded && !parts.isEmpty());
    m_warning->setText(tr("OK deletes %1 now.").arg(parts.join(tr(" and "))));
}

} // namespace fleetscope::ui
