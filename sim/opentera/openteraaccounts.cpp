#include "sim/opentera/openteraaccounts.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace fleetscope::sim::opentera {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

QString stableUuid(const QString &seed)
{
    const QByteArray hex = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha1).toHex().left(32);
    return QString::fromLatin1(
        hex.left(8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-' + hex.mid(16, 4) + '-' + hex.mid(20, 12));
}

OpenTeraAccounts::OpenTeraAccounts(const QVariantMap &options)
    : m_tokenLifetimeS(options.value(QStringLiteral("tokenLifetimeS"), 3600).toInt())
    , m_refreshLifetimeS(options.value(QStringLiteral("refreshLifetimeS"), 1800).toInt())
    , m_keyLifetimeMs(options.value(QStringLiteral("keyLifetimeMs"), 60000).toInt())
    , m_lockoutFailures(options.value(QStringLiteral("lockoutFailures"), 5).toInt())
    , m_lockoutWindowMs(options.value(QStringLiteral("lockoutWindowMs"), 120000).toInt())
{
    auto add = [this](const char *login, const QString &first, const QString &last, bool superadmin, bool siteAdmin,
                   const char *twoFactor) {
        SimAccount account;
        account.id = static_cast<int>(m_accounts.size()) + 1;
        account.login = QString::fromLatin1(login);
        account.uuid = stableUuid(QStringLiteral("user/") + account.login);
        account.firstName = first;
        account.lastName = last;
        account.superadmin = superadmin;
        account.siteAdmin = siteAdmin;
        account.twoFactor = QString::fromLatin1(twoFactor);
        m_accounts.append(account);
    };
    add("admin", QStringLiteral("Super"), QStringLiteral("Admin"), true, true, "");
    add("siteadmin", QStringLiteral("Site"), QStringLiteral("Admin"), false, true, "");
    add("clinician1", QStringLiteral("Émilie"), QStringLiteral("Tremblay"), false, false, "");
    add("clinician2", QStringLiteral("Marc"), QStringLiteral("Gagnon"), false, false, "2fa");
    const QVariantMap passwords = options.value(QStringLiteral("passwords")).toMap();
    for (SimAccount &account : m_accounts)
        account.password = passwords.value(account.login, account.login).toString();
}

const SimAccount *OpenTeraAccounts::byUuid(const QString &uuid) const
{
    for (const SimAccount &account : m_accounts) {
        if (account.uuid == uuid)
            return &account;
    }
    return nullptr;
}

const SimAccount *OpenTeraAccounts::byLogin(const QString &login) const
{
    for (const SimAccount &account : m_accounts) {
        if (account.login == login)
            return &account;
    }
    return nullptr;
}

const SimAccount *OpenTeraAccounts::byId(int id) const
{
    for (const SimAccount &account : m_accounts) {
        if (account.id == id)
            return &account;
    }
    return nullptr;
}

OpenTeraAccounts::Check OpenTeraAccounts::checkPassword(
    const QString &login, const QString &password, const SimAccount **account)
{
    const qint64 now = nowMs();
    QVector<qint64> &failures = m_failures[login];
    failures.erase(
        std::remove_if(failures.begin(), failures.end(), [&](qint64 t) { return now - t > m_lockoutWindowMs; }),
        failures.end());
    if (failures.size() >= m_lockoutFailures)
        return Check::LockedOut; // even the right password, until the window passes
    const SimAccount *found = byLogin(login);
    if (!found || password != found->password) {
        failures.append(now);
        return Check::BadCredentials;
    }
    failures.clear();
    *account = found;
    return Check::Ok;
}

QByteArray OpenTeraAccounts::sign(const QByteArray &data) const
{
    return QMessageAuthenticationCode::hash(
        data, QByteArrayLiteral("fleetscope-sim-opentera"), QCryptographicHash::Sha256);
}

QString OpenTeraAccounts::issueToken(const QString &userUuid, int lifetimeS)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject header {
        {QStringLiteral("alg"), QStringLiteral("HS256")}, {QStringLiteral("typ"), QStringLiteral("JWT")}};
    const QJsonObject payload {{QStringLiteral("user_uuid"), userUuid}, {QStringLiteral("iat"), now},
        {QStringLiteral("exp"), now + lifetimeS}, {QStringLiteral("jti"), QString::number(++m_serial)}};
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const QString token = QString::fromLatin1(signingInput + '.' + base64Url(sign(signingInput)));
    m_userByToken.insert(token, userUuid);
    remember(token);
    return token;
}

void OpenTeraAccounts::remember(const QString &secret)
{
    m_issued << secret;
    if (m_issued.size() > kRememberedSecrets)
        m_issued.removeFirst();
}

QString OpenTeraAccounts::userForToken(const QString &token) const
{
    const QString user = m_userByToken.value(token);
    if (user.isEmpty())
        return QString();
    const QStringList parts = token.split(QLatin1Char('.'));
    const QJsonObject payload =
        QJsonDocument::fromJson(QByteArray::fromBase64(parts.value(1).toLatin1(), QByteArray::Base64UrlEncoding))
            .object();
    if (payload.value(QLatin1String("exp")).toInteger() < QDateTime::currentSecsSinceEpoch())
        return QString(); // expired
    return user;
}

QString OpenTeraAccounts::refresh(const QString &oldToken)
{
    const QString user = userForToken(oldToken);
    if (user.isEmpty())
        return QString();
    m_userByToken.remove(oldToken); // disabled at once
    return issueToken(user, m_refreshLifetimeS);
}

void OpenTeraAccounts::disableToken(const QString &token)
{
    m_userByToken.remove(token);
}

void OpenTeraAccounts::disableTokensOf(const QString &userUuid)
{
    for (auto it = m_userByToken.begin(); it != m_userByToken.end();) {
        if (it.value() == userUuid)
            it = m_userByToken.erase(it);
        else
            ++it;
    }
}

QString OpenTeraAccounts::issueSocketKey(const QString &userUuid)
{
    QByteArray bytes(64, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 16);
    const QString key = QString::fromLatin1(bytes.toHex()); // 128 hex characters
    m_keys.insert(key, Key {userUuid, nowMs() + m_keyLifetimeMs});
    remember(key);
    return key;
}

QString OpenTeraAccounts::takeSocketKey(const QString &key)
{
    const Key found = m_keys.take(key);
    if (found.userUuid.isEmpty() || found.expiresMs < nowMs())
        return QString();
    return found.userUuid;
}

} // namespace fleetscope::sim::opentera
