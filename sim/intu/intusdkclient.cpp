#include "sim/intu/intusdkclient.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace fleetscope::sim::intu {

IntuSdkClient::IntuSdkClient(IntuNode *node, int chunkMs, QObject *parent)
    : QObject(parent)
    , m_node(node)
{
    m_timer.setInterval(std::max(10, chunkMs));
    connect(&m_timer, &QTimer::timeout, this, &IntuSdkClient::sendChunk);
}

IntuSdkClient::~IntuSdkClient()
{
    leave();
}

void IntuSdkClient::deliver(const IntuEnvelope &)
{
    // start_sensor / stop_sensor from the node: the chunks flow regardless.
}

void IntuSdkClient::publishAt(const QString &topic, const QJsonObject &fields, const QByteArray &bytes)
{
    QJsonObject json = fields;
    json.insert(QStringLiteral("msg"), QStringLiteral("publish_at"));
    json.insert(QStringLiteral("targets"), QJsonArray {topic});
    json.insert(QStringLiteral("origin"), QString(peerId() + QStringLiteral("/.")));
    json.insert(QStringLiteral("persisted"), false);
    m_node->route(IntuEnvelope {json, bytes, false});
}

void IntuSdkClient::join()
{
    if (m_joined)
        return;
    m_joined = true;
    m_node->addChild(this);
    // As the SDK: subscribe sensor-manager, then add the proxy sensor there (TopicClient.publish).
    m_node->route(IntuEnvelope {QJsonObject {{QStringLiteral("msg"), QStringLiteral("subscribe")},
                                    {QStringLiteral("targets"), QJsonArray {QStringLiteral("sensor-manager")}},
                                    {QStringLiteral("origin"), QString(peerId() + QStringLiteral("/."))}},
        {}, false});
    const QJsonObject add {{QStringLiteral("event"), QStringLiteral("add_sensor_proxy")},
        {QStringLiteral("sensorId"), sensorId()}, {QStringLiteral("name"), QStringLiteral("Microphone")},
        {QStringLiteral("data_type"), QStringLiteral("AudioData")}, {QStringLiteral("binary_type"), binaryType()},
        {QStringLiteral("override"), false}};
    publishAt(QStringLiteral("sensor-manager"),
        {{QStringLiteral("binary"), false},
            {QStringLiteral("data"), QString::fromUtf8(QJsonDocument(add).toJson(QJsonDocument::Compact))}},
        {});
    m_timer.start();
}

void IntuSdkClient::leave()
{
    if (!m_joined)
        return;
    m_joined = false;
    m_timer.stop();
    m_node->removeChild(this);
}

void IntuSdkClient::sendChunk()
{
    // 100 ms of a 440 Hz tone, 16-bit little-endian: most chunks hold bytes of 0x80 and above.
    QByteArray pcm;
    pcm.reserve(3200);
    for (int i = 0; i < 1600; ++i) {
        const double t = (m_chunks * 1600 + i) / 16000.0;
        const auto sample = static_cast<qint16>(std::lround(9000.0 * std::sin(2.0 * M_PI * 440.0 * t)));
        pcm.append(static_cast<char>(sample & 0xFF));
        pcm.append(static_cast<char>((sample >> 8) & 0xFF));
    }
    ++m_chunks;
    publishAt(topicId(), {{QStringLiteral("binary"), true}, {QStringLiteral("data"), pcm.size()}}, pcm);
}

} // namespace fleetscope::sim::intu
