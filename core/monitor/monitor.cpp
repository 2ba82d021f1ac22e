#include "core/monitor/monitor.h"

#include <algorithm>

namespace fleetscope {

Monitor::Monitor(const MonitorClock *clock, CadencePolicy policy, QObject *parent)
    : QObject(parent)
    , m_ownClock(clock ? nullptr : std::make_unique<SystemClock>())
    , m_clock(clock ? clock : m_ownClock.get())
    , m_engine(*m_clock, policy)
{
    qRegisterMetaType<AlertTransitionList>();
    qRegisterMetaType<AlertList>();
    qRegisterMetaType<AlertKey>();
    qRegisterMetaType<QVector<AlertKey>>();
    qRegisterMetaType<MonitorUpdate>();
    qRegisterMetaType<RuleSet>();
    qRegisterMetaType<EventList>();
    // Timers are parented so that moveToThread() takes them along.
    m_deadlineTimer.setParent(this);
    m_deadlineTimer.setSingleShot(true);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &Monitor::processDue);
    m_updateTimer.setParent(this);
    m_updateTimer.setSingleShot(true);
    m_updateTimer.setInterval(250);
    connect(&m_updateTimer, &QTimer::timeout, this, &Monitor::flushUpdate);
}

Monitor::~Monitor() = default;

MonitorUpdate Monitor::snapshot() const
{
    MonitorUpdate update;
    update.reset = true;
    update.devices = m_engine.devices();
    update.alerts = m_engine.activeAlerts();
    update.rules = m_engine.ruleStatus();
    return update;
}

void Monitor::setRules(const RuleSet &rules)
{
    m_engine.setRules(rules);
    m_rulesChanged = true;
    m_reset = true;
    afterChange();
}

void Monitor::applyBatch(const QString &endpoint, const EndpointBatch &batch)
{
    m_engine.applyBatch(endpoint, batch);
    afterChange();
}

void Monitor::setEndpointState(const QString &endpoint, LinkState state)
{
    m_engine.setEndpointState(endpoint, state);
    afterChange();
}

void Monitor::removeEndpoint(const QString &endpoint)
{
    m_engine.removeEndpoint(endpoint);
    m_rulesChanged = true;
    afterChange();
}

void Monitor::acknowledge(const AlertKey &key)
{
    m_engine.acknowledge(key);
    afterChange();
}

void Monitor::snooze(const AlertKey &key, qint64 untilMs)
{
    m_engine.snooze(key, untilMs);
    afterChange();
}

void Monitor::restore(const AlertList &alerts)
{
    m_engine.restore(alerts);
    m_rulesChanged = true;
    afterChange();
}

void Monitor::processDue()
{
    m_armedFor = -1;
    m_engine.advance();
    afterChange();
}

void Monitor::afterChange()
{
    const AlertTransitionList transitions = m_engine.takeTransitions();
    if (!transitions.isEmpty()) {
        m_rulesChanged = true; // instance counts may have changed with them
        Q_EMIT this->transitions(transitions);
    }
    const EventList events = m_engine.takeEvents();
    if (!events.isEmpty())
        Q_EMIT eventsReady(events);
    AlertList keep;
    QVector<AlertKey> forget;
    m_engine.takePersistence(&keep, &forget);
    if (!keep.isEmpty() || !forget.isEmpty())
        Q_EMIT persistenceChanged(keep, forget);
    if (!m_updateTimer.isActive())
        m_updateTimer.start();
    armDeadline();
}

void Monitor::armDeadline()
{
    const qint64 next = m_engine.nextDeadline();
    if (next < 0) {
        m_deadlineTimer.stop();
        m_armedFor = -1;
        return;
    }
    if (m_armedFor == next && m_deadlineTimer.isActive())
        return;
    m_armedFor = next;
    const qint64 wait = std::clamp<qint64>(next - m_clock->nowMs(), 0, 24 * 3600 * 1000);
    m_deadlineTimer.start(static_cast<int>(wait));
}

void Monitor::flushUpdate()
{
    m_updateTimer.stop();
    MonitorUpdate update;
    if (m_reset) {
        update = snapshot();
        m_engine.takeChangedDevices();
        m_engine.takeChangedAlerts();
        m_engine.takeRemovedEndpoints();
    } else {
        update.devices = m_engine.takeChangedDevices();
        update.alerts = m_engine.takeChangedAlerts();
        update.removedEndpoints = m_engine.takeRemovedEndpoints();
        if (m_rulesChanged)
            update.rules = m_engine.ruleStatus();
    }
    m_reset = false;
    m_rulesChanged = false;
    if (!update.isEmpty())
        Q_EMIT updated(update);
}

} // namespace fleetscope
