#include "core/util/jsonutil.h"

#include "core/model/topic.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace fleetscope {

void extractNumericLeaves(
    const QJsonValue &value, const QString &prefix, QVector<NumericLeaf> *out, bool boolsAsNumbers, int maxDepth)
{
    if (maxDepth < 0)
        return;
    switch (value.type()) {
    case QJsonValue::Double:
        if (std::isfinite(value.toDouble()))
            out->append({prefix, value.toDouble()});
        break;
    case QJsonValue::Bool:
        if (boolsAsNumbers)
            out->append({prefix, value.toBool() ? 1.0 : 0.0});
        break;
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            extractNumericLeaves(it.value(), TopicPath::join(prefix, TopicPath::encodeSegment(it.key())), out,
                boolsAsNumbers, maxDepth - 1);
        break;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            extractNumericLeaves(
                array.at(i), TopicPath::join(prefix, QString::number(i)), out, boolsAsNumbers, maxDepth - 1);
        break;
    }
    default:
        break;
    }
}

QString jsonToText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 12);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

QString oneLine(const QString &text, int maxChars)
{
    QString out = text.simplified();
    if (out.size() > maxChars)
        out = out.left(maxChars - 1) + QChar(0x2026);
    return out;
}

bool parseNumber(const QString &text, double *value)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (ok && std::isfinite(v)) {
        *value = v;
        return true;
    }
    return false;
}

} // namespace fleetscope
