#include "core/link/websocketlink.h"

#include "core/net/tlspolicy.h"

#include <QDateTime>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslError>
#include <QWebSocket>

namespace fleetscope {

namespace {
LinkReason reasonOf(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::SocketTimeoutError:
        return LinkReason::Timeout;
    case QAbstractSocket::RemoteHostClosedError:
        return LinkReason::ServerClosed;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return LinkReason::Tls;
    default:
        return LinkReason::Network;
    }
}
} // namespace

WebSocketLink::WebSocketLink(const LinkOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_tls(std::make_shared<TlsPolicy>(options))
    , m_backoff(options.initialBackoffMs, options.maxBackoffMs)
{
    // Parented so that moveToThread() on the owner takes the timers along.
    for (QTimer *timer : {&m_connectTimer, &m_pingTimer, &m_retryTimer, &m_stableTimer})
        timer->setParent(this);
    m_connectTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    // Precise, so that retryInMs() never says more than the delay LinkStatus announced (a coarse
    // timer may fire up to 5 % late, and its remaining time says so).
    m_retryTimer.setTimerType(Qt::PreciseTimer);
    m_stableTimer.setSingleShot(true);
    connect(&m_stableTimer, &QTimer::timeout, this, [this] { m_backoff.reset(); });
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        handleLoss(LinkReason::Timeout, tr("connect timed out after %1 s").arg(m_options.connectTimeoutMs / 1000.0));
    });
    connect(&m_pingTimer, &QTimer::timeout, this, &WebSocketLink::onPingTick);
    connect(&m_retryTimer, &QTimer::timeout, this, &WebSocketLink::onRetryTimer);
}

WebSocketLink::~WebSocketLink()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

void WebSocketLink::setOptions(const LinkOptions &options)
{
    m_options = options;
    m_backoff.setLimits(options.initialBackoffMs, options.maxBackoffMs);
    if (m_ownTls)
        m_tls = std::make_shared<TlsPolicy>(options);
}

void WebSocketLink::setTlsPolicy(std::shared_ptr<TlsPolicy> policy)
{
    if (!policy)
        return;
    m_tls = std::move(policy);
    m_ownTls = false;
}

bool WebSocketLink::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

int WebSocketLink::retryInMs() const
{
    return m_retryTimer.isActive() ? m_retryTimer.remainingTime() : -1;
}

void WebSocketLink::open(const QUrl &url)
{
    m_url = url;
    m_userClosed = false;
    m_retryTimer.stop();
    startAttempt();
}

void WebSocketLink::startAttempt()
{
    teardownSocket();
    m_tlsError.clear();
    m_socketError.clear();
    m_socketReason = LinkReason::None;
    const QString where = m_url.toDisplayString(QUrl::RemoveQuery);
    setStatus({m_everConnected ? LinkState::Reconnecting : LinkState::Connecting, LinkReason::None,
        m_everConnected ? tr("reconnecting to %1").arg(where) : tr("connecting to %1").arg(where)});

    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    socket->setMaxAllowedIncomingMessageSize(m_options.maxMessageBytes);
    socket->setMaxAllowedIncomingFrameSize(m_options.maxMessageBytes);

    if (m_url.scheme() == QLatin1String("wss")) {
        QSslConfiguration tls;
        QString error;
        if (!m_tls->configuration(&tls, &error)) {
            fail(LinkReason::Tls, error);
            return;
        }
        socket->setSslConfiguration(tls);
    }

    connect(socket, &QWebSocket::connected, this, &WebSocketLink::onConnected);
    connect(socket, &QWebSocket::disconnected, this, &WebSocketLink::onDisconnected);
    // Qt 6.4 still calls this signal error(); errorOccurred() arrived in 6.5.
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, &WebSocketLink::onSocketError);
    connect(socket, &QWebSocket::sslErrors, this, &WebSocketLink::onSslErrors);
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        ++m_counters.framesIn;
        m_counters.bytesIn += static_cast<quint64>(text.size());
        m_sinceAlive.start();
        m_lastReceivedMs = QDateTime::currentMSecsSinceEpoch();
        Q_EMIT textReceived(text);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
        ++m_counters.framesIn;
        m_counters.bytesIn += static_cast<quint64>(data.size());
        m_sinceAlive.start();
        m_lastReceivedMs = QDateTime::currentMSecsSinceEpoch();
        Q_EMIT binaryReceived(data);
    });
    connect(socket, &QWebSocket::pong, this, [this] { m_sinceAlive.start(); });

    QNetworkRequest request(m_url);
    for (const auto &header : std::as_const(m_options.headers))
        request.setRawHeader(header.first, header.second);
    m_connectTimer.start(m_options.connectTimeoutMs);
    socket->open(request);
}

void WebSocketLink::onConnected()
{
    m_connectTimer.stop();
    m_everConnected = true;
    m_sinceAlive.start();
    if (m_options.pingIntervalMs > 0)
        m_pingTimer.start(m_options.pingIntervalMs);
    setStatus(
        {LinkState::Connected, LinkReason::None, tr("connected to %1").arg(m_url.toDisplayString(QUrl::RemoveQuery))});
    Q_EMIT opened();
}

void WebSocketLink::markReady(const QString &detail)
{
    if (m_options.stableAfterMs > 0)
        m_stableTimer.start(m_options.stableAfterMs);
    else
        m_backoff.reset();
    setStatus({LinkState::Ready, LinkReason::None, detail.isEmpty() ? tr("ready") : detail});
}

void WebSocketLink::onPingTick()
{
    if (!isOpen())
        return;
    // Ticks come once an interval; a peer silent for more than 1.5 intervals missed the previous
    // ping's pong, so the link is dead within two intervals of its last sign of life.
    if (m_sinceAlive.isValid() && m_sinceAlive.elapsed() > m_options.pingIntervalMs * 3 / 2) {
        handleLoss(LinkReason::Timeout,
            tr("no answer to keepalive ping for %1 s").arg(m_sinceAlive.elapsed() / 1000.0, 0, 'f', 1));
        return;
    }
    m_socket->ping();
}

void WebSocketLink::onSslErrors(const QList<QSslError> &errors)
{
    if (!m_socket)
        return;
    const TlsPolicy::Verdict verdict = m_tls->judge(errors, TlsPolicy::where(m_url));
    if (verdict.accept)
        m_socket->ignoreSslErrors(errors);
    else
        m_tlsError = verdict.reason;
}

void WebSocketLink::onSocketError()
{
    if (!m_socket)
        return;
    m_socketError = m_tlsError.isEmpty() ? m_socket->errorString() : m_tlsError;
    m_socketReason = m_tlsError.isEmpty() ? reasonOf(m_socket->error()) : LinkReason::Tls;
    // QWebSocket emits disconnected() after errors on an established connection; during the
    // opening handshake it may not, so handle the loss here once.
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        handleLoss(m_socketReason, m_socketError);
}

void WebSocketLink::onDisconnected()
{
    if (!m_socket)
        return;
    QString reason = m_socket->closeReason();
    const int code = m_socket->closeCode();
    // QWebSocket may report disconnected() before error(): take the socket's error text here.
    if (m_socketError.isEmpty() && m_socket->error() != QAbstractSocket::UnknownSocketError) {
        m_socketError = m_socket->errorString();
        m_socketReason = reasonOf(m_socket->error());
    }
    LinkReason why = LinkReason::ServerClosed; // the server's close frame said why, or nothing did
    if (reason.isEmpty()) {
        if (!m_tlsError.isEmpty()) {
            reason = m_tlsError;
            why = LinkReason::Tls;
        } else if (!m_socketError.isEmpty()) {
            reason = m_socketError;
            why = m_socketReason;
        } else {
            reason = tr("connection closed (%1)").arg(code);
        }
    }
    handleLoss(why, reason);
}

void WebSocketLink::handleLoss(LinkReason why, const QString &reason)
{
    if (!m_socket)
        return;
    m_connectTimer.stop();
    m_pingTimer.stop();
    m_stableTimer.stop();
    const int code = m_socket->closeCode();
    const bool wasOpen = state() == LinkState::Connected || state() == LinkState::Ready;
    teardownSocket();
    if (m_userClosed || state() == LinkState::Failed)
        return;
    Q_EMIT dropped(wasOpen ? code : -1, reason);
    if (state() == LinkState::Failed || state() == LinkState::Closed || m_userClosed)
        return; // the adapter decided in dropped()
    if (!m_tlsError.isEmpty()) {
        fail(LinkReason::Tls, m_tlsError); // an untrusted certificate does not fix itself
        return;
    }
    if (!m_options.reconnect || (!m_everConnected && !m_options.retryFirstConnect)) {
        fail(why, reason);
        return;
    }
    scheduleReconnect(why, reason);
}

void WebSocketLink::scheduleReconnect(LinkReason reason, const QString &detail)
{
    m_stableTimer.stop();
    teardownSocket();
    const int delay = m_backoff.nextDelayMs();
    ++m_counters.reconnects;
    m_retryTimer.start(delay);
    setStatus({LinkState::Reconnecting, reason, detail, delay});
}

void WebSocketLink::onRetryTimer()
{
    if (m_options.adapterReopens)
        Q_EMIT reopenDue();
    else
        startAttempt();
}

void WebSocketLink::fail(LinkReason reason, const QString &detail)
{
    m_retryTimer.stop();
    m_stableTimer.stop();
    m_connectTimer.stop();
    m_pingTimer.stop();
    teardownSocket();
    setStatus({LinkState::Failed, reason, detail});
}

void WebSocketLink::close()
{
    m_userClosed = true;
    m_retryTimer.stop();
    m_stableTimer.stop();
    m_connectTimer.stop();
    m_pingTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    if (state() != LinkState::Idle)
        setStatus({LinkState::Closed, LinkReason::None, tr("closed")});
}

qint64 WebSocketLink::sendText(const QString &text)
{
    if (!isOpen())
        return -1;
    ++m_counters.framesOut;
    m_counters.bytesOut += static_cast<quint64>(text.size());
    const qint64 sent = m_socket->sendTextMessage(text);
    Q_EMIT frameSent(text);
    return sent;
}

qint64 WebSocketLink::sendBinary(const QByteArray &data)
{
    if (!isOpen())
        return -1;
    ++m_counters.framesOut;
    m_counters.bytesOut += static_cast<quint64>(data.size());
    const qint64 sent = m_socket->sendBinaryMessage(data);
    Q_EMIT binaryFrameSent(data);
    return sent;
}

QString WebSocketLink::refusedInputReason(int closeCode, quint64 maxMessageBytes)
{
    switch (closeCode) {
    case QWebSocketProtocol::CloseCodeWrongDatatype: // 1007
        return tr("the server sent a text frame that is not valid UTF-8; the WebSocket closes the connection on "
                  "that (close code 1007)");
    case QWebSocketProtocol::CloseCodeTooMuchData: // 1009
        return tr("the server sent a message larger than the %1 MiB limit; the connection was closed (close code "
                  "1009)")
            .arg(maxMessageBytes / (1024.0 * 1024.0), 0, 'f', 1);
    case QWebSocketProtocol::CloseCodeProtocolError: // 1002
        return tr("the server broke the WebSocket protocol; the connection was closed (close code 1002)");
    case QWebSocketProtocol::CloseCodeDatatypeNotSupported: // 1003
        return tr("the server sent a kind of frame that is not supported; the connection was closed (close code "
                  "1003)");
    default:
        return QString();
    }
}

void WebSocketLink::setStatus(const LinkStatus &status)
{
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT stateChanged(status);
}

void WebSocketLink::teardownSocket()
{
    if (!m_socket)
        return;
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

} // namespace fleetscope
