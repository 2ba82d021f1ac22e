#pragma once

#include "sim/intu/intucadence.h"
#include "sim/intu/intunode.h"

#include <QHash>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

namespace fleetscope::sim::intu {

// An instance's sensors as `sensor-<Name>` topics: System (HealthData cpuUsage, diskUsage,
// freeMemory, lastReboot), Network (RemoteNetwork UP, now and then DOWN for a while), Sonar
// (distance), Touch (HeadFront engaged), Camera (JPEG frames) and Microphone (16-bit LE PCM).
// Like the real ones they run only while subscribed and always publish binary frames, even the
// JSON ones.
//
// Threading: the simulator's thread. Publishes through its node (not owned).
class IntuSensors : public QObject
{
    Q_OBJECT

public:
    IntuSensors(IntuNode *node, const QStringList &sensors, const IntuCadence &cadence, QRandomGenerator *random,
        QObject *parent = nullptr);

    bool isRunning(const QString &sensor) const;
    static QString typeOf(const QString &sensor);

private:
    struct Sensor
    {
        QString name;
        QTimer *timer = nullptr;
    };

    void onSubscription(const QString &topic);
    void tick(const QString &sensor);
    void publishJson(const QString &sensor, const QJsonObject &reading);
    QJsonObject health(const QString &name, const QString &state, const QJsonValue &value, bool raiseAlert) const;
    void system();
    void network();
    QByteArray jpegFrame();
    QByteArray pcmChunk();

    IntuNode *m_node;
    IntuCadence m_cadence;
    QRandomGenerator *m_random;
    QHash<QString, Sensor> m_sensors; // by topic
    double m_cpu = 20;
    double m_disk = 35;
    double m_memory = 60;
    qint64 m_bootMs = 0;
    bool m_networkUp = true;
    qint64 m_downUntilMs = 0;
    double m_phase = 0;
    bool m_touched = false;
};

} // namespace fleetscope::sim::intu
