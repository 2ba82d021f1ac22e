#pragma once

#include "core/endpoint/endpointbatch.h"
#include "core/link/linkstate.h"
#include "core/monitor/alertengine.h"
#include "core/monitor/monitorclock.h"
#include "core/monitor/monitorupdate.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace fleetscope {

// Watches the fleet for the operator (docs/architecture.md#devices-presence-and-alerts-coremonitor): feeds what endpoints
// report into an AlertEngine, wakes up for the engine's next deadline with one timer (never a
// periodic scan), and tells what happened:
// - transitions(): firing and resolved alerts, as they happen (the CLI prints them; notifications);
// - eventsReady(): the events they leave, with acknowledgements and snoozes (for the event log and
//   the event database);
// - persistenceChanged(): firing alerts to keep and resolved ones to forget (EventStore::keepAlerts),
//   so that a restart restores them (restore());
// - updated(): devices and alerts that changed, at most every updateInterval (DeviceListModel,
//   AlertListModel).
//
// Threading: a Monitor lives in one thread, the one its endpoints report in (the workspace's
// network thread, or the CLI's main thread); call its slots from others through queued
// connections. Its signals are emitted in its thread. Owned by whoever assembles the program.
class Monitor : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kSnoozeMs = 3600 * 1000; // the alerts panel's "Snooze 1 h"

    // With no clock, the system clock; a given clock must outlive the monitor.
    explicit Monitor(const MonitorClock *clock = nullptr, CadencePolicy policy = {}, QObject *parent = nullptr);
    ~Monitor() override;

    void setUpdateInterval(int ms) { m_updateTimer.setInterval(ms); }
    RuleSet rules() const { return m_engine.rules(); }
    // The whole picture (every device, active alert and rule status), for a model made later.
    MonitorUpdate snapshot() const;
    const AlertEngine &engine() const { return m_engine; }
    const MonitorClock &clock() const { return *m_clock; }

public Q_SLOTS:
    // Replaces the rules (see AlertEngine::setRules); updated() follows with reset set.
    void setRules(const fleetscope::RuleSet &rules);
    void applyBatch(const QString &endpoint, const fleetscope::EndpointBatch &batch);
    void setEndpointState(const QString &endpoint, fleetscope::LinkState state);
    void removeEndpoint(const QString &endpoint);
    void acknowledge(const fleetscope::AlertKey &key);
    // untilMs: ms since the epoch, Alert::kUntilResolved, or 0 to end the snooze.
    void snooze(const fleetscope::AlertKey &key, qint64 untilMs);
    void restore(const fleetscope::AlertList &alerts);
    // Handles the deadlines due now (the timer calls it; tests stepping a ManualClock too).
    void processDue();
    // Emits updated() now instead of at the next update tick.
    void flushUpdate();

Q_SIGNALS:
    void transitions(const fleetscope::AlertTransitionList &transitions);
    void eventsReady(const fleetscope::EventList &events);
    void persistenceChanged(const fleetscope::AlertList &keep, const QVector<fleetscope::AlertKey> &forget);
    void updated(const fleetscope::MonitorUpdate &update);

private:
    // After anything that may have changed the engine: emits transitions, events and persistence
    // now, schedules updated() and re-arms the deadline timer.
    void afterChange();
    void armDeadline();

    std::unique_ptr<SystemClock> m_ownClock;
    const MonitorClock *m_clock;
    AlertEngine m_engine;
    QTimer m_deadlineTimer;
    qint64 m_armedFor = -1;
    QTimer m_updateTimer;
    bool m_rulesChanged = false;
    bool m_reset = false;
};

} // namespace fleetscope
