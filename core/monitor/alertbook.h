#pragma once

#include "core/monitor/alert.h"

#include <QHash>
#include <QVector>

#include <limits>

namespace fleetscope {

// One alert instance and what the engine needs to move it along.
struct AlertInstance
{
    int rule = -1; // index into the engine's rules; -1: a server alarm, or a restored alert without rule
    int endpoint = -1; // the engine's endpoint index
    int node = -1; // the activity node a silentFor/offlineFor instance watches; -1: none (yet)
    Alert alert;
    qint64 conditionSince = 0; // when the condition began to hold (pending, or a silence's start)
    double lastValue = std::numeric_limits<double>::quiet_NaN();
    qint64 lastEventAt = 0; // event rules: the latest matching event
    qint64 filedDue = 0; // the deadline in the queue; 0: none
    bool dirty = false;
};

// Every alert instance of a monitor, keyed by (rule, endpoint, path), and what changed since the
// owner last asked: firing/resolved transitions (for the CLI and notifications), their events (for
// the log and the event database), alerts whose row changed (for the alerts panel) and what the
// event database must keep or forget so that a restart restores firing alerts with their
// acknowledgement and snooze.
//
// Owned by AlertEngine; one thread.
class AlertBook
{
public:
    int find(const AlertKey &key) const { return m_byKey.value(key, -1); }
    // Finds or makes the instance of `key`.
    int obtain(const AlertKey &key, AlertOrigin origin, int rule, int endpoint, AlertSeverity severity,
        const QString &summary);
    AlertInstance &at(int id) { return m_instances[id]; }
    const AlertInstance &at(int id) const { return m_instances[id]; }
    int size() const { return static_cast<int>(m_instances.size()); }
    void clear();

    // Normal → pending at `t` (no transition: pending alerts are not printed nor logged).
    void setPending(int id, qint64 t);
    // Pending → normal: the condition ended before `for` was over.
    void setNormal(int id, qint64 t);
    void fire(int id, qint64 t);
    // Takes over a firing alert kept from an earlier run (no transition): an instance already
    // firing keeps its own data and takes the acknowledgement and snooze.
    void adopt(int id, const Alert &kept);
    void resolve(int id, qint64 t, const QString &why = QString());
    // Updates the value an alert shows (no transition).
    void setValue(int id, double value);

    bool acknowledge(const AlertKey &key, qint64 t);
    // untilMs 0 ends a snooze; Alert::kUntilResolved snoozes until the alert resolves.
    bool snooze(const AlertKey &key, qint64 untilMs, qint64 t);
    // A snooze ran out: the row changes (the panel shows it again, notifications resume).
    void snoozeExpired(int id);

    // Firing and pending alerts.
    AlertList active() const;
    // Instances per rule (index), for "this rule matches nothing".
    int instancesOf(int rule) const { return m_perRule.value(rule); }

    AlertTransitionList takeTransitions();
    EventList takeEvents();
    AlertList takeChanged();
    bool hasChanges() const { return !m_changed.isEmpty() || !m_transitions.isEmpty() || !m_events.isEmpty(); }
    // What the event database must keep (firing alerts, as they are now) and forget (resolved).
    void takePersistence(AlertList *keep, QVector<AlertKey> *forget);

private:
    void markChanged(int id);
    void persist(int id);

    QVector<AlertInstance> m_instances;
    QHash<AlertKey, int> m_byKey;
    QHash<int, int> m_perRule;
    QVector<int> m_changed;
    AlertTransitionList m_transitions;
    EventList m_events;
    // What the event database must do with each key since the last takePersistence(): keep the
    // alert (firing) or forget it (any other state).
    QHash<AlertKey, Alert> m_persist;
};

} // namespace fleetscope
