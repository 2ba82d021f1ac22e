#include "core/protocols/intu/intupayload.h"

#include "core/model/topic.h"
#include "core/protocols/intu/intuthing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

#include <cmath>

namespace fleetscope::intu {

namespace {

enum class PayloadKind { Json, Text, Image, Audio, Other };

PayloadKind kindOf(const QString &type)
{
    const QString t = type.trimmed().toLower();
    if (t.contains(QLatin1String("json")))
        return PayloadKind::Json;
    if (t.startsWith(QLatin1String("text/")))
        return PayloadKind::Text;
    if (t.startsWith(QLatin1String("image/")) || t.startsWith(QLatin1String("video/")))
        return PayloadKind::Image;
    if (t.startsWith(QLatin1String("audio/")))
        return PayloadKind::Audio;
    return PayloadKind::Other;
}

bool parseJsonValue(const QByteArray &bytes, QJsonValue *value)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError) {
        *value = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
        return true;
    }
    // A bare scalar ("\"hello\"", "42"): QJsonDocument only takes objects and arrays.
    const QByteArray trimmed = bytes.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith('{') || trimmed.startsWith('['))
        return false;
    const QJsonDocument wrapped = QJsonDocument::fromJson(QByteArray('[' + trimmed + ']'), &error);
    if (error.error != QJsonParseError::NoError || wrapped.array().size() != 1)
        return false;
    *value = wrapped.array().at(0);
    return true;
}

bool looksLikeJson(const QByteArray &bytes)
{
    const QByteArray trimmed = bytes.left(64).trimmed();
    return trimmed.startsWith('{') || trimmed.startsWith('[');
}

// Valid UTF-8 without NULs or many control characters: shown as text, else as hex.
bool readableText(const QByteArray &bytes, QString *text)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder(bytes);
    if (decoder.hasError())
        return false;
    qsizetype controls = 0;
    for (const QChar c : decoded) {
        if (c.unicode() == 0)
            return false;
        if (c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\r') && c != QLatin1Char('\t'))
            ++controls;
    }
    if (controls * 20 > decoded.size())
        return false;
    *text = decoded;
    return true;
}

QString shortGuid(const QString &guid)
{
    return guid.size() > 4 ? guid.left(4) + QChar(0x2026) : guid;
}

QString leafPath(const QString &base, const QString &key)
{
    return TopicPath::join(base, TopicPath::encodeSegment(key));
}

void addMembers(const QString &base, const QJsonObject &object, Interpretation *out)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it->isDouble() && std::isfinite(it->toDouble()))
            out->samples.append({leafPath(base, it.key()), it->toDouble()});
        else if (it->isBool())
            out->samples.append({leafPath(base, it.key()), it->toBool() ? 1.0 : 0.0});
    }
}

void note(Interpretation *out, Severity severity, const QString &path, const QString &summary)
{
    out->events.append(Interpretation::Note {severity, path, oneLine(summary, 200)});
}

QString unquoted(QString text)
{
    text = text.trimmed();
    if (text.size() >= 2 && text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))
        text = text.mid(1, text.size() - 2).trimmed();
    return text;
}

} // namespace

QString rawWithData(const QJsonObject &envelope, const QJsonValue &decoded)
{
    QJsonObject copy = envelope;
    copy.insert(QStringLiteral("data"), decoded);
    return QString::fromUtf8(QJsonDocument(copy).toJson(QJsonDocument::Compact));
}

QString rawWithJsonData(const QJsonObject &envelope, const QByteArray &json)
{
    QJsonObject rest = envelope;
    rest.remove(QStringLiteral("data"));
    const QByteArray head = QJsonDocument(rest).toJson(QJsonDocument::Compact);
    QByteArray out;
    out.reserve(head.size() + json.size() + 10);
    out += "{\"data\":";
    out += json.trimmed();
    if (head.size() > 2) {
        out += ',';
        out.append(head.constData() + 1, head.size() - 1);
    } else {
        out += '}';
    }
    return QString::fromUtf8(out);
}

Severity PayloadInterpreter::logSeverity(const QString &level)
{
    const QString l = level.trimmed().toUpper();
    if (l.startsWith(QLatin1String("DEB")))
        return Severity::Debug;
    if (l == QLatin1String("WARN") || l == QLatin1String("WARNING"))
        return Severity::Warning;
    if (l == QLatin1String("ERRO") || l == QLatin1String("CRIT") || l == QLatin1String("ERROR"))
        return Severity::Error;
    return Severity::Info; // STAT, and levels of builds we do not know
}

Interpretation PayloadInterpreter::interpret(const Message &m, qint64 nowMs)
{
    Interpretation out;
    const QString prefix = nodePrefix(m.origin);
    const QString path = prefix + m.topic;
    const PayloadKind kind = kindOf(m.type);
    if (kind == PayloadKind::Image || kind == PayloadKind::Audio) {
        onMedia(path, m, nowMs, &out);
        return out;
    }
    QString text;
    bool haveText = false;
    if (kind == PayloadKind::Json || (kind == PayloadKind::Other && looksLikeJson(m.data))) {
        QJsonValue value;
        if (parseJsonValue(m.data, &value)) {
            if (!value.isString()) {
                onJson(prefix, m, value, &out);
                if (!out.events.isEmpty())
                    out.raw = rawWithJsonData(m.envelope, m.data);
                return out;
            }
            text = value.toString(); // a JSON-quoted string: shown as text below
            haveText = true;
        } else if (kind == PayloadKind::Json) {
            const bool readable = readableText(m.data, &text);
            note(&out, Severity::Error, path,
                QStringLiteral("undecodable %1 payload on %2 (%3 bytes)").arg(m.type, m.topic).arg(m.data.size()));
            out.raw = rawWithData(m.envelope, readable ? QJsonValue(text) : QJsonValue(hexPreview(m.data)));
            return out;
        }
    }
    if (!haveText && !readableText(m.data, &text)) {
        note(&out, Severity::Info, path,
            QStringLiteral("binary payload (%1 bytes, %2)")
                .arg(m.data.size())
                .arg(m.type.isEmpty() ? QStringLiteral("no type") : m.type));
        out.raw = rawWithData(m.envelope, hexPreview(m.data));
        return out;
    }
    // The dashboard sends conversation text JSON-quoted: strip one pair of quotes.
    const QString shown = m.topic == QLatin1String("conversation") ? unquoted(text) : text.trimmed();
    note(&out, shown.isEmpty() ? Severity::Debug : Severity::Info, path,
        shown.isEmpty() ? QStringLiteral("(empty)") : shown);
    out.raw = rawWithData(m.envelope, text);
    return out;
}

void PayloadInterpreter::onJson(const QString &prefix, const Message &m, const QJsonValue &value, Interpretation *out)
{
    const QString path = prefix + m.topic;
    const QJsonObject object = value.toObject();
    if (value.isObject()) {
        if (m.topic == QLatin1String("log") && object.contains(QLatin1String("message"))) {
            onLog(path, object, out);
            return;
        }
        if (m.topic == QLatin1String("topic-manager")) {
            onTopicManager(path, object, out);
            const QString id = object.value(QLatin1String("selfId")).toString();
            if (!id.isEmpty() && !object.value(QLatin1String("parent")).toBool()) {
                const QString event = object.value(QLatin1String("event")).toString();
                if (event == QLatin1String("connected"))
                    out->childConnected = prefix + id;
                else if (event == QLatin1String("disconnected"))
                    out->childDisconnected = prefix + id;
            }
            return;
        }
        if (m.topic == QLatin1String("blackboard-stream") || m.topic == QLatin1String("blackboard")) {
            onBlackboard(path, object, out);
            return;
        }
        if (m.topic == QLatin1String("config") && object.contains(QLatin1String("event"))) {
            onConfig(path, object, out);
            return;
        }
        if (m.topic.startsWith(QLatin1String("sensor-"))) {
            onSensor(path, object, out);
            return;
        }
    }
    // Any other JSON: the design's numeric extraction rule.
    extractNumericLeaves(value, path, &out->samples);
    if (out->samples.isEmpty())
        note(out, Severity::Info, path, jsonToText(value));
}

void PayloadInterpreter::onLog(const QString &path, const QJsonObject &record, Interpretation *out)
{
    const QString subsystem = record.value(QLatin1String("subsystem")).toString();
    const QString message = jsonToText(record.value(QLatin1String("message")));
    note(out, logSeverity(record.value(QLatin1String("level")).toString()), path,
        subsystem.isEmpty() ? message : QStringLiteral("[%1] %2").arg(subsystem, message));
}

void PayloadInterpreter::onTopicManager(const QString &path, const QJsonObject &event, Interpretation *out)
{
    const QString what = event.value(QLatin1String("event")).toString();
    const QString id = event.value(QLatin1String("selfId")).toString();
    const QString who =
        event.value(QLatin1String("parent")).toBool() ? QStringLiteral("parent") : QStringLiteral("child");
    if ((what == QLatin1String("connected") || what == QLatin1String("disconnected")) && !id.isEmpty())
        note(out, Severity::Info, path, QStringLiteral("%1 %2: %3").arg(who, what, id));
    else
        note(out, Severity::Info, path,
            QStringLiteral("topic-manager: %1").arg(what.isEmpty() ? jsonToText(event) : what));
}

void PayloadInterpreter::onBlackboard(const QString &path, const QJsonObject &event, Interpretation *out)
{
    const QString what = event.value(QLatin1String("event")).toString();
    const QJsonObject thing = event.value(QLatin1String("thing")).toObject();
    const QString guid = event.value(QLatin1String("thing_guid")).toString();
    if (what == QLatin1String("recv_state")) {
        const int things = walkSnapshot(path, event.value(QLatin1String("state")), out, 0);
        note(out, Severity::Debug, path, QStringLiteral("snapshot: %1 things").arg(things));
    } else if (what == QLatin1String("add_object")) {
        rememberThing(thing);
        thingSamples(path, thing, &out->samples);
        const QString type =
            thing.value(QLatin1String("Type_")).toString(event.value(QLatin1String("type")).toString());
        note(out, thingAddedSeverity(type), path, QStringLiteral("add ") + describeThing(thing));
    } else if (what == QLatin1String("set_object_state")) {
        if (!thing.isEmpty()) {
            rememberThing(thing);
            thingSamples(path, thing, &out->samples);
        }
        const QString state = event.value(QLatin1String("state")).toString();
        const QString id = guid.isEmpty() ? thing.value(QLatin1String("GUID_")).toString() : guid;
        static const QStringList bad {
            QStringLiteral("FAILED"), QStringLiteral("UNAVAILABLE"), QStringLiteral("ABORTED")};
        note(out, bad.contains(state) ? Severity::Warning : Severity::Debug, path,
            QStringLiteral("%1 %2 → %3").arg(thingType(thing, id), shortGuid(id), state));
    } else if (what == QLatin1String("remove_object")) {
        note(out, Severity::Debug, path, QStringLiteral("remove %1 %2").arg(thingType(thing, guid), shortGuid(guid)));
        m_thingTypes.remove(guid);
    } else if (what == QLatin1String("set_object_importance")) {
        note(out, Severity::Debug, path,
            QStringLiteral("importance %1 %2 = %3")
                .arg(thingType(thing, guid), shortGuid(guid), jsonToText(event.value(QLatin1String("importance")))));
    } else if (what == QLatin1String("data_changed")) {
        // From a subscribe_to_type subscription the changed thing comes along; blackboard-stream
        // sends the bare event name (the server has no case for it there).
        if (thing.isEmpty()) {
            note(out, Severity::Debug, path, QStringLiteral("data changed"));
        } else {
            rememberThing(thing);
            thingSamples(path, thing, &out->samples);
            note(out, Severity::Debug, path, QStringLiteral("data ") + describeThing(thing));
        }
    } else if (what == QLatin1String("guid_changed")) {
        const QString previous = event.value(QLatin1String("prev_guid")).toString();
        const QString type = thingType(thing, previous);
        if (m_thingTypes.contains(previous))
            m_thingTypes.insert(guid, m_thingTypes.take(previous));
        note(out, Severity::Debug, path,
            QStringLiteral("%1 %2 is now %3").arg(type, shortGuid(previous), shortGuid(guid)));
    } else if (!what.isEmpty()) {
        note(out, Severity::Info, path, what);
    } else {
        extractNumericLeaves(event, path, &out->samples);
        if (out->samples.isEmpty())
            note(out, Severity::Info, path, jsonToText(event));
    }
}

void PayloadInterpreter::onConfig(const QString &path, const QJsonObject &result, Interpretation *out)
{
    const QString what = result.value(QLatin1String("event")).toString();
    const QJsonValue success = result.value(QLatin1String("success"));
    if (success.isBool() && !success.toBool())
        note(out, Severity::Error, path, what + QStringLiteral(" (failed)"));
    else if (success.isBool())
        note(out, Severity::Info, path, what + QStringLiteral(" (success)"));
    else
        note(out, Severity::Info, path, what);
}

void PayloadInterpreter::onSensor(const QString &path, const QJsonObject &reading, Interpretation *out)
{
    if (reading.value(QLatin1String("Type_")).toString() == QLatin1String("HealthData")) {
        onHealthData(path, reading, out);
        return;
    }
    addMembers(path, reading, out);
    addMembers(path, reading.value(QLatin1String("m_Content")).toObject(), out);
    if (out->samples.isEmpty())
        note(out, Severity::Info, path, jsonToText(reading));
}

void PayloadInterpreter::onHealthData(const QString &path, const QJsonObject &reading, Interpretation *out)
{
    const QString name = reading.value(QLatin1String("m_HealthName")).toString();
    const QJsonObject content = reading.value(QLatin1String("m_Content")).toObject();
    const QString state = content.value(QLatin1String("state")).toString();
    const QJsonValue value = content.value(QLatin1String("value"));
    const QString label = QStringLiteral("%1 %2").arg(name, state).trimmed();
    bool changed = false;
    QString changeSummary;
    if (value.isDouble() && std::isfinite(value.toDouble())) {
        // "lastReboot Mon Apr 16 09:12:03 2018" → sensor-System/lastReboot
        const QString key = state.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
        out->samples.append({leafPath(path, key.isEmpty() ? name : key), value.toDouble()});
    } else {
        const QString upper = state.trimmed().toUpper();
        if (upper == QLatin1String("UP") || upper == QLatin1String("DOWN")) {
            const QString samplePath = leafPath(path, name.isEmpty() ? QStringLiteral("state") : name);
            out->samples.append({samplePath, upper == QLatin1String("UP") ? 1.0 : 0.0});
            const QString previous = m_healthState.value(samplePath);
            m_healthState.insert(samplePath, upper);
            if (upper == QLatin1String("DOWN") && previous != upper) {
                changed = true;
                changeSummary = QStringLiteral("%1 DOWN").arg(name);
            } else if (upper == QLatin1String("UP") && previous == QLatin1String("DOWN")) {
                note(out, Severity::Info, path, QStringLiteral("%1 UP").arg(name));
            }
        } else if (!content.value(QLatin1String("error")).toBool()
            && !content.value(QLatin1String("raiseAlert")).toBool()) {
            note(out, Severity::Debug, path, label);
        }
    }
    if (content.value(QLatin1String("error")).toBool())
        note(out, Severity::Error, path, label);
    else if (content.value(QLatin1String("raiseAlert")).toBool())
        note(out, Severity::Warning, path, label);
    else if (changed)
        note(out, Severity::Warning, path, changeSummary);
}

void PayloadInterpreter::onMedia(const QString &path, const Message &m, qint64 nowMs, Interpretation *out)
{
    if (m.type.trimmed().toLower().startsWith(QLatin1String("audio/l16"))) {
        const qsizetype count = m.data.size() / 2;
        if (count == 0) {
            note(out, Severity::Debug, path, QStringLiteral("empty audio chunk"));
            out->raw = rawWithData(m.envelope, hexPreview(m.data));
            return;
        }
        const auto *bytes = reinterpret_cast<const uchar *>(m.data.constData());
        double sum = 0;
        for (qsizetype i = 0; i < count; ++i) {
            const auto sample = static_cast<qint16>(static_cast<quint16>(bytes[2 * i] | (bytes[2 * i + 1] << 8)));
            sum += double(sample) * double(sample);
        }
        out->samples.append({path + QStringLiteral("/rms"), std::sqrt(sum / double(count)) / 32768.0});
        return;
    }
    FrameWindow &window = m_frames[path];
    if (window.startMs < 0 || nowMs < window.startMs) {
        window = FrameWindow {nowMs, 0};
    } else if (nowMs - window.startMs >= 1000) {
        out->samples.append({path + QStringLiteral("/fps"), window.frames * 1000.0 / double(nowMs - window.startMs)});
        window = FrameWindow {nowMs, 0};
    }
    ++window.frames;
}

int PayloadInterpreter::walkSnapshot(const QString &base, const QJsonValue &node, Interpretation *out, int depth)
{
    // The state object holds roots (m_spPerceptionRoot, ...) whose m_Children are the things.
    if (depth > 64 || !node.isObject())
        return 0;
    const QJsonObject object = node.toObject();
    int count = 0;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key() == QLatin1String("m_Children")) {
            for (const QJsonValue &child : it->toArray()) {
                if (!child.isObject())
                    continue;
                ++count;
                rememberThing(child.toObject());
                thingSamples(base, child.toObject(), &out->samples);
                count += walkSnapshot(base, child, out, depth + 1);
            }
        } else if (it.key().startsWith(QLatin1String("m_sp")) && it->isObject()) {
            count += walkSnapshot(base, *it, out, depth + 1);
        }
    }
    return count;
}

QString PayloadInterpreter::thingType(const QJsonObject &thing, const QString &guid) const
{
    const QString type = thing.value(QLatin1String("Type_")).toString();
    if (!type.isEmpty())
        return type;
    return m_thingTypes.value(guid, QStringLiteral("thing"));
}

void PayloadInterpreter::rememberThing(const QJsonObject &thing)
{
    const QString guid = thing.value(QLatin1String("GUID_")).toString();
    const QString type = thing.value(QLatin1String("Type_")).toString();
    if (guid.isEmpty() || type.isEmpty())
        return;
    if (m_thingTypes.size() >= kMaxRememberedThings && !m_thingTypes.contains(guid))
        m_thingTypes.clear(); // a long session forgets old things rather than growing without end
    m_thingTypes.insert(guid, type);
}

} // namespace fleetscope::intu
