#include "benchmarks/cputime.h"
#include "core/endpoint/protocolregistry.h"
#include "core/workspace/workspace.h"
#include "ui/eventlogpanel.h"

#include <QAction>
#include <QElapsedTimer>
#include <QTableView>
#include <QTest>

#include <algorithm>
#include <ctime>
#include <functional>

using namespace fleetscope;
using namespace fleetscope::ui;
using fleetscope::bench::measure;

// A filter change over a 1,000,000-row event log, through the panel (the model re-filters, the
// table resets and scrolls to the newest): target under 200 ms.
class bench_EventLogFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        registerBuiltinProtocols(m_protocols);
        m_workspace = std::make_unique<Workspace>(m_protocols);
        EventList events;
        events.reserve(kRows);
        const qint64 start = 1732134567000;
        for (int i = 0; i < kRows; ++i) {
            Event event;
            event.t = start + i;
            event.severity = static_cast<Severity>(i % 7 == 0 ? 2 : (i % 31 == 0 ? 3 : (i % 3 == 0 ? 0 : 1)));
            event.endpoint = QStringLiteral("site-%1").arg(i % 4);
            event.path = QStringLiteral("truck-%1/temperature").arg(i % 500, 3, 10, QLatin1Char('0'));
            event.summary = QStringLiteral("temperature = %1").arg(20.0 + (i % 1000) / 100.0);
            event.payload = QStringLiteral("[{\"id\":%1,\"status\":\"ok\",\"result\":[%2,%3]}]")
                                .arg(i % 9000)
                                .arg(start / 1000 + i)
                                .arg(20.0 + (i % 1000) / 100.0);
            events.append(event);
        }
        m_workspace->events()->append(events);
        m_panel = std::make_unique<EventLogPanel>(m_workspace.get());
        m_panel->resize(1200, 500);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        m_panel->setMinimumSeverity(Severity::Debug);
        QCOMPARE(m_panel->view()->model()->rowCount(), kRows);
    }

    void searchText()
    {
        int n = 0;
        QBENCHMARK
        {
            m_panel->setSearchText(n++ % 2 ? QStringLiteral("truck-123/") : QStringLiteral("truck-321/"));
        }
        QCOMPARE(m_panel->view()->model()->rowCount(), kRows / 500);
        measure("search text", 7, [this, &n] {
            m_panel->setSearchText(n++ % 2 ? QStringLiteral("truck-123/") : QStringLiteral("truck-321/"));
        });
        measure("search text, no match", 7, [this, &n] {
            m_panel->setSearchText(n++ % 2 ? QStringLiteral("nothing-here") : QStringLiteral("nowhere-else"));
        });
        // Typing on: "truck-1" shows 1/5 of the log; "truck-12" only re-checks those rows.
        measure(
            "search text, typing on", 7, [this] { m_panel->setSearchText(QStringLiteral("truck-12")); }, 0,
            [this] { m_panel->setSearchText(QStringLiteral("truck-1")); });
        QCOMPARE(m_panel->view()->model()->rowCount(), kRows / 50);
    }

    void minimumSeverityChange()
    {
        m_panel->setSearchText(QString());
        int n = 0;
        QBENCHMARK
        {
            m_panel->setMinimumSeverity(n++ % 2 ? Severity::Debug : Severity::Info);
        }
        m_panel->setMinimumSeverity(Severity::Debug);
        QCOMPARE(m_panel->view()->model()->rowCount(), kRows);
    }

    void cleanupTestCase()
    {
        m_panel.reset();
        m_workspace.reset();
    }

private:
    static constexpr int kRows = 1000000;
    ProtocolRegistry m_protocols;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<EventLogPanel> m_panel;
};

QTEST_MAIN(bench_EventLogFilter)
#include "bench_eventlogfilter.moc"
