#include "core/endpoint/protocolregistry.h"
#include "core/workspace/templatelibrary.h"
#include "core/workspace/workspace.h"
#include "sim/exosite/exositesimulator.h"
#include "sim/intu/intusimulator.h"
#include "tests/common/testsupport.h"
#include "ui/composerpanel.h"
#include "ui/payloadeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProxyStyle>
#include <QSignalSpy>
#include <QStringListModel>
#include <QStyleOptionComboBox>
#include <QTest>
#include <QTimer>

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
        m_workspace = std::make_unique<Workspace>(m_protocols);
        m_templates = std::make_unique<TemplateLibrary>(m_protocols);
        addConnected(QStringLiteral("exosite"), QStringLiteral("fleet"), &m_simulator);
        QVERIFY(m_simulator);
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

    // Intu publishes plain text: the built-in speech templates reach the server as they read, and
    // the editor keeps their spaces (issue 18.1: "what time is it" became "whattimeisit" and was
    // refused as "illegal number").
    void plainTextTemplatesAreSentAsTheyRead_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("text");
        QTest::newRow("speech") << QStringLiteral("Inject user speech") << QStringLiteral("conversation")
                                << QStringLiteral("what time is it");
        QTest::newRow("child node") << QStringLiteral("Talk to a child node")
                                    << QStringLiteral("pepper-7f3a/conversation") << QStringLiteral("hello pepper");
    }

    void plainTextTemplatesAreSentAsTheyRead()
    {
        QFETCH(QString, name);
        QFETCH(QString, target);
        QFETCH(QString, text);
        std::unique_ptr<sim::Simulator> simulator;
        addConnected(QStringLiteral("intu"), QStringLiteral("robot"), &simulator);
        auto *intu = qobject_cast<sim::intu::IntuSimulator *>(simulator.get());
        QVERIFY(intu);

        QVERIFY(m_panel->setEndpoint(QStringLiteral("robot")));
        QCOMPARE(m_panel->payloadSyntax(), PayloadSyntax::TextOrJson);
        QVERIFY(m_panel->applyTemplate(name));
        QCOMPARE(m_panel->editor()->toPlainText(), text);
        QCOMPARE(m_panel->targetEdit()->text(), target);
        QSignalSpy replied(m_panel.get(), &ComposerPanel::replied);
        QVERIFY2(m_panel->send(), qPrintable(m_panel->problemText()));
        QTRY_COMPARE_WITH_TIMEOUT(replied.size(), 1, 10000);
        QVERIFY2(replied.first().at(1).toBool(), qPrintable(m_panel->problemText()));
        auto published = [&] {
            for (const QJsonObject &message : intu->receivedMessages()) {
                if (message.value(QLatin1String("msg")).toString() == QLatin1String("publish_at")
                    && message.value(QLatin1String("data")).toString() == text)
                    return message.value(QLatin1String("targets")).toArray().first().toString();
            }
            return QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(published(), target, 10000);

        // Text that opens like JSON is held to JSON, with its position.
        m_panel->setPayload(QStringLiteral("{\"event\" \"get_config\"}"));
        QVERIFY(!m_panel->send());
        QVERIFY2(m_panel->problemText().contains(QLatin1String("line 1")), qPrintable(m_panel->problemText()));
    }

    // Issue 18.7: "Compose to This" on an Exosite dataport kept an Intu body in the editor; a new
    // endpoint kept the old target, payload and reply. What no longer applies is reset.
    void changingEndpointResetsWhatNoLongerApplies()
    {
        std::unique_ptr<sim::Simulator> simulator;
        addConnected(QStringLiteral("intu"), QStringLiteral("robot"), &simulator);
        QVERIFY(simulator);

        // An Intu command sent, its reply shown.
        QVERIFY(m_panel->setEndpoint(QStringLiteral("robot")));
        QVERIFY(m_panel->applyTemplate(QStringLiteral("Get the configuration")));
        QSignalSpy replied(m_panel.get(), &ComposerPanel::replied);
        QVERIFY(m_panel->send());
        QTRY_COMPARE_WITH_TIMEOUT(replied.size(), 1, 10000);
        QVERIFY(!m_panel->replyText().isEmpty());

        // Compose to an Exosite dataport: nothing of the Intu command is left.
        m_panel->composeTo(QStringLiteral("fleet"), QStringLiteral("truck-01/temperature"));
        QCOMPARE(m_panel->endpointBox()->currentText(), QStringLiteral("fleet"));
        QCOMPARE(m_panel->targetEdit()->text(), QStringLiteral("truck-01/temperature"));
        QVERIFY2(m_panel->editor()->toPlainText().isEmpty(), qPrintable(m_panel->editor()->toPlainText()));
        QVERIFY(m_panel->replyText().isEmpty());
        QVERIFY(m_panel->problemText().isEmpty());
        QCOMPARE(m_panel->templateBox()->currentIndex(), -1);

        // Choosing the other endpoint in the box: its target does not exist there, so it goes.
        m_panel->setPayload(QStringLiteral("21.5"));
        m_panel->endpointBox()->setCurrentIndex(m_panel->endpointBox()->findText(QStringLiteral("robot")));
        QVERIFY(m_panel->targetEdit()->text().isEmpty());
        QVERIFY(m_panel->editor()->toPlainText().isEmpty());
    }

    // Issue 18.7: "Write a value" left the cursor after 21.5, so typing 42 sent 21.542, and without
    // asking. The value is selected; the first write to a target asks (and can be turned off).
    void writeTemplateSelectsItsValueAndAsksFirst()
    {
        auto *exosite = qobject_cast<sim::exosite::ExositeSimulator *>(m_simulator.get());
        QVERIFY(exosite);
        m_panel->composeTo(QStringLiteral("fleet"), QStringLiteral("truck-01/battery"));
        QVERIFY(m_panel->applyTemplate(QStringLiteral("Write a value (plain)")));
        QCOMPARE(m_panel->editor()->textCursor().selectedText(), QStringLiteral("21.5"));
        QTest::keyClicks(m_panel->editor(), QStringLiteral("42"));
        QCOMPARE(m_panel->editor()->toPlainText(), QStringLiteral("42"));

        // The confirmation is modal: answer it from inside its own event loop.
        QString asked;
        bool accept = false;
        bool dontAskAgain = false;
        QTimer answer;
        answer.setInterval(20);
        connect(&answer, &QTimer::timeout, this, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            asked = box->text();
            box->checkBox()->setChecked(dontAskAgain);
            box->done(accept ? QMessageBox::Yes : QMessageBox::Cancel);
        });
        answer.start();
        QSignalSpy sent(m_panel.get(), &ComposerPanel::sent);
        QVERIFY(!m_panel->send()); // declined: nothing goes out
        QVERIFY2(asked.contains(QLatin1String("42")) && asked.contains(QLatin1String("truck-01/battery")),
            qPrintable(asked));
        QCOMPARE(sent.size(), 0);

        accept = true;
        asked.clear();
        const qsizetype before = exosite->receivedFrames().size();
        QVERIFY(m_panel->send());
        QVERIFY(!asked.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(exosite->receivedFrames().size() > before, 10000);
        const QString frame = exosite->receivedFrames().constLast();
        QVERIFY2(
            frame.contains(QLatin1String("\"write\"")) && frame.contains(QLatin1String(",42]")), qPrintable(frame));

        // The same target again: confirmed once is enough.
        asked.clear();
        QVERIFY(m_panel->send());
        QVERIFY(asked.isEmpty());

        // Another target asks again, and "do not ask" turns the question off.
        QSignalSpy turnedOff(m_panel.get(), &ComposerPanel::confirmWritesChanged);
        m_panel->setTarget(QStringLiteral("truck-02/battery"));
        dontAskAgain = true;
        QVERIFY(m_panel->send());
        QVERIFY(!asked.isEmpty());
        QCOMPARE(turnedOff.size(), 1);
        QVERIFY(!m_panel->confirmsWrites());
        asked.clear();
        m_panel->setTarget(QStringLiteral("truck-03/battery"));
        QVERIFY(m_panel->send());
        QVERIFY(asked.isEmpty());
    }

    // Issue 18.4, still seen at 1024x700 after the layout fix: the template combo painted "Query a
    // child node (r", cut mid-word. What the combos paint in a narrow dock ends in "…" and fits.
    void narrowCombosElideWhatTheyPaint()
    {
        m_panel->resize(230, 600);
        QVERIFY(m_panel->applyTemplate(QStringLiteral("Flush older than a day")));
        for (QComboBox *box : {m_panel->templateBox(), m_panel->endpointBox()}) {
            PaintedLabelProbe probe;
            box->setStyle(&probe);
            box->grab();
            box->setStyle(nullptr);
            QVERIFY(!probe.text.isEmpty());
            const int room = probe.field.width() - 2;
            QVERIFY2(box->fontMetrics().horizontalAdvance(probe.text) <= room,
                qPrintable(QStringLiteral("\"%1\" in %2 px").arg(probe.text).arg(room)));
            if (probe.text != box->currentText())
                QVERIFY2(probe.text.endsWith(QStringLiteral("…")), qPrintable(probe.text));
        }
        // The template's name (with "(asks first)") is longer than the box: the case that was cut.
        QVERIFY(m_panel->templateBox()->width()
            < m_panel->templateBox()->fontMetrics().horizontalAdvance(m_panel->templateBox()->currentText()));
    }

private:
    // Records the text a combo box's label is painted with, and the field it is painted in.
    struct PaintedLabelProbe : QProxyStyle
    {
        void drawControl(
            ControlElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget) const override
        {
            if (element == CE_ComboBoxLabel) {
                const auto *combo = qstyleoption_cast<const QStyleOptionComboBox *>(option);
                text = combo->currentText;
                field = subControlRect(CC_ComboBox, combo, SC_ComboBoxEditField, widget);
            }
            QProxyStyle::drawControl(element, option, painter, widget);
        }
        mutable QString text;
        mutable QRect field;
    };

    // A simulator of `protocol`, added to the workspace as `name` and browsed (null on failure).
    void addConnected(const QString &protocol, const QString &name, std::unique_ptr<sim::Simulator> *simulator)
    {
        auto started = test::startSimulator(protocol);
        QVERIFY(started);
        EndpointConfig config = started->clientConfig();
        config.name = name;
        QString error;
        QVERIFY2(m_workspace->addEndpoint(config, &error), qPrintable(error));
        QSignalSpy browsed(m_workspace.get(), &Workspace::browseFinished);
        m_workspace->connectEndpoint(name);
        QTRY_VERIFY_WITH_TIMEOUT(!browsed.isEmpty(), 10000);
        *simulator = std::move(started);
    }

    ProtocolRegistry m_protocols;
    std::unique_ptr<sim::Simulator> m_simulator;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<TemplateLibrary> m_templates;
    std::unique_ptr<ComposerPanel> m_panel;
};

QTEST_MAIN(tst_ComposerPanel)
#include "tst_composerpanel.moc"
