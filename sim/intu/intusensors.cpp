#include "sim/intu/intusensors.h"

#include "sim/intu/styledjson.h"

#include <QDateTime>
#include <QLocale>
#include <QtEndian>

#include <cmath>

namespace fleetscope::sim::intu {

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString topicOf(const QString &sensor)
{
    return QStringLiteral("sensor-") + sensor;
}

double clamp(double value, double low, double high)
{
    return std::max(low, std::min(high, value));
}

double round1(double value)
{
    return std::round(value * 10.0) / 10.0;
}

} // namespace

IntuSensors::IntuSensors(
    IntuNode *node, const QStringList &sensors, const IntuCadence &cadence, QRandomGenerator *random, QObject *parent)
    : QObject(parent)
    , m_node(node)
    , m_cadence(cadence)
    , m_random(random)
    , m_bootMs(now() - 3 * 3600 * 1000)
{
    for (const QString &name : sensors) {
        Sensor sensor;
        sensor.name = name;
        sensor.timer = new QTimer(this);
        const int interval = name == QLatin1String("System") ? cadence.systemMs
            : name == QLatin1String("Network")               ? cadence.networkMs
            : name == QLatin1String("Sonar")                 ? cadence.sonarMs
            : name == QLatin1String("Touch")                 ? cadence.touchMs
            : name == QLatin1String("Camera")                ? cadence.cameraMs
                                                             : cadence.microphoneMs;
        sensor.timer->setInterval(interval);
        connect(sensor.timer, &QTimer::timeout, this, [this, name] { tick(name); });
        m_sensors.insert(topicOf(name), sensor);
        node->registerTopic(topicOf(name), typeOf(name));
    }
    connect(node, &IntuNode::subscriptionChanged, this, [this](const QString &topic) { onSubscription(topic); });
}

QString IntuSensors::typeOf(const QString &sensor)
{
    if (sensor == QLatin1String("Camera"))
        return QStringLiteral("image/jpeg");
    if (sensor == QLatin1String("Microphone"))
        return QStringLiteral("audio/L16;rate=16000;channels=1");
    return QStringLiteral("application/json");
}

bool IntuSensors::isRunning(const QString &sensor) const
{
    const Sensor s = m_sensors.value(topicOf(sensor));
    return s.timer && s.timer->isActive();
}

void IntuSensors::onSubscription(const QString &topic)
{
    const auto it = m_sensors.constFind(topic);
    if (it == m_sensors.constEnd() || !m_cadence.live)
        return;
    // A sensor starts with its first subscriber and stops after the last.
    const bool wanted = m_node->subscriberCount(topic) > 0;
    if (wanted && !it->timer->isActive()) {
        it->timer->start();
        tick(it->name); // the first reading right away
    } else if (!wanted) {
        it->timer->stop();
    }
}

void IntuSensors::publishJson(const QString &sensor, const QJsonObject &reading)
{
    m_node->publish(topicOf(sensor), styledJson(reading), true);
}

QJsonObject IntuSensors::health(
    const QString &name, const QString &state, const QJsonValue &value, bool raiseAlert) const
{
    QJsonObject content {
        {QStringLiteral("state"), state}, {QStringLiteral("error"), false}, {QStringLiteral("raiseAlert"), raiseAlert}};
    if (!value.isUndefined())
        content.insert(QStringLiteral("value"), value);
    return QJsonObject {{QStringLiteral("Type_"), QStringLiteral("HealthData")}, {QStringLiteral("m_HealthName"), name},
        {QStringLiteral("m_Content"), content}};
}

void IntuSensors::tick(const QString &sensor)
{
    if (sensor == QLatin1String("System")) {
        system();
    } else if (sensor == QLatin1String("Network")) {
        network();
    } else if (sensor == QLatin1String("Sonar")) {
        m_phase += 0.15;
        const double distance =
            clamp(1.65 + 1.2 * std::sin(m_phase) + (m_random->generateDouble() - 0.5) * 0.1, 0.3, 3.0);
        publishJson(sensor,
            {{QStringLiteral("m_fDistance"), std::round(distance * 100) / 100},
                {QStringLiteral("m_fAzimuthalAngle"), 0}, {QStringLiteral("m_fElevationAngle"), 0}});
    } else if (sensor == QLatin1String("Touch")) {
        if (m_random->bounded(10) < 3)
            m_touched = !m_touched;
        publishJson(sensor,
            {{QStringLiteral("m_SensorName"), QStringLiteral("HeadFront")},
                {QStringLiteral("m_fEngaged"), m_touched ? 1.0 : 0.0}});
    } else if (sensor == QLatin1String("Camera")) {
        m_node->publish(topicOf(sensor), jpegFrame(), true);
    } else if (sensor == QLatin1String("Microphone")) {
        m_node->publish(topicOf(sensor), pcmChunk(), true);
    }
}

void IntuSensors::system()
{
    m_cpu = clamp(m_cpu + (m_random->generateDouble() - 0.5) * 12.0, 5.0, 60.0);
    m_disk += m_random->generateDouble() * 0.2;
    if (m_disk > 80.0)
        m_disk = 20.0; // a cleanup ran
    m_memory = clamp(m_memory + (m_random->generateDouble() - 0.5) * 6.0, 30.0, 90.0);
    const QDateTime boot = QDateTime::fromMSecsSinceEpoch(m_bootMs);
    const QString rebooted = QLocale::c().toString(boot, QStringLiteral("ddd MMM d HH:mm:ss yyyy"));
    publishJson(QStringLiteral("System"),
        health(QStringLiteral("System"), QStringLiteral("cpuUsage"), round1(m_cpu), m_cpu > 55.0));
    publishJson(
        QStringLiteral("System"), health(QStringLiteral("System"), QStringLiteral("diskUsage"), round1(m_disk), false));
    publishJson(QStringLiteral("System"),
        health(QStringLiteral("System"), QStringLiteral("freeMemory"), round1(m_memory), false));
    publishJson(QStringLiteral("System"),
        health(QStringLiteral("System"), QStringLiteral("lastReboot ") + rebooted,
            static_cast<qint64>((now() - m_bootMs) / 60000), false));
}

void IntuSensors::network()
{
    const qint64 t = now();
    if (m_networkUp && m_random->bounded(100) < 15) {
        m_networkUp = false;
        m_downUntilMs = t + m_cadence.networkDownMinMs
            + m_random->bounded(std::max(1, m_cadence.networkDownMaxMs - m_cadence.networkDownMinMs));
    } else if (!m_networkUp && t >= m_downUntilMs) {
        m_networkUp = true;
    }
    publishJson(QStringLiteral("Network"),
        health(QStringLiteral("RemoteNetwork"), m_networkUp ? QStringLiteral("UP") : QStringLiteral("DOWN"),
            QJsonValue::Undefined, false));
}

QByteArray IntuSensors::jpegFrame()
{
    // Looks like a 320×240 baseline JPEG to anyone reading headers; the scan data is noise.
    static const QByteArray head = QByteArray::fromHex("ffd8ffe000104a46494600010100000100010000"
                                                       "ffc0001108"
                                                       "00f0"
                                                       "0140"
                                                       "03012200021101031101");
    QByteArray frame = head;
    const int scan = 12000 + static_cast<int>(m_random->bounded(4000));
    QByteArray noise(scan, Qt::Uninitialized);
    for (int i = 0; i < scan; ++i)
        noise[i] = static_cast<char>(m_random->bounded(255)); // never 0xff: no stray markers
    frame += QByteArray::fromHex("ffda000c03010002110311003f00") + noise + QByteArray::fromHex("ffd9");
    return frame;
}

QByteArray IntuSensors::pcmChunk()
{
    constexpr int kSamples = 1600; // 100 ms at 16 kHz
    QByteArray chunk(kSamples * 2, Qt::Uninitialized);
    m_phase += 0.05;
    const double loudness = 2000.0 + 6000.0 * (0.5 + 0.5 * std::sin(m_phase));
    for (int i = 0; i < kSamples; ++i) {
        const double tone = std::sin(2.0 * M_PI * 440.0 * i / 16000.0) * loudness;
        const double noise = (m_random->generateDouble() - 0.5) * 400.0;
        qToLittleEndian(static_cast<qint16>(clamp(tone + noise, -32768.0, 32767.0)), chunk.data() + 2 * i);
    }
    return chunk;
}

} // namespace fleetscope::sim::intu
