#pragma once

#include "ui/secretstore.h"

#include <QHash>

namespace fleetscope::ui {

// Secrets held in memory for this session only: what Fleetscope uses where no keychain exists
// (then it asks again at the next start), and what tests use instead of the system keychain.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;

    bool isPersistent() const override { return false; }
    void read(const QString &key, QObject *context, ReadDone done) override;
    void write(const QString &key, const QString &secret) override;
    void remove(const QString &key) override;

private:
    QHash<QString, QString> m_secrets;
};

} // namespace fleetscope::ui
