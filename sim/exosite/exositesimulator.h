#pragma once

#include "sim/common/httpfront.h"
#include "sim/common/simulator.h"
#include "sim/exosite/exositeprocedures.h"
#include "sim/exosite/exositeworld.h"

#include <QHash>
#include <QJsonArray>
#include <QPointer>

class QWebSocket;

namespace fleetscope::sim::exosite {

// A One Platform WebSocket server per docs/protocols/exosite.md#simulator: /ws and /ws/, auth once
// per socket (every variant), pipelined calls answered in order after the ack, one reply array
// per request frame (calls without id skipped), whole-request errors, bare status words, legacy
// argument forms, subscriptions with a backlog of one frame per point and live updates (flat pair
// by default), and fault injection.
//
// Options: "nested" (updates as [[ts,v]]), "authFailure" ("close" | "status" | "error-open"),
// "unsubscribeUnknown" ("ok" | "invalid"), "replyDelayMs", "cadence" ("lively" | "reference"),
// "generator" (false: no live values), "seed".
class ExositeSimulator : public Simulator
{
    Q_OBJECT

public:
    explicit ExositeSimulator(const QVariantMap &options = {}, QObject *parent = nullptr);
    ~ExositeSimulator() override;

    QString protocol() const override { return QStringLiteral("exosite"); }
    bool listen(const QHostAddress &address, quint16 port, QString *error) override;
    quint16 port() const override { return m_front.port(); }
    EndpointConfig clientConfig() const override;
    QStringList demoSeries() const override;
    QStringList describe() const override;
    void dropAllConnections() override;
    int connectionCount() const override { return static_cast<int>(m_connections.size()); }
    int injectRawFrame(const QByteArray &payload, RawFrameKind kind) override;

    ExositeWorld &world() { return m_world; }
    // The latest frames clients sent, oldest first (tests look at what reached the server).
    QStringList receivedFrames() const { return m_received; }
    int subscriptionCount() const;

private:
    struct Subscription
    {
        QString rid;
        QJsonValue subsId;
        qint64 expiresAtMs = 0;
    };
    struct Connection
    {
        QPointer<QWebSocket> socket;
        QString callerRid; // empty until authenticated
        QVector<Subscription> subscriptions;
    };

    void onSocket(QWebSocket *socket, const HttpRequest &request);
    void onText(Connection *connection, const QString &text);
    void onAuth(Connection *connection, const QJsonValue &auth);
    void onCalls(Connection *connection, const QJsonArray &calls);
    QJsonObject subscribe(
        Connection *connection, const QJsonValue &callId, const QJsonArray &args, QVector<QJsonObject> *backlog);
    QJsonObject unsubscribe(Connection *connection, const QJsonArray &args);
    void onPoint(const QString &rid, qint64 ts, const QJsonValue &value);
    QJsonObject update(const QJsonValue &subsId, qint64 ts, const QJsonValue &value) const;
    void sendJson(Connection *connection, const QJsonValue &json);
    static QJsonObject requestError(int code, const QString &context);

    QVariantMap m_options;
    HttpFront m_front;
    ExositeWorld m_world;
    ExositeProcedures m_procedures;
    QHash<QWebSocket *, Connection *> m_connections;
    QStringList m_received;
    bool m_nested;
    int m_delayMs;
};

} // namespace fleetscope::sim::exosite
