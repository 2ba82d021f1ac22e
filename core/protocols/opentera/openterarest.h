#pragma once

#include "core/link/linkoptions.h"
#include "core/link/linkstate.h"

#include <QByteArray>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkReply;

namespace fleetscope::opentera {

// The outcome of one REST call.
struct RestReply
{
    int status = 0; // HTTP status; 0 when no answer came (network or TLS error, timeout)
    QByteArray body;
    QString error; // why no answer came
    LinkReason failure = LinkReason::None; // why no answer came, as data (Tls, Timeout, Network)
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

// The WebSocket URL to open for the `returned` websocket_url: wss → ws when the REST base is plain
// http, and the REST host and port when the returned host is loopback but the REST host is not.
QUrl socketUrlFor(const QUrl &restBase, const QString &returned);

// The "exp" claim of a JWT in ms since the epoch, or 0 (tokens are otherwise opaque).
qint64 tokenExpiryMs(const QString &token);

// OpenTera's REST API for one endpoint: the login with HTTP Basic sent up front (the server sends
// no challenge), then calls with "Authorization: OpenTera <token>". Token refreshes are
// serialised (a refresh disables the old token at once): calls made meanwhile wait for the new
// token, and a call refused with 401 is retried once after a refresh. Owns its
// QNetworkAccessManager; applies the link's TLS policy (insecure, extra CA) and timeout.
//
// Threading: the endpoint's thread.
class RestClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const RestReply &)>;

    RestClient(const QUrl &base, const LinkOptions &options, QObject *parent = nullptr);
    ~RestClient() override;

    void login(const QString &user, const QString &password, Callback done);
    // A token-authenticated call; `pathAndQuery` starts with '/' and is relative to the base.
    void call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body, Callback done);
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
        bool retried = false;
    };
    void send(const Pending &pending, const QByteArray &authorization);
    void sendWithToken(const Pending &pending);
    void finishRefresh(const RestReply &reply, const QString &sentWith);
    QNetworkReply *start(
        const QByteArray &method, const QString &pathAndQuery, const QByteArray &body, const QByteArray &authorization);
    void collect(QNetworkReply *reply, std::function<void(const RestReply &)> handler);

    QUrl m_base;
    LinkOptions m_options;
    QNetworkAccessManager m_manager;
    QString m_token;
    bool m_refreshing = false;
    QVector<Callback> m_refreshWaiters;
    QVector<Pending> m_waitingForToken;
    quint64 m_generation = 0; // abortAll() bumps it so late replies are ignored
};

} // namespace fleetscope::opentera
