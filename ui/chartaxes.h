#pragma once

#include <QHash>
#include <QString>
#include <QVector>

class QChart;
class QLineSeries;
class QPalette;
class QValueAxis;

namespace fleetscope::ui {

// The y axes of one chart: one per unit ("°C", "%"), or for a series without a unit one per
// quantity (its topic's name, "battery"), so that series of different kinds never share a scale.
// The first axis sits on the left, the next on the right, and so on; each is titled with its
// unit and scales to its own series, labelled at round values. An axis goes when its last series
// does.
//
// Threading: GUI thread. Owned by ChartPanel; the axes belong to its QChart.
class ChartAxes
{
public:
    explicit ChartAxes(QChart *chart);

    // Attaches `series` to the axis of `group` (created on first use, titled `title`).
    QValueAxis *attach(QLineSeries *series, const QString &group, const QString &title);
    void detach(QLineSeries *series, const QString &group);
    QValueAxis *axis(const QString &group) const;
    QStringList groups() const { return m_order; }
    int count() const { return static_cast<int>(m_order.size()); }

    // Auto-scale `group` to data in [lo, hi]: the range is kept while the data fits it and fills
    // most of it (a steadier picture, and no relayout for new labels at every tick). Returns the
    // range to set.
    static void fit(double lo, double hi, double *min, double *max);
    // Sets `group`'s range, its labels at round values: multiples of 1, 2, 2.5 or 5 times a power
    // of ten, about five of them, with as many decimals as that step needs (21.5, not 21.41).
    void setRange(const QString &group, double min, double max);
    // The step setRange labels a span with.
    static double niceStep(double span);
    void applyTheme(const QPalette &palette);

private:
    struct Group
    {
        QValueAxis *axis = nullptr;
        int series = 0;
    };

    QChart *m_chart;
    QHash<QString, Group> m_groups;
    QStringList m_order;
};

} // namespace fleetscope::ui
