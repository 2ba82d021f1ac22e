#pragma once

#include "core/model/event.h"
#include "core/model/serveralarm.h"
#include "core/monitor/pathglob.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

namespace fleetscope {

// What a rule watches: exactly one condition per rule (docs/architecture.md#devices-presence-and-alerts-coremonitor).
enum class RuleCondition { Above, Below, Outside, SilentFor, OfflineFor, EndpointDownFor, Event };

QString ruleConditionKey(RuleCondition condition); // the rules file's key: "above", "silentFor", ...

// One alert rule as the rules file states it, checked (RulesFile::parseRule makes them). Plain
// value; any thread.
//
// Value rules (above, below, outside) watch the samples of the paths their glob matches: they
// trigger past the threshold and, once firing, resolve only past `clear` (hysteresis; default the
// threshold itself), after the condition held for `forMs`. Silence, offline and endpoint-down rules
// carry their duration in `intervalMs`. Event rules fire on a matching event and resolve
// `clearAfterMs` after the last one.
struct AlertRule
{
    QString name;
    QString description;
    PathGlob endpoint = PathGlob::forName(QStringLiteral("*"));
    PathGlob path = PathGlob::any();
    bool hasPath = false; // the file named a path (endpointDownFor has none)
    RuleCondition condition = RuleCondition::Above;
    double threshold = 0; // above, below
    double low = 0, high = 0; // outside
    double clear = 0; // above, below: where a firing alert resolves
    double clearLow = 0, clearHigh = 0; // outside: the band where a firing alert resolves
    qint64 forMs = 0;
    qint64 intervalMs = 0; // silentFor, offlineFor, endpointDownFor
    Severity eventMinSeverity = Severity::Debug; // event
    QString eventText; // event: case-insensitive, in the summary or the payload; empty: any
    qint64 clearAfterMs = 300000; // event
    AlertSeverity severity = AlertSeverity::Warning;

    bool isValueRule() const
    {
        return condition == RuleCondition::Above || condition == RuleCondition::Below
            || condition == RuleCondition::Outside;
    }
    // A value that starts (or keeps) the condition.
    bool triggers(double value) const
    {
        switch (condition) {
        case RuleCondition::Above:
            return value > threshold;
        case RuleCondition::Below:
            return value < threshold;
        case RuleCondition::Outside:
            return value < low || value > high;
        default:
            return false;
        }
    }
    // A value at which a firing alert resolves (past `clear`).
    bool clears(double value) const
    {
        switch (condition) {
        case RuleCondition::Above:
            return value <= clear;
        case RuleCondition::Below:
            return value >= clear;
        case RuleCondition::Outside:
            return value >= clearLow && value <= clearHigh;
        default:
            return true;
        }
    }
    // The condition in words, for summaries: "above 80 (clears at 75) for 30s".
    QString describe() const;
    // The rule as the rules file writes it.
    QJsonObject toJson() const;
};

using RuleSet = QVector<AlertRule>;

} // namespace fleetscope
