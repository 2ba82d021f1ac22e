#include "ui/connectioncontroller.h"

#include "core/endpoint/protocolregistry.h"
#include "core/workspace/workspace.h"
#include "ui/connectiondialog.h"
#include "ui/profilestore.h"
#include "ui/secretpromptdialog.h"
#include "ui/secretstore.h"

#include <QMessageBox>

#include <utility>

namespace fleetscope::ui {

ConnectionController::ConnectionController(
    Workspace *workspace, ProfileStore *profiles, SecretStore *secrets, bool persist, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_workspace(workspace)
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_persist(persist)
    , m_dialogParent(dialogParent)
{
    // A certificate the user let an endpoint accept is pinned: keep it with the profile.
    connect(workspace, &Workspace::configChanged, this, [this] { saveProfiles(); });
}

QString ConnectionController::secretKey(const QString &name)
{
    return QStringLiteral("profile/") + name;
}

bool ConnectionController::needsSecret(const EndpointConfig &config) const
{
    const ProtocolInfo *info = m_workspace->protocols().find(config.protocol);
    if (!info || !config.secret.isEmpty())
        return false;
    for (const ProtocolField &field : info->fields) {
        if (field.key == QLatin1String("secret") && field.required)
            return true;
    }
    return false;
}

void ConnectionController::restoreProfiles()
{
    if (!m_persist)
        return;
    QString error;
    const QVector<Profile> profiles = m_profiles->load(&error);
    if (!error.isEmpty())
        qWarning("cannot read the saved connections: %s", qPrintable(error));
    for (const Profile &profile : profiles) {
        QString refused;
        if (!m_workspace->addEndpoint(profile.config, &refused)) {
            qWarning("saved connection \"%s\" skipped: %s", qPrintable(profile.config.name), qPrintable(refused));
            continue;
        }
        m_connectOnStart.insert(profile.config.name, profile.connectOnStart);
        for (const QString &path : profile.subscriptions)
            m_workspace->subscribe(profile.config.name, path);
        if (profile.connectOnStart)
            connectEndpoint(profile.config.name);
    }
}

void ConnectionController::saveProfiles()
{
    if (!m_persist)
        return;
    QVector<Profile> profiles;
    for (const QString &name : m_workspace->endpointNames()) {
        Profile profile;
        profile.config = m_workspace->config(name);
        profile.config.secret.clear();
        profile.connectOnStart = m_connectOnStart.value(name, true);
        profile.subscriptions =
            QStringList(m_workspace->subscriptions(name).cbegin(), m_workspace->subscriptions(name).cend());
        profile.subscriptions.sort();
        profiles.append(profile);
    }
    QString error;
    if (!m_profiles->save(profiles, &error))
        qWarning("cannot save the connections: %s", qPrintable(error));
}

void ConnectionController::withSecret(const QString &name, std::function<void()> then)
{
    if (!needsSecret(m_workspace->config(name))) {
        then();
        return;
    }
    m_secrets->read(secretKey(name), this, [this, name, then](const QString &secret, const QString &) {
        if (!m_workspace->hasEndpoint(name))
            return;
        if (secret.isEmpty()) {
            m_toAsk.append({name, then});
            askNext();
            return;
        }
        m_workspace->setSecret(name, secret);
        then();
    });
}

void ConnectionController::askNext()
{
    // Once the current round of keychain answers is in: one dialog for every endpoint waiting.
    if (m_askQueued)
        return;
    m_askQueued = true;
    QMetaObject::invokeMethod(this, &ConnectionController::askPending, Qt::QueuedConnection);
}

void ConnectionController::askPending()
{
    m_askQueued = false;
    if (m_asking || m_toAsk.isEmpty())
        return;
    const auto waiting = std::exchange(m_toAsk, {});
    SecretPromptDialog dialog(m_secrets->isPersistent(), m_dialogParent);
    QHash<QString, QString> labels;
    for (const auto &[name, then] : waiting) {
        if (!m_workspace->hasEndpoint(name) || labels.contains(name))
            continue;
        const EndpointConfig config = m_workspace->config(name);
        QString label = tr("Secret");
        if (const ProtocolInfo *info = m_workspace->protocols().find(config.protocol)) {
            for (const ProtocolField &field : info->fields) {
                if (field.key == QLatin1String("secret"))
                    label = field.label;
            }
        }
        labels.insert(name, label);
        dialog.addEndpoint(name, label, config.url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo));
    }
    if (labels.isEmpty())
        return;
    m_asking = true;
    dialog.exec();
    m_asking = false;
    for (const auto &[name, then] : waiting) {
        if (!m_workspace->hasEndpoint(name) || !labels.contains(name))
            continue;
        const QString secret = dialog.secret(name);
        if (secret.isEmpty()) {
            // Said where the user will look: the endpoint stays disconnected, and why.
            m_workspace->note(Severity::Warning, name,
                tr("not connected: no %1 given%2")
                    .arg(labels.value(name),
                        m_secrets->isPersistent() ? QString() : tr(" (no system keychain to remember it)")));
            continue;
        }
        m_secrets->write(secretKey(name), secret); // the keychain, or this session's memory
        m_workspace->setSecret(name, secret);
        then();
    }
    if (!m_toAsk.isEmpty())
        askNext();
}

void ConnectionController::connectEndpoint(const QString &name)
{
    withSecret(name, [this, name] { m_workspace->connectEndpoint(name); });
}

void ConnectionController::disconnectEndpoint(const QString &name)
{
    m_workspace->disconnectEndpoint(name);
}

void ConnectionController::newConnection()
{
    ConnectionDialog dialog(m_workspace, m_workspace->endpointNames(), m_secrets->isPersistent(), m_dialogParent);
    dialog.setWindowTitle(tr("New connection"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    acceptDialog(QString(), dialog.config(), dialog.rememberSecret(), dialog.connectOnStart());
}

void ConnectionController::editConnection(const QString &name)
{
    if (!m_workspace->hasEndpoint(name))
        return;
    // The secret may still be in the keychain only: fetch it so the form is complete.
    m_secrets->read(secretKey(name), this, [this, name](const QString &stored, const QString &) {
        if (!m_workspace->hasEndpoint(name))
            return;
        EndpointConfig config = m_workspace->config(name);
        if (config.secret.isEmpty())
            config.secret = stored;
        QStringList taken = m_workspace->endpointNames();
        taken.removeAll(name);
        ConnectionDialog dialog(m_workspace, taken, m_secrets->isPersistent(), m_dialogParent);
        dialog.setWindowTitle(tr("Edit connection"));
        dialog.setConfig(config, m_connectOnStart.value(name, true));
        if (dialog.exec() == QDialog::Accepted)
            acceptDialog(name, dialog.config(), dialog.rememberSecret(), dialog.connectOnStart());
    });
}

void ConnectionController::acceptDialog(
    const QString &previousName, const EndpointConfig &config, bool remember, bool connectOnStart)
{
    QString error;
    const bool ok = previousName.isEmpty() ? m_workspace->addEndpoint(config, &error)
                                           : m_workspace->replaceEndpoint(previousName, config, &error);
    if (!ok) {
        QMessageBox::warning(m_dialogParent, tr("Connection"), error);
        return;
    }
    if (!previousName.isEmpty() && previousName != config.name) {
        m_secrets->remove(secretKey(previousName));
        m_connectOnStart.remove(previousName);
    }
    if (!config.secret.isEmpty()) {
        if (remember)
            m_secrets->write(secretKey(config.name), config.secret);
        else
            m_secrets->remove(secretKey(config.name));
    }
    m_connectOnStart.insert(config.name, connectOnStart);
    if (previousName.isEmpty())
        m_workspace->connectEndpoint(config.name);
    saveProfiles();
}

void ConnectionController::removeConnection(const QString &name)
{
    if (!m_workspace->hasEndpoint(name))
        return;
    const auto answer = QMessageBox::question(m_dialogParent, tr("Remove connection"),
        tr("Remove \"%1\"? Its saved settings and stored secret are deleted; the event log keeps its events.")
            .arg(name));
    if (answer != QMessageBox::Yes)
        return;
    m_workspace->removeEndpoint(name);
    m_secrets->remove(secretKey(name));
    m_connectOnStart.remove(name);
    saveProfiles();
}

} // namespace fleetscope::ui
