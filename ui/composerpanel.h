#pragma once

#include "core/model/command.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

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
// its protocol, edit the JSON payload and send it (Ctrl+Enter). The payload is checked before
// anything leaves — a problem is refused with its line and column and the cursor moved there —
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

Q_SIGNALS:
    void sent(quint64 id);
    void replied(quint64 id, bool ok);

private:
    void refreshEndpoints();
    void refreshTemplates();
    void refreshCompletion();
    void onTemplateChosen(int index);
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
    QPlainTextEdit *m_reply;
    QListWidget *m_history;
    QPushButton *m_resend;
    QTimer m_liveCheck;
    bool m_confirm = false; // the loaded template is destructive: ask before sending
    QHash<quint64, QListWidgetItem *> m_pending;
};

} // namespace fleetscope::ui
