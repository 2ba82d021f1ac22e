#include "sim/opentera/openteraframes.h"

#include "opentera/teraevent.pb.h"
#include "opentera/teramessage.pb.h"

#include <google/protobuf/util/json_util.h>

#include <QJsonArray>
#include <QJsonDocument>

namespace fleetscope::sim::opentera {

namespace pb = ::opentera::protobuf;

namespace {

constexpr char kTeraEventType[] = "type.googleapis.com/opentera.protobuf.TeraEvent";

QJsonObject eventJson(const OutEvent &event, const FrameStyle &style)
{
    if (!event.message)
        return event.unknown;
    google::protobuf::Any any;
    any.PackFrom(*event.message);
    google::protobuf::util::JsonPrintOptions options;
    options.always_print_primitive_fields = true;
    options.preserve_proto_field_names = style.snakeCase;
    options.always_print_enums_as_ints = style.enumNumbers;
    std::string json;
    if (!google::protobuf::util::MessageToJsonString(any, &json, options).ok())
        return QJsonObject();
    return QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
}

// QJsonDocument indents by 4; the server (Python, indent=2) by 2. Strings never hold a raw
// newline, so halving each line's leading spaces is exact.
QString reindent(const QByteArray &indented)
{
    QString out;
    out.reserve(indented.size());
    const QList<QByteArray> lines = indented.split('\n');
    for (const QByteArray &line : lines) {
        qsizetype spaces = 0;
        while (spaces < line.size() && line.at(spaces) == ' ')
            ++spaces;
        if (!out.isEmpty())
            out += QLatin1Char('\n');
        out += QString(spaces / 2, QLatin1Char(' '));
        out += QString::fromUtf8(line.mid(spaces));
    }
    while (out.endsWith(QLatin1Char('\n')))
        out.chop(1);
    return out;
}

// Python's ensure_ascii: every non-ASCII character as \uXXXX (UTF-16 units).
QString escapeNonAscii(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.unicode() < 0x80)
            out += c;
        else
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return out;
}

} // namespace

QString jsonFrame(const QVector<OutEvent> &events, double time, const FrameStyle &style)
{
    QJsonArray array;
    for (const OutEvent &event : events)
        array.append(eventJson(event, style));
    const QJsonObject header {{QStringLiteral("version"), 1}, {QStringLiteral("time"), time},
        {QStringLiteral("topic"), events.isEmpty() ? QString() : events.first().topic}};
    const QJsonObject teraEvent {{QStringLiteral("@type"), QLatin1String(kTeraEventType)},
        {QStringLiteral("header"), header}, {QStringLiteral("events"), array}};
    const QJsonObject message {{QStringLiteral("message"), teraEvent}};
    return escapeNonAscii(reindent(QJsonDocument(message).toJson(QJsonDocument::Indented)));
}

QByteArray binaryFrame(const QVector<OutEvent> &events, double time)
{
    pb::TeraEvent teraEvent;
    teraEvent.mutable_header()->set_version(1);
    teraEvent.mutable_header()->set_time(time);
    if (!events.isEmpty())
        teraEvent.mutable_header()->set_topic(events.first().topic.toStdString());
    for (const OutEvent &event : events) {
        google::protobuf::Any *any = teraEvent.add_events();
        if (event.message) {
            any->PackFrom(*event.message);
        } else {
            any->set_type_url(event.unknown.value(QLatin1String("@type")).toString().toStdString());
            any->set_value(QJsonDocument(event.unknown).toJson(QJsonDocument::Compact).toStdString());
        }
    }
    pb::TeraMessage message;
    message.mutable_message()->PackFrom(teraEvent);
    return QByteArray::fromStdString(message.SerializeAsString());
}

QString pythonJson(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QStringList parts;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            parts << pythonJson(QJsonValue(it.key())) + QStringLiteral(": ") + pythonJson(it.value());
        return QLatin1Char('{') + parts.join(QLatin1String(", ")) + QLatin1Char('}');
    }
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &element : value.toArray())
            parts << pythonJson(element);
        return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    default: {
        // Scalars: let QJsonDocument quote and escape them.
        const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
        return escapeNonAscii(QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2)));
    }
    }
}

} // namespace fleetscope::sim::opentera
