#include "sim/intu/intublackboard.h"

#include "sim/intu/styledjson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTime>
#include <QTimer>
#include <QUuid>

namespace fleetscope::sim::intu {

namespace {

QString newGuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

double epochSeconds()
{
    return QDateTime::currentMSecsSinceEpoch() / 1000.0;
}

} // namespace

const QStringList &IntuBlackboard::knownGestures()
{
    static const QStringList gestures {QStringLiteral("sound"), QStringLiteral("wait"), QStringLiteral("update_status"),
        QStringLiteral("volume_up"), QStringLiteral("volume_down"), QStringLiteral("volume_mute"),
        QStringLiteral("display"), QStringLiteral("dance")};
    return gestures;
}

IntuBlackboard::IntuBlackboard(IntuNode *node, const IntuCadence &cadence, QRandomGenerator *random, QObject *parent)
    : QObject(parent)
    , m_node(node)
    , m_cadence(cadence)
    , m_random(random)
{
    const auto root = [this](const QString &name) {
        const QString guid = newGuid();
        m_things.insert(guid,
            Thing {QJsonObject {{QStringLiteral("Type_"), QStringLiteral("IThing")}, {QStringLiteral("GUID_"), guid},
                       {QStringLiteral("m_Name"), name}, {QStringLiteral("m_State"), QStringLiteral("ADDED")},
                       {QStringLiteral("m_CreateTime"), epochSeconds()}},
                QString()});
        return guid;
    };
    m_perception = root(QStringLiteral("Perception"));
    m_cognitive = root(QStringLiteral("Cognitive"));
    m_models = root(QStringLiteral("Models"));
}

QJsonObject IntuBlackboard::subtree(const QString &guid) const
{
    QJsonObject json = m_things.value(guid).json;
    QJsonArray children;
    for (const QString &child : m_order) {
        if (m_things.value(child).parent == guid)
            children.append(subtree(child));
    }
    json.insert(QStringLiteral("m_Children"), children);
    return json;
}

QJsonObject IntuBlackboard::snapshot() const
{
    // The member name is misspelled in the real BlackBoard too.
    const QJsonObject state {{QStringLiteral("Type_"), QStringLiteral("BlackBoard")},
        {QStringLiteral("m_spPerceptionRoot"), subtree(m_perception)},
        {QStringLiteral("m_spCogntiveRoot"), subtree(m_cognitive)},
        {QStringLiteral("m_spModelsRoot"), subtree(m_models)}};
    return QJsonObject {{QStringLiteral("event"), QStringLiteral("recv_state")}, {QStringLiteral("state"), state}};
}

QString IntuBlackboard::rootFor(const QString &type) const
{
    static const QStringList perceived {QStringLiteral("Text"), QStringLiteral("Health"),
        QStringLiteral("EmotionalState"), QStringLiteral("Environment"), QStringLiteral("MusicBeat"),
        QStringLiteral("Image"), QStringLiteral("Person")};
    return perceived.contains(type) ? m_perception : m_cognitive;
}

void IntuBlackboard::publish(ThingEvent kind, const QJsonObject &event, const QString &type, const QJsonObject &remote)
{
    m_node->publish(QStringLiteral("blackboard-stream"), styledJson(event));
    // BlackBoard::RemoteSubscriber::OnEvent: addressed to each client whose subscribe_to_type
    // names the thing's type (or IThing) and whose event_mask has this event's bit.
    for (const TypeSubscriber &sub : std::as_const(m_typeSubscribers)) {
        if ((sub.mask & static_cast<int>(kind)) == 0 || (sub.type != type && sub.type != QLatin1String("IThing")))
            continue;
        QJsonObject addressed = remote;
        addressed.insert(QStringLiteral("type"), sub.type);
        m_node->sendTo(sub.origin, QStringLiteral("blackboard"), styledJson(addressed));
    }
}

QString IntuBlackboard::add(QJsonObject thing, const QString &parentGuid)
{
    const QString type = thing.value(QLatin1String("Type_")).toString(QStringLiteral("IThing"));
    const QString guid = newGuid();
    thing.insert(QStringLiteral("Type_"), type);
    thing.insert(QStringLiteral("GUID_"), guid);
    if (!thing.contains(QLatin1String("m_State")))
        thing.insert(QStringLiteral("m_State"), QStringLiteral("ADDED"));
    thing.insert(QStringLiteral("m_CreateTime"), epochSeconds());
    thing.remove(QStringLiteral("m_Children"));
    const QString parent = m_things.contains(parentGuid) ? parentGuid : rootFor(type);
    m_things.insert(guid, Thing {thing, parent});
    m_order.append(guid);
    const QJsonObject added {{QStringLiteral("event"), QStringLiteral("add_object")},
        {QStringLiteral("parent"), parent}, {QStringLiteral("thing"), thing}};
    publish(ThingEvent::Added, added, type, added);
    while (m_order.size() > kMaxThings)
        remove(m_order.first());
    if (type == QLatin1String("Say") || type == QLatin1String("Gesture"))
        perform(guid);
    return guid;
}

void IntuBlackboard::setState(const QString &guid, const QString &state)
{
    auto it = m_things.find(guid);
    if (it == m_things.end())
        return;
    it->json.insert(QStringLiteral("m_State"), state);
    // The stream carries the thing; a type subscriber gets only its guid and the state.
    const QJsonObject remote {{QStringLiteral("event"), QStringLiteral("set_object_state")},
        {QStringLiteral("thing_guid"), guid}, {QStringLiteral("state"), state}};
    QJsonObject stream = remote;
    stream.insert(QStringLiteral("thing"), it->json);
    publish(ThingEvent::State, stream, it->json.value(QLatin1String("Type_")).toString(), remote);
}

void IntuBlackboard::setImportance(const QString &guid, double importance)
{
    auto it = m_things.find(guid);
    if (it == m_things.end())
        return;
    it->json.insert(QStringLiteral("m_fImportance"), importance);
    const QJsonObject event {{QStringLiteral("event"), QStringLiteral("set_object_importance")},
        {QStringLiteral("thing_guid"), guid}, {QStringLiteral("importance"), importance}};
    publish(ThingEvent::Importance, event, it->json.value(QLatin1String("Type_")).toString(), event);
}

void IntuBlackboard::setData(const QString &guid, const QJsonObject &data)
{
    auto it = m_things.find(guid);
    if (it == m_things.end())
        return;
    it->json.insert(QStringLiteral("m_Data"), data);
    // BlackBoard::OnThingEvent has no case for a data change: the stream gets the bare event name
    // (and the server logs "Unhandled state 32"); a type subscriber gets the thing.
    m_node->log(IntuLogLevel::Warning, QStringLiteral("BlackBoard"), QStringLiteral("Unhandled state 32"));
    publish(ThingEvent::Data, QJsonObject {{QStringLiteral("event"), QStringLiteral("data_changed")}},
        it->json.value(QLatin1String("Type_")).toString(),
        QJsonObject {{QStringLiteral("event"), QStringLiteral("data_changed")}, {QStringLiteral("parent"), it->parent},
            {QStringLiteral("thing"), it->json}});
}

void IntuBlackboard::remove(const QString &guid)
{
    if (!m_order.contains(guid))
        return;
    for (const QString &child : QStringList(m_order)) {
        if (m_things.value(child).parent == guid)
            remove(child);
    }
    const QString type = m_things.value(guid).json.value(QLatin1String("Type_")).toString();
    m_order.removeOne(guid);
    m_things.remove(guid);
    const QJsonObject removed {
        {QStringLiteral("event"), QStringLiteral("remove_object")}, {QStringLiteral("thing_guid"), guid}};
    publish(ThingEvent::Removed, removed, type, removed);
}

QString IntuBlackboard::guidOfLast(const QString &type) const
{
    for (auto it = m_order.crbegin(); it != m_order.crend(); ++it) {
        if (m_things.value(*it).json.value(QLatin1String("Type_")).toString() == type)
            return *it;
    }
    return QString();
}

void IntuBlackboard::command(const QJsonObject &event, const QString &origin)
{
    const QString what = event.value(QLatin1String("event")).toString();
    if (what == QLatin1String("add_object")) {
        QJsonObject thing = event.value(QLatin1String("thing")).toObject();
        if (!thing.contains(QLatin1String("Type_")) && event.value(QLatin1String("type")).isString())
            thing.insert(QStringLiteral("Type_"), event.value(QLatin1String("type")));
        add(thing, event.value(QLatin1String("parent")).toString());
    } else if (what == QLatin1String("set_object_state")) {
        setState(event.value(QLatin1String("thing_guid")).toString(), event.value(QLatin1String("state")).toString());
    } else if (what == QLatin1String("remove_object")) {
        remove(event.value(QLatin1String("thing_guid")).toString());
    } else if (what == QLatin1String("set_object_importance")) {
        setImportance(
            event.value(QLatin1String("thing_guid")).toString(), event.value(QLatin1String("importance")).toDouble());
    } else if (what == QLatin1String("subscribe_to_type")) {
        // As the server: each request adds a subscriber; a missing event_mask is 0 (no events).
        m_typeSubscribers.append(TypeSubscriber {
            origin, event.value(QLatin1String("type")).toString(), event.value(QLatin1String("event_mask")).toInt()});
        m_node->log(IntuLogLevel::Status, QStringLiteral("BlackBoard"),
            QStringLiteral("Adding Remote subscriber for type %1").arg(event.value(QLatin1String("type")).toString()));
    } else if (what == QLatin1String("unsubscribe_from_type")) {
        const QString type = event.value(QLatin1String("type")).toString();
        for (qsizetype i = 0; i < m_typeSubscribers.size(); ++i) {
            if (m_typeSubscribers.at(i).origin == origin && m_typeSubscribers.at(i).type == type) {
                m_typeSubscribers.removeAt(i);
                break;
            }
        }
    } else {
        m_node->log(IntuLogLevel::Warning, QStringLiteral("BlackBoard"),
            QStringLiteral("Unsupported blackboard event: %1").arg(what));
    }
}

void IntuBlackboard::forgetOrigin(const QString &originPrefix)
{
    m_typeSubscribers.erase(std::remove_if(m_typeSubscribers.begin(), m_typeSubscribers.end(),
                                [&](const TypeSubscriber &entry) { return entry.origin.startsWith(originPrefix); }),
        m_typeSubscribers.end());
}

void IntuBlackboard::perform(const QString &guid)
{
    const QJsonObject thing = m_things.value(guid).json;
    const QString type = thing.value(QLatin1String("Type_")).toString();
    const int step = m_cadence.sayStepMs;
    if (type == QLatin1String("Gesture")) {
        const QString gesture = thing.value(QLatin1String("m_Type")).toString();
        QTimer::singleShot(step, this, [this, guid, gesture] {
            if (!knownGestures().contains(gesture)) {
                setState(guid, QStringLiteral("FAILED"));
                add(QJsonObject {{QStringLiteral("Type_"), QStringLiteral("Failure")},
                        {QStringLiteral("m_Name"), QStringLiteral("GestureFailed")},
                        {QStringLiteral("m_Info"), QStringLiteral("no gesture \"%1\"").arg(gesture)}},
                    guid);
                m_node->log(IntuLogLevel::Warning, QStringLiteral("GestureManager"),
                    QStringLiteral("Failed to find gesture %1").arg(gesture));
                return;
            }
            setState(guid, QStringLiteral("PROCESSING"));
            QTimer::singleShot(
                m_cadence.sayStepMs, this, [this, guid] { setState(guid, QStringLiteral("COMPLETED")); });
        });
        return;
    }
    // Say: speaking starts after a step; the words are on `conversation`; done when spoken.
    const QString text = thing.value(QLatin1String("m_Text")).toString();
    QTimer::singleShot(step, this, [this, guid, text] {
        if (!m_things.contains(guid))
            return;
        setState(guid, QStringLiteral("PROCESSING"));
        m_node->publish(QStringLiteral("conversation"), text.toUtf8());
        const int speaking = m_cadence.sayStepMs * (1 + static_cast<int>(text.size()) / 20);
        QTimer::singleShot(speaking, this, [this, guid] { setState(guid, QStringLiteral("COMPLETED")); });
    });
}

void IntuBlackboard::say(const QString &text)
{
    add(QJsonObject {{QStringLiteral("Type_"), QStringLiteral("Say")}, {QStringLiteral("m_Text"), text}});
}

void IntuBlackboard::hear(const QString &text, double confidence, bool alreadyOnConversation)
{
    add(QJsonObject {{QStringLiteral("Type_"), QStringLiteral("Text")}, {QStringLiteral("m_Text"), text},
        {QStringLiteral("m_fConfidence"), confidence}, {QStringLiteral("m_Language"), QStringLiteral("en-US")}});
    if (!alreadyOnConversation)
        m_node->publish(QStringLiteral("conversation"), text.toUtf8());
    const QString reply = replyTo(text);
    QTimer::singleShot(m_cadence.sayStepMs, this, [this, reply] { say(reply); });
}

QString IntuBlackboard::replyTo(const QString &heard) const
{
    const QString h = heard.toLower();
    const QString name = m_node->identity().name;
    if (h.contains(QLatin1String("time")))
        return QStringLiteral("It is %1.").arg(QTime::currentTime().toString(QStringLiteral("HH:mm")));
    if (h.contains(QLatin1String("name")))
        return QStringLiteral("My name is %1.").arg(name);
    if (h.contains(QLatin1String("hello")) || h.startsWith(QLatin1String("hi")))
        return QStringLiteral("Hello! I am %1.").arg(name);
    if (h.contains(QLatin1String("weather")))
        return QStringLiteral("It looks sunny from here.");
    if (h.contains(QLatin1String("battery")) || h.contains(QLatin1String("health")))
        return QStringLiteral("All my systems are nominal.");
    static const QStringList fallbacks {QStringLiteral("I am not sure I understood that."),
        QStringLiteral("Could you say that again?"), QStringLiteral("Interesting. Tell me more.")};
    return fallbacks.at(static_cast<int>(m_random->bounded(static_cast<quint32>(fallbacks.size()))));
}

} // namespace fleetscope::sim::intu
