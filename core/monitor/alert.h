#pragma once

#include "core/model/event.h"
#include "core/model/serveralarm.h"

#include <QHash>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <limits>

namespace fleetscope {

// Where an alert is in its life: normal → pending (the condition holds, `for` not yet over) →
// firing → normal (resolved).
enum class AlertState { Normal, Pending, Firing };
QString alertStateName(AlertState state);

// One alert instance: one per rule and matched path (and endpoint). A server alarm's `rule` is the
// alarm's name.
struct AlertKey
{
    QString rule;
    QString endpoint;
    QString path;

    friend bool operator==(const AlertKey &a, const AlertKey &b)
    {
        return a.rule == b.rule && a.endpoint == b.endpoint && a.path == b.path;
    }
    friend bool operator!=(const AlertKey &a, const AlertKey &b) { return !(a == b); }
};

inline size_t qHash(const AlertKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.rule, key.endpoint, key.path);
}

// A rule of the rules file, or an alarm the server raised itself.
enum class AlertOrigin { Rule, Server };

// An alert as the alerts panel, the CLI and the event database see it. Plain value; any thread.
struct Alert
{
    // snoozedUntil: snoozed until the alert resolves.
    static constexpr qint64 kUntilResolved = std::numeric_limits<qint64>::max();

    AlertKey key;
    AlertOrigin origin = AlertOrigin::Rule;
    AlertState state = AlertState::Normal;
    AlertSeverity severity = AlertSeverity::Warning;
    qint64 since = 0; // when it entered its state (ms since the epoch)
    qint64 firedAt = 0; // when it last started firing
    double value = std::numeric_limits<double>::quiet_NaN(); // the latest value, where the rule has one
    QString summary; // what holds, in words: "below 20 (clears at 25) for 30s"
    qint64 acknowledgedAt = 0; // 0: not acknowledged
    qint64 snoozedUntil = 0; // 0: not snoozed

    bool hasValue() const { return value == value; }
    bool isAcknowledged() const { return acknowledgedAt > 0; }
    bool isSnoozed(qint64 nowMs) const { return snoozedUntil > nowMs; }
};

using AlertList = QVector<Alert>;

// A firing or resolved transition (the only ones the CLI prints and the event log keeps).
struct AlertTransition
{
    enum class Kind { Firing, Resolved };
    Kind kind = Kind::Firing;
    qint64 t = 0;
    Alert alert; // as it is after the transition (a resolved alert keeps its firing data)
};

using AlertTransitionList = QVector<AlertTransition>;

// The event a transition, acknowledgement or snooze leaves in the event log (and so in the event
// database): firing at the rule's severity (critical as error), resolved at info; the summary reads
// "alert firing: battery low · robot-3/battery below 20 (clears at 25): 17.5"; the payload is a JSON
// object ({"alert":"firing","rule":…,"severity":"critical",…}) that alertFromEvent() reads back for
// the alerts panel's history.
Event alertEvent(const AlertTransition &transition);
Event alertNoteEvent(const Alert &alert, const QString &what, qint64 t); // "acknowledged", "snoozed", ...
// Reads an event alertEvent() made; false for any other event.
bool alertFromEvent(const Event &event, Alert *alert, QString *transition);

Severity eventSeverityFor(AlertSeverity severity);

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::Alert)
Q_DECLARE_METATYPE(fleetscope::AlertKey)
