#include "core/net/tlspolicy.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

#include <algorithm>

namespace fleetscope {

TlsPolicy::TlsPolicy(const LinkOptions &options)
    : m_insecure(options.insecure)
    , m_caFile(options.caFile)
{
    for (const QString &pin : options.pinnedCertificates) {
        const QString normalized = normalizedFingerprint(pin);
        if (!normalized.isEmpty() && !m_pins.contains(normalized))
            m_pins << normalized;
    }
}

bool TlsPolicy::configuration(QSslConfiguration *out, QString *error) const
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!m_caFile.isEmpty()) {
        QFile file(m_caFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read CA certificate file %1: %2").arg(m_caFile, file.errorString());
            return false;
        }
        const QList<QSslCertificate> extra = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (extra.isEmpty()) {
            *error = QStringLiteral("cannot read CA certificate file %1: it holds no PEM certificate").arg(m_caFile);
            return false;
        }
        tls.addCaCertificates(extra);
    }
    *out = tls;
    return true;
}

TlsPolicy::Verdict TlsPolicy::judge(const QList<QSslError> &errors, const QString &where)
{
    if (errors.isEmpty())
        return {true, QString()};
    QStringList reasons;
    QStringList presented; // fingerprints of the certificates that did not verify
    bool anonymous = false; // an error about no certificate at all: nothing could be pinned
    for (const QSslError &error : errors) {
        reasons << error.errorString();
        if (error.certificate().isNull()) {
            anonymous = true;
            continue;
        }
        const QString print = fingerprint(error.certificate());
        if (!presented.contains(print))
            presented << print;
    }
    reasons.removeDuplicates();
    if (!anonymous) {
        const bool allPinned = std::all_of(
            presented.cbegin(), presented.cend(), [this](const QString &print) { return m_pins.contains(print); });
        if (allPinned)
            return {true, QString()};
        if (!m_pins.isEmpty())
            return {false,
                QStringLiteral("TLS certificate of %1 changed since it was accepted (accepted SHA-256 %2; now %3): "
                               "if the change is expected, accept the new certificate again (--pin, or forget the "
                               "accepted certificate in the connection settings)")
                    .arg(where, m_pins.join(QLatin1String(", ")), presented.join(QLatin1String(", ")))};
        if (m_insecure) {
            m_pins << presented;
            if (m_onPinned) {
                for (const QString &print : std::as_const(presented))
                    m_onPinned(where, print);
            }
            return {true, QString()};
        }
    }
    return {false,
        QStringLiteral("TLS certificate not trusted: %1 (use --insecure to accept it, or --ca FILE to trust its CA)")
            .arg(reasons.join(QLatin1String("; ")))};
}

QString TlsPolicy::where(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int port = url.port(scheme == QLatin1String("https") || scheme == QLatin1String("wss") ? 443 : 80);
    return QStringLiteral("%1:%2").arg(url.host()).arg(port);
}

QString TlsPolicy::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString TlsPolicy::normalizedFingerprint(const QString &text)
{
    QString hex = text.trimmed();
    static const QRegularExpression prefix(QStringLiteral("^sha-?256[:=]"), QRegularExpression::CaseInsensitiveOption);
    hex.remove(prefix);
    hex.remove(QLatin1Char(':'));
    static const QRegularExpression sha256(QStringLiteral("^[0-9A-Fa-f]{64}$"));
    if (!sha256.match(hex).hasMatch())
        return QString();
    return QString::fromLatin1(QByteArray::fromHex(hex.toLatin1()).toHex(':').toUpper());
}

} // namespace fleetscope
