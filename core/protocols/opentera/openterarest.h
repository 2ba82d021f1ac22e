#pragma once

#include "core/link/linkoptions.h"
#include "core/net/resttransport.h"

#include <QByteArray>
#include <QJsonValue>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace fleetscope::opentera {

// The outcome of one REST call (status 0 and `error` when no complete answer came: network, TLS,
// timeout, or a redirect or body the transport refused).
struct RestReply : RestResponse
{
    RestReply() = default;
    explicit RestReply(RestResponse response)
        : RestResponse(std::move(response))
    { }
    bool ok() const { return status >= 200 && status < 300; }
    QJsonValue json() const; // the body as JSON (undefined when it is not JSON)
    // The body for messages: a JSON string unquoted ("Forbidden"), else the text on one line.
    QString bodyText(int maxChars = 200) const;
    // "HTTP 403: Forbidden", or the network error.
    QString describe() const;
};

// What a login answered (docs/protocols/opentera.md#login-outcomes).
struct LoginOutcome
{
    enum class Kind {
        Success,
        Rejected, // 401: bad credentials or locked out
        AlreadyLoggedIn, // 403: a live socket exists (or a dead one the server has not noticed yet)
        TooOld, // 426: the server wants a newer client
        NeedsAction, // 200 without token: password change or two-factor authentication
        Refused, // no answer Fleetscope accepts: untrusted TLS, a redirect to another origin, a body
        // over its limit; trying again would not change it
        Transient, // anything else: network trouble, 5xx: try again later
    };
    Kind kind = Kind::Transient;
    QString detail; // a sentence for people
    QString token;
    QString websocketUrl;
    QString userUuid;
    QString userFullname;
};
LoginOutcome readLoginReply(const RestReply &reply);

// The WebSocket URL to open for the `returned` websocket_url, or an invalid URL with *problem
// saying why it is refused. The URL carries a one-time key that is as good as the password for
// one session, so it goes only where the login went: under an https login it must be wss:// on
// the REST host; under plain http wss:// becomes ws:// (the real server always writes wss://),
// still on the REST host. A loopback host is replaced by the REST host and port when the REST host
// is not loopback (a server behind a proxy that does not know its public name).
QUrl socketUrlFor(const QUrl &restBase, const QString &returned, QString *problem = nullptr);

// The "exp" claim of a JWT in ms since the epoch, or 0 (tokens are otherwise opaque).
qint64 tokenExpiryMs(const QString &token);

// OpenTera's REST API for one endpoint: the login with HTTP Basic sent up front (the server sends
// no challenge), then calls with "Authorization: OpenTera <token>". Token refreshes are
// serialised (a refresh disables the old token at once): calls made meanwhile wait for the new
// token, and a call refused with 401 is retried once after a refresh. Requests go through a
// RestTransport (same-origin redirects only, body caps and deadlines, the endpoint's TlsPolicy):
// the Basic credentials of the login never reach another origin.
//
// Threading: the endpoint's thread.
class RestClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const RestReply &)>;

    // `tls` is the endpoint's policy (shared with its WebSocket link); null: one of its own.
    RestClient(const QUrl &base, const LinkOptions &options, std::shared_ptr<TlsPolicy> tls = nullptr,
        QObject *parent = nullptr);
    ~RestClient() override;

    void login(const QString &user, const QString &password, Callback done);
    // A token-authenticated call; `pathAndQuery` starts with '/' and is relative to the base.
    void call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body, Callback done,
        RestKind kind = RestKind::Data);
    // Replaces the token (serialised with other refreshes); `done` gets the refresh's reply.
    void refreshToken(Callback done);
    // Ends the server session (fire and forget) and forgets the token.
    void logout();

    QString token() const { return m_token; }
    void setToken(const QString &token) { m_token = token; }
    bool isRefreshing() const { return m_refreshing; }
    // Abandons every call in flight (their callbacks are not called).
    void abortAll();
    QUrl urlFor(const QString &pathAndQuery) const;

private:
    struct Pending
    {
        QByteArray method;
        QString pathAndQuery;
        QByteArray body;
        Callback done;
        RestKind kind = RestKind::Data;
        bool retried = false;
    };
    void sendWithToken(const Pending &pending);
    void finishRefresh(const RestReply &reply, const QString &sentWith);
    // Sends one request; `handler` runs unless abortAll() came first.
    void start(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
        const QByteArray &authorization, RestKind kind, Callback handler);

    QUrl m_base;
    RestTransport m_transport;
    QString m_token;
    bool m_refreshing = false;
    QVector<Callback> m_refreshWaiters;
    QVector<Pending> m_waitingForToken;
    quint64 m_generation = 0; // abortAll() bumps it so late replies are ignored
};

} // namespace fleetscope::opentera
