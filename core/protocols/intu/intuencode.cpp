#include "core/protocols/intu/intuencode.h"

#include "core/util/jsonutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fleetscope::intu {

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString subscription(const char *kind, const QStringList &targets, const QString &selfId)
{
    return compact(
        {{QStringLiteral("msg"), QLatin1String(kind)}, {QStringLiteral("targets"), QJsonArray::fromStringList(targets)},
            {QStringLiteral("origin"), ownOrigin(selfId)}});
}

bool rawEnvelope(
    QJsonObject envelope, const QString &target, const QString &selfId, OutgoingCommand *out, QString *error)
{
    if (!envelope.value(QLatin1String("msg")).isString()) {
        *error = QStringLiteral("\"msg\" must be a string");
        return false;
    }
    if (!envelope.contains(QLatin1String("origin")))
        envelope.insert(QStringLiteral("origin"), ownOrigin(selfId));
    QJsonValue targets = envelope.value(QLatin1String("targets"));
    if (targets.isUndefined() && !target.isEmpty())
        targets = QJsonArray {target};
    if (targets.isString())
        targets = QJsonArray {targets};
    const QJsonArray list = targets.toArray();
    bool valid = !list.isEmpty();
    for (const QJsonValue &item : list)
        valid = valid && item.isString() && !item.toString().isEmpty();
    if (!valid) {
        *error = QStringLiteral("a raw envelope needs \"targets\": a list of paths (or a target)");
        return false;
    }
    envelope.insert(QStringLiteral("targets"), list);
    const QJsonValue data = envelope.value(QLatin1String("data"));
    if (!data.isUndefined() && !data.isString())
        envelope.insert(QStringLiteral("data"), jsonToText(data));
    const QJsonValue request = envelope.value(QLatin1String("request"));
    if (!request.isUndefined() && !request.isString())
        envelope.insert(QStringLiteral("request"), jsonToText(request));
    out->frame = compact(envelope);
    out->kind = envelope.value(QLatin1String("msg")).toString();
    out->path = list.size() == 1 ? list.first().toString() : QString();
    return true;
}

} // namespace

QString ownOrigin(const QString &selfId)
{
    return selfId + QStringLiteral("/.");
}

QString encodeQuery(const QString &target, const QString &request, const QString &selfId)
{
    return compact({{QStringLiteral("msg"), QStringLiteral("query")}, {QStringLiteral("targets"), QJsonArray {target}},
        {QStringLiteral("request"), request}, {QStringLiteral("origin"), ownOrigin(selfId)}});
}

QString encodeSubscribe(const QStringList &targets, const QString &selfId)
{
    return subscription("subscribe", targets, selfId);
}

QString encodeUnsubscribe(const QStringList &targets, const QString &selfId)
{
    return subscription("unsubscribe", targets, selfId);
}

QString encodePublishAt(const QString &target, const QString &data, const QString &selfId)
{
    return compact(
        {{QStringLiteral("msg"), QStringLiteral("publish_at")}, {QStringLiteral("targets"), QJsonArray {target}},
            {QStringLiteral("data"), data}, {QStringLiteral("binary"), false}, {QStringLiteral("persisted"), false},
            {QStringLiteral("origin"), ownOrigin(selfId)}});
}

QString encodeQueryAnswer(const Message &query, const QString &selfId)
{
    // The console sits below the node it joined, so every origin it sees starts with "../". A
    // node answering sends targets:[origin] through its own router, whose ".." hop is its parent
    // and drops that "../"; the console writes to that parent directly, so it drops it itself
    // (docs/protocols/intu.md#query).
    if (!query.origin.startsWith(QLatin1String("../")))
        return QString();
    return compact({{QStringLiteral("msg"), QStringLiteral("query_response")},
        {QStringLiteral("targets"), QJsonArray {query.origin.mid(3)}}, {QStringLiteral("origin"), ownOrigin(selfId)},
        {QStringLiteral("request"), query.request}, {QStringLiteral("selfId"), selfId},
        {QStringLiteral("name"), QStringLiteral("Fleetscope")}, {QStringLiteral("type"), QStringLiteral("Console")},
        {QStringLiteral("children"), QJsonArray()}, {QStringLiteral("topics"), QJsonArray()}});
}

bool encodeCommand(const Command &command, const QString &selfId, OutgoingCommand *out, QString *error)
{
    const QString target = command.target.trimmed() == QLatin1String("*") ? QString() : command.target.trimmed();
    const QString trimmed = command.payload.trimmed();
    QString data = command.payload;
    if (trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))) {
        QJsonParseError parseError {};
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            *error = QStringLiteral("the payload looks like JSON but does not parse: %1 at offset %2")
                         .arg(parseError.errorString())
                         .arg(parseError.offset);
            return false;
        }
        if (doc.isObject() && doc.object().contains(QLatin1String("msg"))) {
            if (!rawEnvelope(doc.object(), target, selfId, out, error))
                return false;
            if (const qsizetype bytes = out->frame.toUtf8().size(); bytes > kMaxOutgoingBytes) {
                *error = QStringLiteral("the message is %1 bytes; keep it under 512 KiB").arg(bytes);
                return false;
            }
            return true;
        }
        data = QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
    }
    if (target.isEmpty()) {
        *error = QStringLiteral("publish_at needs a target topic path (e.g. conversation or pepper-7f3a/blackboard)");
        return false;
    }
    out->frame = encodePublishAt(target, data, selfId);
    out->kind = QStringLiteral("publish_at");
    out->path = target;
    if (const qsizetype bytes = out->frame.toUtf8().size(); bytes > kMaxOutgoingBytes) {
        *error = QStringLiteral("the message is %1 bytes; keep it under 512 KiB").arg(bytes);
        return false;
    }
    return true;
}

} // namespace fleetscope::intu
