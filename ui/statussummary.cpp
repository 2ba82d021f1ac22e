#include "ui/statussummary.h"

#include "core/workspace/workspace.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

#include <cmath>

namespace fleetscope::ui {

namespace {
QFrame *separator(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}
} // namespace

StatusSummary::StatusSummary(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_rate(new QLabel(this))
    , m_memory(new QLabel(this))
    , m_endpoints(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->setSpacing(10);
    layout->addWidget(m_rate);
    layout->addWidget(separator(this));
    layout->addWidget(m_memory);
    layout->addWidget(separator(this));
    layout->addWidget(m_endpoints);
    m_rate->setToolTip(tr("Messages received per second, all endpoints"));
    m_endpoints->setToolTip(tr("Endpoints ready / all endpoints"));
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &StatusSummary::refresh);
    connect(workspace, &Workspace::statusChanged, this, &StatusSummary::refresh);
    connect(workspace, &Workspace::endpointAdded, this, &StatusSummary::refresh);
    connect(workspace, &Workspace::endpointRemoved, this, &StatusSummary::refresh);
    m_timer.start();
    refresh();
}

void StatusSummary::refresh()
{
    const QLocale locale;
    const SeriesStore &series = m_workspace->series();
    m_rate->setText(tr("In: %1 msg/s").arg(locale.toString(std::lround(m_workspace->messagesPerSecond()))));
    m_memory->setText(tr("Series: %1 of %2")
                          .arg(locale.formattedDataSize(series.bytesUsed(), 1, QLocale::DataSizeTraditionalFormat),
                              locale.formattedDataSize(series.capBytes(), 0, QLocale::DataSizeTraditionalFormat)));
    m_memory->setToolTip(tr("%1 samples in %2 series; %3 oldest samples dropped to stay under the cap")
                             .arg(locale.toString(series.totalSamples()), locale.toString(series.seriesCount()),
                                 locale.toString(static_cast<qulonglong>(series.droppedSamples()))));
    m_endpoints->setText(
        tr("Endpoints: %1/%2 ready").arg(m_workspace->readyCount()).arg(m_workspace->endpointNames().size()));
}

QString StatusSummary::text() const
{
    return m_rate->text() + QStringLiteral(" | ") + m_memory->text() + QStringLiteral(" | ") + m_endpoints->text();
}

} // namespace fleetscope::ui
