#pragma once

#include "core/link/linkoptions.h"

#include <QList>
#include <QSslConfiguration>
#include <QStringList>

#include <functional>

class QSslCertificate;
class QSslError;
class QUrl;

namespace fleetscope {

// The one TLS policy of an endpoint, for its WebSocket links and its REST requests alike: the
// system's CAs plus an extra CA file (`LinkOptions::caFile`; a file that cannot be read fails the
// connection instead of being ignored), and what to do with a certificate that does not verify:
//
// - refuse it (the default), saying why and how to accept it;
// - accept it when it is pinned (`LinkOptions::pinnedCertificates`: the SHA-256 fingerprints the
//   user accepted before, from the profile or `--pin`);
// - with `LinkOptions::insecure` and nothing pinned yet, accept it and pin it for the rest of the
//   endpoint's life (the pinned handler hears of it, so the desktop keeps it with the profile and
//   the CLI prints it); a different certificate later is refused as "changed".
//
// The acceptance covers exactly the certificates the errors name, never "every TLS error": a
// connection the caller does not route here (a redirect to another origin is refused before TLS,
// docs/limits.md) is never accepted by it.
//
// Owned by the Endpoint and shared (std::shared_ptr) with its links and REST clients, so that
// what one of them pinned holds for all. Threading: the endpoint's thread; not thread-safe.
class TlsPolicy
{
public:
    using PinnedHandler = std::function<void(const QString &where, const QString &fingerprint)>;

    explicit TlsPolicy(const LinkOptions &options);

    // The TLS configuration to connect with. False, with *error saying why, when the extra CA file
    // cannot be read or holds no PEM certificate.
    bool configuration(QSslConfiguration *out, QString *error) const;

    struct Verdict
    {
        bool accept = false;
        QString reason; // when refused: one sentence for people (starts with "TLS certificate")
    };
    // Whether to go on despite `errors` on a connection to `where` ("host:port").
    Verdict judge(const QList<QSslError> &errors, const QString &where);

    QStringList pins() const { return m_pins; }
    bool insecure() const { return m_insecure; }
    void setPinnedHandler(PinnedHandler handler) { m_onPinned = std::move(handler); }

    // "host:port" of `url` (the default port of its scheme filled in): what judge() calls `where`.
    static QString where(const QUrl &url);
    // SHA-256 of the DER form, upper-case hex pairs joined by ':' (what `openssl x509 -fingerprint
    // -sha256` prints).
    static QString fingerprint(const QSslCertificate &certificate);
    // `text` as a fingerprint: hex with or without ':' (an optional "sha256:" or "SHA256="
    // prefix); empty when it is not 32 bytes of hex.
    static QString normalizedFingerprint(const QString &text);

private:
    bool m_insecure;
    QString m_caFile;
    QStringList m_pins;
    PinnedHandler m_onPinned;
};

} // namespace fleetscope
