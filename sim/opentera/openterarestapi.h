#pragma once

#include "sim/common/httpfront.h"
#include "sim/opentera/openteraaccounts.h"
#include "sim/opentera/openteraworld.h"

namespace fleetscope::sim::opentera {

// What the REST side needs to know about the WebSocket side.
class SocketDirectory
{
public:
    virtual ~SocketDirectory() = default;
    // A live socket (or one that died unnoticed) holds the user: logins with a socket get 403.
    virtual bool holdsUser(const QString &userUuid) const = 0;
    // Closes the user's sockets with 4000 CMD_CLIENT_DISCONNECT.
    virtual void disconnectUser(const QString &userUuid) = 0;
    // "wss://host:port" as the server puts it in websocket_url.
    virtual QString socketBase() const = 0;
};

// TeraServer's REST API as a monitor meets it (docs/protocols/opentera.md#rest): user
// login (Basic only, 401 without WWW-Authenticate, lockout, 2FA and password-change replies, 403
// while a socket is live, 426 for an old client), login/2fa (501), refresh_token, logout, the
// three online lists, disconnect, sessions/manager; device login and status. Error bodies are
// JSON strings. Counts requests per path for tests.
//
// Options: "minClientVersion" (426 below that major version). Threading: the simulator's thread.
class OpenTeraRestApi
{
public:
    OpenTeraRestApi(
        OpenTeraAccounts *accounts, OpenTeraWorld *world, SocketDirectory *sockets, const QVariantMap &options);

    HttpResponse handle(const HttpRequest &request);
    int requestCount(const QString &path) const { return m_counts.value(path); }

private:
    // The caller of a user API: Basic or "OpenTera <token>"; nullptr when refused.
    const SimAccount *authenticate(const HttpRequest &request, QString *token) const;
    HttpResponse login(const HttpRequest &request);
    HttpResponse refreshToken(const HttpRequest &request, const SimAccount &user, const QString &token);
    HttpResponse logout(const SimAccount &user, const QString &token);
    HttpResponse disconnect(const HttpRequest &request, const SimAccount &user);
    HttpResponse sessionManager(const HttpRequest &request, const SimAccount &user);
    HttpResponse deviceApi(const HttpRequest &request);
    static HttpResponse jsonString(int status, const QString &text);
    static HttpResponse json(int status, const QJsonValue &value);

    OpenTeraAccounts *m_accounts;
    OpenTeraWorld *m_world;
    SocketDirectory *m_sockets;
    int m_minClientMajor;
    QHash<QString, int> m_counts;
};

} // namespace fleetscope::sim::opentera
