#include "core/monitor/alertbook.h"

namespace fleetscope {

int AlertBook::obtain(
    const AlertKey &key, AlertOrigin origin, int rule, int endpoint, AlertSeverity severity, const QString &summary)
{
    const int known = find(key);
    if (known >= 0) {
        AlertInstance &instance = m_instances[known];
        if (instance.rule < 0 && rule >= 0)
            ++m_perRule[rule];
        instance.rule = rule;
        instance.endpoint = endpoint;
        return known;
    }
    AlertInstance instance;
    instance.rule = rule;
    instance.endpoint = endpoint;
    instance.alert.key = key;
    instance.alert.origin = origin;
    instance.alert.severity = severity;
    instance.alert.summary = summary;
    const int id = static_cast<int>(m_instances.size());
    m_instances.append(instance);
    m_byKey.insert(key, id);
    if (rule >= 0)
        ++m_perRule[rule];
    return id;
}

void AlertBook::clear()
{
    m_instances.clear();
    m_byKey.clear();
    m_perRule.clear();
    m_changed.clear();
}

void AlertBook::markChanged(int id)
{
    AlertInstance &instance = m_instances[id];
    if (instance.dirty)
        return;
    instance.dirty = true;
    m_changed.append(id);
}

void AlertBook::persist(int id)
{
    const Alert &alert = m_instances[id].alert;
    m_persist.insert(alert.key, alert);
}

void AlertBook::setPending(int id, qint64 t)
{
    Alert &alert = m_instances[id].alert;
    alert.state = AlertState::Pending;
    alert.since = t;
    markChanged(id);
}

void AlertBook::setNormal(int id, qint64 t)
{
    Alert &alert = m_instances[id].alert;
    alert.state = AlertState::Normal;
    alert.since = t;
    markChanged(id);
}

void AlertBook::fire(int id, qint64 t)
{
    Alert &alert = m_instances[id].alert;
    if (alert.state == AlertState::Firing)
        return;
    alert.state = AlertState::Firing;
    alert.since = t;
    alert.firedAt = t;
    alert.acknowledgedAt = 0;
    alert.snoozedUntil = 0;
    const AlertTransition transition {AlertTransition::Kind::Firing, t, alert};
    m_transitions.append(transition);
    m_events.append(alertEvent(transition));
    markChanged(id);
    persist(id);
}

void AlertBook::adopt(int id, const Alert &kept)
{
    Alert &alert = m_instances[id].alert;
    if (alert.state == AlertState::Firing) {
        alert.acknowledgedAt = kept.acknowledgedAt;
        alert.snoozedUntil = kept.snoozedUntil;
    } else {
        const AlertKey key = alert.key;
        alert = kept;
        alert.key = key;
        alert.state = AlertState::Firing;
    }
    markChanged(id);
}

void AlertBook::resolve(int id, qint64 t, const QString &why)
{
    Alert &alert = m_instances[id].alert;
    if (alert.state != AlertState::Firing) {
        if (alert.state == AlertState::Pending)
            setNormal(id, t);
        return;
    }
    alert.state = AlertState::Normal;
    alert.since = t;
    AlertTransition transition {AlertTransition::Kind::Resolved, t, alert};
    if (!why.isEmpty())
        transition.alert.summary = why;
    m_transitions.append(transition);
    m_events.append(alertEvent(transition));
    alert.acknowledgedAt = 0;
    alert.snoozedUntil = 0;
    markChanged(id);
    persist(id);
}

void AlertBook::setValue(int id, double value)
{
    Alert &alert = m_instances[id].alert;
    if (alert.value == value)
        return;
    alert.value = value;
    if (alert.state != AlertState::Normal)
        markChanged(id);
}

bool AlertBook::acknowledge(const AlertKey &key, qint64 t)
{
    const int id = find(key);
    if (id < 0 || m_instances[id].alert.state != AlertState::Firing)
        return false;
    Alert &alert = m_instances[id].alert;
    alert.acknowledgedAt = t;
    m_events.append(alertNoteEvent(alert, QStringLiteral("acknowledged"), t));
    markChanged(id);
    persist(id);
    return true;
}

bool AlertBook::snooze(const AlertKey &key, qint64 untilMs, qint64 t)
{
    const int id = find(key);
    if (id < 0 || m_instances[id].alert.state != AlertState::Firing)
        return false;
    Alert &alert = m_instances[id].alert;
    alert.snoozedUntil = untilMs;
    m_events.append(alertNoteEvent(alert, untilMs > 0 ? QStringLiteral("snoozed") : QStringLiteral("unsnoozed"), t));
    markChanged(id);
    persist(id);
    return true;
}

void AlertBook::snoozeExpired(int id)
{
    markChanged(id);
}

AlertList AlertBook::active() const
{
    AlertList out;
    for (const AlertInstance &instance : m_instances) {
        if (instance.alert.state != AlertState::Normal)
            out.append(instance.alert);
    }
    return out;
}

AlertTransitionList AlertBook::takeTransitions()
{
    AlertTransitionList out;
    std::swap(out, m_transitions);
    return out;
}

EventList AlertBook::takeEvents()
{
    EventList out;
    std::swap(out, m_events);
    return out;
}

AlertList AlertBook::takeChanged()
{
    AlertList out;
    out.reserve(m_changed.size());
    for (const int id : std::as_const(m_changed)) {
        m_instances[id].dirty = false;
        out.append(m_instances[id].alert);
    }
    m_changed.clear();
    return out;
}

void AlertBook::takePersistence(AlertList *keep, QVector<AlertKey> *forget)
{
    keep->clear();
    forget->clear();
    for (const Alert &alert : std::as_const(m_persist)) {
        if (alert.state == AlertState::Firing)
            keep->append(alert);
        else
            forget->append(alert.key);
    }
    m_persist.clear();
}

} // namespace fleetscope
