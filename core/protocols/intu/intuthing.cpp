#include "core/protocols/intu/intuthing.h"

#include "core/model/topic.h"

#include <QStringList>

#include <cmath>

namespace fleetscope::intu {

namespace {

QString number(double value)
{
    return QString::number(value, 'g', 6);
}

} // namespace

Severity thingAddedSeverity(const QString &type)
{
    static const QStringList informative {QStringLiteral("Text"), QStringLiteral("Say"), QStringLiteral("Goal"),
        QStringLiteral("Gesture"), QStringLiteral("Health")};
    if (type == QLatin1String("Failure"))
        return Severity::Warning;
    if (informative.contains(type) || type.endsWith(QLatin1String("Intent")))
        return Severity::Info;
    return Severity::Debug;
}

QString describeThing(const QJsonObject &thing)
{
    const QString type = thing.value(QLatin1String("Type_")).toString(QStringLiteral("thing"));
    const QJsonObject data = thing.value(QLatin1String("m_Data")).toObject();
    QString detail;
    if (type == QLatin1String("Say")) {
        detail = QLatin1Char('"') + thing.value(QLatin1String("m_Text")).toString() + QLatin1Char('"');
    } else if (type == QLatin1String("Text")) {
        detail = QLatin1Char('"') + thing.value(QLatin1String("m_Text")).toString() + QLatin1Char('"');
        if (thing.value(QLatin1String("m_fConfidence")).isDouble())
            detail += QStringLiteral(" (%1)").arg(number(thing.value(QLatin1String("m_fConfidence")).toDouble()));
    } else if (type == QLatin1String("Gesture")) {
        detail = thing.value(QLatin1String("m_Type")).toString();
    } else if (type == QLatin1String("Failure")) {
        detail = thing.value(QLatin1String("m_Name")).toString();
        if (const QString info = jsonToText(thing.value(QLatin1String("m_Info"))); !info.isEmpty())
            detail += QStringLiteral(": ") + info;
    } else if (type == QLatin1String("Health")) {
        detail = thing.value(QLatin1String("m_HealthFamily")).toString() + QLatin1Char('/')
            + thing.value(QLatin1String("m_HealthName")).toString();
        if (thing.value(QLatin1String("m_fHealthValue")).isDouble())
            detail += QStringLiteral(" = ") + number(thing.value(QLatin1String("m_fHealthValue")).toDouble());
    } else if (type == QLatin1String("EmotionalState")) {
        if (data.value(QLatin1String("m_EmotionalState")).isDouble())
            detail = number(data.value(QLatin1String("m_EmotionalState")).toDouble());
    } else if (type == QLatin1String("MusicBeat")) {
        if (data.value(QLatin1String("BPM")).isDouble())
            detail = number(data.value(QLatin1String("BPM")).toDouble()) + QStringLiteral(" BPM");
    } else if (type == QLatin1String("Environment")) {
        detail = QStringLiteral("%1 °C, %2 %")
                     .arg(jsonToText(thing.value(QLatin1String("m_Temperature"))),
                         jsonToText(thing.value(QLatin1String("m_Humidity"))));
    } else if (thing.value(QLatin1String("m_Name")).isString()) {
        detail = thing.value(QLatin1String("m_Name")).toString();
    }
    return detail.isEmpty() ? type : type + QStringLiteral(": ") + detail;
}

void thingSamples(const QString &base, const QJsonObject &thing, QVector<NumericLeaf> *out)
{
    const QString type = thing.value(QLatin1String("Type_")).toString();
    const QJsonObject data = thing.value(QLatin1String("m_Data")).toObject();
    auto add = [out](const QString &path, const QJsonValue &value) {
        if (value.isDouble() && std::isfinite(value.toDouble()))
            out->append({path, value.toDouble()});
    };
    if (type == QLatin1String("Health")) {
        add(base + QStringLiteral("/Health/")
                + TopicPath::encodeSegment(thing.value(QLatin1String("m_HealthFamily")).toString()) + QLatin1Char('/')
                + TopicPath::encodeSegment(thing.value(QLatin1String("m_HealthName")).toString()),
            thing.value(QLatin1String("m_fHealthValue")));
    } else if (type == QLatin1String("EmotionalState")) {
        add(base + QStringLiteral("/EmotionalState"), data.value(QLatin1String("m_EmotionalState")));
    } else if (type == QLatin1String("Text")) {
        add(base + QStringLiteral("/Text/confidence"), thing.value(QLatin1String("m_fConfidence")));
    } else if (type == QLatin1String("MusicBeat")) {
        add(base + QStringLiteral("/MusicBeat/BPM"), data.value(QLatin1String("BPM")));
    }
}

} // namespace fleetscope::intu
