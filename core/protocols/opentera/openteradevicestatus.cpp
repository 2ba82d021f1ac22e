#include "core/protocols/opentera/openteradevicestatus.h"

#include "core/model/topic.h"
#include "core/util/epochtime.h"
#include "core/util/jsonutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace fleetscope::opentera {

namespace {

// Parses JSON text that may hold any JSON value (QJsonDocument only takes objects and arrays).
bool parseJsonText(const QString &text, QJsonValue *out)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return false;
    *out = doc.array().at(0);
    return true;
}

double toSeconds(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toDouble();
    return value.toDouble();
}

void flatten(const QJsonValue &value, const QString &prefix, QVector<StatusField> *out, int depth)
{
    if (depth > 16)
        return;
    if (value.isDouble() && std::isfinite(value.toDouble()) && !prefix.isEmpty()) {
        out->append(StatusField {prefix, value.toDouble(), false});
    } else if (value.isBool() && !prefix.isEmpty()) {
        out->append(StatusField {prefix, value.toBool() ? 1.0 : 0.0, true});
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            flatten(it.value(), TopicPath::join(prefix, TopicPath::encodeSegment(it.key())), out, depth + 1);
    }
}

} // namespace

DeviceStatus decodeDeviceStatus(const QJsonValue &outerValue)
{
    DeviceStatus status;
    QJsonValue outer = outerValue;
    if (outer.isNull() || outer.isUndefined() || (outer.isString() && outer.toString().trimmed().isEmpty()))
        return status;
    status.present = true;
    if (outer.isString() && !parseJsonText(outer.toString(), &outer)) {
        status.problem = QStringLiteral("device status is not JSON");
        status.value = outerValue;
        return status;
    }
    if (!outer.isObject()) {
        status.problem = QStringLiteral("device status is not a JSON object");
        status.value = outer;
        return status;
    }
    const QJsonObject object = outer.toObject();
    if (!object.contains(QLatin1String("status"))) {
        // Not wrapped: take the object as the device's own status.
        status.decoded = true;
        status.value = object;
        return status;
    }
    status.timestamp = toSeconds(object.value(QLatin1String("timestamp")));
    const QJsonValue inner = object.value(QLatin1String("status"));
    status.decoded = true;
    if (inner.isString()) {
        QJsonValue parsed;
        if (parseJsonText(inner.toString(), &parsed))
            status.value = parsed;
        else
            status.value = inner; // the device posted plain text: shown, not sampled
    } else {
        status.value = inner; // already an object: tolerated
    }
    return status;
}

QVector<StatusField> statusFields(const QJsonValue &status)
{
    QVector<StatusField> out;
    if (status.isObject())
        flatten(status, QString(), &out, 0);
    return out;
}

QString statusSummary(const QJsonValue &status, int maxFields)
{
    if (!status.isObject())
        return oneLine(jsonToText(status), 80);
    const QJsonObject object = status.toObject();
    QStringList parts;
    for (auto it = object.constBegin(); it != object.constEnd() && parts.size() < maxFields; ++it)
        parts << it.key() + QLatin1Char('=') + oneLine(jsonToText(it.value()), 40);
    if (object.size() > maxFields)
        parts << QStringLiteral("(+%1)").arg(object.size() - maxFields);
    return parts.join(QLatin1Char(' '));
}

qint64 statusTimeMs(double timestamp, double headerTime, qint64 fallbackMs)
{
    // Out of range (found by fuzzing: a 67-digit timestamp) falls through, never an undefined conversion.
    if (const auto ms = epochToMs(timestamp))
        return *ms;
    return epochSecondsToMs(headerTime).value_or(fallbackMs);
}

} // namespace fleetscope::opentera
