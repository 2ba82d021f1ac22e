#include "core/endpoint/protocolregistry.h"
#include "core/workspace/workspace.h"
#include "ui/eventlogpanel.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::ui;

// The log panel narrows what it shows by severity, endpoint and text, follows the newest row,
// pretty-prints the selected payload and exports what it shows.
class tst_EventLogPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { registerBuiltinProtocols(m_protocols); }

    void init()
    {
        m_workspace = std::make_unique<Workspace>(m_protocols);
        for (const QString &name : {QStringLiteral("HQ"), QStringLiteral("Lab")}) {
            EndpointConfig config;
            config.name = name;
            config.protocol = QStringLiteral("exosite");
            config.url = QUrl(QStringLiteral("ws://127.0.0.1:1/ws"));
            QString error;
            QVERIFY2(m_workspace->addEndpoint(config, &error), qPrintable(error));
        }
        EventList events;
        for (int i = 0; i < 200; ++i) {
            Event event;
            event.t = 1732134567000 + i;
            event.severity = static_cast<Severity>(i % 4);
            event.endpoint = i % 2 ? QStringLiteral("HQ") : QStringLiteral("Lab");
            event.path = QStringLiteral("truck-%1/status").arg(i % 10);
            event.summary = i == 77 ? QStringLiteral("needle in the haystack") : QStringLiteral("event %1").arg(i);
            event.payload = QStringLiteral("{\"n\":%1,\"nested\":{\"ok\":true}}").arg(i);
            events.append(event);
        }
        m_workspace->events()->append(events);
        m_panel = std::make_unique<EventLogPanel>(m_workspace.get());
        m_panel->resize(1000, 400);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanup()
    {
        m_panel.reset();
        m_workspace.reset();
    }

    void filtersAndSearchNarrowTheRows()
    {
        QAbstractItemModel *model = m_panel->view()->model();
        QCOMPARE(model->rowCount(), 150); // debug is hidden until asked for
        m_panel->setMinimumSeverity(Severity::Debug);
        QCOMPARE(model->rowCount(), 200);
        m_panel->setMinimumSeverity(Severity::Warning);
        QCOMPARE(model->rowCount(), 100);
        m_panel->endpointBox()->setCurrentIndex(m_panel->endpointBox()->findData(QStringLiteral("HQ")));
        QCOMPARE(model->rowCount(), 50); // odd rows of warning and error
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->index(row, EventLogModel::EndpointColumn).data().toString(), QStringLiteral("HQ"));

        m_panel->setMinimumSeverity(Severity::Debug);
        m_panel->setSearchText(QStringLiteral("NEEDLE"));
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(
            model->index(0, EventLogModel::SummaryColumn).data().toString(), QStringLiteral("needle in the haystack"));
        m_panel->setSearchText(QStringLiteral("truck-3/"));
        QCOMPARE(model->rowCount(), 20); // i % 10 == 3: odd, so all on HQ
        // Typing goes through the debounce, then filters.
        m_panel->endpointBox()->setCurrentIndex(0);
        m_panel->searchEdit()->clear();
        QTest::keyClicks(m_panel->searchEdit(), QStringLiteral("haystack"));
        QTRY_COMPARE(model->rowCount(), 1);
    }

    void detailsPrettyPrintTheJson()
    {
        m_panel->setMinimumSeverity(Severity::Debug);
        m_panel->view()->setCurrentIndex(m_panel->view()->model()->index(5, 0));
        const QString details = m_panel->details()->toPlainText();
        QVERIFY(details.contains(QLatin1String("event 5")));
        QVERIFY2(details.contains(QLatin1String("\"nested\": {\n")), qPrintable(details));
    }

    void followsTheNewest()
    {
        QTableView *view = m_panel->view();
        QVERIFY(m_panel->followAction()->isChecked());
        EventList more;
        for (int i = 0; i < 500; ++i) {
            Event event;
            event.t = 1732134568000 + i;
            event.summary = QStringLiteral("late %1").arg(i);
            event.endpoint = QStringLiteral("HQ");
            more.append(event);
        }
        m_workspace->events()->append(more);
        QTRY_COMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
        QVERIFY(view->verticalScrollBar()->maximum() > 0);
        // Scrolling up to read stops following.
        view->verticalScrollBar()->triggerAction(QAbstractSlider::SliderToMinimum);
        QVERIFY(!m_panel->followAction()->isChecked());
        QCOMPARE(view->verticalScrollBar()->value(), 0);
    }

    // Issue 18.6: the severity buttons were include-toggles, so clicking Error hid the errors, and
    // debug rows were shown by default. One selector picks the least severe level shown and says
    // how many each choice shows; the errors and warnings are counted beside the payload.
    void minimumSeveritySelectorFindsTheErrors()
    {
        QAbstractItemModel *model = m_panel->view()->model();
        QCOMPARE(m_panel->minimumSeverity(), Severity::Info);
        QComboBox *box = m_panel->severityBox();
        const int errorsOnly = box->findData(static_cast<int>(Severity::Error));
        QVERIFY2(box->itemText(errorsOnly).contains(QLatin1String("(50)")), qPrintable(box->itemText(errorsOnly)));
        QVERIFY2(box->itemText(0).contains(QLatin1String("(200)")), qPrintable(box->itemText(0)));
        // The user picks "Errors only" and sees the errors, all of them and nothing else.
        box->setFocus();
        box->setCurrentIndex(errorsOnly);
        QCOMPARE(model->rowCount(), 50);
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->index(row, EventLogModel::SeverityColumn).data().toString(), QStringLiteral("error"));
        const QString count = m_panel->countLabel()->text();
        QVERIFY2(count.contains(QLatin1String("50 of 200 events")) && count.contains(QLatin1String("50 errors"))
                && count.contains(QLatin1String("50 warnings")),
            qPrintable(count));
    }

    // Issue 18.10: "1 events".
    void oneEventIsOneEvent()
    {
        m_workspace->events()->clear();
        Event event;
        event.t = QDateTime::currentMSecsSinceEpoch();
        event.severity = Severity::Error;
        event.summary = QStringLiteral("only one");
        m_workspace->events()->append({event});
        m_panel->setMinimumSeverity(Severity::Debug);
        QTRY_VERIFY(m_panel->countLabel()->text().startsWith(QStringLiteral("1 event ·")));
        QVERIFY(m_panel->countLabel()->text().contains(QLatin1String("1 error<")));
        QCOMPARE(EventLogPanel::eventCountText(2), QStringLiteral("2 events"));
    }

    // Issue 18.6: "the errors of the last minutes": a range on the live log, sliding with time.
    void rangeShowsTheLastMinutes()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        EventList events;
        for (const qint64 age :
            {qint64(2) * 3600 * 1000, qint64(30) * 60 * 1000, qint64(4) * 60 * 1000, qint64(1000)}) {
            Event event;
            event.t = now - age;
            event.severity = Severity::Error;
            event.summary = QStringLiteral("age %1").arg(age);
            events.append(event);
        }
        m_workspace->events()->clear();
        m_workspace->events()->append(events);
        QAbstractItemModel *model = m_panel->view()->model();
        QCOMPARE(model->rowCount(), 4);
        m_panel->setRange(5 * 60 * 1000);
        QCOMPARE(model->rowCount(), 2);
        m_panel->setRange(60 * 60 * 1000);
        QCOMPARE(model->rowCount(), 3);
        m_panel->setRange(0);
        QCOMPARE(model->rowCount(), 4);
    }

    // Issue 18.6: in demo mode History… is off and says why.
    void historySaysWhyItIsOff()
    {
        QVERIFY(!m_panel->historyAction()->isEnabled());
        QVERIFY2(m_panel->historyAction()->toolTip().contains(QLatin1String("demo mode")),
            qPrintable(m_panel->historyAction()->toolTip()));
        m_panel->setHistoryAvailable(true);
        QVERIFY(m_panel->historyAction()->isEnabled());
    }

    void largeLogFiltersInOrder()
    {
        // Big enough for the model to scan in slices on several threads.
        EventList events;
        for (int i = 0; i < 300000; ++i) {
            Event event;
            event.t = i;
            event.endpoint = QStringLiteral("HQ");
            event.summary = i % 7 == 0 ? QStringLiteral("Seven %1").arg(i) : QStringLiteral("other %1").arg(i);
            events.append(event);
        }
        m_workspace->events()->clear();
        m_workspace->events()->append(events);
        m_panel->setSearchText(QStringLiteral("seven"));
        const EventLogModel *model = m_workspace->events();
        QCOMPARE(model->rowCount(), (300000 + 6) / 7);
        for (int row = 0; row < model->rowCount(); row += 997)
            QCOMPARE(model->eventAt(row).t, static_cast<qint64>(row) * 7);
    }

    void exportsWhatItShows()
    {
        m_panel->setSearchText(QStringLiteral("needle"));
        QTemporaryDir dir;
        QString error;
        QVERIFY(m_panel->exportCsv(dir.filePath(QStringLiteral("e.csv")), &error));
        QVERIFY(m_panel->exportJsonLines(dir.filePath(QStringLiteral("e.jsonl")), &error));
        QFile csv(dir.filePath(QStringLiteral("e.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().trimmed().split('\n').size(), 2);
        QFile jsonl(dir.filePath(QStringLiteral("e.jsonl")));
        QVERIFY(jsonl.open(QIODevice::ReadOnly));
        QVERIFY(jsonl.readAll().contains("needle in the haystack"));
    }

private:
    ProtocolRegistry m_protocols;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<EventLogPanel> m_panel;
};

QTEST_MAIN(tst_EventLogPanel)
#include "tst_eventlogpanel.moc"
