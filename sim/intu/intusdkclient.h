#pragma once

#include "sim/intu/intunode.h"

#include <QObject>
#include <QTimer>

namespace fleetscope::sim::intu {

// An application built on an Intu SDK (the Python SDK's SensorManager) joined to a node as a
// child: it subscribes `sensor-manager`, adds a proxy sensor there (`add_sensor_proxy` with
// `data_type` AudioData and `binary_type` audio/L16), and streams 16-bit PCM chunks to the
// node's `sensor-proxy-<sensorId>` topic as binary publish_at frames. The node re-publishes each
// chunk to the topic's subscribers as a text message carrying the raw bytes, which is not UTF-8
// (docs/protocols/intu.md#quirks). Leaving unsubscribes it, which removes the proxy topic.
//
// Threading: the simulator's thread. The node is not owned.
class IntuSdkClient : public QObject, public IntuPeer
{
    Q_OBJECT

public:
    IntuSdkClient(IntuNode *node, int chunkMs, QObject *parent = nullptr);
    ~IntuSdkClient() override;

    QString peerId() const override { return QStringLiteral("python-sdk-4d2e"); }
    void deliver(const IntuEnvelope &message) override;

    void join();
    void leave();
    bool joined() const { return m_joined; }
    // The proxy topic on the node: sensor-proxy-<sensorId>.
    static QString topicId() { return QStringLiteral("sensor-proxy-") + sensorId(); }
    static QString sensorId() { return QStringLiteral("microphone-7c1e"); }
    static QString binaryType() { return QStringLiteral("audio/L16;rate=16000"); }
    int chunksSent() const { return m_chunks; }

private:
    void publishAt(const QString &topic, const QJsonObject &fields, const QByteArray &bytes);
    void sendChunk();

    IntuNode *m_node;
    QTimer m_timer;
    bool m_joined = false;
    int m_chunks = 0;
};

} // namespace fleetscope::sim::intu
