#pragma once

#include "core/endpoint/protocolregistry.h"
#include "core/model/command.h"

#include <QHash>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QPushButton;
class QStringListModel;

namespace fleetscope {
class TemplateLibrary;
class Workspace;
} // namespace fleetscope

namespace fleetscope::ui {

class PayloadEditor;

// The Composer dock: pick an endpoint, a target (completed from its topic tree) and a template of
// its protocol, edit the payload and send it (Ctrl+Enter). The payload is checked as the protocol
// takes it (JSON, or plain text where the protocol sends text: a template's text is never
// rewritten) before anything leaves — a problem is refused with its line and column and the cursor
// moved there —
// then the reply (or error) is shown and the command joins a history that can be sent again.
//
// Threading: GUI thread.
class ComposerPanel : public QWidget
{
    Q_OBJECT

public:
    ComposerPanel(Workspace *workspace, const TemplateLibrary *templates, QWidget *parent = nullptr);

    // "Compose to this" from the tree.
    void composeTo(const QString &endpoint, const QString &path);
    bool setEndpoint(const QString &endpoint);
    void setTarget(const QString &target);
    void setPayload(const QString &payload);
    // Loads the template called `name` of the current endpoint's protocol.
    bool applyTemplate(const QString &name);
    // Checks and sends; false when refused before sending (bad payload, no endpoint).
    bool send();
    // Loads history entry `row` (newest first) into the editor and sends it.
    bool resend(int row);

    QString problemText() const;
    QString replyText() const;
    QComboBox *endpointBox() const { return m_endpoint; }
    QLineEdit *targetEdit() const { return m_target; }
    QComboBox *templateBox() const { return m_template; }
    PayloadEditor *editor() const { return m_editor; }
    QListWidget *history() const { return m_history; }
    QCompleter *completer() const { return m_completer; }
    // What the current endpoint's protocol takes as a payload (JSON only, or text as well).
    PayloadSyntax payloadSyntax() const;
    // Whether a template that writes to a device asks the first time per target (on by default).
    bool confirmsWrites() const { return m_confirmWrites; }
    void setConfirmWrites(bool on);

Q_SIGNALS:
    void sent(quint64 id);
    void replied(quint64 id, bool ok);
    void confirmWritesChanged(bool on);

private:
    void refreshEndpoints();
    void refreshTemplates();
    void refreshCompletion();
    void onEndpointChanged();
    void clearOutcome();
    void onTemplateChosen(int index);
    void loadHistory(QListWidgetItem *item);
    // False when the user declines a first write to this target.
    bool confirmWrite(const QString &endpoint, const Command &command);
    void onReply(const QString &endpoint, const CommandReply &reply);
    void checkLive();
    void showProblem(const QString &text);

    Workspace *m_workspace;
    const TemplateLibrary *m_templates;
    QComboBox *m_endpoint;
    QLineEdit *m_target;
    QStringListModel *m_paths;
    QCompleter *m_completer;
    QComboBox *m_template;
    QLabel *m_about;
    PayloadEditor *m_editor;
    QLabel *m_problem;
    QPushButton *m_send;
    QAction *m_sendAction;
    QPlainTextEdit *m_reply;
    QListWidget *m_history;
    QPushButton *m_resend;
    QTimer m_liveCheck;
    bool m_confirm = false; // the loaded template is destructive: ask before sending
    bool m_writes = false; // the loaded template writes to a device
    bool m_confirmWrites = true;
    QSet<QString> m_confirmedWrites; // "endpoint\ntarget" written to after a confirmation
    QString m_protocol; // of the current endpoint: what the payload was written for
    QHash<quint64, QListWidgetItem *> m_pending;
};

} // namespace fleetscope::ui
