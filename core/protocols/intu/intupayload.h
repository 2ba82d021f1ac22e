#pragma once

#include "core/model/event.h"
#include "core/protocols/intu/intumessage.h"
#include "core/util/jsonutil.h"

#include <QHash>
#include <QJsonValue>

namespace fleetscope::intu {

// What one publish means in the uniform model (docs/protocols/intu.md#mapping).
struct Interpretation
{
    struct Note
    {
        Severity severity = Severity::Info;
        QString path;
        QString summary;
    };
    QVector<NumericLeaf> samples; // (path, value)
    QVector<Note> events;
    QString raw; // the message with `data` decoded; filled only when there are events
    // topic-manager news for the tree: a node connected or disconnected under the publisher.
    QString childConnected;
    QString childDisconnected;
};

// Turns publish payloads into samples and events: decoded by the topic's `type` (never by the
// opcode or the `binary` flag), then by topic: log records, topic-manager, conversation,
// blackboard things, config results, HealthData and other sensors, media. Keeps the little
// state the mapping needs: the last UP/DOWN per health path, frame counts for fps, thing types
// by GUID. Garbage never throws: it becomes an error event with the raw (or hex) payload.
//
// Threading: the owner's (the endpoint's thread); not thread-safe.
class PayloadInterpreter
{
public:
    Interpretation interpret(const Message &publish, qint64 nowMs);

    static Severity logSeverity(const QString &level);
    static constexpr int kMaxRememberedThings = 4096;

private:
    struct FrameWindow
    {
        qint64 startMs = -1;
        int frames = 0;
    };

    void onJson(const QString &prefix, const Message &m, const QJsonValue &value, Interpretation *out);
    void onLog(const QString &path, const QJsonObject &record, Interpretation *out);
    void onTopicManager(const QString &path, const QJsonObject &event, Interpretation *out);
    void onBlackboard(const QString &path, const QJsonObject &event, Interpretation *out);
    void onConfig(const QString &path, const QJsonObject &result, Interpretation *out);
    void onSensor(const QString &path, const QJsonObject &reading, Interpretation *out);
    void onHealthData(const QString &path, const QJsonObject &reading, Interpretation *out);
    void onMedia(const QString &path, const Message &m, qint64 nowMs, Interpretation *out);
    int walkSnapshot(const QString &base, const QJsonValue &node, Interpretation *out, int depth);
    QString thingType(const QJsonObject &thing, const QString &guid) const;
    void rememberThing(const QJsonObject &thing);

    QHash<QString, QString> m_healthState; // sample path → "UP"/"DOWN"
    QHash<QString, FrameWindow> m_frames; // topic path → frames counted for fps
    QHash<QString, QString> m_thingTypes; // GUID_ → Type_
};

// The raw payload of an event: the envelope with `data` replaced by `decoded`.
QString rawWithData(const QJsonObject &envelope, const QJsonValue &decoded);
// The same with `data` given as JSON text already (spliced in, not serialised again: a
// blackboard snapshot is tens of KB).
QString rawWithJsonData(const QJsonObject &envelope, const QByteArray &json);

} // namespace fleetscope::intu
