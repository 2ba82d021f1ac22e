#include "core/endpoint/endpoint.h"
#include "core/endpoint/protocolregistry.h"
#include "core/recording/replayendpoint.h"
#include "core/recording/replayprotocol.h"
#include "core/workspace/workspace.h"
#include "tests/common/testsupport.h"
#include "ui/connectiondialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::ui;

// The connection dialog builds each protocol's form from its ProtocolInfo, refuses incomplete
// input with the reason, and tests a connection with a temporary endpoint.
class tst_ConnectionDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { registerBuiltinProtocols(m_protocols); }

    void formFollowsTheProtocol_data()
    {
        QTest::addColumn<QString>("protocol");
        for (const QString &protocol : m_protocols.ids())
            QTest::newRow(qPrintable(protocol)) << protocol;
    }

    void formFollowsTheProtocol()
    {
        QFETCH(QString, protocol);
        Workspace workspace(m_protocols);
        ConnectionDialog dialog(&workspace, {}, true);
        auto *protocolBox = dialog.findChild<QComboBox *>();
        protocolBox->setCurrentIndex(protocolBox->findData(protocol));
        for (const ProtocolField &field : m_protocols.find(protocol)->fields) {
            QWidget *editor = dialog.findChild<QWidget *>(QStringLiteral("field-") + field.key);
            QVERIFY2(editor, qPrintable(field.key));
            if (field.kind == ProtocolField::Kind::Secret)
                QCOMPARE(qobject_cast<QLineEdit *>(editor)->echoMode(), QLineEdit::Password);
        }
    }

    void validatesAndTests()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        ConnectionDialog dialog(&workspace, {QStringLiteral("taken")}, true);
        dialog.show();
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog.problem().contains(QLatin1String("name")));

        EndpointConfig config = simulator->clientConfig();
        config.name = QStringLiteral("taken");
        dialog.setConfig(config, false);
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog.problem().contains(QLatin1String("taken")));
        config.name = QStringLiteral("mine");
        const QString secret = config.secret;
        config.secret.clear();
        dialog.setConfig(config, false);
        QVERIFY(!ok->isEnabled()); // the key is required
        auto *secretEdit = dialog.findChild<QLineEdit *>(QStringLiteral("field-secret"));
        QTest::keyClicks(secretEdit, secret);
        QVERIFY2(ok->isEnabled(), qPrintable(dialog.problem()));
        QCOMPARE(dialog.config().secret, secret);
        QCOMPARE(dialog.config().url, config.url);
        QCOMPARE(dialog.connectOnStart(), false);
        QVERIFY(dialog.rememberSecret());

        QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
        dialog.testConnection();
        QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 10000);
        QVERIFY2(tested.first().at(0).toBool(), qPrintable(tested.first().at(1).toString()));
        QVERIFY(workspace.endpointNames().isEmpty()); // a test adds nothing

        secretEdit->setText(QStringLiteral("ffffffffffffffffffffffffffffffffffffffff"));
        dialog.testConnection();
        QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 2, 10000);
        QCOMPARE(tested.at(1).at(0).toBool(), false);
    }

    void anAcceptedCertificateCanBeForgotten()
    {
        Workspace workspace(m_protocols);
        ConnectionDialog dialog(&workspace, {}, true);
        dialog.show();
        auto *forget = [&dialog] {
            for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
                if (button->text() == QLatin1String("&Forget"))
                    return button;
            }
            return static_cast<QPushButton *>(nullptr);
        }();
        QVERIFY(forget);
        QVERIFY(!forget->isVisible()); // nothing accepted yet
        EndpointConfig config;
        config.name = QStringLiteral("plant");
        config.protocol = QStringLiteral("cityio");
        config.url = QUrl(QStringLiteral("https://plant.example"));
        config.link.insecure = true;
        const QString pin = QStringLiteral(
            "A7:A2:AD:A4:13:63:2F:BE:A8:0B:0A:A8:25:38:67:B2:B5:52:5C:BD:08:C6:99:4F:C8:C9:97:1D:12:4A:25:0D");
        config.link.pinnedCertificates = {pin};
        dialog.setConfig(config, true);
        QVERIFY(forget->isVisible());
        QCOMPARE(dialog.config().link.pinnedCertificates, QStringList {pin}); // kept through an edit
        forget->click();
        QVERIFY(!forget->isVisible());
        QVERIFY(dialog.config().link.pinnedCertificates.isEmpty());
        QVERIFY(dialog.config().link.insecure);
    }

    void noKeychainSaysSo()
    {
        Workspace workspace(m_protocols);
        ConnectionDialog dialog(&workspace, {}, false);
        QVERIFY(!dialog.rememberSecret());
        bool found = false;
        for (const QCheckBox *box : dialog.findChildren<QCheckBox *>())
            found = found || box->text().contains(QLatin1String("asked for at each start"));
        QVERIFY(found);
    }

    void recordingsAreNotOfferedAsServers()
    {
        ProtocolRegistry protocols;
        registerBuiltinProtocols(protocols);
        registerReplayProtocol(protocols);
        Workspace workspace(protocols);
        ConnectionDialog dialog(&workspace, {}, false);
        auto *protocolBox = dialog.findChild<QComboBox *>();
        QCOMPARE(protocolBox->count(), m_protocols.ids().size());
        QCOMPARE(protocolBox->findData(QStringLiteral("replay")), -1);
        // Editing an endpoint replayed from a recording still shows what it is.
        dialog.setConfig(ReplayEndpoint::configFor(QStringLiteral("/tmp/incident.fsrec")), false);
        QCOMPARE(protocolBox->currentData().toString(), QStringLiteral("replay"));
        QCOMPARE(dialog.config().url, QUrl::fromLocalFile(QStringLiteral("/tmp/incident.fsrec")));
    }

    // Issue 18.8: the dialog opened with a red "Give the connection a name." before any typing.
    void aFreshFormIsNotAnError()
    {
        Workspace workspace(m_protocols);
        ConnectionDialog dialog(&workspace, {}, true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled()); // still nothing to accept …
        QVERIFY(!visibleProblem(dialog)); // … but nothing said against the user yet
        auto *name = dialog.findChildren<QLineEdit *>().first();
        QTest::keyClicks(name, QStringLiteral("x"));
        QTest::keyClick(name, Qt::Key_Backspace);
        QVERIFY(visibleProblem(dialog)); // typed, then emptied: now it is worth saying
        QVERIFY(dialog.problem().contains(QLatin1String("name")));
    }

    // Issue 18.8: the Exosite key was not checked (16 characters and "zz" accepted although the
    // placeholder says 40 hex), and an old "authentication rejected" stayed after a change.
    void exositeKeyIsCheckedAndOldResultsGo()
    {
        auto simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(simulator);
        Workspace workspace(m_protocols);
        ConnectionDialog dialog(&workspace, {}, true);
        dialog.show();
        EndpointConfig config = simulator->clientConfig();
        config.name = QStringLiteral("HQ");
        const QString key = config.secret;
        dialog.setConfig(config, true);
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY2(ok->isEnabled(), qPrintable(dialog.problem()));
        auto *secretEdit = dialog.findChild<QLineEdit *>(QStringLiteral("field-secret"));
        for (const QString &bad : {QStringLiteral("0123456789abcdef"), QString(QStringLiteral("zz") + key.mid(2))}) {
            secretEdit->clear();
            QTest::keyClicks(secretEdit, bad);
            QVERIFY2(!ok->isEnabled(), qPrintable(bad));
            QVERIFY2(dialog.problem().contains(QLatin1String("40 hex")), qPrintable(dialog.problem()));
            QVERIFY(visibleProblem(dialog));
        }
        // A well-formed key the server refuses: the result says so, until the key changes.
        secretEdit->clear();
        QTest::keyClicks(secretEdit, QStringLiteral("f").repeated(40));
        QVERIFY2(ok->isEnabled(), qPrintable(dialog.problem()));
        QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
        dialog.testConnection();
        QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 10000);
        QCOMPARE(tested.first().first().toBool(), false);
        const QString refused = tested.first().at(1).toString();
        QVERIFY(labelShowing(dialog, refused));
        QTest::keyClick(secretEdit, Qt::Key_Backspace);
        QVERIFY(!labelShowing(dialog, refused));
    }

private:
    // The problem line, when shown.
    static bool visibleProblem(const ConnectionDialog &dialog)
    {
        return !dialog.problem().isEmpty() && labelShowing(dialog, dialog.problem());
    }

    static bool labelShowing(const ConnectionDialog &dialog, const QString &text)
    {
        for (const QLabel *label : dialog.findChildren<QLabel *>()) {
            if (label->isVisible() && label->text().contains(text))
                return true;
        }
        return false;
    }

    ProtocolRegistry m_protocols;
};

QTEST_MAIN(tst_ConnectionDialog)
#include "tst_connectiondialog.moc"
