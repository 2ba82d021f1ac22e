#pragma once

#include "core/workspace/envelopecache.h"

#include <QVariantMap>
#include <QWidget>

#include <vector>

class QChart;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace fleetscope {
class SeriesStore;
}

namespace fleetscope::ui {

class ChartView;

// One chart: several series from the SeriesStore over a time window (live, paused or zoomed).
// Every redraw asks the store for each series' min/max envelope at the plot's pixel width — about
// two points per column whatever the window holds — and hands it to Qt Charts with replace(),
// never per-point appends. It redraws only when told (ChartsPanel throttles that) and not at all
// while paused, so the view stays frozen while data keeps arriving.
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

    // `key` is a Workspace::seriesKey; no-op when the chart has it already.
    void addSeries(const QString &key);
    void removeSeries(const QString &key);
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
    };

    void redraw();
    void applyTheme();
    void updateLabels();
    void onZoom(qint64 t0, qint64 t1, double yMin, double yMax, bool withY);
    void onWheel(double factor, qint64 anchor);
    void styleMarker(QLineSeries *series);

    const SeriesStore *m_store;
    QChart *m_chart;
    ChartView *m_view;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
    std::vector<Line> m_lines;
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
