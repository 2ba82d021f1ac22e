#include "sim/intu/intubody.h"

#include "sim/intu/styledjson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace fleetscope::sim::intu {

namespace {

struct Chatter
{
    int weight;
    IntuLogLevel level;
    const char *subsystem;
    const char *message;
};

// Mostly debug and status, some warnings, rarely an error (docs/protocols/intu.md#simulator).
const Chatter kChatter[] = {
    {20, IntuLogLevel::DebugLow, "TopicManager", "Routing message to 1 targets."},
    {20, IntuLogLevel::DebugLow, "SensorManager", "Processing sensor data."},
    {10, IntuLogLevel::DebugLow, "BlackBoard", "Thing importance decayed."},
    {10, IntuLogLevel::DebugLow, "GestureManager", "Gesture queue empty."},
    {6, IntuLogLevel::DebugMed, "TopicManager", "Sending ping to children."},
    {4, IntuLogLevel::DebugHigh, "SensorManager", "Sensor System sent data."},
    {12, IntuLogLevel::Status, "SensorManager", "Sensor System is active."},
    {8, IntuLogLevel::Status, "BlackBoard", "Goal completed."},
    {6, IntuLogLevel::Status, "GestureManager", "Gesture volume_up executed."},
    {3, IntuLogLevel::Warning, "SensorManager", "Sensor Camera frame dropped."},
    {2, IntuLogLevel::Warning, "GestureManager", "Gesture wait timed out."},
    {1, IntuLogLevel::Error, "TopicManager", "Failed to send frame, connection closed."},
};

} // namespace

IntuBody::IntuBody(const IntuBodyProfile &profile, const IntuCadence &cadence, quint32 seed, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_cadence(cadence)
    , m_random(seed)
    , m_node(profile.identity)
    , m_blackboard(&m_node, cadence, &m_random)
    , m_sensors(&m_node, profile.sensors, cadence, &m_random)
{
    m_node.registerTopic(QStringLiteral("blackboard"), QStringLiteral("application/json"));
    m_node.registerTopic(QStringLiteral("blackboard-stream"), QStringLiteral("application/json"));
    m_node.registerTopic(QStringLiteral("conversation"), QStringLiteral("text/plain"));
    m_node.registerTopic(QStringLiteral("config"), QStringLiteral("application/json"));
    m_node.registerTopic(QStringLiteral("sensor-manager"), QStringLiteral("application/json"));
    connect(&m_node, &IntuNode::publishedAt, this, &IntuBody::onPublishedAt);
    connect(&m_node, &IntuNode::subscriptionChanged, this, &IntuBody::onSubscription);

    for (QTimer *timer : {&m_logTimer, &m_dialogTimer})
        timer->setSingleShot(true);
    connect(&m_logTimer, &QTimer::timeout, this, &IntuBody::chatter);
    connect(&m_dialogTimer, &QTimer::timeout, this, &IntuBody::dialog);
    connect(&m_healthTimer, &QTimer::timeout, this, &IntuBody::healthThing);
    connect(&m_emotionTimer, &QTimer::timeout, this, &IntuBody::emotion);
    if (cadence.live) {
        m_logTimer.start(between(cadence.logMinMs, cadence.logMaxMs));
        m_dialogTimer.start(between(cadence.dialogMinMs, cadence.dialogMaxMs));
        m_healthTimer.start(cadence.healthThingMs);
        m_emotionTimer.start(cadence.emotionMs);
    }
}

int IntuBody::between(int low, int high)
{
    return low + static_cast<int>(m_random.bounded(static_cast<quint32>(std::max(1, high - low + 1))));
}

void IntuBody::onPublishedAt(const QString &topic, const QByteArray &data, const QString &origin)
{
    const QJsonObject command = QJsonDocument::fromJson(data).object();
    if (topic == QLatin1String("blackboard")) {
        m_blackboard.command(command, origin);
    } else if (topic == QLatin1String("conversation")) {
        // Injected speech: already on `conversation` (the re-publish); the robot answers.
        QString text = QString::fromUtf8(data).trimmed();
        if (text.size() >= 2 && text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))
            text = text.mid(1, text.size() - 2);
        if (!text.isEmpty())
            m_blackboard.hear(text, 0.95, true);
    } else if (topic == QLatin1String("config")) {
        onConfig(command);
    } else if (topic == QLatin1String("topic-manager")) {
        onTopicManager(command);
    } else if (topic == QLatin1String("sensor-manager")) {
        onSensorManager(command, origin);
    }
}

void IntuBody::onSubscription(const QString &topic, const QString &origin, bool subscribed)
{
    if (!subscribed) {
        // A client gone from every topic (or disconnected) no longer wants blackboard types.
        if (!m_node.isSubscriber(origin))
            m_blackboard.forgetOrigin(origin);
        // SensorManager::OnSubscriber: an SDK client leaving sensor-manager takes its proxies along.
        if (topic == QLatin1String("sensor-manager")) {
            for (const QString &proxy : m_proxyTopics.values(origin))
                m_node.unregisterTopic(proxy);
            m_proxyTopics.remove(origin);
        }
        return;
    }
    if (topic == QLatin1String("blackboard-stream"))
        m_node.sendTo(origin, topic, styledJson(m_blackboard.snapshot()));
    if (topic == QLatin1String("log"))
        m_node.log(IntuLogLevel::DebugLow, QStringLiteral("TopicManager"),
            QStringLiteral("New subscriber %1 to topic log.").arg(origin));
}

void IntuBody::onSensorManager(const QJsonObject &event, const QString &origin)
{
    // SensorManager::OnSensorEvent: a proxy sensor's topic is typed with the client's binary_type.
    const QString what = event.value(QLatin1String("event")).toString();
    const QString topic = QStringLiteral("sensor-proxy-") + event.value(QLatin1String("sensorId")).toString();
    if (what == QLatin1String("add_sensor_proxy")) {
        m_node.registerTopic(topic, event.value(QLatin1String("binary_type")).toString());
        m_proxyTopics.insert(origin, topic);
        m_node.log(IntuLogLevel::Status, QStringLiteral("SensorManager"),
            QStringLiteral("Adding proxy sensor %1, Id: %2, Override: False")
                .arg(event.value(QLatin1String("name")).toString(), topic.mid(13)));
    } else if (what == QLatin1String("remove_sensor_proxy")) {
        m_node.unregisterTopic(topic);
        m_proxyTopics.remove(origin, topic);
    }
}

void IntuBody::onConfig(const QJsonObject &command)
{
    const QString what = command.value(QLatin1String("event")).toString();
    QJsonObject result;
    if (what == QLatin1String("get_config")) {
        const QJsonObject config {{QStringLiteral("m_Name"), m_profile.identity.name},
            {QStringLiteral("m_EmbodimentId"), m_profile.identity.selfId},
            {QStringLiteral("m_RobotType"), m_profile.identity.type},
            {QStringLiteral("m_Version"), m_profile.identity.version},
            {QStringLiteral("m_Sensors"), QJsonArray::fromStringList(m_profile.sensors)}};
        result = {{QStringLiteral("event"), QStringLiteral("config_sent")}, {QStringLiteral("config"), config}};
    } else if (what == QLatin1String("list_libs")) {
        const QJsonArray libs {QJsonObject {{QStringLiteral("name"), QStringLiteral("platform_linux")},
                                   {QStringLiteral("disabled"), false}},
            QJsonObject {{QStringLiteral("name"), QStringLiteral("self_wex")}, {QStringLiteral("disabled"), true}}};
        result = {{QStringLiteral("event"), QStringLiteral("libs_list")}, {QStringLiteral("libs"), libs},
            {QStringLiteral("success"), true}};
    } else if (what == QLatin1String("log_level")) {
        const int level = command.value(QLatin1String("log_level")).toInt(-1);
        const bool ok = level >= 0 && level <= static_cast<int>(IntuLogLevel::Critical);
        if (ok) {
            m_node.setMinLogLevel(level);
            m_node.log(IntuLogLevel::Status, QStringLiteral("TopicManager"),
                QStringLiteral("Log level set to %1.").arg(intuLogLevelText(static_cast<IntuLogLevel>(level))));
        }
        result = {{QStringLiteral("event"), QStringLiteral("log_level")}, {QStringLiteral("success"), ok}};
    } else {
        result = {{QStringLiteral("event"), what}, {QStringLiteral("success"), false},
            {QStringLiteral("error"), QStringLiteral("unsupported config event")}};
    }
    // Results come back on the same topic, to its subscribers.
    m_node.publish(QStringLiteral("config"), styledJson(result));
}

void IntuBody::onTopicManager(const QJsonObject &command)
{
    const QString what = command.value(QLatin1String("event")).toString();
    const QString topicId = command.value(QLatin1String("topicId")).toString();
    if (what == QLatin1String("register_topic") && !topicId.isEmpty()) {
        m_node.registerTopic(
            topicId, command.value(QLatin1String("type")).toString(QStringLiteral("application/json")));
        m_node.log(
            IntuLogLevel::Status, QStringLiteral("TopicManager"), QStringLiteral("Registered topic %1.").arg(topicId));
    } else if (what == QLatin1String("unregister_topic") && !topicId.isEmpty()) {
        m_node.unregisterTopic(topicId);
    }
}

void IntuBody::chatter()
{
    int total = 0;
    for (const Chatter &line : kChatter)
        total += line.weight;
    for (int i = 0; i < m_cadence.logBurst; ++i) {
        int pick = m_random.bounded(total);
        const Chatter *chosen = &kChatter[0];
        for (const Chatter &line : kChatter) {
            chosen = &line;
            if ((pick -= line.weight) < 0)
                break;
        }
        m_node.log(chosen->level, QString::fromLatin1(chosen->subsystem), QString::fromLatin1(chosen->message));
    }
    m_logTimer.start(between(m_cadence.logMinMs, m_cadence.logMaxMs));
}

void IntuBody::dialog()
{
    if (!m_profile.utterances.isEmpty()) {
        const QString heard = m_profile.utterances.at(
            static_cast<int>(m_random.bounded(static_cast<quint32>(m_profile.utterances.size()))));
        m_blackboard.hear(heard, 0.60 + m_random.generateDouble() * 0.39, false);
    }
    m_dialogTimer.start(between(m_cadence.dialogMinMs, m_cadence.dialogMaxMs));
}

void IntuBody::healthThing()
{
    static const char *const names[] = {"cpuUsage", "freeMemory", "batteryLevel"};
    const char *name = names[m_random.bounded(3)];
    m_blackboard.add(QJsonObject {{QStringLiteral("Type_"), QStringLiteral("Health")},
        {QStringLiteral("m_HealthFamily"), QStringLiteral("System")},
        {QStringLiteral("m_HealthName"), QString::fromLatin1(name)},
        {QStringLiteral("m_fHealthValue"), std::round(m_random.generateDouble() * 1000.0) / 10.0},
        {QStringLiteral("m_bError"), false}});
}

void IntuBody::emotion()
{
    // Drifts back to 0.5 ± 0.1.
    m_emotion += (0.5 - m_emotion) * 0.3 + (m_random.generateDouble() - 0.5) * 0.2;
    m_emotion = std::max(0.0, std::min(1.0, m_emotion));
    const QJsonObject data {{QStringLiteral("m_EmotionalState"), std::round(m_emotion * 1000) / 1000}};
    // One EmotionalState thing whose data changes (data_changed), added again once evicted.
    const QString existing = m_blackboard.guidOfLast(QStringLiteral("EmotionalState"));
    if (existing.isEmpty())
        m_blackboard.add(QJsonObject {
            {QStringLiteral("Type_"), QStringLiteral("EmotionalState")}, {QStringLiteral("m_Data"), data}});
    else
        m_blackboard.setData(existing, data);
}

} // namespace fleetscope::sim::intu
