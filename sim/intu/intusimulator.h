#pragma once

#include "sim/common/httpfront.h"
#include "sim/common/simulator.h"
#include "sim/intu/intubody.h"
#include "sim/intu/intucadence.h"
#include "sim/intu/intusdkclient.h"

#include <QTimer>

#include <memory>
#include <vector>

class QWebSocket;

namespace fleetscope::sim::intu {

class IntuClientLink;

// An IBM Watson Intu "Self" server per docs/protocols/intu.md#simulator: instance "Willow"
// (sim-intu-0001) with two child embodiments, pepper-7f3a (Pepper: sonar) and nao-2c91 (NAO:
// touch), optionally under a cloud parent (parent-0001), and a visitor phone that connects and
// leaves now and then. /stream needs selfId and token (header or query, any case; empty is
// fine) else 400 "Required headers missing."; /info and POST /topics/<id> are served. Each
// console is a child connection of Willow: the newest with a selfId wins, `connected` /
// `disconnected` go out on topic-manager, one control frame greets it, PING every 15 s carries
// epoch seconds. Everything the server writes is StyledWriter JSON with double-encoded `data`;
// sensors publish binary frames.
//
// Options: cadences (see IntuCadence: "cadenceScale", "systemMs", "logMinMs", "logBurst", ... "pingMs"),
// "generator" (false: no live data), "seed", "parent" (true: a cloud parent above Willow),
// "strict" (non-string data closes the socket with 1011), "token" (only this token is
// accepted: others get the real server's close frame without status code, "Failed to
// authenticate."), "restUser"/"restPassword" (Basic auth on every endpoint), "sdkClient" (the
// selfId of the instance an SDK application joins, or true for Willow: it adds a proxy sensor
// streaming PCM to `sensor-proxy-microphone-7c1e`, which reaches consoles as text frames that are
// not UTF-8, like the real server's; "sdkChunkMs" its pace, 100 by default).
class IntuSimulator : public Simulator
{
    Q_OBJECT

public:
    explicit IntuSimulator(const QVariantMap &options = {}, QObject *parent = nullptr);
    ~IntuSimulator() override;

    QString protocol() const override { return QStringLiteral("intu"); }
    bool listen(const QHostAddress &address, quint16 port, QString *error) override;
    quint16 port() const override { return m_front.port(); }
    EndpointConfig clientConfig() const override;
    QStringList demoSeries() const override;
    QStringList describe() const override;
    void dropAllConnections() override;
    int connectionCount() const override { return static_cast<int>(m_clients.size()); }
    int injectRawFrame(const QByteArray &payload, RawFrameKind kind) override;

    IntuNode *root() { return m_bodies.front()->node(); }
    // The instance with this selfId (sim-intu-0001, pepper-7f3a, nao-2c91, parent-0001), or nullptr.
    IntuBody *body(const QString &selfId);
    // Every message consoles sent, oldest first (the last 2000): tests look at what arrived.
    QVector<QJsonObject> receivedMessages() const { return m_received; }
    // Fault injection: a raw frame to every console.
    void injectFrame(const QByteArray &frame, bool binary);
    // The visitor phone joins (or leaves) Willow now.
    void setVisitorConnected(bool connected);
    // A child instance restarts: it leaves Willow (`disconnected`), comes back with no
    // subscribers at all, and joins again (`connected`).
    void restartChild(const QString &selfId);
    // The SDK application of the "sdkClient" option, or nullptr.
    IntuSdkClient *sdkClient() { return m_sdk.get(); }

    static const QString kRootId;

private:
    bool acceptUpgrade(const HttpRequest &request, HttpResponse *refusal);
    HttpResponse rest(const HttpRequest &request);
    void onSocket(QWebSocket *socket, const HttpRequest &request);
    void onPing();
    bool authorized(const HttpRequest &request) const;
    static bool param(const HttpRequest &request, const QByteArray &name, QString *value);
    QString host() const;

    QVariantMap m_options;
    IntuCadence m_cadence;
    HttpFront m_front;
    std::vector<std::unique_ptr<IntuBody>> m_bodies; // Willow first, then its children
    std::unique_ptr<IntuBody> m_cloud;
    std::unique_ptr<IntuBody> m_visitor;
    std::unique_ptr<IntuSdkClient> m_sdk;
    bool m_visitorConnected = false;
    QVector<IntuClientLink *> m_clients;
    QVector<QJsonObject> m_received;
    QTimer m_pingTimer;
    QTimer m_visitorTimer;
    QString m_instanceId;
    QHostAddress m_address;
};

} // namespace fleetscope::sim::intu
