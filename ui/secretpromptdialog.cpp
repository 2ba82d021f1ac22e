#include "ui/secretpromptdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fleetscope::ui {

SecretPromptDialog::SecretPromptDialog(bool persistent, QWidget *parent)
    : QDialog(parent)
    , m_why(new QLabel(this))
    , m_form(new QFormLayout)
{
    setWindowTitle(tr("Sign in to your endpoints"));
    m_why->setWordWrap(true);
    m_why->setText(persistent
            ? tr("These connections need a secret that the system keychain does not hold. It is stored there "
                 "once given. An endpoint left empty stays disconnected.")
            : tr("No system keychain is available, so Fleetscope keeps secrets only while it runs and asks for "
                 "them at each start. An endpoint left empty stays disconnected; connect it later from "
                 "Endpoints."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Skip All"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_why);
    layout->addLayout(m_form);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

void SecretPromptDialog::addEndpoint(const QString &name, const QString &label, const QString &where)
{
    auto *field = new QLineEdit(this);
    field->setEchoMode(QLineEdit::Password);
    field->setPlaceholderText(label);
    field->setToolTip(where);
    field->setObjectName(QStringLiteral("secret-") + name);
    m_form->addRow(tr("%1 (%2):").arg(name, label), field);
    m_fields.insert(name, field);
    m_order << name;
    if (m_order.size() == 1)
        field->setFocus();
}

QString SecretPromptDialog::secret(const QString &name) const
{
    const QLineEdit *field = m_fields.value(name);
    return field && result() == QDialog::Accepted ? field->text() : QString();
}

QString SecretPromptDialog::explanation() const
{
    return m_why->text();
}

} // namespace fleetscope::ui
