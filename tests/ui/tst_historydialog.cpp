#include "core/model/eventlogmodel.h"
#include "core/store/eventstore.h"
#include "core/store/eventstoreoptions.h"
#include "core/util/secretmasker.h"
#include "ui/historydialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::ui;

// The log panel's History: events written to the database on disk (with secrets masked) are found
// again by text, endpoint and severity, and the selected one shows its payload.
class tst_HistoryDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsWhatTheStoreKeptWithSecretsMasked()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto masker = std::make_shared<SecretMasker>();
        masker->addSecret(QStringLiteral("s3cr3t-key-0123456789"));
        EventStore store(masker);
        QSignalSpy opened(&store, &EventStore::opened);
        EventStoreOptions options;
        options.path = dir.filePath(QStringLiteral("events.sqlite"));
        store.open(options);
        QVERIFY(opened.wait(5000));
        QVERIFY2(opened.first().at(0).toBool(), qPrintable(opened.first().at(1).toString()));

        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        EventList events;
        for (int i = 0; i < 500; ++i) {
            Event event;
            event.t = now - 60000 + i;
            event.severity = i % 50 == 0 ? Severity::Error : Severity::Info;
            event.endpoint = i % 2 ? QStringLiteral("HQ") : QStringLiteral("Lab");
            event.path = QStringLiteral("truck-%1/status").arg(i % 10);
            event.summary = i == 250 ? QStringLiteral("battery low on truck-0") : QStringLiteral("event %1").arg(i);
            event.payload = QStringLiteral(R"({"n":%1,"auth":"s3cr3t-key-0123456789"})").arg(i);
            events.append(event);
        }
        store.append(events);

        HistoryDialog dialog(&store, {QStringLiteral("HQ"), QStringLiteral("Lab")});
        QSignalSpy finished(&dialog, &HistoryDialog::searchFinished);
        dialog.search();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.last().at(0).toInt(), 500);
        QCOMPARE(dialog.results()->rowCount(), 500);

        dialog.textEdit()->setText(QStringLiteral("battery low"));
        dialog.search();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.last().at(0).toInt(), 1);
        const Event &found = dialog.results()->eventAt(0);
        QCOMPARE(found.endpoint, QStringLiteral("Lab"));
        QVERIFY2(!found.payload.contains(QStringLiteral("s3cr3t")), qPrintable(found.payload));
        QVERIFY(found.payload.contains(SecretMasker::kMask));

        auto *view = dialog.findChild<QTableView *>();
        QVERIFY(view);
        view->setCurrentIndex(dialog.results()->index(0, 0));
        auto *details = dialog.findChild<QPlainTextEdit *>();
        QVERIFY(details->toPlainText().contains(QStringLiteral("battery low on truck-0")));
        QVERIFY(details->toPlainText().contains(QStringLiteral("\"n\": 250"))); // pretty-printed

        // Errors of one endpoint only.
        dialog.textEdit()->clear();
        auto combos = dialog.findChildren<QComboBox *>();
        QCOMPARE(combos.size(), 2);
        combos.at(0)->setCurrentIndex(combos.at(0)->findData(QStringLiteral("Lab")));
        combos.at(1)->setCurrentIndex(3); // errors only
        dialog.search();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.last().at(0).toInt(), 10); // i % 50 == 0: all even, all Lab
        for (int row = 0; row < dialog.results()->rowCount(); ++row) {
            QCOMPARE(dialog.results()->eventAt(row).severity, Severity::Error);
            QCOMPARE(dialog.results()->eventAt(row).endpoint, QStringLiteral("Lab"));
        }
    }

    // Issue 18.6: "&From:" and "&Newest:" showed their ampersands. Every label with a mnemonic has
    // a field to go to, so the "&" is an underline and Alt+letter works.
    void labelsShowNoAmpersands()
    {
        QTemporaryDir dir;
        EventStore store(std::make_shared<SecretMasker>());
        HistoryDialog dialog(&store, {QStringLiteral("HQ")});
        int mnemonics = 0;
        for (const QLabel *label : dialog.findChildren<QLabel *>()) {
            if (QKeySequence::mnemonic(label->text()).isEmpty())
                continue;
            ++mnemonics;
            QVERIFY2(label->buddy(), qPrintable(label->text()));
        }
        QVERIFY(mnemonics >= 5);
    }
};

QTEST_MAIN(tst_HistoryDialog)
#include "tst_historydialog.moc"
