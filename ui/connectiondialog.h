#pragma once

#include "core/endpoint/endpointconfig.h"

#include <QDialog>
#include <QHash>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace fleetscope {
class ConnectionTest;
class Workspace;
} // namespace fleetscope

namespace fleetscope::ui {

// New or edited connection: name, protocol, URL and the protocol's own fields (built from its
// ProtocolInfo::fields, so a new protocol needs no change here), TLS and retry options, whether to
// remember the secret in the keychain and to connect at start. Validates as the user types (OK
// stays disabled; the reason shows once something was typed, and a field is held to the form its
// protocol gives, e.g. a 40-hex CIK) and can test the connection with a temporary endpoint (its
// result goes when a field changes).
//
// Threading: GUI thread.
class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    // `takenNames`: names other endpoints use already. `keychain`: whether secrets can be
    // remembered across starts.
    ConnectionDialog(Workspace *workspace, const QStringList &takenNames, bool keychain, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void setConfig(const EndpointConfig &config, bool connectOnStart);
    EndpointConfig config() const;
    bool rememberSecret() const;
    bool connectOnStart() const;
    // Why the form cannot be accepted, empty when it can.
    QString problem() const { return m_problem; }

    void testConnection();

Q_SIGNALS:
    void testFinished(bool ok, const QString &detail);

private:
    void rebuildFields();
    void validate();
    void markTouched();
    // A field whose value has not the form its protocol says (ProtocolField::pattern), or empty.
    QString fieldProblem(const EndpointConfig &current) const;
    void showTestResult(bool ok, const QString &detail);
    // Shows the certificates accepted before (pinned), with a way to forget them.
    void showPinned();

    Workspace *m_workspace;
    QStringList m_takenNames;
    QLineEdit *m_name;
    QComboBox *m_protocol;
    QLineEdit *m_url;
    QLabel *m_urlHelp;
    QFormLayout *m_fieldsForm;
    QHash<QString, QWidget *> m_fieldEditors;
    QCheckBox *m_insecure;
    QLineEdit *m_caFile;
    QFormLayout *m_advancedForm = nullptr;
    QWidget *m_pinnedRow;
    QLabel *m_pinned;
    QSpinBox *m_timeout;
    QSpinBox *m_maxBackoff;
    QCheckBox *m_remember;
    QCheckBox *m_connectOnStart;
    QPushButton *m_test;
    QLabel *m_testResult;
    QLabel *m_problemLabel;
    QDialogButtonBox *m_buttons;
    QString m_problem;
    bool m_touched = false; // the user typed: problems are shown
    LinkOptions m_baseLink; // options the form does not show are kept as they were
    std::unique_ptr<ConnectionTest> m_running;
};

} // namespace fleetscope::ui
