#pragma once

#include <QByteArray>
#include <QReadWriteLock>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace fleetscope {

// Removes secrets from text before it is stored or shared: the event log on disk (EventStore),
// session recordings (RecordingWriter) and exports. Two layers:
//  - the exact secrets the program holds (every endpoint's CIK, token or password, added by whoever
//    creates the endpoint), in their plain, percent-encoded and JSON-escaped forms;
//  - patterns that look like credentials wherever they come from: JSON members and URL query
//    parameters named like keys, tokens and passwords, a URL's user password, Authorization
//    header values, JWTs, and the single-use id of an OpenTera websocket_url.
// A masked secret becomes "***" in text; in binary data only exact secrets are masked, byte for
// byte with '*', so that a binary frame keeps its length and framing.
//
// Owned by whoever assembles the program (main), shared with its users through std::shared_ptr.
// Threading: thread-safe; mask() runs concurrently on any thread (the store's writer thread, a
// recorder's thread), addSecret() may be called from any thread at any time.
class SecretMasker
{
public:
    static const QString kMask; // "***"

    SecretMasker();

    // Secrets shorter than 4 characters are ignored: masking every "ab" would shred the log and
    // such a secret protects nothing anyway.
    void addSecret(const QString &secret);
    QStringList secretsForTest() const;

    QString mask(const QString &text) const;
    QByteArray maskBytes(const QByteArray &data) const;
    QString maskUrl(const QUrl &url) const;

private:
    QString maskKnown(QString text) const;

    mutable QReadWriteLock m_lock;
    QStringList m_secrets; // every form of every secret, longest first
};

} // namespace fleetscope
