#pragma once

#include <QDialog>
#include <QHash>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace fleetscope::ui {

// Asks, in one dialog, for the secrets of every endpoint that needs one and has none stored (at a
// start without a keychain, several endpoints would otherwise mean several bare prompts in a row).
// It says why it asks and what happens to an endpoint left empty; the ConnectionController
// connects those given and notes the others in the log.
//
// Threading: GUI thread. Created and run (exec) by the ConnectionController.
class SecretPromptDialog : public QDialog
{
    Q_OBJECT

public:
    // `persistent`: whether the answers go to a keychain (else they are kept while Fleetscope runs).
    explicit SecretPromptDialog(bool persistent, QWidget *parent = nullptr);

    // A row for endpoint `name`: its secret's label (CIK, Token, Password) and where it connects.
    void addEndpoint(const QString &name, const QString &label, const QString &where);
    QStringList endpoints() const { return m_order; }
    QString secret(const QString &name) const;
    QLineEdit *field(const QString &name) const { return m_fields.value(name); }
    QString explanation() const;

private:
    QLabel *m_why;
    QFormLayout *m_form;
    QHash<QString, QLineEdit *> m_fields;
    QStringList m_order;
};

} // namespace fleetscope::ui
