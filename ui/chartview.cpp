#include "ui/chartview.h"

#include "core/model/topictreemodel.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QDragEnterEvent>
#include <QGraphicsScene>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QPainter>
#include <QRubberBand>

namespace fleetscope::ui {

namespace {
constexpr int kMinBandPixels = 8;

// The crosshair: a line at the pointer across the plot, with its time at the top. A child of the
// viewport that lets the mouse through, so moving it repaints a narrow strip only.
class Crosshair : public QWidget
{
public:
    explicit Crosshair(QWidget *viewport)
        : QWidget(viewport)
    {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        hide();
    }

    void place(int x, const QRect &plot, const QString &time)
    {
        m_time = time;
        const int labelWidth = fontMetrics().horizontalAdvance(time) + 8;
        const int left = std::clamp(x - labelWidth / 2, plot.left(), std::max(plot.left(), plot.right() - labelWidth));
        m_lineX = x - left;
        setGeometry(left, plot.top(), labelWidth, plot.height());
        show();
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        QColor line = palette().color(QPalette::Text);
        line.setAlphaF(0.5);
        painter.setPen(QPen(line, 1.0, Qt::DashLine));
        painter.drawLine(m_lineX, 0, m_lineX, height());
        const QRect label(0, 0, width(), fontMetrics().height() + 2);
        painter.fillRect(label, palette().color(QPalette::Base));
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(label, Qt::AlignCenter, m_time);
    }

private:
    QString m_time;
    int m_lineX = 0;
};
} // namespace

ChartView::ChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
    , m_band(new QRubberBand(QRubberBand::Rectangle, this))
    , m_crosshair(new Crosshair(viewport()))
{
    setMouseTracking(true);
    setAcceptDrops(true);
    viewport()->setAcceptDrops(true); // drops arrive at the viewport, which QChartView made already
    setRubberBand(QChartView::NoRubberBand); // our own: the panel owns the ranges
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    // Series items change geometry at every redraw: a BSP index over them is pure overhead, and so
    // is working out minimal update regions when the whole plot changes anyway.
    scene()->setItemIndexMethod(QGraphicsScene::NoIndex);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    setToolTip(tr("Drag to zoom, wheel to zoom around the pointer, double-click to reset"));
}

void ChartView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(TopicTreeModel::mimeType()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void ChartView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(TopicTreeModel::mimeType()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void ChartView::dropEvent(QDropEvent *event)
{
    const QJsonArray items = QJsonDocument::fromJson(event->mimeData()->data(TopicTreeModel::mimeType())).array();
    // Grouped by endpoint, in the order they came.
    QStringList endpoints;
    QHash<QString, QStringList> paths;
    for (const QJsonValue &item : items) {
        const QString endpoint = item.toObject().value(QLatin1String("endpoint")).toString();
        if (!paths.contains(endpoint))
            endpoints << endpoint;
        paths[endpoint] << item.toObject().value(QLatin1String("path")).toString();
    }
    for (const QString &endpoint : std::as_const(endpoints))
        Q_EMIT topicsDropped(endpoint, paths.value(endpoint));
    event->acceptProposedAction();
}

QPointF ChartView::valueAt(const QPoint &viewPos) const
{
    return chart()->mapToValue(chart()->mapFromScene(mapToScene(viewPos)));
}

bool ChartView::inPlotArea(const QPoint &viewPos) const
{
    return chart()->plotArea().contains(chart()->mapFromScene(mapToScene(viewPos)));
}

void ChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && inPlotArea(event->pos())) {
        m_banding = true;
        m_origin = event->pos();
        m_band->setGeometry(QRect(m_origin, QSize()));
        m_band->show();
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void ChartView::moveCrosshair(const QPoint &viewPos)
{
    if (!inPlotArea(viewPos) || chart()->series().isEmpty()) {
        if (m_crosshair->isVisible()) {
            m_crosshair->hide();
            Q_EMIT hovered(-1);
        }
        return;
    }
    const auto t = static_cast<qint64>(valueAt(viewPos).x());
    const QRect plot = mapFromScene(chart()->mapToScene(chart()->plotArea())).boundingRect();
    const auto *axis = qobject_cast<const QDateTimeAxis *>(chart()->axes(Qt::Horizontal).value(0));
    const QString format = axis && axis->format().contains(QLatin1String("ss")) ? QStringLiteral("HH:mm:ss.zzz")
                                                                                : QStringLiteral("MMM d HH:mm:ss");
    static_cast<Crosshair *>(m_crosshair)->place(viewPos.x(), plot, QDateTime::fromMSecsSinceEpoch(t).toString(format));
    Q_EMIT hovered(t);
}

void ChartView::leaveEvent(QEvent *event)
{
    if (m_crosshair->isVisible()) {
        m_crosshair->hide();
        Q_EMIT hovered(-1);
    }
    QChartView::leaveEvent(event);
}

void ChartView::mouseMoveEvent(QMouseEvent *event)
{
    moveCrosshair(event->pos());
    if (m_banding) {
        m_band->setGeometry(QRect(m_origin, event->pos()).normalized());
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
}

void ChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_banding || event->button() != Qt::LeftButton) {
        QChartView::mouseReleaseEvent(event);
        return;
    }
    m_banding = false;
    m_band->hide();
    const QRect band = QRect(m_origin, event->pos()).normalized();
    if (band.width() < kMinBandPixels)
        return;
    const QPointF a = valueAt(band.topLeft());
    const QPointF b = valueAt(band.bottomRight());
    Q_EMIT zoomRequested(static_cast<qint64>(std::min(a.x(), b.x())), static_cast<qint64>(std::max(a.x(), b.x())),
        std::min(a.y(), b.y()), std::max(a.y(), b.y()), band.height() >= kMinBandPixels);
    event->accept();
}

void ChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        Q_EMIT resetRequested();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

void ChartView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        event->ignore();
        return;
    }
    const double factor = delta > 0 ? 0.8 : 1.25;
    Q_EMIT wheelZoomed(factor, static_cast<qint64>(valueAt(event->position().toPoint()).x()));
    event->accept();
}

} // namespace fleetscope::ui
