#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QVariantMap>
#include <QVector>

namespace fleetscope::sim::opentera {

// A UUID-shaped id derived from `seed`, so that every run and test sees the same ones.
QString stableUuid(const QString &seed);

// A user (staff) account of the simulated server.
struct SimAccount
{
    int id = 0;
    QString uuid;
    QString login;
    QString password; // the login unless the "passwords" option says otherwise (admin/admin …)
    QString firstName;
    QString lastName;
    bool superadmin = false;
    bool siteAdmin = false;
    QString twoFactor; // "" or the login reason it forces: "2fa", "password_change"
    QString fullName() const { return QString(firstName + QLatin1Char(' ') + lastName).trimmed(); }
};

// Accounts, credentials and keys as TeraServer's LoginModule handles them
// (docs/protocols/opentera.md#connection): Basic logins with a lockout after 5 failures within
// 120 s, JWT-shaped tokens with "exp" (3600 s, 1800 s after a refresh) that a refresh or a
// logout disables at once, and single-use WebSocket keys valid 60 s.
//
// Options: "tokenLifetimeS", "refreshLifetimeS", "keyLifetimeMs", "lockoutFailures",
// "lockoutWindowMs", "passwords" (a map login → password; by default each password is the login).
// Threading: the simulator's thread.
class OpenTeraAccounts
{
public:
    explicit OpenTeraAccounts(const QVariantMap &options);

    const QVector<SimAccount> &accounts() const { return m_accounts; }
    const SimAccount *byUuid(const QString &uuid) const;
    const SimAccount *byLogin(const QString &login) const;
    const SimAccount *byId(int id) const;

    enum class Check { Ok, BadCredentials, LockedOut };
    // Checks a login/password pair, counting failures towards the lockout.
    Check checkPassword(const QString &login, const QString &password, const SimAccount **account);

    QString issueToken(const QString &userUuid, int lifetimeS);
    QString issueToken(const QString &userUuid) { return issueToken(userUuid, m_tokenLifetimeS); }
    QString refresh(const QString &oldToken); // disables the old one; "" when it was not valid
    // The user a valid token belongs to, or "".
    QString userForToken(const QString &token) const;
    void disableToken(const QString &token);
    void disableTokensOf(const QString &userUuid);

    QString issueSocketKey(const QString &userUuid);
    // Consumes a key: the user it was issued to, or "" when bad, expired or already used.
    QString takeSocketKey(const QString &key);

    int refreshLifetimeS() const { return m_refreshLifetimeS; }
    // The tokens and socket keys handed out (the last kRememberedSecrets), for tests that look
    // for leaked secrets.
    QStringList issuedSecrets() const { return m_issued; }
    static constexpr int kRememberedSecrets = 1000;

private:
    QByteArray sign(const QByteArray &data) const;
    void remember(const QString &secret);

    QVector<SimAccount> m_accounts;
    QHash<QString, QString> m_userByToken; // valid tokens only
    QHash<QString, QVector<qint64>> m_failures; // by login: times of recent failures (ms)
    struct Key
    {
        QString userUuid;
        qint64 expiresMs = 0;
    };
    QHash<QString, Key> m_keys;
    QStringList m_issued;
    int m_tokenLifetimeS;
    int m_refreshLifetimeS;
    int m_keyLifetimeMs;
    int m_lockoutFailures;
    int m_lockoutWindowMs;
    quint64 m_serial = 0;
};

} // namespace fleetscope::sim::opentera
