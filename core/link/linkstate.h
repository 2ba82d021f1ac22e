#pragma once

#include <QMetaType>
#include <QString>

namespace fleetscope {

// The life of a connection as users see it in the endpoints list and in `kind:"state"` lines.
// Connected = the socket is open; Ready = the adapter finished its handshake (auth, login).
enum class LinkState { Idle, Connecting, Connected, Ready, Reconnecting, Closed, Failed };

QString linkStateName(LinkState state);

// Why a connection is in its state. Code decides on this (retry or not, warn about a lost
// connection, the CLI's exit code), never on the wording of LinkStatus::text(), which is for people
// and may be translated.
enum class LinkReason {
    None, // nothing went wrong: an attempt starting, connected, ready, closed on request
    Timeout, // no answer in time: the connect timeout, a keepalive ping, a request
    Network, // no connection: host unknown, connection refused or reset
    ServerClosed, // the server closed the connection
    Tls, // the server's certificate is not trusted, or the CA file cannot be read
    Credentials, // the server refused the credentials (key, token, password)
    Refused, // the server refused the session for another reason (client too old, an action needed)
    Dismissed, // the server ended the session and asks not to come back (logout, admin, disabled)
    BadServer, // the server answered, but not as the protocol says (wrong path, unusable reply, 5xx)
    BadConfig, // the configuration cannot work (invalid URL, unreadable recording)
};

// A connection's state as data: what it is, why, when it retries, and the specifics in words.
// WebSocketLink makes them, endpoints pass them on (adding their own), and the Workspace, the
// endpoints list and the CLI read them. Plain value; any thread.
struct LinkStatus
{
    LinkState state = LinkState::Idle;
    LinkReason reason = LinkReason::None;
    QString detail; // the specifics for people: "connecting to ws://…", "connection refused", "authenticated as …"
    int retryInMs = -1; // a retry was scheduled this long after the status was made; -1: none

    // For display only (endpoints list, `kind:"state"` lines, events): the detail, followed by the
    // pending retry ("connection refused; retry in 2.5 s").
    QString text() const;
    // Something went wrong (a drop, a refusal, a failure), as opposed to an attempt starting or
    // succeeding: a Reconnecting status with a problem reports a lost connection.
    bool isProblem() const { return reason != LinkReason::None; }

    bool operator==(const LinkStatus &other) const
    {
        return state == other.state && reason == other.reason && detail == other.detail && retryInMs == other.retryInMs;
    }
    bool operator!=(const LinkStatus &other) const { return !(*this == other); }
};

// Traffic counters of a link, kept across reconnects.
struct LinkCounters
{
    quint64 framesIn = 0;
    quint64 framesOut = 0;
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    quint32 reconnects = 0;
};

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::LinkState)
Q_DECLARE_METATYPE(fleetscope::LinkStatus)
Q_DECLARE_METATYPE(fleetscope::LinkCounters)
