#pragma once

#include "core/workspace/envelopecache.h"

#include <QVariantMap>
#include <QWidget>

#include <memory>
#include <vector>

class QChart;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace fleetscope {
class SeriesStore;
}

namespace fleetscope::ui {

class ChartAxes;
class ChartLegend;
class ChartView;

// How a series is named on a chart: as the Topics tree shows it, with its endpoint and unit.
struct SeriesLabel
{
    QString name; // "Robot-01 › battery": the device (parent) and the topic
    QString endpoint;
    QString unit; // from the topic's metadata; empty when unknown
    QString quantity; // the topic's own name ("battery"): the axis of a series without a unit
    QString tooltip; // the full path and more
};

// One chart: several series from the SeriesStore over a time window (live, paused or zoomed).
// Every redraw asks the store for each series' min/max envelope at the plot's pixel width — about
// two points per column whatever the window holds — and hands it to Qt Charts with replace(),
// never per-point appends. It redraws only when told (ChartsPanel throttles that) and not at all
// while paused, so the view stays frozen while data keeps arriving. Each unit has its own y axis
// (ChartAxes); the legend (ChartLegend) names every series and reads out its value under the
// crosshair, or its latest one.
//
// Threading: GUI thread.
class ChartPanel : public QWidget
{
    Q_OBJECT

public:
    enum class Window { Seconds10, Minute1, Minutes10, Hour1, All };

    explicit ChartPanel(const SeriesStore *store, QWidget *parent = nullptr);
    ~ChartPanel() override;

    static qint64 windowSpanMs(Window window); // 0 for All
    static QString windowName(Window window);

    // `key` is a Workspace::seriesKey; no-op when the chart has it already. Without a label the
    // series is named after its path.
    void addSeries(const QString &key, const SeriesLabel &label = {});
    void removeSeries(const QString &key);
    // Renames a series (and moves it to its unit's axis): its topic's metadata may come later.
    void setSeriesLabel(const QString &key, const SeriesLabel &label);
    SeriesLabel seriesLabel(const QString &key) const;
    // The y axis a series is drawn against, and the chart's y axes (one per unit or quantity).
    QValueAxis *yAxis(const QString &key) const;
    int yAxisCount() const;
    ChartLegend *legend() const { return m_legend; }
    // The values the legend shows: at `t` (ms since the epoch), or the latest when t < 0.
    void showValuesAt(qint64 t);
    static QColor seriesColor(int index);
    QStringList seriesKeys() const;
    QLineSeries *lineSeries(const QString &key) const;
    bool isSeriesVisible(const QString &key) const;
    void setSeriesVisible(const QString &key, bool visible);

    void setWindow(Window window);
    Window window() const { return m_window; }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void setAutoScale(bool on);
    bool autoScale() const { return m_autoScale; }
    bool isZoomed() const { return m_zoomed; }
    void zoomTo(qint64 t0, qint64 t1);
    void resetZoom();

    // The throttled tick: redraws unless paused.
    void refresh();
    // The range drawn last, ms since the epoch.
    qint64 visibleStart() const { return m_t0; }
    qint64 visibleEnd() const { return m_t1; }
    int plotColumns() const;

    bool exportPng(const QString &fileName) const;
    bool exportCsv(const QString &fileName, QString *error) const;

    QVariantMap saveState() const;
    void restoreState(const QVariantMap &state);

    ChartView *view() const { return m_view; }
    QChart *chart() const { return m_chart; }

Q_SIGNALS:
    void topicsDropped(const QString &endpoint, const QStringList &paths);
    void seriesRemoved(const QString &key, const QString &name);
    // Pause, zoom, window or auto-scale changed (the toolbar follows).
    void viewStateChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Line
    {
        QString key;
        QLineSeries *series;
        int handle = -1; // SeriesStore handle, -1 until the series has data
        EnvelopeCache envelope; // the columns drawn last, reused while they stay valid
        SeriesLabel label;
        QString group; // its y axis
        QColor color;
        QList<QPointF> drawn; // the points drawn last, for the crosshair's read-out
    };

    void redraw();
    void applyTheme();
    void updateTitle();
    void applyLabel(Line &line, const SeriesLabel &label);
    void onZoom(qint64 t0, qint64 t1, double yMin, double yMax, bool withY);
    void onWheel(double factor, qint64 anchor);
    Line *find(const QString &key);
    const Line *find(const QString &key) const;

    const SeriesStore *m_store;
    QChart *m_chart;
    ChartView *m_view;
    QDateTimeAxis *m_x;
    std::unique_ptr<ChartAxes> m_axes;
    ChartLegend *m_legend;
    std::vector<Line> m_lines;
    int m_colorsUsed = 0;
    qint64 m_hoverT = -1;
    Window m_window = Window::Minute1;
    bool m_paused = false;
    bool m_zoomed = false;
    bool m_autoScale = true;
    bool m_manualY = false;
    qint64 m_t0 = 0;
    qint64 m_t1 = 0;
    qint64 m_frozenT1 = 0;
    qint64 m_zoomT0 = 0;
    qint64 m_zoomT1 = 0;
    double m_yMin = 0.0;
    double m_yMax = 1.0;
};

} // namespace fleetscope::ui
