#include "core/protocols/cityio/cityiomessage.h"

#include "core/model/event.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace fleetscope::cityio {

namespace {
struct TypeName
{
    const char *wire;
    MessageKind kind;
    bool legacy;
};
constexpr TypeName kTypes[] = {
    {"TABLE_SNAPSHOT", MessageKind::TableSnapshot, false},
    {"GRID", MessageKind::TableSnapshot, true},
    {"GEOGRIDDATA_UPDATE", MessageKind::GridUpdate, false},
    {"MODULE", MessageKind::Module, false},
    {"INDICATOR", MessageKind::Module, true},
    {"CORE_MODULES_LIST", MessageKind::CoreModulesList, false},
    {"SCENARIOS", MessageKind::Scenarios, false},
    {"ERROR", MessageKind::Error, false},
    {"SUBSCRIPTION_REQUEST", MessageKind::SubscriptionRequest, false},
    {"SUBSCRIPTION_REMOVAL_REQUEST", MessageKind::SubscriptionRemovalRequest, false},
    {"UPDATE_MODULE", MessageKind::UpdateModule, false},
};
} // namespace

MessageKind kindOfType(const QString &type, bool *legacy)
{
    for (const TypeName &entry : kTypes) {
        if (type == QLatin1String(entry.wire)) {
            if (legacy)
                *legacy = entry.legacy;
            return entry.kind;
        }
    }
    if (legacy)
        *legacy = false;
    return MessageKind::Unknown;
}

QString typeName(MessageKind kind)
{
    for (const TypeName &entry : kTypes) {
        if (entry.kind == kind && !entry.legacy)
            return QString::fromLatin1(entry.wire);
    }
    return QString();
}

Message decodeMessage(const QString &text)
{
    Message message;
    const QByteArray utf8 = text.toUtf8();
    message.bytes = static_cast<int>(utf8.size());
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError) {
        message.problem = QStringLiteral("not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset);
        return message;
    }
    if (!doc.isObject()) {
        message.problem = QStringLiteral("a JSON array, not a {\"type\",\"content\"} envelope");
        return message;
    }
    const QJsonObject envelope = doc.object();
    const QJsonValue type = envelope.value(QLatin1String("type"));
    if (!type.isString() || type.toString().isEmpty()) {
        message.problem = QStringLiteral("the envelope has no \"type\" string");
        return message;
    }
    message.ok = true;
    message.type = type.toString();
    message.kind = kindOfType(message.type, &message.legacy);
    message.content = envelope.contains(QLatin1String("content")) ? envelope.value(QLatin1String("content"))
                                                                  : QJsonValue(QJsonObject());
    return message;
}

Message decodeBinaryMessage(const QByteArray &data, QString *raw)
{
    const QString text = QString::fromUtf8(data);
    Message message = decodeMessage(text);
    if (message.ok) {
        *raw = text;
        return message;
    }
    message.bytes = static_cast<int>(data.size());
    message.problem = QStringLiteral("binary frame, %1").arg(message.problem);
    *raw = hexPreview(data, static_cast<int>(data.size()));
    return message;
}

} // namespace fleetscope::cityio
