#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrlQuery>
#include <QWebSocketServer>

#include <functional>

class QTcpSocket;
class QWebSocket;
class QSslServer;
class QSslConfiguration;

namespace fleetscope::sim {

// A parsed HTTP request (header names lower-cased).
struct HttpRequest
{
    QByteArray method;
    QString path; // decoded path without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    bool isWebSocketUpgrade() const;
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse json(int status, const QByteArray &body);
    static HttpResponse text(int status, const QByteArray &body);
};

// One listening port that serves REST and WebSocket upgrades side by side, the way the real
// servers do (CityIO's /api and /interface, OpenTera's /api and /wss/user, Intu's /info and
// /stream). The simulator decides per request: answer it, refuse an upgrade with any status and
// body, or accept it as a WebSocket. Plain HTTP/1.1 with keep-alive and Content-Length bodies;
// optionally TLS.
//
// Threading: the thread it was created in.
class HttpFront : public QObject
{
    Q_OBJECT

public:
    using RestHandler = std::function<HttpResponse(const HttpRequest &)>;
    // Return true to accept the upgrade; otherwise fill `refusal`.
    using UpgradeFilter = std::function<bool(const HttpRequest &, HttpResponse *refusal)>;

    explicit HttpFront(QObject *parent = nullptr);
    ~HttpFront() override;

    void setRestHandler(RestHandler handler) { m_rest = std::move(handler); }
    void setUpgradeFilter(UpgradeFilter filter) { m_upgrade = std::move(filter); }
    // Serve TLS with this configuration (certificate and key set).
    void setTls(const QSslConfiguration &configuration);
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    bool isTls() const { return m_tls; }
    // The TCP connection under an accepted WebSocket (fault injection writes raw frames on it);
    // nullptr once it is gone.
    QTcpSocket *transportOf(QWebSocket *socket) const;
    static constexpr int kMaxHeaderBytes = 64 * 1024;
    static constexpr int kMaxBodyBytes = 32 * 1024 * 1024;

Q_SIGNALS:
    // An accepted WebSocket, with the request it was opened by. The receiver owns the socket.
    void webSocketOpened(QWebSocket *socket, const fleetscope::sim::HttpRequest &request);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void onWebSocket();
    static bool parseHead(const QByteArray &head, HttpRequest *request);
    static void writeResponse(QTcpSocket *socket, const HttpResponse &response, bool close);

    QTcpServer *m_server = nullptr;
    bool m_tls = false;
    QWebSocketServer m_ws;
    RestHandler m_rest;
    UpgradeFilter m_upgrade;
    QHash<QByteArray, HttpRequest> m_upgrading; // by Sec-WebSocket-Key, until the handshake ends
    QHash<QByteArray, QPointer<QTcpSocket>> m_upgradingTransports; // likewise
    QHash<QWebSocket *, QPointer<QTcpSocket>> m_transports;
};

} // namespace fleetscope::sim

Q_DECLARE_METATYPE(fleetscope::sim::HttpRequest)
