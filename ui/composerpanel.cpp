#include "ui/composerpanel.h"

#include "core/endpoint/protocolregistry.h"
#include "core/workspace/payloadcheck.h"
#include "core/workspace/templatelibrary.h"
#include "core/workspace/workspace.h"
#include "ui/elidingcombobox.h"
#include "ui/payloadeditor.h"
#include "ui/statuscolors.h"
#include "ui/themedicon.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStringListModel>
#include <QVBoxLayout>

namespace fleetscope::ui {

namespace {
constexpr int kHistoryLimit = 200;
enum HistoryRole { EndpointRole = Qt::UserRole + 1, TargetRole, PayloadRole, WritesRole };

QString oneLine(const QString &text, int limit)
{
    QString line = text.simplified();
    return line.size() > limit ? line.left(limit - 1) + QStringLiteral("…") : line;
}
} // namespace

ComposerPanel::ComposerPanel(Workspace *workspace, const TemplateLibrary *templates, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_templates(templates)
    , m_endpoint(new ElidingComboBox(this))
    , m_target(new QLineEdit(this))
    , m_paths(new QStringListModel(this))
    , m_completer(new QCompleter(m_paths, this))
    , m_template(new ElidingComboBox(this))
    , m_about(new QLabel(this))
    , m_editor(new PayloadEditor(this))
    , m_problem(new QLabel(this))
    , m_send(new QPushButton(themedIcon(QStringLiteral("send")), tr("Sen&d"), this))
    , m_sendAction(new QAction(themedIcon(QStringLiteral("send")), tr("Send Command"), this))
    , m_reply(new QPlainTextEdit(this))
    , m_history(new QListWidget(this))
    , m_resend(new QPushButton(themedIcon(QStringLiteral("resend")), tr("Send &Again"), this))
{
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setMaxVisibleItems(12);
    m_target->setCompleter(m_completer);
    m_target->setPlaceholderText(tr("Topic path (completes from the tree)"));
    m_template->setPlaceholderText(tr("Templates…"));
    // Long names elide in a narrow dock instead of pushing the combos past its edge.
    for (QComboBox *box : {m_endpoint, m_template}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(12);
    }
    m_about->setWordWrap(true);
    m_about->setForegroundRole(QPalette::PlaceholderText);
    m_about->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_send->setToolTip(tr("Check the payload and send it (Ctrl+Enter)"));
    m_send->setDefault(true);
    m_reply->setReadOnly(true);
    m_reply->setPlaceholderText(tr("The reply appears here"));
    m_reply->setFont(m_editor->font());
    m_history->setAlternatingRowColors(true);
    m_history->setToolTip(tr("Double-click to load a command into the editor"));
    m_resend->setEnabled(false);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Endpoint:"), m_endpoint);
    form->addRow(tr("&Target:"), m_target);
    form->addRow(tr("Te&mplate:"), m_template);

    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_problem, 1);
    sendRow->addWidget(m_send);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(form);
    topLayout->addWidget(m_about);
    topLayout->addWidget(m_editor, 1);
    topLayout->addLayout(sendRow);

    auto *historyBox = new QWidget(this);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    auto *historyHeader = new QHBoxLayout;
    historyHeader->addWidget(new QLabel(tr("<b>History</b>"), this), 1);
    historyHeader->addWidget(m_resend);
    historyLayout->addLayout(historyHeader);
    historyLayout->addWidget(m_history);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_reply);
    splitter->addWidget(historyBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    // Ctrl+Enter sends while the focus is in the composer (both Enter keys: one action).
    m_sendAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_sendAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_sendAction);
    connect(m_sendAction, &QAction::triggered, this, &ComposerPanel::send);
    m_liveCheck.setSingleShot(true);
    m_liveCheck.setInterval(400);
    connect(&m_liveCheck, &QTimer::timeout, this, &ComposerPanel::checkLive);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] { m_liveCheck.start(); });
    connect(m_send, &QPushButton::clicked, this, &ComposerPanel::send);
    connect(m_endpoint, &QComboBox::currentIndexChanged, this, &ComposerPanel::onEndpointChanged);
    connect(m_template, &QComboBox::activated, this, &ComposerPanel::onTemplateChosen);
    connect(m_history, &QListWidget::itemDoubleClicked, this, &ComposerPanel::loadHistory);
    connect(m_history, &QListWidget::currentRowChanged, this, [this](int row) { m_resend->setEnabled(row >= 0); });
    connect(m_resend, &QPushButton::clicked, this, [this] { resend(m_history->currentRow()); });
    connect(workspace, &Workspace::endpointAdded, this, &ComposerPanel::refreshEndpoints);
    connect(workspace, &Workspace::endpointRemoved, this, &ComposerPanel::refreshEndpoints);
    connect(workspace, &Workspace::browseFinished, this, [this](const QString &endpoint) {
        if (endpoint == m_endpoint->currentText())
            refreshCompletion();
    });
    connect(workspace, &Workspace::commandFinished, this, &ComposerPanel::onReply);
    refreshEndpoints();
}

void ComposerPanel::refreshEndpoints()
{
    const QString current = m_endpoint->currentText();
    {
        const QSignalBlocker blocker(m_endpoint);
        m_endpoint->clear();
        for (const QString &name : m_workspace->endpointNames())
            m_endpoint->addItem(name);
        m_endpoint->setCurrentIndex(std::max(0, m_endpoint->findText(current)));
    }
    if (m_endpoint->currentText() != current)
        onEndpointChanged();
    m_send->setEnabled(m_endpoint->count() > 0);
}

void ComposerPanel::onEndpointChanged()
{
    refreshTemplates();
    refreshCompletion();
    // What belonged to the previous endpoint goes: the reply and the outcome always; the payload and
    // template when the protocol differs; the target unless this endpoint has that path too.
    const QString endpoint = m_endpoint->currentText();
    const QString protocol = endpoint.isEmpty() ? QString() : m_workspace->config(endpoint).protocol;
    const QString target = m_target->text().trimmed();
    if (protocol != m_protocol) {
        m_editor->clear();
        m_confirm = false;
        m_writes = false;
        m_target->clear();
    } else if (!target.isEmpty() && !m_paths->stringList().contains(target)) {
        m_target->clear();
    }
    m_protocol = protocol;
    clearOutcome();
}

void ComposerPanel::clearOutcome()
{
    m_liveCheck.stop();
    m_problem->clear();
    m_reply->clear();
}

void ComposerPanel::refreshTemplates()
{
    m_template->clear();
    const QString endpoint = m_endpoint->currentText();
    if (endpoint.isEmpty()) {
        m_about->clear();
        return;
    }
    const TemplateSet &set = m_templates->templates(m_workspace->config(endpoint).protocol);
    for (const CommandTemplate &item : set.templates)
        m_template->addItem(item.confirm ? item.name + tr(" (asks first)") : item.name, item.name);
    m_template->setCurrentIndex(-1);
    // The protocol's notes: the first sentence in the panel (a narrow dock keeps room for the
    // editor), all of them on hover.
    const QString about = set.error.isEmpty() ? set.about : set.error;
    const qsizetype stop = about.indexOf(QLatin1String(". "));
    m_about->setText(stop > 0 ? about.left(stop + 1) + QStringLiteral(" …") : about);
    m_about->setToolTip(about);
    m_about->setVisible(!about.isEmpty());
    m_editor->setPlaceholderText(payloadSyntax() == PayloadSyntax::TextOrJson
            ? tr("Payload: plain text, or JSON. Ctrl+Enter sends.")
            : tr("Payload (JSON). Ctrl+Enter sends."));
}

PayloadSyntax ComposerPanel::payloadSyntax() const
{
    const QString endpoint = m_endpoint->currentText();
    const ProtocolInfo *info =
        endpoint.isEmpty() ? nullptr : m_workspace->protocols().find(m_workspace->config(endpoint).protocol);
    return info ? info->payloadSyntax : PayloadSyntax::Json;
}

void ComposerPanel::refreshCompletion()
{
    m_paths->setStringList(m_workspace->topics()->paths(m_endpoint->currentText()));
}

bool ComposerPanel::setEndpoint(const QString &endpoint)
{
    const int index = m_endpoint->findText(endpoint);
    if (index < 0)
        return false;
    m_endpoint->setCurrentIndex(index);
    return true;
}

void ComposerPanel::setTarget(const QString &target)
{
    m_target->setText(target);
}

void ComposerPanel::setPayload(const QString &payload)
{
    m_editor->setPlainText(payload);
}

void ComposerPanel::composeTo(const QString &endpoint, const QString &path)
{
    setEndpoint(endpoint);
    if (path != m_target->text())
        clearOutcome();
    setTarget(path);
    m_editor->setFocus();
}

bool ComposerPanel::applyTemplate(const QString &name)
{
    const int index = m_template->findData(name);
    if (index < 0)
        return false;
    m_template->setCurrentIndex(index);
    onTemplateChosen(index);
    return true;
}

void ComposerPanel::onTemplateChosen(int index)
{
    const QString name = m_template->itemData(index).toString();
    const TemplateSet &set = m_templates->templates(m_workspace->config(m_endpoint->currentText()).protocol);
    for (const CommandTemplate &item : set.templates) {
        if (item.name != name)
            continue;
        // ${path} in a template's target means "the topic you chose": keep the current target.
        const QString current = m_target->text();
        if (item.target != QLatin1String("${path}"))
            setTarget(QString(item.target).replace(QLatin1String("${path}"), current));
        setPayload(prettyPayload(item.payload));
        m_confirm = item.confirm;
        m_writes = item.writes;
        clearOutcome();
        // A value the user must supply is selected so that typing replaces it: a ${value}
        // placeholder, or the whole of a plain value ("21.5", not "21.542" after typing 42).
        if (!m_editor->selectText(QStringLiteral("${value}"))) {
            if (opensLikeJson(item.payload))
                m_editor->moveCursor(QTextCursor::End);
            else
                m_editor->selectAll();
        }
        m_editor->setFocus();
        return;
    }
}

void ComposerPanel::showProblem(const QString &text)
{
    QPalette pal = m_problem->palette();
    pal.setColor(QPalette::WindowText, StatusColors::forSeverity(Severity::Error, palette()));
    m_problem->setPalette(pal);
    m_problem->setText(text);
}

void ComposerPanel::checkLive()
{
    // A quiet hint while typing; send() is where a problem blocks.
    const PayloadProblem problem = checkPayload(m_editor->toPlainText(), payloadSyntax());
    if (problem.ok || m_editor->toPlainText().trimmed().isEmpty()) {
        m_problem->clear();
        return;
    }
    QPalette pal = m_problem->palette();
    pal.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    m_problem->setPalette(pal);
    m_problem->setText(tr("Line %1, column %2: %3").arg(problem.line).arg(problem.column).arg(problem.message));
}

bool ComposerPanel::send()
{
    m_liveCheck.stop();
    const QString endpoint = m_endpoint->currentText();
    if (endpoint.isEmpty()) {
        showProblem(tr("Add a connection first."));
        return false;
    }
    const QString payload = m_editor->toPlainText();
    // No payload at all is a command without a body (OpenTera's GET calls); the adapter refuses it
    // with a reason where its protocol needs one. Anything else must be what the protocol takes:
    // JSON, or for Intu and Exosite also plain text.
    const PayloadProblem problem =
        payload.trimmed().isEmpty() ? PayloadProblem {} : checkPayload(payload, payloadSyntax());
    if (!problem.ok) {
        showProblem(tr("Not sent — line %1, column %2: %3").arg(problem.line).arg(problem.column).arg(problem.message));
        m_editor->showProblem(problem.position);
        return false;
    }
    if (m_confirm
        && QMessageBox::question(
               this, tr("Send command"), tr("This template changes data on %1. Send it?").arg(endpoint))
            != QMessageBox::Yes)
        return false;
    Command command;
    command.target = m_target->text().trimmed();
    command.payload = payload;
    if (!confirmWrite(endpoint, command))
        return false;
    const quint64 id = m_workspace->send(endpoint, command);

    auto *item = new QListWidgetItem(themedIcon(QStringLiteral("history")),
        QStringLiteral("%1  %2 → %3  %4")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")), endpoint,
                command.target.isEmpty() ? QStringLiteral("*") : command.target, oneLine(payload, 60)));
    item->setData(EndpointRole, endpoint);
    item->setData(TargetRole, command.target);
    item->setData(PayloadRole, payload);
    item->setData(WritesRole, m_writes);
    item->setToolTip(payload);
    m_history->insertItem(0, item);
    while (m_history->count() > kHistoryLimit)
        delete m_history->takeItem(m_history->count() - 1);
    m_pending.insert(id, item);
    m_problem->setText(tr("Sending…"));
    m_problem->setPalette(palette());
    m_reply->clear();
    Q_EMIT sent(id);
    return true;
}

bool ComposerPanel::confirmWrite(const QString &endpoint, const Command &command)
{
    // A write to a device is confirmed the first time per target and session (unless turned off).
    const QString key = endpoint + QLatin1Char('\n') + command.target;
    if (!m_writes || !m_confirmWrites || m_confirmedWrites.contains(key))
        return true;
    QMessageBox box(QMessageBox::Question, tr("Write to a device"),
        tr("Write %1 to %2 on %3?").arg(oneLine(command.payload, 80), command.target, endpoint),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box.button(QMessageBox::Yes)->setText(tr("Write"));
    box.setInformativeText(tr("Later writes to this target are sent without asking until Fleetscope restarts."));
    auto *dontAsk = new QCheckBox(tr("Do not ask before writes"), &box);
    box.setCheckBox(dontAsk);
    if (box.exec() != QMessageBox::Yes) {
        showProblem(tr("Not sent."));
        return false;
    }
    m_confirmedWrites.insert(key);
    if (dontAsk->isChecked())
        setConfirmWrites(false);
    return true;
}

void ComposerPanel::setConfirmWrites(bool on)
{
    if (on == m_confirmWrites)
        return;
    m_confirmWrites = on;
    Q_EMIT confirmWritesChanged(on);
}

void ComposerPanel::loadHistory(QListWidgetItem *item)
{
    setEndpoint(item->data(EndpointRole).toString());
    setTarget(item->data(TargetRole).toString());
    setPayload(item->data(PayloadRole).toString());
    m_confirm = false;
    m_writes = item->data(WritesRole).toBool();
}

bool ComposerPanel::resend(int row)
{
    QListWidgetItem *item = m_history->item(row);
    if (!item)
        return false;
    loadHistory(item);
    return send();
}

void ComposerPanel::onReply(const QString &endpoint, const CommandReply &reply)
{
    QListWidgetItem *item = m_pending.take(reply.id);
    if (!item)
        return; // someone else's command
    item->setIcon(StatusColors::dot(StatusColors::forState(reply.ok ? LinkState::Ready : LinkState::Failed)));
    item->setToolTip(item->data(PayloadRole).toString() + QStringLiteral("\n\n") + reply.detail);
    if (reply.ok) {
        QPalette pal = m_problem->palette();
        pal.setColor(QPalette::WindowText, StatusColors::forState(LinkState::Ready));
        m_problem->setPalette(pal);
        m_problem->setText(tr("✓ %1: %2").arg(endpoint, oneLine(reply.detail, 160)));
    } else {
        showProblem((reply.refusedLocally ? tr("✗ Refused: %1") : tr("✗ %1")).arg(oneLine(reply.detail, 160)));
    }
    const QJsonDocument json = QJsonDocument::fromJson(reply.payload.toUtf8());
    m_reply->setPlainText(reply.detail + QStringLiteral("\n\n")
        + (json.isNull() ? reply.payload : QString::fromUtf8(json.toJson(QJsonDocument::Indented))));
    Q_EMIT replied(reply.id, reply.ok);
}

QString ComposerPanel::problemText() const
{
    return m_problem->text();
}

QString ComposerPanel::replyText() const
{
    return m_reply->toPlainText();
}

} // namespace fleetscope::ui
