#include "ui/chartaxes.h"

#include <QChart>
#include <QLineSeries>
#include <QPalette>
#include <QValueAxis>

#include <cmath>

namespace fleetscope::ui {

ChartAxes::ChartAxes(QChart *chart)
    : m_chart(chart)
{ }

QValueAxis *ChartAxes::attach(QLineSeries *series, const QString &group, const QString &title)
{
    Group &entry = m_groups[group];
    if (!entry.axis) {
        entry.axis = new QValueAxis(m_chart);
        entry.axis->setTickType(QValueAxis::TicksDynamic);
        entry.axis->setTickAnchor(0.0);
        entry.axis->setTitleText(title);
        m_chart->addAxis(entry.axis, m_order.size() % 2 == 0 ? Qt::AlignLeft : Qt::AlignRight);
        m_order << group;
        setRange(group, 0.0, 1.0);
    }
    ++entry.series;
    series->attachAxis(entry.axis);
    return entry.axis;
}

void ChartAxes::detach(QLineSeries *series, const QString &group)
{
    auto it = m_groups.find(group);
    if (it == m_groups.end())
        return;
    if (m_chart->series().contains(series))
        series->detachAxis(it->axis);
    if (--it->series > 0)
        return;
    m_chart->removeAxis(it->axis);
    delete it->axis;
    m_groups.erase(it);
    m_order.removeAll(group);
}

QValueAxis *ChartAxes::axis(const QString &group) const
{
    return m_groups.value(group).axis;
}

void ChartAxes::fit(double lo, double hi, double *min, double *max)
{
    const bool fits = lo >= *min && hi <= *max && (hi - lo) >= 0.6 * (*max - *min);
    if (fits)
        return;
    const double pad = hi > lo ? (hi - lo) * 0.08 : std::max(1.0, std::abs(hi) * 0.05);
    *min = lo - pad;
    *max = hi + pad;
}

double ChartAxes::niceStep(double span)
{
    constexpr double kIntervals = 5.0;
    if (!(span > 0.0) || !std::isfinite(span))
        return 1.0;
    const double raw = span / kIntervals;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double mantissa : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (mantissa * power >= raw * (1.0 - 1e-9))
            return mantissa * power;
    }
    return 10.0 * power;
}

void ChartAxes::setRange(const QString &group, double min, double max)
{
    QValueAxis *axis = m_groups.value(group).axis;
    if (!axis)
        return;
    const double step = niceStep(max - min);
    // Decimals the step needs: 0.25 two, 2.5 one, 20 none.
    int decimals = 0;
    while (
        decimals < 9 && std::abs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    const QString format = QStringLiteral("%.%1f").arg(decimals);
    if (axis->labelFormat() != format)
        axis->setLabelFormat(format);
    if (axis->tickInterval() != step)
        axis->setTickInterval(step);
    axis->setRange(min, max);
}

void ChartAxes::applyTheme(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.12);
    QColor line = text;
    line.setAlphaF(0.35);
    bool first = true;
    for (const QString &group : std::as_const(m_order)) {
        QValueAxis *axis = m_groups.value(group).axis;
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        // Solid 1-pixel pens: the themes' grid pens send every grid line through the slow stroker.
        QPen gridPen(grid, 1.0, Qt::SolidLine);
        gridPen.setCosmetic(true);
        axis->setGridLinePen(gridPen);
        // One grid is enough: the other axes' lines would not meet the first one's.
        axis->setGridLineVisible(first);
        QPen linePen(line, 1.0, Qt::SolidLine);
        linePen.setCosmetic(true);
        axis->setLinePen(linePen);
        axis->setMinorGridLineVisible(false);
        first = false;
    }
}

} // namespace fleetscope::ui
