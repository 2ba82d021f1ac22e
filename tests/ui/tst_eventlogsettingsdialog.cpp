#include "core/store/eventstore.h"
#include "core/store/eventstoreoptions.h"
#include "core/store/eventstorereader.h"
#include "ui/eventlogsettingsdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::ui;

// Settings > Event Log Retention: the dialog shows what the log holds and keeps, warns before a
// tighter limit deletes events, and OK applies the limits at once and keeps them for the next
// start.
class tst_EventLogSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_options.path = m_dir->filePath(QStringLiteral("events.sqlite"));
        m_options.retention.days = 0; // nothing goes before the user chooses
    }

    void tighterAgeLimitDeletesOldEventsAndIsKept()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 day = 86400000;
        {
            EventStore store(nullptr);
            QVERIFY(open(store));
            EventList events;
            for (int age : {20, 10, 3, 0}) {
                Event event;
                event.t = now - age * day;
                event.endpoint = QStringLiteral("HQ");
                event.summary = QStringLiteral("%1 days ago").arg(age);
                events.append(event);
            }
            store.append(events);

            EventLogSettingsDialog dialog(&store);
            QPushButton *ok = okButton(dialog);
            QVERIFY(!ok->isEnabled()); // nothing to change before the store has answered
            QSignalSpy shown(&dialog, &EventLogSettingsDialog::statusShown);
            QVERIFY(shown.wait(5000));
            QVERIFY(ok->isEnabled());
            // As the store keeps it now: no age limit, 1 GiB.
            QVERIFY(!dialog.ageCheck()->isChecked());
            QVERIFY(!dialog.daysBox()->isEnabled());
            QVERIFY(dialog.sizeCheck()->isChecked());
            QCOMPARE(dialog.sizeBox()->value(), 1024);
            QVERIFY2(dialog.usageLabel()->text().contains(QStringLiteral("4 events")),
                qPrintable(dialog.usageLabel()->text()));
            QVERIFY(dialog.usageLabel()->text().contains(m_options.path));
            QVERIFY(dialog.warningLabel()->isHidden());

            // A week: the warning says what OK deletes before it does.
            dialog.ageCheck()->setChecked(true);
            QVERIFY(dialog.daysBox()->isEnabled());
            dialog.daysBox()->setValue(7);
            QVERIFY(!dialog.warningLabel()->isHidden());
            QVERIFY2(dialog.warningLabel()->text().contains(QStringLiteral("older than 7 days")),
                qPrintable(dialog.warningLabel()->text()));
            dialog.sizeCheck()->setChecked(false);
            QCOMPARE(dialog.retention(), (EventRetention {7, 0}));

            QSignalSpy accepted(&dialog, &QDialog::accepted);
            QSignalSpy deleted(&store, &EventStore::retentionApplied);
            ok->click();
            QVERIFY(accepted.wait(5000)); // closes once the store has applied it
            QCOMPARE(deleted.size(), 1);
            QCOMPARE(deleted.first().at(0).toLongLong(), 2);
            QCOMPARE(shown.last().at(0).value<EventLogStatus>().events, 2);
        }
        EventList left;
        QVERIFY(EventStoreReader(m_options.path).query(EventQuery(), &left));
        QCOMPARE(left.size(), 2);
        QCOMPARE(left.first().summary, QStringLiteral("3 days ago"));

        // The next start shows (and applies) the user's choice, not the defaults.
        EventStore store(nullptr);
        QVERIFY(open(store));
        EventLogSettingsDialog dialog(&store);
        QSignalSpy shown(&dialog, &EventLogSettingsDialog::statusShown);
        QVERIFY(shown.wait(5000));
        QVERIFY(dialog.ageCheck()->isChecked());
        QCOMPARE(dialog.daysBox()->value(), 7);
        QVERIFY(!dialog.sizeCheck()->isChecked());
        QVERIFY(!dialog.sizeBox()->isEnabled());
        QVERIFY(dialog.warningLabel()->isHidden());
        // Looser is not warned about.
        dialog.daysBox()->setValue(90);
        QVERIFY(dialog.warningLabel()->isHidden());
        // Cancel changes nothing.
        dialog.reject();
        EventLogStatus status;
        QVERIFY(EventStoreReader(m_options.path).status(&status));
        QCOMPARE(status.retention, (EventRetention {7, 0}));
    }

    void unchangedOkClosesWithoutWriting()
    {
        EventStore store(nullptr);
        QVERIFY(open(store));
        EventLogSettingsDialog dialog(&store);
        QSignalSpy shown(&dialog, &EventLogSettingsDialog::statusShown);
        QVERIFY(shown.wait(5000));
        QVERIFY(dialog.usageLabel()->text().contains(QStringLiteral("empty")));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        okButton(dialog)->click();
        QCOMPARE(accepted.size(), 1);
        EventLogStatus status;
        QVERIFY(EventStoreReader(m_options.path).status(&status));
        QCOMPARE(status.retention, EventRetention()); // still nothing chosen: the defaults
    }

private:
    bool open(EventStore &store)
    {
        QSignalSpy opened(&store, &EventStore::opened);
        store.open(m_options);
        return opened.wait(5000) && opened.first().at(0).toBool();
    }
    static QPushButton *okButton(EventLogSettingsDialog &dialog)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    EventStoreOptions m_options;
};

QTEST_MAIN(tst_EventLogSettingsDialog)
#include "tst_eventlogsettingsdialog.moc"
