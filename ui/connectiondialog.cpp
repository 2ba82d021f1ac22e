#include "ui/connectiondialog.h"

#include "core/endpoint/protocolregistry.h"
#include "core/workspace/connectiontest.h"
#include "core/workspace/workspace.h"
#include "ui/statuscolors.h"
#include "ui/themedicon.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace fleetscope::ui {

ConnectionDialog::ConnectionDialog(Workspace *workspace, const QStringList &takenNames, bool keychain, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_takenNames(takenNames)
    , m_name(new QLineEdit(this))
    , m_protocol(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_urlHelp(new QLabel(this))
    , m_fieldsForm(new QFormLayout)
    , m_insecure(new QCheckBox(tr("Accept an untrusted certificate (insecure)"), this))
    , m_caFile(new QLineEdit(this))
    , m_pinnedRow(new QWidget(this))
    , m_pinned(new QLabel(m_pinnedRow))
    , m_timeout(new QSpinBox(this))
    , m_maxBackoff(new QSpinBox(this))
    , m_remember(new QCheckBox(this))
    , m_connectOnStart(new QCheckBox(tr("Connect when Fleetscope starts"), this))
    , m_test(new QPushButton(themedIcon(QStringLiteral("test")), tr("&Test connection"), this))
    , m_testResult(new QLabel(this))
    , m_problemLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connection"));
    setMinimumWidth(520);
    // Servers only: a recording is opened with Replay Recording… (it is offered here only when
    // editing a replayed endpoint, see setConfig).
    for (const ProtocolInfo &info : workspace->protocols().protocols()) {
        if (info.source == ProtocolInfo::Source::Network)
            m_protocol->addItem(info.displayName, info.id);
    }
    m_name->setPlaceholderText(tr("e.g. HQ production"));
    m_urlHelp->setWordWrap(true);
    m_urlHelp->setForegroundRole(QPalette::PlaceholderText);

    auto *general = new QFormLayout;
    general->addRow(tr("&Name:"), m_name);
    general->addRow(tr("&Protocol:"), m_protocol);
    general->addRow(tr("&URL:"), m_url);
    general->addRow(QString(), m_urlHelp);

    auto *fieldsBox = new QGroupBox(tr("Sign-in"), this);
    fieldsBox->setLayout(m_fieldsForm);

    auto *caRow = new QHBoxLayout;
    auto *browse = new QToolButton(this);
    browse->setText(tr("…"));
    caRow->addWidget(m_caFile);
    caRow->addWidget(browse);
    m_caFile->setPlaceholderText(tr("Extra CA certificate (PEM), optional"));
    m_timeout->setRange(1, 120);
    m_timeout->setSuffix(tr(" s"));
    m_maxBackoff->setRange(1, 600);
    m_maxBackoff->setSuffix(tr(" s"));
    auto *pinnedLayout = new QHBoxLayout(m_pinnedRow);
    pinnedLayout->setContentsMargins(0, 0, 0, 0);
    auto *forget = new QPushButton(tr("&Forget"), m_pinnedRow);
    forget->setToolTip(tr("Accept no certificate that is not trusted; with \"Accept an untrusted certificate\" "
                          "the next one is accepted and pinned again"));
    m_pinned->setTextInteractionFlags(Qt::TextSelectableByMouse);
    pinnedLayout->addWidget(m_pinned, 1);
    pinnedLayout->addWidget(forget);
    auto *advanced = new QFormLayout;
    m_advancedForm = advanced;
    advanced->addRow(tr("TLS:"), m_insecure);
    advanced->addRow(tr("Accepted certificate:"), m_pinnedRow);
    advanced->addRow(tr("CA file:"), caRow);
    advanced->addRow(tr("Connect timeout:"), m_timeout);
    advanced->addRow(tr("Longest retry delay:"), m_maxBackoff);
    auto *advancedBox = new QGroupBox(tr("Connection"), this);
    advancedBox->setLayout(advanced);

    m_remember->setText(keychain ? tr("Remember the secret in the system keychain")
                                 : tr("No system keychain: the secret will be asked for at each start"));
    m_remember->setChecked(keychain);
    m_remember->setEnabled(keychain);
    m_connectOnStart->setChecked(true);

    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);

    m_problemLabel->setWordWrap(true);
    QPalette warn = m_problemLabel->palette();
    warn.setColor(QPalette::WindowText, StatusColors::forSeverity(Severity::Error, palette()));
    m_problemLabel->setPalette(warn);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(general);
    layout->addWidget(fieldsBox);
    layout->addWidget(advancedBox);
    layout->addWidget(m_remember);
    layout->addWidget(m_connectOnStart);
    layout->addLayout(testRow);
    layout->addWidget(m_problemLabel);
    layout->addWidget(m_buttons);

    EndpointConfig defaults;
    m_baseLink = defaults.link;
    m_timeout->setValue(defaults.link.connectTimeoutMs / 1000);
    m_maxBackoff->setValue(defaults.link.maxBackoffMs / 1000);
    showPinned();

    connect(m_protocol, &QComboBox::currentIndexChanged, this, &ConnectionDialog::rebuildFields);
    connect(m_name, &QLineEdit::textChanged, this, &ConnectionDialog::validate);
    connect(m_url, &QLineEdit::textChanged, this, &ConnectionDialog::validate);
    // Problems show once the user has typed something: a fresh form is not an error.
    for (QLineEdit *edit : {m_name, m_url})
        connect(edit, &QLineEdit::textEdited, this, &ConnectionDialog::markTouched);
    connect(m_protocol, &QComboBox::activated, this, &ConnectionDialog::markTouched);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("CA certificate"), QString(), tr("Certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    connect(forget, &QPushButton::clicked, this, [this] {
        m_baseLink.pinnedCertificates.clear();
        showPinned();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    rebuildFields();
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::rebuildFields()
{
    // Keep what was typed in fields the next protocol shares.
    const EndpointConfig before = config();
    while (m_fieldsForm->rowCount() > 0)
        m_fieldsForm->removeRow(0);
    m_fieldEditors.clear();
    const ProtocolInfo *info = m_workspace->protocols().find(m_protocol->currentData().toString());
    if (!info)
        return;
    m_url->setPlaceholderText(info->urlPlaceholder);
    m_urlHelp->setText(info->urlHelp);
    m_urlHelp->setVisible(!info->urlHelp.isEmpty());
    for (const ProtocolField &field : info->fields) {
        const QString label = field.label + (field.required ? QStringLiteral(":") : tr(" (optional):"));
        QWidget *editor = nullptr;
        switch (field.kind) {
        case ProtocolField::Kind::Bool: {
            auto *box = new QCheckBox(this);
            box->setChecked(before.options.value(field.key).toBool());
            connect(box, &QCheckBox::toggled, this, &ConnectionDialog::validate);
            editor = box;
            break;
        }
        case ProtocolField::Kind::Number: {
            auto *spin = new QSpinBox(this);
            spin->setRange(0, 1000000);
            spin->setValue(before.options.value(field.key).toInt());
            connect(spin, &QSpinBox::valueChanged, this, &ConnectionDialog::validate);
            editor = spin;
            break;
        }
        case ProtocolField::Kind::Text:
        case ProtocolField::Kind::Secret: {
            auto *line = new QLineEdit(this);
            line->setPlaceholderText(field.placeholder);
            if (field.kind == ProtocolField::Kind::Secret) {
                line->setEchoMode(QLineEdit::Password);
                line->setText(field.key == QLatin1String("secret") ? before.secret : QString());
            } else {
                line->setText(before.options.value(field.key).toString());
            }
            connect(line, &QLineEdit::textChanged, this, &ConnectionDialog::validate);
            connect(line, &QLineEdit::textEdited, this, &ConnectionDialog::markTouched);
            editor = line;
            break;
        }
        }
        editor->setToolTip(field.help);
        editor->setObjectName(QStringLiteral("field-") + field.key);
        m_fieldsForm->addRow(label, editor);
        m_fieldEditors.insert(field.key, editor);
    }
    validate();
}

void ConnectionDialog::setConfig(const EndpointConfig &config, bool connectOnStart)
{
    m_name->setText(config.name);
    if (m_protocol->findData(config.protocol) < 0) {
        if (const ProtocolInfo *info = m_workspace->protocols().find(config.protocol))
            m_protocol->addItem(info->displayName, info->id);
    }
    m_protocol->setCurrentIndex(std::max(0, m_protocol->findData(config.protocol)));
    m_url->setText(config.url.toString());
    rebuildFields();
    for (auto it = m_fieldEditors.cbegin(); it != m_fieldEditors.cend(); ++it) {
        const QVariant value =
            it.key() == QLatin1String("secret") ? QVariant(config.secret) : config.options.value(it.key());
        if (auto *line = qobject_cast<QLineEdit *>(it.value()))
            line->setText(value.toString());
        else if (auto *box = qobject_cast<QCheckBox *>(it.value()))
            box->setChecked(value.toBool());
        else if (auto *spin = qobject_cast<QSpinBox *>(it.value()))
            spin->setValue(value.toInt());
    }
    m_baseLink = config.link;
    showPinned();
    m_insecure->setChecked(config.link.insecure);
    m_caFile->setText(config.link.caFile);
    m_timeout->setValue(config.link.connectTimeoutMs / 1000);
    m_maxBackoff->setValue(config.link.maxBackoffMs / 1000);
    m_connectOnStart->setChecked(connectOnStart);
    m_touched = true; // an existing connection: what is wrong with it is worth saying at once
    validate();
}

void ConnectionDialog::markTouched()
{
    if (m_touched)
        return;
    m_touched = true;
    validate();
}

void ConnectionDialog::showPinned()
{
    const QStringList pins = m_baseLink.pinnedCertificates;
    // A fingerprint is 95 characters: its start and end tell certificates apart; all of it is in
    // the tooltip (and in the event that said it was accepted).
    QStringList shown;
    for (const QString &pin : pins)
        shown << (pin.size() > 24 ? pin.left(11) + QStringLiteral("…") + pin.right(11) : pin);
    m_pinned->setText(tr("SHA-256 %1").arg(shown.join(QLatin1String(", "))));
    m_pinned->setToolTip(pins.join(QLatin1Char('\n')));
    m_advancedForm->setRowVisible(m_pinnedRow, !pins.isEmpty());
}

EndpointConfig ConnectionDialog::config() const
{
    EndpointConfig config;
    config.name = m_name->text().trimmed();
    config.protocol = m_protocol->currentData().toString();
    config.url = QUrl::fromUserInput(m_url->text().trimmed());
    if (m_url->text().trimmed().isEmpty())
        config.url = QUrl();
    for (auto it = m_fieldEditors.cbegin(); it != m_fieldEditors.cend(); ++it) {
        QVariant value;
        if (auto *line = qobject_cast<QLineEdit *>(it.value()))
            value = line->text().trimmed();
        else if (auto *box = qobject_cast<QCheckBox *>(it.value()))
            value = box->isChecked();
        else if (auto *spin = qobject_cast<QSpinBox *>(it.value()))
            value = spin->value();
        if (it.key() == QLatin1String("secret"))
            config.secret = value.toString();
        else if (!(value.typeId() == QMetaType::QString && value.toString().isEmpty()))
            config.options.insert(it.key(), value);
    }
    config.link = m_baseLink;
    config.link.insecure = m_insecure->isChecked();
    config.link.caFile = m_caFile->text().trimmed();
    config.link.connectTimeoutMs = m_timeout->value() * 1000;
    config.link.maxBackoffMs = m_maxBackoff->value() * 1000;
    return config;
}

bool ConnectionDialog::rememberSecret() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

bool ConnectionDialog::connectOnStart() const
{
    return m_connectOnStart->isChecked();
}

QString ConnectionDialog::fieldProblem(const EndpointConfig &current) const
{
    const ProtocolInfo *info = m_workspace->protocols().find(current.protocol);
    if (!info)
        return QString();
    for (const ProtocolField &field : info->fields) {
        if (field.pattern.isEmpty())
            continue;
        const QString value = field.key == QLatin1String("secret") ? current.secret : current.option(field.key);
        const QRegularExpression form(QRegularExpression::anchoredPattern(field.pattern));
        if (!value.isEmpty() && !form.match(value).hasMatch())
            return tr("%1: %2 expected (this has %n character(s)).", nullptr, static_cast<int>(value.size()))
                .arg(field.label, field.patternHelp);
    }
    return QString();
}

void ConnectionDialog::validate()
{
    const EndpointConfig current = config();
    QString problem;
    if (current.name.isEmpty())
        problem = tr("Give the connection a name.");
    else if (m_takenNames.contains(current.name))
        problem = tr("Another connection is called \"%1\".").arg(current.name);
    else if (!m_workspace->protocols().validate(current, &problem))
        problem[0] = problem.at(0).toUpper();
    else
        problem = fieldProblem(current);
    m_problem = problem;
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(m_touched && !problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setToolTip(problem);
    m_test->setEnabled(problem.isEmpty());
    // A test's result was about the fields as they were: it no longer applies.
    if (!m_testResult->text().isEmpty()) {
        m_running.reset();
        m_testResult->clear();
    }
}

void ConnectionDialog::testConnection()
{
    m_running.reset(m_workspace->testConnection(config()));
    m_testResult->setText(tr("Connecting…"));
    m_testResult->setPalette(palette());
    connect(m_running.get(), &ConnectionTest::progress, this, [this](LinkState state, const QString &) {
        m_testResult->setText(linkStateName(state) + QStringLiteral("…"));
    });
    connect(m_running.get(), &ConnectionTest::finished, this, &ConnectionDialog::showTestResult);
}

void ConnectionDialog::showTestResult(bool ok, const QString &detail)
{
    QPalette pal = palette();
    pal.setColor(QPalette::WindowText,
        ok ? StatusColors::forState(LinkState::Ready) : StatusColors::forSeverity(Severity::Error, palette()));
    m_testResult->setPalette(pal);
    m_testResult->setText(ok ? tr("✓ Ready — %1").arg(detail) : tr("✗ %1").arg(detail));
    Q_EMIT testFinished(ok, detail);
}

} // namespace fleetscope::ui
