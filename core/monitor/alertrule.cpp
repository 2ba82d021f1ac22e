#include "core/monitor/alertrule.h"

#include "core/monitor/duration.h"

#include <QJsonArray>

namespace fleetscope {

QString ruleConditionKey(RuleCondition condition)
{
    switch (condition) {
    case RuleCondition::Above:
        return QStringLiteral("above");
    case RuleCondition::Below:
        return QStringLiteral("below");
    case RuleCondition::Outside:
        return QStringLiteral("outside");
    case RuleCondition::SilentFor:
        return QStringLiteral("silentFor");
    case RuleCondition::OfflineFor:
        return QStringLiteral("offlineFor");
    case RuleCondition::EndpointDownFor:
        return QStringLiteral("endpointDownFor");
    case RuleCondition::Event:
        return QStringLiteral("event");
    }
    return QString();
}

QString AlertRule::describe() const
{
    QString text;
    switch (condition) {
    case RuleCondition::Above:
    case RuleCondition::Below:
        text = QStringLiteral("%1 %2").arg(ruleConditionKey(condition)).arg(threshold);
        if (clear != threshold)
            text += QStringLiteral(" (clears at %1)").arg(clear);
        break;
    case RuleCondition::Outside:
        text = QStringLiteral("outside [%1, %2]").arg(low).arg(high);
        if (clearLow != low || clearHigh != high)
            text += QStringLiteral(" (clears within [%1, %2])").arg(clearLow).arg(clearHigh);
        break;
    case RuleCondition::SilentFor:
        return QStringLiteral("silent for %1").arg(Duration::format(intervalMs));
    case RuleCondition::OfflineFor:
        return QStringLiteral("offline for %1").arg(Duration::format(intervalMs));
    case RuleCondition::EndpointDownFor:
        return QStringLiteral("endpoint down for %1").arg(Duration::format(intervalMs));
    case RuleCondition::Event:
        text = QStringLiteral("an event of severity %1 or more").arg(severityName(eventMinSeverity));
        if (!eventText.isEmpty())
            text += QStringLiteral(" saying \"%1\"").arg(eventText);
        return text;
    }
    if (forMs > 0)
        text += QStringLiteral(" for %1").arg(Duration::format(forMs));
    return text;
}

QJsonObject AlertRule::toJson() const
{
    QJsonObject out;
    out.insert(QStringLiteral("name"), name);
    if (!description.isEmpty())
        out.insert(QStringLiteral("description"), description);
    if (endpoint.pattern() != QLatin1String("*"))
        out.insert(QStringLiteral("endpoint"), endpoint.pattern());
    if (hasPath)
        out.insert(QStringLiteral("path"), path.pattern());
    switch (condition) {
    case RuleCondition::Above:
    case RuleCondition::Below:
        out.insert(ruleConditionKey(condition), threshold);
        if (clear != threshold)
            out.insert(QStringLiteral("clear"), clear);
        break;
    case RuleCondition::Outside:
        out.insert(QStringLiteral("outside"), QJsonArray {low, high});
        if (clearLow != low || clearHigh != high)
            out.insert(QStringLiteral("clear"), QJsonArray {clearLow, clearHigh});
        break;
    case RuleCondition::SilentFor:
    case RuleCondition::OfflineFor:
    case RuleCondition::EndpointDownFor:
        out.insert(ruleConditionKey(condition), Duration::format(intervalMs));
        break;
    case RuleCondition::Event: {
        QJsonObject match;
        if (eventMinSeverity != Severity::Debug)
            match.insert(QStringLiteral("minSeverity"), severityName(eventMinSeverity));
        if (!eventText.isEmpty())
            match.insert(QStringLiteral("text"), eventText);
        out.insert(QStringLiteral("event"), match);
        if (clearAfterMs != AlertRule().clearAfterMs)
            out.insert(QStringLiteral("clearAfter"), Duration::format(clearAfterMs));
        break;
    }
    }
    if (forMs > 0)
        out.insert(QStringLiteral("for"), Duration::format(forMs));
    out.insert(QStringLiteral("severity"), alertSeverityName(severity));
    return out;
}

} // namespace fleetscope
