#include "core/endpoint/protocolregistry.h"
#include "core/workspace/templatelibrary.h"
#include "core/workspace/workspace.h"
#include "sim/exosite/exositesimulator.h"
#include "tests/common/testsupport.h"
#include "ui/composerpanel.h"
#include "ui/payloadeditor.h"

#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QStringListModel>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::ui;

// The composer against a live simulator: templates go out and reach the server, replies come
// back, a payload that is not JSON is refused at its position, and history can be sent again.
class tst_ComposerPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { registerBuiltinProtocols(m_protocols); }

    void init()
    {
        m_simulator = test::startSimulator(QStringLiteral("exosite"));
        QVERIFY(m_simulator);
        m_workspace = std::make_unique<Workspace>(m_protocols);
        m_templates = std::make_unique<TemplateLibrary>(m_protocols);
        EndpointConfig config = m_simulator->clientConfig();
        config.name = QStringLiteral("fleet");
        QString error;
        QVERIFY(m_workspace->addEndpoint(config, &error));
        QSignalSpy browsed(m_workspace.get(), &Workspace::browseFinished);
        m_workspace->connectEndpoint(QStringLiteral("fleet"));
        QTRY_VERIFY_WITH_TIMEOUT(!browsed.isEmpty(), 10000);
        m_panel = std::make_unique<ComposerPanel>(m_workspace.get(), m_templates.get());
        m_panel->show();
        // Shortcuts (Ctrl+Enter) only fire in the active window.
        m_panel->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
    }

    void cleanup()
    {
        m_panel.reset();
        m_workspace.reset();
        m_simulator.reset();
    }

    void offersTheEndpointsTemplatesAndTargets()
    {
        QCOMPARE(m_panel->endpointBox()->currentText(), QStringLiteral("fleet"));
        const TemplateSet &set = m_templates->templates(QStringLiteral("exosite"));
        QCOMPARE(m_panel->templateBox()->count(), set.templates.size());
        const auto *paths = qobject_cast<QStringListModel *>(m_panel->completer()->model());
        QVERIFY(paths->stringList().contains(QStringLiteral("truck-01/temperature")));
    }

    void sendsATemplateTheSimulatorReceives()
    {
        auto *exosite = qobject_cast<sim::exosite::ExositeSimulator *>(m_simulator.get());
        QVERIFY(exosite);
        m_panel->composeTo(QStringLiteral("fleet"), QStringLiteral("truck-01/temperature"));
        QVERIFY(m_panel->applyTemplate(QStringLiteral("Read latest")));
        QCOMPARE(m_panel->targetEdit()->text(), QStringLiteral("truck-01/temperature")); // ${path} kept the target
        QVERIFY(m_panel->editor()->toPlainText().contains(QLatin1String("\"procedure\": \"read\""))); // laid out
        QSignalSpy replied(m_panel.get(), &ComposerPanel::replied);
        const qsizetype before = exosite->receivedFrames().size();
        // Ctrl+Enter in the editor sends.
        m_panel->editor()->setFocus();
        QTest::keyClick(m_panel->editor(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(exosite->receivedFrames().size() > before, 10000);
        const QString frame = exosite->receivedFrames().constLast();
        QVERIFY2(frame.contains(QLatin1String("\"procedure\":\"read\"")), qPrintable(frame));
        QVERIFY2(!frame.contains(QLatin1String("${")), qPrintable(frame)); // placeholders expanded
        QTRY_COMPARE_WITH_TIMEOUT(replied.size(), 1, 10000);
        QVERIFY2(replied.first().at(1).toBool(), qPrintable(m_panel->problemText()));
        QVERIFY(m_panel->replyText().contains(QLatin1String("read: ok")));
        QCOMPARE(m_panel->history()->count(), 1);

        // The history sends it again.
        QVERIFY(m_panel->resend(0));
        QTRY_COMPARE_WITH_TIMEOUT(replied.size(), 2, 10000);
        QCOMPARE(m_panel->history()->count(), 2);
    }

    void badJsonIsRefusedWithItsPosition()
    {
        auto *exosite = qobject_cast<sim::exosite::ExositeSimulator *>(m_simulator.get());
        QVERIFY(exosite);
        QSignalSpy sent(m_panel.get(), &ComposerPanel::sent);
        QSignalSpy finished(m_workspace.get(), &Workspace::commandFinished);
        const qsizetype before = exosite->receivedFrames().size();
        m_panel->setTarget(QStringLiteral("truck-01/temperature"));
        const QString payload = QStringLiteral("{\"calls\": [\n  {\"id\": ${id} \"procedure\": \"read\"}\n]}");
        m_panel->setPayload(payload);
        QVERIFY(!m_panel->send());
        QVERIFY2(
            m_panel->problemText().contains(QLatin1String("line 2, column 16")), qPrintable(m_panel->problemText()));
        QCOMPARE(m_panel->editor()->textCursor().position(),
            static_cast<int>(payload.indexOf(QLatin1String("\"procedure\""))));
        QVERIFY(m_panel->editor()->hasProblemMark());
        QCOMPARE(sent.size(), 0);
        QCOMPARE(m_panel->history()->count(), 0);
        // Nothing left: give any stray frame the time of a round trip through a real command.
        m_panel->setPayload(QStringLiteral("21.5"));
        QVERIFY(!m_panel->editor()->hasProblemMark());
        QVERIFY(m_panel->send());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(exosite->receivedFrames().size(), before + 1);
        QVERIFY(exosite->receivedFrames().constLast().contains(QLatin1String("\"write\"")));
    }

private:
    ProtocolRegistry m_protocols;
    std::unique_ptr<sim::Simulator> m_simulator;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<TemplateLibrary> m_templates;
    std::unique_ptr<ComposerPanel> m_panel;
};

QTEST_MAIN(tst_ComposerPanel)
#include "tst_composerpanel.moc"
