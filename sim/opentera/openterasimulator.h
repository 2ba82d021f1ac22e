#pragma once

#include "sim/common/httpfront.h"
#include "sim/common/simulator.h"
#include "sim/opentera/openteraaccounts.h"
#include "sim/opentera/openterarestapi.h"
#include "sim/opentera/openteraworld.h"

#include <QHash>
#include <QPointer>

class QWebSocket;
class QTimer;

namespace fleetscope::sim::opentera {

// A TeraServer per docs/protocols/opentera.md#simulator: the REST API and the /wss/user socket on
// one port. A login hands out a one-shot socket key (valid 60 s, the URL's scheme literally
// "wss" unless "wsScheme"=ws); the socket gets the user's own USER_CONNECTED first, then the
// world's events filtered by access, one per frame; whatever a client sends is answered with
// "Not allowed to send message"; the server pings 10 s after the handshake and after each pong
// and aborts (no close frame) when no pong comes within 30 s; logout and admin disconnect close
// with 4000 CMD_CLIENT_DISCONNECT.
//
// Options (besides OpenTeraWorld's, OpenTeraAccounts' and OpenTeraRestApi's): "pingMs",
// "pongTimeoutMs", "wsScheme", "ghostMs" (after dropAllConnections() the server keeps the users
// logged in that long, as when sockets die unnoticed), and the test switches "unknownType" (an
// unknown event right after USER_CONNECTED, and often afterwards), "batchEvents" (several events
// per frame), "enumNumbers", "snakeCase", "binary" (serialized TeraMessages in binary frames).
class OpenTeraSimulator : public Simulator, private SocketDirectory
{
    Q_OBJECT

public:
    explicit OpenTeraSimulator(const QVariantMap &options = {}, QObject *parent = nullptr);
    ~OpenTeraSimulator() override;

    QString protocol() const override { return QStringLiteral("opentera"); }
    bool listen(const QHostAddress &address, quint16 port, QString *error) override;
    quint16 port() const override { return m_front.port(); }
    EndpointConfig clientConfig() const override;
    QStringList demoSeries() const override;
    QStringList describe() const override;
    void dropAllConnections() override;
    int connectionCount() const override { return static_cast<int>(m_connections.size()); }
    int injectRawFrame(const QByteArray &payload, RawFrameKind kind) override;

    OpenTeraWorld &world() { return m_world; }
    const OpenTeraAccounts &accounts() const { return m_accounts; }
    int requestCount(const QString &path) const { return m_api.requestCount(path); }
    // Texts clients sent on their sockets (they should send none).
    QStringList received() const { return m_received; }
    // As an admin's GET /api/user/disconnect would: closes the user's sockets with 4000.
    void disconnectUser(const QString &userUuid) override;

Q_SIGNALS:
    // A user's socket is open and got its USER_CONNECTED.
    void userConnected(const QString &login);

private:
    struct Connection
    {
        QPointer<QWebSocket> socket;
        QString userUuid;
        QTimer *pingTimer = nullptr;
        QTimer *pongDeadline = nullptr;
        QByteArray pingPayload;
        QVector<OutEvent> queue;
    };

    bool holdsUser(const QString &userUuid) const override;
    QString socketBase() const override;
    void onSocket(QWebSocket *socket, const HttpRequest &request);
    void onClosed(QWebSocket *socket);
    void onWorldEvent(const OutEvent &event);
    void deliver(Connection *connection, const OutEvent &event);
    void sendFrame(Connection *connection, const QVector<OutEvent> &events);
    void flushQueue(Connection *connection);

    QVariantMap m_options;
    HttpFront m_front;
    OpenTeraAccounts m_accounts;
    OpenTeraWorld m_world;
    OpenTeraRestApi m_api;
    QHostAddress m_address;
    QHash<QWebSocket *, Connection *> m_connections;
    QHash<QByteArray, QString> m_userByHandshake; // Sec-WebSocket-Key → user, until the socket opens
    QHash<QString, qint64> m_ghostUntil; // users whose dead sockets the server has not noticed yet
    QStringList m_received;
    FrameStyle m_style;
    int m_pingMs;
    int m_pongTimeoutMs;
    int m_ghostMs;
    bool m_unknownType;
    bool m_batch;
    int m_deviceEvents = 0;
};

} // namespace fleetscope::sim::opentera
