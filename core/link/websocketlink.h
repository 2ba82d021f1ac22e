#pragma once

#include "core/link/backoff.h"
#include "core/link/linkoptions.h"
#include "core/link/linkstate.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

class QWebSocket;
class QSslError;

namespace fleetscope {

class TlsPolicy;

// One WebSocket connection that stays up: connect timeout, reconnect with exponential backoff and
// jitter (starting again from the initial delay only once the link stayed ready for
// `stableAfterMs`), keepalive pings that detect a dead peer within two intervals, and TLS by the
// endpoint's TlsPolicy (verification on; an extra CA; certificates the user accepted, pinned). Adapters own a link, write frames
// to it and decide when the connection is Ready (after their handshake) or Failed (e.g. refused
// credentials: no retry).
//
// Threading: lives in the thread of its owner (an Endpoint); not thread-safe.
class WebSocketLink : public QObject
{
    Q_OBJECT

public:
    explicit WebSocketLink(const LinkOptions &options, QObject *parent = nullptr);
    ~WebSocketLink() override;

    void setOptions(const LinkOptions &options);
    const LinkOptions &options() const { return m_options; }
    // Shares the endpoint's TLS policy (Endpoint::attachLink does it); until then the link has one
    // of its own, made from its options.
    void setTlsPolicy(std::shared_ptr<TlsPolicy> policy);

    // Opens (or reopens) the connection to `url`. Also the way an adapter with adapterReopens
    // answers reopenDue() with a fresh URL.
    void open(const QUrl &url);
    // Closes on the user's request: no reconnect. State becomes Closed.
    void close();
    // The adapter's handshake succeeded: state becomes Ready. The backoff starts again from the
    // initial delay once the link stayed up for LinkOptions::stableAfterMs (a server that accepts
    // and then closes at once is retried ever more slowly, not twice a second forever).
    void markReady(const QString &detail = QString());
    // A final failure (refused credentials, server said "do not come back"): no reconnect.
    void fail(LinkReason reason, const QString &detail);
    // Drops the current socket and retries after the backoff delay (used by adapters that see a
    // broken session, and by adapterReopens adapters when their pre-connect step fails).
    void scheduleReconnect(LinkReason reason, const QString &detail);

    qint64 sendText(const QString &text);
    qint64 sendBinary(const QByteArray &data);

    LinkState state() const { return m_status.state; }
    const LinkStatus &status() const { return m_status; }
    LinkCounters counters() const { return m_counters; }
    QUrl url() const { return m_url; }
    bool isOpen() const;
    // Milliseconds until the pending retry, or -1.
    int retryInMs() const;
    // Retries since the link was last stable (0 after stableAfterMs of Ready).
    int retryAttempts() const { return m_backoff.attempts(); }
    // When the frame being delivered (textReceived/binaryReceived) arrived, ms since the epoch: one
    // time for every receiver of that frame (a session recording and the adapter decoding it), so
    // that a replay stamps what it decodes exactly as the live session did. 0 before any frame.
    qint64 lastReceivedMs() const { return m_lastReceivedMs; }

    // Why the connection closed with `closeCode` when that code means the peer's input was refused
    // (invalid UTF-8 in a text frame, a message over maxMessageBytes, a protocol violation);
    // empty for ordinary closes.
    static QString refusedInputReason(int closeCode, quint64 maxMessageBytes);

Q_SIGNALS:
    void stateChanged(const fleetscope::LinkStatus &status);
    // The socket is open: the adapter starts its handshake now.
    void opened();
    void textReceived(const QString &text);
    void binaryReceived(const QByteArray &data);
    // The socket closed (by the peer, an error, or a dead-link abort). Emitted before the link
    // decides to retry, so the adapter may call fail() here to stop it (e.g. close code 4000).
    void dropped(int closeCode, const QString &reason);
    // adapterReopens: a retry is due; call open() with the URL to use (or fail()).
    void reopenDue();
    // A frame went out (the tap session recordings use; frames in are textReceived/binaryReceived).
    void frameSent(const QString &text);
    void binaryFrameSent(const QByteArray &data);

private:
    void startAttempt();
    void onConnected();
    void onDisconnected();
    void onSocketError();
    void onSslErrors(const QList<QSslError> &errors);
    void onPingTick();
    void onRetryTimer();
    void setStatus(const LinkStatus &status);
    void teardownSocket();
    void handleLoss(LinkReason reason, const QString &detail);

    LinkOptions m_options;
    std::shared_ptr<TlsPolicy> m_tls;
    bool m_ownTls = true; // made from m_options (setOptions remakes it), not the endpoint's
    QUrl m_url;
    QPointer<QWebSocket> m_socket;
    LinkStatus m_status;
    LinkCounters m_counters;
    Backoff m_backoff;
    QTimer m_connectTimer;
    QTimer m_pingTimer;
    QTimer m_retryTimer;
    QTimer m_stableTimer; // Ready for stableAfterMs: the backoff resets
    QElapsedTimer m_sinceAlive;
    QString m_tlsError;
    QString m_socketError;
    LinkReason m_socketReason = LinkReason::None;
    bool m_everConnected = false;
    bool m_userClosed = false;
    qint64 m_lastReceivedMs = 0;
};

} // namespace fleetscope
