#include "core/endpoint/protocolregistry.h"
#include "core/workspace/workspace.h"
#include "tests/common/testsupport.h"
#include "ui/chartaxes.h"
#include "ui/chartlegend.h"
#include "ui/chartspanel.h"
#include "ui/chartview.h"

#include <QSet>
#include <QTabWidget>
#include <QTimer>

#include <QDateTimeAxis>
#include <QFile>
#include <QInputDialog>
#include <QLineSeries>
#include <QMimeData>
#include <QSignalSpy>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using namespace fleetscope;
using namespace fleetscope::ui;

namespace {
EndpointConfig simulated(const sim::Simulator &simulator, const QString &name)
{
    EndpointConfig config = simulator.clientConfig();
    config.name = name;
    config.link.pingIntervalMs = 0;
    return config;
}

// Adds the simulator as endpoint "fleet", connects and waits for its tree.
void connectFleet(Workspace *workspace, const sim::Simulator &simulator)
{
    QString error;
    QVERIFY2(workspace->addEndpoint(simulated(simulator, QStringLiteral("fleet")), &error), qPrintable(error));
    QSignalSpy browsed(workspace, &Workspace::browseFinished);
    workspace->connectEndpoint(QStringLiteral("fleet"));
    QTRY_VERIFY_WITH_TIMEOUT(!browsed.isEmpty(), 10000);
}

// A panel big enough to have a real plot area.
void showSized(QWidget *widget)
{
    widget->resize(900, 500);
    widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(widget));
}
} // namespace

// Charts: live series from subscriptions, a frozen view while paused, at most two points per
// pixel column whatever the store holds, zoom, legend toggles, export.
class tst_ChartPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { registerBuiltinProtocols(m_protocols); }

    void subscribingAddsAGrowingSeries()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        connectFleet(&workspace, *simulator);

        ChartsPanel charts(&workspace);
        showSized(&charts);
        ChartPanel *chart = charts.addChart();
        charts.tabs()->setCurrentWidget(chart);
        chart->setWindow(ChartPanel::Window::Seconds10);
        // What "Chart this" and a drop do: subscribe where needed and add the series.
        charts.chartTopics(QStringLiteral("fleet"), {QStringLiteral("truck-03/rpm")});
        QVERIFY(workspace.subscriptions(QStringLiteral("fleet")).contains(QStringLiteral("truck-03/rpm")));
        const QString key = Workspace::seriesKey(QStringLiteral("fleet"), QStringLiteral("truck-03/rpm"));
        QCOMPARE(chart->seriesKeys(), QStringList {key});
        QLineSeries *line = chart->lineSeries(key);
        QTRY_VERIFY_WITH_TIMEOUT(line->count() > 0, 10000);
        const int first = line->count();
        QTRY_VERIFY_WITH_TIMEOUT(line->count() > first, 10000);
        // The x axis follows the clock in a live window.
        const auto *axis = qobject_cast<QDateTimeAxis *>(chart->chart()->axes(Qt::Horizontal).first());
        QVERIFY(axis->max().toMSecsSinceEpoch() >= QDateTime::currentMSecsSinceEpoch() - 2000);
        QCOMPARE(chart->visibleEnd() - chart->visibleStart(), ChartPanel::windowSpanMs(ChartPanel::Window::Seconds10));
    }

    void pauseFreezesTheView()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        QString error;
        QVERIFY(workspace.addEndpoint(simulated(*simulator, QStringLiteral("fleet")), &error));
        workspace.subscribe(QStringLiteral("fleet"), QStringLiteral("ambient"));
        workspace.connectEndpoint(QStringLiteral("fleet"));
        ChartsPanel charts(&workspace);
        showSized(&charts);
        ChartPanel *chart = charts.addChart();
        chart->setWindow(ChartPanel::Window::Seconds10);
        const QString key = Workspace::seriesKey(QStringLiteral("fleet"), QStringLiteral("ambient"));
        chart->addSeries(key);
        QLineSeries *line = chart->lineSeries(key);
        QTRY_VERIFY_WITH_TIMEOUT(line->count() > 0, 10000);

        charts.pauseAction()->trigger();
        QVERIFY(chart->isPaused());
        const QList<QPointF> frozen = line->points();
        const qint64 frozenEnd = chart->visibleEnd();
        const int handle = workspace.series().find(key);
        const qint64 stored = workspace.series().sampleCount(handle);
        // Data keeps arriving and redraw ticks keep coming...
        QTRY_VERIFY_WITH_TIMEOUT(workspace.series().sampleCount(handle) >= stored + 2, 10000);
        charts.scheduleRedraw();
        QTRY_VERIFY(!charts.redrawPending());
        // ...but the view stays as it was.
        QCOMPARE(line->points(), frozen);
        QCOMPARE(chart->visibleEnd(), frozenEnd);

        charts.pauseAction()->trigger();
        QVERIFY(!chart->isPaused());
        QVERIFY(chart->visibleEnd() > frozenEnd);
        QTRY_VERIFY(line->points() != frozen);
    }

    void atMostTwoPointsPerColumn()
    {
        Workspace workspace(m_protocols);
        const QString key = Workspace::seriesKey(QStringLiteral("bulk"), QStringLiteral("signal"));
        const int handle = workspace.series().ensureSeries(key);
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - 200000;
        for (int i = 0; i < 200000; ++i)
            workspace.series().append(handle, start + i, std::sin(i / 500.0) + (i % 97) * 0.001);
        ChartsPanel charts(&workspace);
        showSized(&charts);
        ChartPanel *chart = charts.addChart();
        chart->setWindow(ChartPanel::Window::All);
        chart->addSeries(key);
        chart->refresh();
        QLineSeries *line = chart->lineSeries(key);
        QVERIFY(line->count() > 100);
        QVERIFY2(line->count() <= 2 * (chart->plotColumns() + 1),
            qPrintable(QStringLiteral("%1 points for %2 columns").arg(line->count()).arg(chart->plotColumns())));
        QCOMPARE(chart->visibleStart(), start);

        // Zoom in until a pixel holds less than a point: the raw points come back.
        chart->zoomTo(start + 1000, start + 1100);
        QVERIFY(chart->isZoomed());
        QCOMPARE(line->count(), 101);
        QCOMPARE(line->at(0).x(), static_cast<qreal>(start + 1000));
        chart->resetZoom();
        QVERIFY(!chart->isZoomed());
        QVERIFY(line->count() <= 2 * (chart->plotColumns() + 1));
    }

    void wheelAndBandZoom()
    {
        Workspace workspace(m_protocols);
        const QString key = Workspace::seriesKey(QStringLiteral("e"), QStringLiteral("s"));
        const int handle = workspace.series().ensureSeries(key);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 600; ++i)
            workspace.series().append(handle, now - 60000 + i * 100, i % 50);
        ChartsPanel charts(&workspace);
        showSized(&charts);
        ChartPanel *chart = charts.addChart();
        chart->addSeries(key);
        const qint64 span = chart->visibleEnd() - chart->visibleStart();
        ChartView *view = chart->view();
        const QPoint centre = view->mapFromScene(chart->chart()->mapToScene(chart->chart()->plotArea().center()));
        QWheelEvent wheel(centre, view->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
            Qt::NoScrollPhase, false);
        QApplication::sendEvent(view->viewport(), &wheel);
        QVERIFY(chart->isZoomed());
        QVERIFY(chart->visibleEnd() - chart->visibleStart() < span);

        QTest::mouseDClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, centre);
        QVERIFY(!chart->isZoomed());

        const QPoint from = centre - QPoint(100, 60);
        const QPoint to = centre + QPoint(50, 60);
        QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::NoModifier, from);
        QMouseEvent move(
            QEvent::MouseMove, to, view->viewport()->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &move);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::NoModifier, to);
        QVERIFY(chart->isZoomed());
        const qint64 zoomed = chart->visibleEnd() - chart->visibleStart();
        QVERIFY2(zoomed < span / 2, qPrintable(QString::number(zoomed)));
    }

    void legendTogglesAndExports()
    {
        Workspace workspace(m_protocols);
        const QString a = Workspace::seriesKey(QStringLiteral("e"), QStringLiteral("a"));
        const QString b = Workspace::seriesKey(QStringLiteral("e"), QStringLiteral("b"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const QString &key : {a, b}) {
            const int handle = workspace.series().ensureSeries(key);
            for (int i = 0; i < 50; ++i)
                workspace.series().append(handle, now - 5000 + i * 100, key == a ? i : -i);
        }
        ChartsPanel charts(&workspace);
        showSized(&charts);
        ChartPanel *chart = charts.addChart();
        chart->addSeries(a);
        chart->addSeries(b);
        QCOMPARE(chart->lineSeries(a)->name(), QStringLiteral("a"));
        // A click on the legend entry hides the series; the entry stays to be clicked back.
        ChartLegend *legend = chart->legend();
        QTRY_VERIFY(legend->isVisible());
        QListWidgetItem *entry = legend->findItems(QStringLiteral("b"), Qt::MatchStartsWith).value(0);
        QVERIFY(entry);
        QTest::mouseClick(legend->viewport(), Qt::LeftButton, {}, legend->visualItemRect(entry).center());
        QVERIFY(!chart->isSeriesVisible(b));
        QCOMPARE(legend->count(), 2);
        QTemporaryDir dir;
        QString error;
        QVERIFY(chart->exportCsv(dir.filePath(QStringLiteral("v.csv")), &error));
        QFile csv(dir.filePath(QStringLiteral("v.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.first(), QByteArray("endpoint,path,time_ms,time,value"));
        QCOMPARE(lines.size(), 51); // the hidden series is left out
        QVERIFY(lines.at(1).startsWith("\"e\",\"a\","));
        QVERIFY(chart->exportPng(dir.filePath(QStringLiteral("c.png"))));
        QVERIFY(QImage(dir.filePath(QStringLiteral("c.png"))).width() > 100);

        QTest::mouseClick(legend->viewport(), Qt::LeftButton, {}, legend->visualItemRect(entry).center());
        QVERIFY(chart->isSeriesVisible(b));
    }

    void dropAddsSeries()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        connectFleet(&workspace, *simulator);
        ChartsPanel charts(&workspace);
        showSized(&charts);
        ChartPanel *chart = charts.addChart();
        const QModelIndex topic = workspace.topics()->indexFor(QStringLiteral("fleet"), QStringLiteral("humidity"));
        QVERIFY(topic.isValid());
        std::unique_ptr<QMimeData> mime(workspace.topics()->mimeData({topic}));
        const QPoint at = chart->view()->viewport()->rect().center();
        // What a drag does: enter (the widget accepts), then drop.
        QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(chart->view()->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(chart->view()->viewport(), &drop);
        QCOMPARE(chart->seriesKeys(),
            QStringList {Workspace::seriesKey(QStringLiteral("fleet"), QStringLiteral("humidity"))});
        QVERIFY(workspace.subscriptions(QStringLiteral("fleet")).contains(QStringLiteral("humidity")));
    }

    // Issue 18.5: eight series of different units on one axis, names cut to "sens…", colours
    // repeating, no value read-out. Each unit gets its axis (units from the topics' metadata), the
    // legend names series as the tree does, the crosshair reads values out, a series can be
    // removed, a chart renamed, and Chart This says what it added where.
    void chartsYouCanReadAndManage()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        connectFleet(&workspace, *simulator);
        ChartsPanel charts(&workspace);
        showSized(&charts);
        ChartPanel *chart = charts.addChart(QStringLiteral("Trucks"));
        QSignalSpy charted(&charts, &ChartsPanel::charted);
        const QStringList paths {QStringLiteral("truck-01/temperature"), QStringLiteral("truck-02/temperature"),
            QStringLiteral("truck-01/battery")};
        charts.chartTopics(QStringLiteral("fleet"), paths, chart);
        QCOMPARE(charted.size(), 1);
        QVERIFY2(charted.first().first().toString().contains(QStringLiteral("“Trucks”")),
            qPrintable(charted.first().first().toString()));
        const QString t1 = Workspace::seriesKey(QStringLiteral("fleet"), paths[0]);
        const QString t2 = Workspace::seriesKey(QStringLiteral("fleet"), paths[1]);
        const QString battery = Workspace::seriesKey(QStringLiteral("fleet"), paths[2]);

        // One axis per unit, titled with it.
        QCOMPARE(chart->yAxisCount(), 2);
        QCOMPARE(chart->yAxis(t1), chart->yAxis(t2));
        QVERIFY(chart->yAxis(t1) != chart->yAxis(battery));
        QCOMPARE(chart->yAxis(t1)->titleText(), QStringLiteral("°C"));
        QCOMPARE(chart->yAxis(battery)->titleText(), QStringLiteral("%"));

        // The legend names device and topic as the tree shows them, and the endpoint; the whole
        // path is on hover.
        ChartLegend *legend = chart->legend();
        const QString entry = legend->entryText(t1);
        QVERIFY2(
            entry.contains(QLatin1String("temperature"), Qt::CaseInsensitive) && entry.contains(QLatin1String("fleet")),
            qPrintable(entry));
        const QString device =
            workspace.topics()->indexFor(QStringLiteral("fleet"), QStringLiteral("truck-01")).data().toString();
        QVERIFY2(entry.startsWith(device), qPrintable(entry + QStringLiteral(" / ") + device));
        QVERIFY(legend->findItems(entry, Qt::MatchExactly).value(0)->toolTip().contains(paths[0]));

        // The crosshair: the pointer over the plot reads each value out, with its unit.
        QTRY_VERIFY_WITH_TIMEOUT(chart->lineSeries(t1)->count() > 0, 15000);
        chart->refresh();
        ChartView *view = chart->view();
        const QPoint inPlot = view->mapFromScene(chart->chart()->mapToScene(chart->chart()->plotArea().center()));
        QSignalSpy hovered(view, &ChartView::hovered);
        QTest::mouseMove(view->viewport(), inPlot);
        QTRY_VERIFY(!hovered.isEmpty());
        QVERIFY(hovered.constLast().first().toLongLong() > 0);
        QTRY_VERIFY2(legend->entryText(t1).contains(QStringLiteral(" °C")), qPrintable(legend->entryText(t1)));

        // Delete on a legend entry removes its series; the unit's axis goes with its last series.
        legend->setFocus();
        legend->setCurrentRow(legend->keys().indexOf(battery));
        QTest::keyClick(legend, Qt::Key_Delete);
        QCOMPARE(chart->seriesKeys(), (QStringList {t1, t2}));
        QCOMPARE(chart->yAxisCount(), 1);
        QVERIFY(charted.constLast().first().toString().contains(QLatin1String("Removed")));

        // Rename the tab (F2 asks for the title).
        QTimer answer;
        answer.setInterval(20);
        connect(&answer, &QTimer::timeout, this, [] {
            if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
                dialog->setTextValue(QStringLiteral("Temperatures"));
                dialog->accept();
            }
        });
        answer.start();
        charts.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&charts));
        chart->view()->setFocus();
        QTest::keyClick(chart->view(), Qt::Key_F2);
        QCOMPARE(charts.tabs()->tabText(charts.tabs()->indexOf(chart)), QStringLiteral("Temperatures"));

        // Charting one already there says so.
        charts.chartTopics(QStringLiteral("fleet"), {paths[0]}, chart);
        QVERIFY(charted.constLast().first().toString().contains(QLatin1String("Already")));
    }

    // Issue 18.5, seen in the demo's screenshot: the temperature axis read 19.61, 21.41, 23.21… (six
    // ticks spread over whatever range the data had). Labels sit at round values now.
    void yAxesAreLabelledAtRoundValues()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        connectFleet(&workspace, *simulator);
        ChartsPanel charts(&workspace);
        showSized(&charts);
        ChartPanel *chart = charts.addChart(QStringLiteral("Trucks"));
        const QStringList paths {QStringLiteral("truck-01/temperature"), QStringLiteral("truck-01/odometer")};
        charts.chartTopics(QStringLiteral("fleet"), paths, chart);
        for (const QString &path : paths) {
            const QString key = Workspace::seriesKey(QStringLiteral("fleet"), path);
            QTRY_VERIFY_WITH_TIMEOUT(chart->lineSeries(key)->count() > 1, 15000);
            chart->refresh();
            const QValueAxis *axis = chart->yAxis(key);
            QCOMPARE(axis->tickType(), QValueAxis::TicksDynamic);
            QCOMPARE(axis->tickAnchor(), 0.0);
            const double step = axis->tickInterval();
            const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
            QVERIFY2(QList<double>({1.0, 2.0, 2.5, 5.0}).contains(std::round(mantissa * 10.0) / 10.0),
                qPrintable(QString::number(step)));
            const double labels = (axis->max() - axis->min()) / step;
            QVERIFY2(labels >= 2.0 && labels <= 6.0, qPrintable(QString::number(labels)));
            // Every label reads as its value: as many decimals as the step needs, no exponent
            // (an odometer near 13,500 km read "1.35e+04" with "%.4g").
            const QString label =
                QString::asprintf(qPrintable(axis->labelFormat()), std::ceil(axis->min() / step) * step);
            QVERIFY2(!label.contains(QLatin1Char('e')), qPrintable(label));
            QCOMPARE(label.toDouble(), std::ceil(axis->min() / step) * step);
        }
        QCOMPARE(ChartAxes::niceStep(9.0), 2.0);
        QCOMPARE(ChartAxes::niceStep(11.0), 2.5);
        QCOMPARE(ChartAxes::niceStep(0.3), 0.1);
        QCOMPARE(ChartAxes::niceStep(4000.0), 1000.0);
    }

    void colorsDoNotRepeat()
    {
        QSet<QRgb> colors;
        for (int i = 0; i < 24; ++i)
            colors.insert(ChartPanel::seriesColor(i).rgb());
        QCOMPARE(colors.size(), 24);
    }

    void stateRoundTrip()
    {
        Workspace workspace(m_protocols);
        ChartsPanel charts(&workspace);
        ChartPanel *chart = charts.currentChart() ? charts.currentChart() : charts.addChart();
        chart->addSeries(Workspace::seriesKey(QStringLiteral("e"), QStringLiteral("x")));
        chart->setWindow(ChartPanel::Window::Minutes10);
        charts.addChart(QStringLiteral("Other"))->setAutoScale(false);
        const QVariantList state = charts.saveState();
        ChartsPanel restored(&workspace);
        restored.restoreState(state);
        QCOMPARE(restored.chartCount(), charts.chartCount());
        QCOMPARE(restored.chartAt(0)->seriesKeys(), chart->seriesKeys());
        QCOMPARE(restored.chartAt(0)->window(), ChartPanel::Window::Minutes10);
        QCOMPARE(restored.tabs()->tabText(1), QStringLiteral("Other"));
        QCOMPARE(restored.chartAt(1)->autoScale(), false);
    }

private:
    ProtocolRegistry m_protocols;
};

QTEST_MAIN(tst_ChartPanel)
#include "tst_chartpanel.moc"
