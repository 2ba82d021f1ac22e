#include "ui/memorysecretstore.h"

#include <QTimer>

namespace fleetscope::ui {

void MemorySecretStore::read(const QString &key, QObject *context, ReadDone done)
{
    const auto it = m_secrets.constFind(key);
    const QString secret = it == m_secrets.constEnd() ? QString() : it.value();
    const QString error = it == m_secrets.constEnd() ? tr("no secret stored for this session") : QString();
    // Asynchronous like a keychain, so callers have one code path.
    QTimer::singleShot(0, context, [done, secret, error] { done(secret, error); });
}

void MemorySecretStore::write(const QString &key, const QString &secret)
{
    m_secrets.insert(key, secret);
}

void MemorySecretStore::remove(const QString &key)
{
    m_secrets.remove(key);
}

} // namespace fleetscope::ui
