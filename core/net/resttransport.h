#pragma once

#include "core/link/linkoptions.h"
#include "core/link/linkstate.h"
#include "core/net/restlimits.h"

#include <QByteArray>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QObject>
#include <QSet>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkReply;

namespace fleetscope {

class TlsPolicy;

// Why a REST request got no complete answer.
enum class RestFailure {
    None, // an HTTP answer came (any status)
    Network, // connection refused, reset, host not found, …
    Silence, // nothing arrived for LinkOptions::connectTimeoutMs
    Deadline, // the kind's absolute deadline passed
    Tls, // the certificate was refused, or the extra CA file cannot be read
    Redirect, // a redirect to another origin (scheme, host, port), never followed
    TooLarge, // the body passed the kind's cap
};

// The outcome of one request.
struct RestResponse
{
    int status = 0; // HTTP status of a complete answer; 0 when there is none (see failure)
    QString reasonPhrase; // the status line's text ("Not Found")
    QByteArray body; // the complete body (empty after a failure)
    RestFailure failure = RestFailure::None;
    QString error; // why there is no complete answer: one sentence for people
    qint64 bytesReceived = 0; // body bytes that arrived, also when the request was refused

    // Worth retrying later: the network, a timeout, or a server error (5xx). A refused
    // certificate, redirect or body is not: the same request would be refused again.
    bool transient() const
    {
        if (failure == RestFailure::None)
            return status == 0 || status >= 500;
        return failure == RestFailure::Network || failure == RestFailure::Silence || failure == RestFailure::Deadline;
    }
    // The failure as a connection's reason (LinkStatus): None when an HTTP answer came.
    LinkReason linkReason() const
    {
        switch (failure) {
        case RestFailure::None:
            return LinkReason::None;
        case RestFailure::Network:
            return LinkReason::Network;
        case RestFailure::Silence:
        case RestFailure::Deadline:
            return LinkReason::Timeout;
        case RestFailure::Tls:
            return LinkReason::Tls;
        case RestFailure::Redirect:
        case RestFailure::TooLarge:
            break;
        }
        return LinkReason::BadServer; // it answered, but with what no client may accept
    }
};

// Sends an endpoint's REST requests under one policy, so that every REST client (OpenTera,
// CityIO, the Prometheus history client) gets it the same way:
// - redirects are followed only within the request's origin (scheme, host and port), so the
//   Authorization header and any other credential never reach another origin;
// - a body is counted as it arrives and the request aborted past its kind's cap, and each request
//   has an absolute deadline besides the silence timeout (RestLimits, docs/limits.md);
// - TLS follows the endpoint's TlsPolicy (shared with its WebSocket links).
// Owns its QNetworkAccessManager.
//
// Threading: lives in its owner's thread (the endpoint's); not thread-safe.
class RestTransport : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const RestResponse &)>;

    RestTransport(const LinkOptions &options, std::shared_ptr<TlsPolicy> tls, QObject *parent = nullptr);
    ~RestTransport() override;

    // Sends `method` with `body` to request.url(). `done` runs once with the outcome, always later
    // (never inside send()), unless cancelAll() comes first.
    void send(QNetworkRequest request, const QByteArray &method, const QByteArray &body, RestKind kind, Done done);
    // Aborts every request in flight; their callbacks do not run.
    void cancelAll();
    int pending() const { return static_cast<int>(m_calls.size() + m_unsent.size()); }

    const LinkOptions &options() const { return m_options; }
    TlsPolicy *tlsPolicy() const { return m_tls.get(); }

    // Same scheme, host and port (default ports filled in).
    static bool sameOrigin(const QUrl &a, const QUrl &b);

private:
    struct Call;
    void watch(QNetworkReply *reply, const std::shared_ptr<Call> &call);
    void onReadyRead(QNetworkReply *reply, Call &call);
    void refuse(QNetworkReply *reply, Call &call, RestFailure failure, const QString &why);
    void finish(QNetworkReply *reply);

    LinkOptions m_options;
    std::shared_ptr<TlsPolicy> m_tls;
    QNetworkAccessManager m_network;
    QHash<QNetworkReply *, std::shared_ptr<Call>> m_calls;
    QSet<const Call *> m_unsent; // refused before sending (an unreadable CA file), reported next
};

} // namespace fleetscope
