#include "core/monitor/alert.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace fleetscope {

QString alertStateName(AlertState state)
{
    switch (state) {
    case AlertState::Normal:
        return QStringLiteral("normal");
    case AlertState::Pending:
        return QStringLiteral("pending");
    case AlertState::Firing:
        return QStringLiteral("firing");
    }
    return QStringLiteral("normal");
}

Severity eventSeverityFor(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Info:
        return Severity::Info;
    case AlertSeverity::Warning:
        return Severity::Warning;
    case AlertSeverity::Error:
    case AlertSeverity::Critical:
        return Severity::Error;
    }
    return Severity::Error;
}

namespace {

QString payloadFor(const Alert &alert, const QString &what, qint64 t)
{
    QJsonObject payload {{QStringLiteral("alert"), what}, {QStringLiteral("rule"), alert.key.rule},
        {QStringLiteral("endpoint"), alert.key.endpoint}, {QStringLiteral("path"), alert.key.path},
        {QStringLiteral("severity"), alertSeverityName(alert.severity)},
        {QStringLiteral("source"),
            alert.origin == AlertOrigin::Server ? QStringLiteral("server") : QStringLiteral("rule")},
        {QStringLiteral("t"), t}, {QStringLiteral("firedAt"), alert.firedAt},
        {QStringLiteral("summary"), alert.summary}};
    if (alert.hasValue())
        payload.insert(QStringLiteral("value"), alert.value);
    return QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

QString headline(const Alert &alert, const QString &what)
{
    QString text = QStringLiteral("alert %1: %2").arg(what, alert.key.rule);
    if (!alert.key.path.isEmpty())
        text += QStringLiteral(" · %1").arg(alert.key.path);
    return text;
}

} // namespace

Event alertEvent(const AlertTransition &transition)
{
    const Alert &alert = transition.alert;
    const bool firing = transition.kind == AlertTransition::Kind::Firing;
    const QString what = firing ? QStringLiteral("firing") : QStringLiteral("resolved");
    Event event;
    event.t = transition.t;
    event.severity = firing ? eventSeverityFor(alert.severity) : Severity::Info;
    event.endpoint = alert.key.endpoint;
    event.path = alert.key.path;
    event.summary = headline(alert, what);
    if (!alert.summary.isEmpty())
        event.summary += QStringLiteral(" ") + alert.summary;
    if (alert.hasValue())
        event.summary += QStringLiteral(": %1").arg(alert.value);
    event.payload = payloadFor(alert, what, transition.t);
    return event;
}

Event alertNoteEvent(const Alert &alert, const QString &what, qint64 t)
{
    Event event;
    event.t = t;
    event.severity = Severity::Info;
    event.endpoint = alert.key.endpoint;
    event.path = alert.key.path;
    event.summary = headline(alert, what);
    event.payload = payloadFor(alert, what, t);
    return event;
}

bool alertFromEvent(const Event &event, Alert *alert, QString *transition)
{
    if (!event.summary.startsWith(QLatin1String("alert ")))
        return false;
    const QJsonObject payload = QJsonDocument::fromJson(event.payload.toUtf8()).object();
    const QString what = payload.value(QLatin1String("alert")).toString();
    if (what.isEmpty() || !payload.contains(QLatin1String("rule")))
        return false;
    Alert out;
    out.key = AlertKey {payload.value(QLatin1String("rule")).toString(),
        payload.value(QLatin1String("endpoint")).toString(), payload.value(QLatin1String("path")).toString()};
    out.origin = payload.value(QLatin1String("source")).toString() == QLatin1String("server") ? AlertOrigin::Server
                                                                                              : AlertOrigin::Rule;
    alertSeverityFromName(payload.value(QLatin1String("severity")).toString(), &out.severity);
    out.state = what == QLatin1String("resolved") ? AlertState::Normal : AlertState::Firing;
    out.since = payload.value(QLatin1String("t")).toVariant().toLongLong();
    out.firedAt = payload.value(QLatin1String("firedAt")).toVariant().toLongLong();
    out.summary = payload.value(QLatin1String("summary")).toString();
    if (payload.contains(QLatin1String("value")))
        out.value = payload.value(QLatin1String("value")).toDouble();
    *alert = out;
    if (transition)
        *transition = what;
    return true;
}

} // namespace fleetscope
