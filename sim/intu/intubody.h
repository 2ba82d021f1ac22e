#pragma once

#include "sim/intu/intublackboard.h"
#include "sim/intu/intucadence.h"
#include "sim/intu/intunode.h"
#include "sim/intu/intusensors.h"

#include <QMultiHash>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

namespace fleetscope::sim::intu {

// What one simulated instance is: its identity and sensors.
struct IntuBodyProfile
{
    IntuNode::Identity identity;
    QStringList sensors; // System, Network, Sonar, Touch, Camera, Microphone
    QStringList utterances; // what people say to it
};

// One simulated Intu instance: its TopicManager node with the common topics (log,
// topic-manager, blackboard, blackboard-stream, conversation, config, its sensors), the live
// chatter a running robot produces (log records, dialog, Health and EmotionalState things), and
// the manual commands of docs/protocols/intu.md#commands (blackboard things, injected speech,
// config get_config / list_libs / log_level, topic-manager register_topic), and the proxy
// sensors SDK clients add on `sensor-manager` (a `sensor-proxy-<id>` topic each, gone with them).
//
// Threading: the simulator's thread. Owns its node, blackboard and sensors.
class IntuBody : public QObject
{
    Q_OBJECT

public:
    IntuBody(const IntuBodyProfile &profile, const IntuCadence &cadence, quint32 seed, QObject *parent = nullptr);

    IntuNode *node() { return &m_node; }
    IntuBlackboard *blackboard() { return &m_blackboard; }
    IntuSensors *sensors() { return &m_sensors; }

private:
    void onPublishedAt(const QString &topic, const QByteArray &data, const QString &origin);
    void onSubscription(const QString &topic, const QString &origin, bool subscribed);
    void onConfig(const QJsonObject &command);
    void onTopicManager(const QJsonObject &command);
    void onSensorManager(const QJsonObject &event, const QString &origin);
    void chatter();
    void dialog();
    void healthThing();
    void emotion();
    int between(int low, int high);

    IntuBodyProfile m_profile;
    IntuCadence m_cadence;
    QRandomGenerator m_random;
    IntuNode m_node;
    IntuBlackboard m_blackboard;
    IntuSensors m_sensors;
    QTimer m_logTimer;
    QTimer m_dialogTimer;
    QTimer m_healthTimer;
    QTimer m_emotionTimer;
    double m_emotion = 0.5;
    QMultiHash<QString, QString> m_proxyTopics; // origin of an SDK client → its sensor-proxy-* topics
};

} // namespace fleetscope::sim::intu
