#pragma once

#include "core/endpoint/endpointconfig.h"

#include <QSet>
#include <QString>
#include <QVector>

namespace fleetscope {
class ProtocolRegistry;
}

namespace fleetscope::ui {

// A saved connection: the endpoint's config without its secret, whether to connect at start, and
// the topics it was subscribed to.
struct Profile
{
    EndpointConfig config; // config.secret is always empty here
    bool connectOnStart = true;
    QStringList subscriptions;
};

// The user's connections as JSON (profiles.json in the config directory). Secrets never go in:
// neither EndpointConfig::secret nor any option a protocol declares as a secret field; they live
// in the SecretStore.
//
// Threading: GUI thread. Owned by main, shared by the window's controllers.
class ProfileStore
{
public:
    ProfileStore(const QString &directory, const ProtocolRegistry &registry);

    QString fileName() const;
    // Empty with *error set when the file exists but cannot be read; empty without error when
    // there is none yet.
    QVector<Profile> load(QString *error = nullptr) const;
    bool save(const QVector<Profile> &profiles, QString *error = nullptr) const;

private:
    QSet<QString> secretOptionKeys(const QString &protocol) const;

    QString m_directory;
    const ProtocolRegistry &m_registry;
};

} // namespace fleetscope::ui
