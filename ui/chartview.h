#pragma once

#include <QChartView>

class QRubberBand;
class QWidget;

namespace fleetscope::ui {

// The chart's view: takes topics dragged from the tree (TopicTreeModel::mimeType()), zooms by
// rubber band and mouse wheel, resets on double-click, and follows the pointer over the plot with
// a crosshair (a vertical line and its time; the values are read out in the legend). It only
// reports what the user asked; the ChartPanel decides the ranges and fetches the data for them.
//
// Threading: GUI thread.
class ChartView : public QChartView
{
    Q_OBJECT

public:
    explicit ChartView(QChart *chart, QWidget *parent = nullptr);

Q_SIGNALS:
    void topicsDropped(const QString &endpoint, const QStringList &paths);
    // A rectangle in value coordinates (x: ms since the epoch). `withY` false when the band was
    // too flat to mean a value range.
    void zoomRequested(qint64 t0, qint64 t1, double yMin, double yMax, bool withY);
    // factor < 1 zooms in around time `anchor`.
    void wheelZoomed(double factor, qint64 anchor);
    void resetRequested();
    // The pointer is over the plot at time `t` (ms since the epoch); -1 when it left.
    void hovered(qint64 t);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void moveCrosshair(const QPoint &viewPos);

    QPointF valueAt(const QPoint &viewPos) const;
    bool inPlotArea(const QPoint &viewPos) const;

    QRubberBand *m_band;
    QWidget *m_crosshair; // transparent overlay on the viewport: repaints a strip, not the chart
    QPoint m_origin;
    bool m_banding = false;
};

} // namespace fleetscope::ui
