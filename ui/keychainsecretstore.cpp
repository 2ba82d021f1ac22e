#include "ui/keychainsecretstore.h"

#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace fleetscope::ui {

namespace {
const QString kService = QStringLiteral("Fleetscope");

bool meansNoKeychain(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError;
}
} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : SecretStore(parent)
{
    // Find out early whether a keychain answers, so the connection dialog can say so.
    auto *probe = new QKeychain::ReadPasswordJob(kService, this);
    probe->setAutoDelete(true);
    probe->setInsecureFallback(false);
    probe->setKey(QStringLiteral("fleetscope-probe"));
    connect(probe, &QKeychain::Job::finished, this, [this](QKeychain::Job *job) {
        if (meansNoKeychain(job->error()))
            markUnavailable(job->errorString());
    });
    probe->start();
}

void KeychainSecretStore::markUnavailable(const QString &why)
{
    if (!m_available)
        return;
    m_available = false;
    qInfo("no system keychain (%s): secrets will be asked for at each start", qPrintable(why));
    Q_EMIT persistenceChanged(false);
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadDone done)
{
    QPointer<QObject> guard(context);
    m_session.read(key, this, [this, key, guard, done](const QString &known, const QString &) {
        if (!guard)
            return;
        if (!known.isEmpty() || !m_available) {
            done(known, known.isEmpty() ? tr("no keychain available") : QString());
            return;
        }
        auto *job = new QKeychain::ReadPasswordJob(kService, this);
        job->setAutoDelete(true);
        job->setInsecureFallback(false);
        job->setKey(key);
        connect(job, &QKeychain::Job::finished, this, [this, key, guard, done](QKeychain::Job *finished) {
            auto *reader = static_cast<QKeychain::ReadPasswordJob *>(finished);
            if (meansNoKeychain(reader->error()))
                markUnavailable(reader->errorString());
            const QString secret = reader->error() == QKeychain::NoError ? reader->textData() : QString();
            if (!secret.isEmpty())
                m_session.write(key, secret);
            if (guard)
                done(secret, secret.isEmpty() ? reader->errorString() : QString());
        });
        job->start();
    });
}

void KeychainSecretStore::write(const QString &key, const QString &secret)
{
    m_session.write(key, secret);
    if (!m_available)
        return;
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *finished) {
        if (meansNoKeychain(finished->error()))
            markUnavailable(finished->errorString());
        else if (finished->error() != QKeychain::NoError)
            qWarning("keychain: could not store a secret: %s", qPrintable(finished->errorString()));
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key)
{
    m_session.remove(key);
    if (!m_available)
        return;
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->start();
}

} // namespace fleetscope::ui
