#pragma once

#include "core/endpoint/endpointbatch.h"
#include "core/link/linkstate.h"
#include "core/monitor/activitytracker.h"
#include "core/monitor/alertbook.h"
#include "core/monitor/alertrule.h"
#include "core/monitor/deadlinequeue.h"
#include "core/monitor/monitorclock.h"
#include "core/monitor/monitorupdate.h"
#include "core/monitor/ruleindex.h"

#include <QHash>
#include <QVarLengthArray>

namespace fleetscope {

// The rules engine and device tracker of one monitor (docs/architecture.md#devices-presence-and-alerts-coremonitor): takes
// what endpoints report (batches, link states), keeps every device's state and every alert
// instance's, and hands out what changed. Time is read from a MonitorClock; deadlines (silence,
// `for`, clearAfter, snoozes) sit in a heap and are handled by advance(), which the owner calls
// when nextDeadline() comes (Monitor does it with one timer; a back-test steps a ManualClock).
//
// Cost: a sample costs one hash lookup of its path when no rule matches it (the answer per path
// is cached; new paths are matched through RuleIndex, never against every rule), plus a few
// comparisons per matching rule. Nothing scans all devices or alerts on a timer.
//
// Not a QObject; owned by Monitor (or a back-test); one thread.
class AlertEngine
{
public:
    // Paths remembered per endpoint (beyond it new paths are matched every time, correctly but
    // slower); a server cannot grow the cache without bound.
    static constexpr int kMaxCachedPaths = 250000;

    explicit AlertEngine(const MonitorClock &clock, CadencePolicy policy = {});

    // Replaces the rules: firing alerts whose rule (by name) and path remain keep firing with their
    // acknowledgement; the others resolve ("the rule changed").
    void setRules(const RuleSet &rules);
    const RuleSet &rules() const { return m_rules; }

    void applyBatch(const QString &endpoint, const EndpointBatch &batch);
    void setEndpointState(const QString &endpoint, LinkState state);
    // The endpoint was removed: its alerts resolve, its devices leave (see takeRemovedEndpoints).
    void removeEndpoint(const QString &endpoint);

    // Handles every deadline due at the clock's now.
    void advance();
    // The earliest pending deadline (ms since the epoch); -1: none.
    qint64 nextDeadline() const { return m_deadlines.isEmpty() ? -1 : m_deadlines.nextDue(); }

    bool acknowledge(const AlertKey &key);
    bool snooze(const AlertKey &key, qint64 untilMs);
    // Firing alerts kept from an earlier run (the event database): they fire on without a new
    // transition, with their acknowledgement and snooze; those whose rule is gone resolve.
    void restore(const AlertList &alerts);

    AlertTransitionList takeTransitions() { return m_book.takeTransitions(); }
    EventList takeEvents() { return m_book.takeEvents(); }
    AlertList takeChangedAlerts() { return m_book.takeChanged(); }
    DeviceInfoList takeChangedDevices() { return m_tracker.takeChangedDevices(m_clock.nowMs()); }
    void takePersistence(AlertList *keep, QVector<AlertKey> *forget) { m_book.takePersistence(keep, forget); }
    QStringList takeRemovedEndpoints();

    AlertList activeAlerts() const { return m_book.active(); }
    DeviceInfoList devices() const;
    int deviceCount() const { return m_deviceCount; }
    QVector<RuleStatus> ruleStatus() const;
    std::size_t pendingDeadlines() const { return m_deadlines.size(); }

private:
    struct PathEntry
    {
        QVarLengthArray<int, 2> valueInstances;
        QVarLengthArray<int, 2> nodes; // activity nodes to touch: the path's device, watched paths
        QVarLengthArray<int, 1> eventRules;
        int generation = -1; // the tracker generation `nodes` was computed at
        int keyNode = -2; // the device whose key value this path is; -1 none, -2 not decided yet
        int keySlot = -1;
        QString keyName;
    };
    struct EndpointWatch
    {
        QString name;
        LinkState state = LinkState::Idle;
        bool removed = false;
        RuleIndex valueRules;
        RuleIndex presenceRules; // silentFor, offlineFor
        RuleIndex eventRules;
        QVector<int> downRules;
        QVector<int> downInstances;
        QHash<QString, PathEntry> paths;
    };

    int endpointIndex(const QString &name);
    void buildRules(int ep);
    PathEntry &entry(int ep, const QString &path, qint64 now);
    void resolvePath(int ep, const QString &path, PathEntry *entry, qint64 now);
    void refreshNodes(int ep, const QString &path, PathEntry *entry);
    void attachWatchers(int ep, int node, const QString &path, bool isDevice, qint64 now);
    int instanceFor(int rule, int ep, const QString &path);

    void onDeviceTopic(int ep, const Topic &topic, qint64 now);
    void onSample(int ep, const Sample &sample, qint64 now);
    // `activity`: the event counts as activity of the devices above its path.
    void onEvent(int ep, const Event &event, bool activity, qint64 now);
    void onPresence(int ep, const PresenceReport &report, qint64 now);
    void onAlarm(int ep, const ServerAlarm &alarm, qint64 now);
    void touchNode(int node, qint64 now);
    void presenceChanged(int node, qint64 now);
    void evaluateValue(int id, double value, qint64 now);
    void endpointDownChanged(int ep, qint64 now);
    bool isDown(int ep) const;

    void reviewAlert(int id, qint64 now);
    void fileAlertDeadline(int id, qint64 now);
    qint64 alertDueAfter(const AlertInstance &instance, qint64 now) const;

    const MonitorClock &m_clock;
    RuleSet m_rules;
    QHash<QString, int> m_ruleByName;
    DeadlineQueue m_deadlines;
    ActivityTracker m_tracker;
    AlertBook m_book;
    QVector<EndpointWatch> m_endpoints;
    QHash<QString, int> m_endpointByName;
    QStringList m_removedEndpoints;
    int m_deviceCount = 0;
    PathEntry m_scratch; // for paths beyond kMaxCachedPaths
};

} // namespace fleetscope
