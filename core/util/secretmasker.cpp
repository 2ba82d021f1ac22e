#include "core/util/secretmasker.h"

#include <QJsonValue>
#include <QRegularExpression>

#include <algorithm>

namespace fleetscope {

const QString SecretMasker::kMask = QStringLiteral("***");

namespace {

// Names of JSON members and query parameters whose value is a credential.
const QString kSecretName = QStringLiteral(
    R"((?:[A-Za-z_-]*(?:token|password|passwd|secret|apikey|api_key|private_key|cik)[A-Za-z_-]*|key|pwd|otp_code|auth|authorization))");

const QRegularExpression &jsonMemberPattern()
{
    // "name" : "value" (value with escapes); the value group is replaced.
    static const QRegularExpression re(QStringLiteral(R"(("%1"\s*:\s*")((?:[^"\\]|\\.)*)("))").arg(kSecretName),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &queryPattern()
{
    static const QRegularExpression re(
        QStringLiteral(R"(([?&;]%1=)([^&#\s"'<>\\]+))").arg(kSecretName), QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &userInfoPattern()
{
    // scheme://user:password@host
    static const QRegularExpression re(
        QStringLiteral(R"(([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@"'<>]*:)([^@/\s"'<>]+)(@))"));
    return re;
}

const QRegularExpression &authorizationPattern()
{
    // Authorization: Bearer x / Basic x / OpenTera x (also as "authorization":"Bearer x" in JSON,
    // which jsonMemberPattern already covers whole).
    static const QRegularExpression re(
        QStringLiteral(R"((authorization\s*[:=]\s*(?:[A-Za-z]+\s+)?)([A-Za-z0-9._~+/=-]{4,}))"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &jwtPattern()
{
    static const QRegularExpression re(
        QStringLiteral(R"(()(eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*)())"));
    return re;
}

const QRegularExpression &websocketIdPattern()
{
    // OpenTera's websocket_url: wss://host:port/wss/user?id=<single-use key>.
    static const QRegularExpression re(QStringLiteral(R"((/wss/[^\s"'?]*\?(?:[^\s"'#]*&)?id=)([^&#\s"'<>\\]+)())"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

// Replaces capture group 2 of every match with the mask, keeping groups 1 and 3.
QString replaceSecretGroup(const QString &text, const QRegularExpression &re)
{
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    if (!it.hasNext())
        return text;
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedLength(2) == 0 || match.captured(2) == SecretMasker::kMask)
            continue;
        out += QStringView(text).mid(last, match.capturedStart(2) - last);
        out += SecretMasker::kMask;
        last = match.capturedEnd(2);
    }
    out += QStringView(text).mid(last);
    return out;
}

// Cheap test before the regular expressions run: most payloads hold none of these words.
bool mayHoldCredential(const QString &text)
{
    static const QLatin1String kTriggers[] = {QLatin1String("token"), QLatin1String("pass"), QLatin1String("secret"),
        QLatin1String("key"), QLatin1String("cik"), QLatin1String("pwd"), QLatin1String("otp_code"),
        QLatin1String("auth"), QLatin1String("eyJ"), QLatin1String("/wss/"), QLatin1String("@")};
    for (const QLatin1String &trigger : kTriggers) {
        if (text.contains(trigger, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

SecretMasker::SecretMasker() = default;

void SecretMasker::addSecret(const QString &secret)
{
    if (secret.size() < 4)
        return;
    QStringList forms {secret, QString::fromLatin1(QUrl::toPercentEncoding(secret))};
    // The JSON-escaped form, as the secret appears inside a JSON string.
    QString escaped = QJsonValue(secret).toString();
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    forms << escaped;
    QWriteLocker locker(&m_lock);
    for (const QString &form : std::as_const(forms)) {
        if (!m_secrets.contains(form))
            m_secrets << form;
    }
    // Longest first, so that a secret containing another is masked whole.
    std::sort(
        m_secrets.begin(), m_secrets.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

QStringList SecretMasker::secretsForTest() const
{
    QReadLocker locker(&m_lock);
    return m_secrets;
}

QString SecretMasker::maskKnown(QString text) const
{
    QReadLocker locker(&m_lock);
    for (const QString &secret : m_secrets) {
        if (text.contains(secret, Qt::CaseInsensitive))
            text.replace(secret, kMask, Qt::CaseInsensitive);
    }
    return text;
}

QString SecretMasker::mask(const QString &text) const
{
    QString out = maskKnown(text);
    if (!mayHoldCredential(out))
        return out;
    for (const QRegularExpression *re : {&jsonMemberPattern(), &queryPattern(), &userInfoPattern(),
             &authorizationPattern(), &jwtPattern(), &websocketIdPattern()})
        out = replaceSecretGroup(out, *re);
    return out;
}

QByteArray SecretMasker::maskBytes(const QByteArray &data) const
{
    QByteArray out = data;
    QReadLocker locker(&m_lock);
    for (const QString &secret : m_secrets) {
        const QByteArray needle = secret.toUtf8();
        for (qsizetype at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, at + needle.size()))
            std::fill(out.begin() + at, out.begin() + at + needle.size(), '*');
    }
    return out;
}

QString SecretMasker::maskUrl(const QUrl &url) const
{
    return mask(url.toString(QUrl::FullyEncoded));
}

} // namespace fleetscope
