#include "ui/chartpanel.h"

#include "core/model/seriesstore.h"
#include "core/workspace/workspace.h"
#include "ui/chartaxes.h"
#include "ui/chartlegend.h"
#include "ui/chartview.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHash>
#include <QLegend>
#include <QLineSeries>
#include <QSaveFile>
#include <QSet>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>
#include <limits>

namespace fleetscope::ui {

namespace {
// Readable on light and dark backgrounds alike; beyond these, hues spaced by the golden angle.
const QColor kSeriesColors[] = {QColor(0x3b, 0x82, 0xf6), QColor(0xf9, 0x73, 0x16), QColor(0x10, 0xb9, 0x81),
    QColor(0xe1, 0x1d, 0x48), QColor(0x8b, 0x5c, 0xf6), QColor(0xea, 0xb3, 0x08), QColor(0x06, 0xb6, 0xd4),
    QColor(0xdb, 0x27, 0x77), QColor(0x65, 0xa3, 0x0d), QColor(0x94, 0xa3, 0xb8), QColor(0xa1, 0x62, 0x07),
    QColor(0x4f, 0x46, 0xe5)};
constexpr qint64 kMinSpanMs = 50;
// One min/max pair per two pixels: at most one point per pixel column on average, which Qt Charts
// lays out and paints in a fraction of a frame, and a band still accurate to a pixel or two.
constexpr int kPixelsPerColumn = 2;
constexpr qsizetype kSmoothPointLimit = 4000;

// A 1-pixel pen takes the raster engine's fast path. Qt Charts draws a solid-styled series one
// drawLine() call per segment but a dashed one as a single path, several times faster: so the
// pen is "dashed" with a dash longer than any screen.
QPen linePen(const QColor &color)
{
    QPen pen(color);
    pen.setWidthF(1.0);
    pen.setDashPattern({1e6, 1.0});
    return pen;
}
} // namespace

ChartPanel::ChartPanel(const SeriesStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_chart(new QChart)
    , m_view(new ChartView(m_chart, this))
    , m_x(new QDateTimeAxis(m_chart))
    , m_axes(std::make_unique<ChartAxes>(m_chart))
    , m_legend(new ChartLegend(this))
{
    m_chart->setMargins(QMargins(6, 6, 10, 6));
    m_chart->setBackgroundRoundness(0);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->hide(); // ChartLegend names the series in full
    m_x->setTickCount(7);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(now - windowSpanMs(m_window)), QDateTime::fromMSecsSinceEpoch(now));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_legend);

    connect(m_view, &ChartView::topicsDropped, this, &ChartPanel::topicsDropped);
    connect(m_view, &ChartView::hovered, this, &ChartPanel::showValuesAt);
    connect(m_legend, &ChartLegend::toggleRequested, this,
        [this](const QString &key) { setSeriesVisible(key, !isSeriesVisible(key)); });
    connect(m_legend, &ChartLegend::removeRequested, this, &ChartPanel::removeSeries);
    connect(m_view, &ChartView::zoomRequested, this, &ChartPanel::onZoom);
    connect(m_view, &ChartView::wheelZoomed, this, &ChartPanel::onWheel);
    connect(m_view, &ChartView::resetRequested, this, &ChartPanel::resetZoom);
    applyTheme();
    updateTitle();
    redraw();
}

ChartPanel::~ChartPanel() = default;

QColor ChartPanel::seriesColor(int index)
{
    constexpr int fixed = static_cast<int>(std::size(kSeriesColors));
    if (index < fixed)
        return kSeriesColors[index];
    return QColor::fromHsvF(std::fmod(0.11 + (index - fixed) * 0.618034, 1.0), 0.70, 0.85);
}

qint64 ChartPanel::windowSpanMs(Window window)
{
    switch (window) {
    case Window::Seconds10:
        return 10 * 1000;
    case Window::Minute1:
        return 60 * 1000;
    case Window::Minutes10:
        return 10 * 60 * 1000;
    case Window::Hour1:
        return 60 * 60 * 1000;
    case Window::All:
        break;
    }
    return 0;
}

QString ChartPanel::windowName(Window window)
{
    switch (window) {
    case Window::Seconds10:
        return tr("10 s");
    case Window::Minute1:
        return tr("1 min");
    case Window::Minutes10:
        return tr("10 min");
    case Window::Hour1:
        return tr("1 h");
    case Window::All:
        break;
    }
    return tr("All");
}

void ChartPanel::addSeries(const QString &key, const SeriesLabel &label)
{
    if (lineSeries(key))
        return;
    auto *series = new QLineSeries(m_chart);
    const QColor color = seriesColor(m_colorsUsed++);
    series->setPen(linePen(color));
    m_chart->addSeries(series);
    series->attachAxis(m_x);
    m_lines.push_back(Line {key, series, -1, {}, {}, QString(), color, {}});
    m_legend->addEntry(key, color);
    applyLabel(m_lines.back(), label);
    updateTitle();
    redraw();
}

void ChartPanel::removeSeries(const QString &key)
{
    for (auto it = m_lines.begin(); it != m_lines.end(); ++it) {
        if (it->key == key) {
            const QString name = it->label.name;
            m_axes->detach(it->series, it->group);
            m_chart->removeSeries(it->series);
            delete it->series;
            m_lines.erase(it);
            m_legend->removeEntry(key);
            m_axes->applyTheme(palette());
            updateTitle();
            redraw();
            Q_EMIT seriesRemoved(key, name);
            return;
        }
    }
}

ChartPanel::Line *ChartPanel::find(const QString &key)
{
    for (Line &line : m_lines) {
        if (line.key == key)
            return &line;
    }
    return nullptr;
}

const ChartPanel::Line *ChartPanel::find(const QString &key) const
{
    return const_cast<ChartPanel *>(this)->find(key);
}

void ChartPanel::setSeriesLabel(const QString &key, const SeriesLabel &label)
{
    if (Line *line = find(key)) {
        applyLabel(*line, label);
        redraw();
    }
}

SeriesLabel ChartPanel::seriesLabel(const QString &key) const
{
    const Line *line = find(key);
    return line ? line->label : SeriesLabel {};
}

void ChartPanel::applyLabel(Line &line, const SeriesLabel &given)
{
    SeriesLabel label = given;
    QString endpoint;
    QString path;
    Workspace::splitSeriesKey(line.key, &endpoint, &path);
    if (label.name.isEmpty()) {
        // Named after the path: its last two segments, the whole path on hover.
        const QStringList segments = path.split(QLatin1Char('/'));
        label.name = segments.size() > 2 ? segments.mid(segments.size() - 2).join(QStringLiteral(" › "))
                                         : segments.join(QStringLiteral(" › "));
        label.endpoint = endpoint;
        label.quantity = segments.constLast();
        label.tooltip = endpoint + QStringLiteral(": ") + path;
    }
    line.label = label;
    line.series->setName(label.name);
    // One axis per unit; a series without a unit shares the axis of its quantity.
    const QString group =
        label.unit.isEmpty() ? QStringLiteral("q:") + label.quantity : QStringLiteral("u:") + label.unit;
    if (group != line.group) {
        if (!line.group.isEmpty())
            m_axes->detach(line.series, line.group);
        m_axes->attach(line.series, group, label.unit.isEmpty() ? label.quantity : label.unit);
        line.group = group;
        m_axes->applyTheme(palette());
    }
    m_legend->setLabel(line.key, label.name, label.endpoint,
        label.tooltip + (label.unit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(label.unit)));
}

QStringList ChartPanel::seriesKeys() const
{
    QStringList keys;
    for (const Line &line : m_lines)
        keys << line.key;
    return keys;
}

QLineSeries *ChartPanel::lineSeries(const QString &key) const
{
    const Line *line = find(key);
    return line ? line->series : nullptr;
}

QValueAxis *ChartPanel::yAxis(const QString &key) const
{
    const Line *line = find(key);
    return line ? m_axes->axis(line->group) : nullptr;
}

int ChartPanel::yAxisCount() const
{
    return m_axes->count();
}

bool ChartPanel::isSeriesVisible(const QString &key) const
{
    const QLineSeries *series = lineSeries(key);
    return series && series->isVisible();
}

void ChartPanel::setSeriesVisible(const QString &key, bool visible)
{
    QLineSeries *series = lineSeries(key);
    if (!series)
        return;
    series->setVisible(visible);
    m_legend->setShown(key, visible);
    redraw();
}

void ChartPanel::showValuesAt(qint64 t)
{
    m_hoverT = t;
    for (const Line &line : m_lines) {
        QString text;
        if (!line.drawn.isEmpty()) {
            // The point drawn nearest to t (the latest without a pointer over the plot).
            qsizetype at = line.drawn.size() - 1;
            if (t >= 0) {
                const auto it = std::lower_bound(line.drawn.cbegin(), line.drawn.cend(), static_cast<qreal>(t),
                    [](const QPointF &p, qreal x) { return p.x() < x; });
                at = std::clamp<qsizetype>(it - line.drawn.cbegin(), 0, line.drawn.size() - 1);
                if (at > 0 && std::abs(line.drawn[at - 1].x() - t) < std::abs(line.drawn[at].x() - t))
                    --at;
            }
            text = QString::number(line.drawn[at].y(), 'g', 4);
            if (!line.label.unit.isEmpty())
                text += QLatin1Char(' ') + line.label.unit;
        }
        m_legend->setValue(line.key, text);
    }
}

void ChartPanel::updateTitle()
{
    m_chart->setTitle(m_lines.empty() ? tr("Drop topics here, or use “Chart This” in Topics") : QString());
    m_legend->setVisible(!m_lines.empty());
}

void ChartPanel::setWindow(Window window)
{
    if (window == m_window && !m_zoomed)
        return;
    m_window = window;
    m_zoomed = false;
    m_manualY = false;
    redraw();
    Q_EMIT viewStateChanged();
}

void ChartPanel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    m_frozenT1 = m_t1;
    if (!paused)
        redraw();
    Q_EMIT viewStateChanged();
}

void ChartPanel::setAutoScale(bool on)
{
    m_autoScale = on;
    if (on)
        m_manualY = false;
    redraw();
    Q_EMIT viewStateChanged();
}

void ChartPanel::zoomTo(qint64 t0, qint64 t1)
{
    if (t1 - t0 < kMinSpanMs) {
        const qint64 middle = (t0 + t1) / 2;
        t0 = middle - kMinSpanMs / 2;
        t1 = t0 + kMinSpanMs;
    }
    m_zoomed = true;
    m_zoomT0 = t0;
    m_zoomT1 = t1;
    redraw();
    Q_EMIT viewStateChanged();
}

void ChartPanel::resetZoom()
{
    m_zoomed = false;
    m_manualY = false;
    redraw();
    Q_EMIT viewStateChanged();
}

void ChartPanel::onZoom(qint64 t0, qint64 t1, double yMin, double yMax, bool withY)
{
    if (withY && yMax > yMin) {
        m_manualY = true;
        m_yMin = yMin;
        m_yMax = yMax;
    }
    zoomTo(t0, t1);
}

void ChartPanel::onWheel(double factor, qint64 anchor)
{
    anchor = std::clamp(anchor, m_t0, m_t1);
    const auto t0 = static_cast<qint64>(anchor - (anchor - m_t0) * factor);
    const auto t1 = static_cast<qint64>(anchor + (m_t1 - anchor) * factor);
    zoomTo(t0, t1);
}

void ChartPanel::refresh()
{
    if (!m_paused)
        redraw();
}

int ChartPanel::plotColumns() const
{
    const int width = static_cast<int>(m_chart->plotArea().width());
    return std::max(16, (width > 0 ? width : m_view->width() - 80) / kPixelsPerColumn);
}

void ChartPanel::redraw()
{
    qint64 t0 = m_zoomT0;
    qint64 t1 = m_zoomT1;
    if (!m_zoomed) {
        qint64 latest = std::numeric_limits<qint64>::min();
        qint64 earliest = std::numeric_limits<qint64>::max();
        for (Line &line : m_lines) {
            if (line.handle < 0)
                line.handle = m_store->find(line.key);
            if (line.handle >= 0 && !m_store->isEmpty(line.handle)) {
                latest = std::max(latest, m_store->last(line.handle).t);
                earliest = std::min(earliest, m_store->first(line.handle).t);
            }
        }
        t1 = m_paused ? m_frozenT1 : std::max(QDateTime::currentMSecsSinceEpoch(), latest);
        const qint64 span = windowSpanMs(m_window);
        if (span > 0)
            t0 = t1 - span;
        else
            t0 = earliest < t1 ? earliest : t1 - windowSpanMs(Window::Minute1);
    }
    const int columns = plotColumns();
    QHash<QString, std::pair<double, double>> groupBounds; // data range per axis
    std::vector<QList<QPointF>> points(m_lines.size());
    for (size_t n = 0; n < m_lines.size(); ++n) {
        Line &line = m_lines[n];
        if (line.handle < 0)
            line.handle = m_store->find(line.key);
        if (line.handle < 0)
            continue;
        const QVector<SeriesPoint> envelope = line.envelope.envelope(*m_store, line.handle, t0, t1, columns);
        QList<QPointF> &out = points[n];
        out.resize(envelope.size());
        const bool counts = line.series->isVisible() && !envelope.isEmpty();
        double lo = std::numeric_limits<double>::infinity();
        double hi = -std::numeric_limits<double>::infinity();
        for (qsizetype i = 0; i < envelope.size(); ++i) {
            const SeriesPoint &p = envelope[i];
            out[i] = QPointF(static_cast<qreal>(p.t), p.v);
            lo = std::min(lo, p.v);
            hi = std::max(hi, p.v);
        }
        if (counts) {
            auto bounds = groupBounds.find(line.group);
            if (bounds == groupBounds.end())
                groupBounds.insert(line.group, {lo, hi});
            else
                *bounds = {std::min(bounds->first, lo), std::max(bounds->second, hi)};
        }
    }
    m_t0 = t0;
    m_t1 = t1;
    // Each axis scales to its own series; a band's y range applies when there is one axis.
    QHash<QString, std::pair<double, double>> ranges;
    for (const QString &group : m_axes->groups()) {
        const QValueAxis *axis = m_axes->axis(group);
        ranges.insert(group, {axis->min(), axis->max()});
    }
    for (auto it = ranges.begin(); it != ranges.end(); ++it) {
        const auto bounds = groupBounds.constFind(it.key());
        if (m_manualY && m_axes->count() == 1)
            *it = {m_yMin, m_yMax};
        else if (m_autoScale && bounds != groupBounds.constEnd() && bounds->first <= bounds->second)
            ChartAxes::fit(bounds->first, bounds->second, &it->first, &it->second);
    }
    // As many time labels as fit without eliding, as precise as the span needs.
    const int ticks = std::clamp(static_cast<int>(m_chart->plotArea().width()) / 110 + 1, 3, 8);
    if (ticks != m_x->tickCount())
        m_x->setTickCount(ticks);
    const qint64 span = t1 - t0;
    const QString format = span <= 2 * 60 * 1000 ? QStringLiteral("HH:mm:ss")
        : span <= 36 * 3600 * 1000ll             ? QStringLiteral("HH:mm")
                                                 : QStringLiteral("MMM d HH:mm");
    if (format != m_x->format())
        m_x->setFormat(format);
    bool rangeChanged = m_x->min().toMSecsSinceEpoch() != t0 || m_x->max().toMSecsSinceEpoch() != t1;
    for (auto it = ranges.cbegin(); it != ranges.cend(); ++it) {
        const QValueAxis *axis = m_axes->axis(it.key());
        rangeChanged = rangeChanged || axis->min() != it->first || axis->max() != it->second;
    }
    if (rangeChanged) {
        // Qt Charts lays every series out again on each axis change: empty them first so the
        // new ranges cost nothing, then lay each out once with its new points.
        for (const Line &line : m_lines) {
            if (line.series->count() > 0)
                line.series->clear();
        }
        m_x->setRange(QDateTime::fromMSecsSinceEpoch(t0), QDateTime::fromMSecsSinceEpoch(t1));
        for (auto it = ranges.cbegin(); it != ranges.cend(); ++it)
            m_axes->setRange(it.key(), it->first, it->second);
    }
    qsizetype drawn = 0;
    for (size_t n = 0; n < m_lines.size(); ++n) {
        if (!points[n].isEmpty() || m_lines[n].series->count() > 0)
            m_lines[n].series->replace(points[n]);
        drawn += points[n].size();
        m_lines[n].drawn = std::move(points[n]);
    }
    showValuesAt(m_hoverT);
    // Dense charts (their envelopes are mostly vertical strokes) draw aliased, a sixth faster;
    // sparse ones keep smooth lines.
    const bool smooth = drawn <= kSmoothPointLimit;
    if (m_view->renderHints().testFlag(QPainter::Antialiasing) != smooth)
        m_view->setRenderHint(QPainter::Antialiasing, smooth);
}

bool ChartPanel::exportPng(const QString &fileName) const
{
    return m_view->grab().save(fileName, "PNG");
}

bool ChartPanel::exportCsv(const QString &fileName, QString *error) const
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.write("endpoint,path,time_ms,time,value\n");
    for (const Line &line : m_lines) {
        if (line.handle < 0 || !line.series->isVisible())
            continue;
        QString endpoint;
        QString path;
        Workspace::splitSeriesKey(line.key, &endpoint, &path);
        auto quoted = [](const QString &text) -> QByteArray {
            QString escaped = text;
            escaped.replace(QLatin1String("\""), QLatin1String("\"\""));
            return QByteArray("\"") + escaped.toUtf8() + QByteArray("\"");
        };
        const QByteArray prefix = quoted(endpoint) + ',' + quoted(path) + ',';
        for (const SeriesPoint &p : m_store->range(line.handle, m_t0, m_t1)) {
            file.write(prefix + QByteArray::number(p.t) + ','
                + QDateTime::fromMSecsSinceEpoch(p.t).toString(Qt::ISODateWithMs).toUtf8() + ','
                + QByteArray::number(p.v, 'g', 17) + '\n');
        }
    }
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

QVariantMap ChartPanel::saveState() const
{
    return QVariantMap {{QStringLiteral("window"), static_cast<int>(m_window)},
        {QStringLiteral("autoScale"), m_autoScale}, {QStringLiteral("series"), seriesKeys()}};
}

void ChartPanel::restoreState(const QVariantMap &state)
{
    const int window = state.value(QStringLiteral("window"), static_cast<int>(Window::Minute1)).toInt();
    m_window = static_cast<Window>(std::clamp(window, 0, static_cast<int>(Window::All)));
    m_autoScale = state.value(QStringLiteral("autoScale"), true).toBool();
    for (const QString &key : state.value(QStringLiteral("series")).toStringList())
        addSeries(key);
    redraw();
    Q_EMIT viewStateChanged();
}

void ChartPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
    QWidget::changeEvent(event);
}

void ChartPanel::applyTheme()
{
    // The chart takes the window's palette instead of a Qt Charts theme, so it sits in the
    // window like any native view, light or dark.
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.12);
    QColor axisLine = text;
    axisLine.setAlphaF(0.35);
    m_chart->setBackgroundBrush(pal.color(QPalette::Base));
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setTitleBrush(pal.color(QPalette::PlaceholderText));
    QPen gridPen(grid, 1.0, Qt::SolidLine);
    gridPen.setCosmetic(true);
    m_x->setGridLinePen(gridPen);
    QPen axisPen(axisLine, 1.0, Qt::SolidLine);
    axisPen.setCosmetic(true);
    m_x->setLinePen(axisPen);
    m_x->setLabelsColor(text);
    m_x->setMinorGridLineVisible(false);
    m_axes->applyTheme(pal);
    // The chart's own background covers the view: a second full-size fill would be wasted.
    m_view->setBackgroundBrush(Qt::NoBrush);
    QPalette viewPalette = m_view->palette();
    viewPalette.setColor(QPalette::Base, pal.color(QPalette::Base));
    m_view->setPalette(viewPalette);
    for (const Line &line : m_lines)
        m_legend->setShown(line.key, line.series->isVisible());
}

} // namespace fleetscope::ui
