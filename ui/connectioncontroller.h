#pragma once

#include "core/endpoint/endpointconfig.h"

#include <QHash>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QVector>

#include <functional>

class QWidget;

namespace fleetscope {
class Workspace;
}

namespace fleetscope::ui {

class ProfileStore;
class SecretStore;

// What happens when the user manages connections: the connection dialog for new and edited ones,
// saving profiles (without secrets) and secrets (keychain), asking for a secret that is not stored,
// connecting, disconnecting and removing; and bringing the saved connections back at start.
//
// Threading: GUI thread. Owned by the MainWindow; `dialogParent` parents its dialogs.
class ConnectionController : public QObject
{
    Q_OBJECT

public:
    // `persist`: false in demo mode (nothing is saved or restored).
    ConnectionController(
        Workspace *workspace, ProfileStore *profiles, SecretStore *secrets, bool persist, QWidget *dialogParent);

    // Adds every saved connection and connects those marked so (asking for secrets as needed).
    void restoreProfiles();
    // Writes profiles.json from the workspace (names, configs, subscriptions).
    void saveProfiles();

    void newConnection();
    void editConnection(const QString &name);
    void removeConnection(const QString &name);
    // Connects, first fetching the secret from the keychain or asking for it.
    void connectEndpoint(const QString &name);
    void disconnectEndpoint(const QString &name);

private:
    static QString secretKey(const QString &name);
    bool needsSecret(const EndpointConfig &config) const;
    void withSecret(const QString &name, std::function<void()> then);
    // Asks for the secrets missing, all in one SecretPromptDialog once the keychain has answered
    // for the endpoints being restored; an endpoint left without one is noted in the log.
    void askNext();
    void askPending();
    void acceptDialog(const QString &previousName, const EndpointConfig &config, bool remember, bool connectOnStart);

    Workspace *m_workspace;
    ProfileStore *m_profiles;
    SecretStore *m_secrets;
    bool m_persist;
    QPointer<QWidget> m_dialogParent;
    QHash<QString, bool> m_connectOnStart;
    QVector<QPair<QString, std::function<void()>>> m_toAsk;
    bool m_asking = false;
    bool m_askQueued = false;
};

} // namespace fleetscope::ui
