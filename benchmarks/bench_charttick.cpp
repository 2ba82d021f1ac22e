#include "benchmarks/cputime.h"
#include "core/endpoint/protocolregistry.h"
#include "core/workspace/workspace.h"
#include "ui/chartspanel.h"
#include "ui/chartview.h"

#include <QAbstractAxis>
#include <QChart>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QTabWidget>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <functional>

using namespace fleetscope;
using namespace fleetscope::ui;
namespace {
// Every chart measurement warms up three times first (caches, first-paint allocations).
void measure(const char *what, int runs, const std::function<void()> &work)
{
    bench::measure(what, runs, work, 3);
}
} // namespace

// One chart redraw ("tick") with 8 series of 1,000,000 points each in the visible window, at a
// 1280×720 window: target under 16 ms offscreen. The store hands each series its min/max envelope
// at the plot's pixel width, so the cost follows pixels, not points. QBENCHMARK gives wall time;
// the qInfo lines add CPU time, which a loaded machine does not inflate.
class bench_ChartTick : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        registerBuiltinProtocols(m_protocols);
        m_workspace = std::make_unique<Workspace>(m_protocols);
        SeriesStore &store = m_workspace->series();
        store.setCapBytes(1024ll * 1024 * 1024);
        m_end = QDateTime::currentMSecsSinceEpoch();
        const qint64 start = m_end - kPoints * 10ll; // one point every 10 ms
        for (int s = 0; s < kSeries; ++s) {
            const QString key = Workspace::seriesKey(QStringLiteral("bench"), QStringLiteral("signal-%1").arg(s));
            m_keys << key;
            const int handle = store.ensureSeries(key);
            double walk = s * 10.0;
            quint32 noise = 12345u + static_cast<quint32>(s);
            for (int i = 0; i < kPoints; ++i) {
                noise = noise * 1664525u + 1013904223u;
                walk += (static_cast<double>(noise >> 8) / (1u << 24) - 0.5) * 0.2;
                store.append(handle, start + i * 10ll, walk + std::sin(i / 3000.0) * 5.0);
            }
        }
        qInfo("store: %lld samples, %.1f MiB", static_cast<long long>(store.totalSamples()),
            store.bytesUsed() / 1048576.0);
        m_panel = std::make_unique<ChartsPanel>(m_workspace.get());
        m_panel->resize(1280, 720);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        m_chart = m_panel->addChart();
        m_panel->tabs()->setCurrentWidget(m_chart);
        for (const QString &key : std::as_const(m_keys))
            m_chart->addSeries(key);
        m_start = start;
        m_chart->zoomTo(start, m_end); // exactly the 1,000,000-point window of each series
        QCoreApplication::processEvents();
        const QPen grid = m_chart->chart()->axes().first()->gridLinePen();
        qInfo("grid pen: width %.1f, style %d, cosmetic %d", grid.widthF(), static_cast<int>(grid.style()),
            grid.isCosmetic());
        qInfo("plot: %d columns; %lld points drawn per series", m_chart->plotColumns(),
            static_cast<long long>(m_chart->lineSeries(m_keys.first())->count()));
    }

    // The tick as the window does it: new ranges (a live window moves every tick), envelopes,
    // replace(), paint.
    void tick()
    {
        qint64 shift = 0;
        QBENCHMARK
        {
            nextTick(&shift);
        }
        QVERIFY(m_chart->lineSeries(m_keys.first())->count() <= 2 * (m_chart->plotColumns() + 1));
    }

    void parts()
    {
        qint64 shift = 0;
        measure("tick (ranges+envelopes+replace+paint)", 30, [this, &shift] { nextTick(&shift); });
        measure("range change, no posted events", 30, [this, &shift] {
            shift = (shift + 37) % 1000;
            m_chart->zoomTo(m_start + shift, m_end - 1000 + shift);
        });
        const SeriesStore &store = m_workspace->series();
        const int columns = m_chart->plotColumns();
        measure("envelopes from scratch (8 series)", 30, [&] {
            for (const QString &key : std::as_const(m_keys))
                store.envelope(store.find(key), m_chart->visibleStart(), m_chart->visibleEnd(), columns);
        });
        measure("refresh, same range (no paint)", 30, [this] { m_chart->refresh(); });
        measure("paint only", 30, [this] { m_chart->view()->viewport()->repaint(); });
        for (const QString &key : std::as_const(m_keys))
            m_chart->lineSeries(key)->setVisible(false);
        QCoreApplication::sendPostedEvents();
        measure("paint, series hidden", 30, [this] { m_chart->view()->viewport()->repaint(); });
        const auto axes = m_chart->chart()->axes();
        for (QAbstractAxis *axis : axes)
            axis->setGridLineVisible(false);
        measure("paint, series and grid hidden", 30, [this] { m_chart->view()->viewport()->repaint(); });
        for (QAbstractAxis *axis : axes)
            axis->setGridLineVisible(true);
        for (const QString &key : std::as_const(m_keys))
            m_chart->lineSeries(key)->setVisible(true);
    }

    void cleanupTestCase()
    {
        m_panel.reset();
        m_workspace.reset();
    }

private:
    void nextTick(qint64 *shift)
    {
        // Slide the 1,000,000-point window back and forth by a few points, as a live view moves.
        *shift = (*shift + 37) % 1000;
        m_chart->zoomTo(m_start + *shift, m_end - 1000 + *shift);
        // What the event loop does next: the scene reports its changes, the view paints once.
        QCoreApplication::sendPostedEvents();
    }

    static constexpr int kSeries = 8;
    static constexpr int kPoints = 1000000;
    ProtocolRegistry m_protocols;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<ChartsPanel> m_panel;
    ChartPanel *m_chart = nullptr;
    QStringList m_keys;
    qint64 m_start = 0;
    qint64 m_end = 0;
};

QTEST_MAIN(bench_ChartTick)
#include "bench_charttick.moc"
