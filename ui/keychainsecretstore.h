#pragma once

#include "ui/memorysecretstore.h"

namespace fleetscope::ui {

// Secrets in the system keychain through QtKeychain (Secret Service, KWallet, macOS Keychain,
// Windows Credential Store), under the service "Fleetscope". QtKeychain's plain-text fallback is
// off: when no keychain answers, secrets stay in memory for the session and isPersistent()
// turns false, so the UI asks for them at the next start instead.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(QObject *parent = nullptr);

    bool isPersistent() const override { return m_available; }
    void read(const QString &key, QObject *context, ReadDone done) override;
    void write(const QString &key, const QString &secret) override;
    void remove(const QString &key) override;

private:
    void markUnavailable(const QString &why);

    bool m_available = true;
    MemorySecretStore m_session; // what this session learned, keychain or not
};

} // namespace fleetscope::ui
