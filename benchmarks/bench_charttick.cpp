#include "core/endpoint/protocolregistry.h"
#include "core/workspace/workspace.h"
#include "ui/chartspanel.h"
#include "ui/chartview.h"

#include <QDateTime>
#include <QLineSeries>
#include <QTabWidget>
#include <QTest>

#include <cmath>

using namespace fleetscope;
using namespace fleetscope::ui;

// One chart redraw ("tick") with 8 series of 1,000,000 points each in the visible window, at a
// 1280×720 window: target under 16 ms offscreen. The store hands each series its min/max envelope
// at the plot's pixel width, so the cost follows pixels, not points.
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
        const qint64 start = m_end - kPoints * 10; // one point every 10 ms
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
        m_chart->zoomTo(start, m_end); // exactly the 1,000,000-point window of each series
        QCoreApplication::processEvents();
        qInfo("plot: %d columns; %lld points drawn per series", m_chart->plotColumns(),
            static_cast<long long>(m_chart->lineSeries(m_keys.first())->count()));
    }

    void envelopesOnly()
    {
        const SeriesStore &store = m_workspace->series();
        const int columns = m_chart->plotColumns();
        qint64 points = 0;
        QBENCHMARK
        {
            for (const QString &key : std::as_const(m_keys))
                points +=
                    store.envelope(store.find(key), m_chart->visibleStart(), m_chart->visibleEnd(), columns).size();
        }
        QVERIFY(points > 0);
    }

    void tickRefresh()
    {
        QBENCHMARK
        {
            m_chart->refresh();
        }
    }

    void tickRefreshAndPaint()
    {
        QBENCHMARK
        {
            m_chart->refresh();
            QCoreApplication::sendPostedEvents();
            m_chart->view()->viewport()->repaint();
        }
        QVERIFY(m_chart->lineSeries(m_keys.first())->count() <= 2 * m_chart->plotColumns());
    }

    void cleanupTestCase()
    {
        m_panel.reset();
        m_workspace.reset();
    }

private:
    static constexpr int kSeries = 8;
    static constexpr int kPoints = 1000000;
    ProtocolRegistry m_protocols;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<ChartsPanel> m_panel;
    ChartPanel *m_chart = nullptr;
    QStringList m_keys;
    qint64 m_end = 0;
};

QTEST_MAIN(bench_ChartTick)
#include "bench_charttick.moc"
