// AlertEngine's deadlines: when each alert instance must be looked at again (a `for` that runs
// out, a silence, a `clear` after an event) and the review that moves it through
// normal → pending → firing → normal. The rest of the class is in alertengine.cpp.
#include "core/monitor/alertengine.h"

#include <algorithm>
#include <limits>

namespace fleetscope {

namespace {

constexpr qint64 kNever = std::numeric_limits<qint64>::max();

} // namespace

void AlertEngine::advance()
{
    const qint64 now = m_clock.nowMs();
    DeadlineQueue::Entry due {};
    while (m_deadlines.popDue(now, &due)) {
        if (due.owner == DeadlineQueue::Owner::Device) {
            m_tracker.reviewDevice(due.id, due.due, now);
        } else if (due.id < m_book.size()) {
            AlertInstance &instance = m_book.at(due.id);
            if (instance.filedDue == due.due)
                instance.filedDue = 0;
            reviewAlert(due.id, now);
        }
    }
}

qint64 AlertEngine::alertDueAfter(const AlertInstance &instance, qint64 now) const
{
    qint64 due = kNever;
    const Alert &alert = instance.alert;
    if (alert.state == AlertState::Firing && alert.snoozedUntil > now && alert.snoozedUntil != Alert::kUntilResolved)
        due = alert.snoozedUntil;
    if (instance.rule < 0)
        return due;
    const AlertRule &rule = m_rules[instance.rule];
    switch (rule.condition) {
    case RuleCondition::Above:
    case RuleCondition::Below:
    case RuleCondition::Outside:
        if (alert.state == AlertState::Pending)
            due = std::min(due, instance.conditionSince + rule.forMs);
        break;
    case RuleCondition::SilentFor:
        if (alert.state == AlertState::Normal && instance.node >= 0 && m_tracker.isReady(instance.endpoint))
            due = std::min(due, m_tracker.silenceBaseline(instance.node) + rule.intervalMs);
        break;
    case RuleCondition::OfflineFor:
    case RuleCondition::EndpointDownFor:
        if (alert.state == AlertState::Pending)
            due = std::min(due, instance.conditionSince + rule.intervalMs);
        break;
    case RuleCondition::Event:
        if (alert.state == AlertState::Firing)
            due = std::min(due, instance.lastEventAt + rule.clearAfterMs);
        break;
    }
    return due;
}

void AlertEngine::fileAlertDeadline(int id, qint64 now)
{
    AlertInstance &instance = m_book.at(id);
    qint64 due = alertDueAfter(instance, now);
    if (due == kNever)
        return;
    // A deadline already past is looked at again in a moment, never in a loop within advance().
    due = std::max(due, now + 1);
    if (instance.filedDue > 0 && instance.filedDue <= due)
        return;
    instance.filedDue = due;
    m_deadlines.push(due, DeadlineQueue::Owner::Alert, id);
}

void AlertEngine::reviewAlert(int id, qint64 now)
{
    AlertInstance &instance = m_book.at(id);
    Alert &alert = instance.alert;
    if (alert.state == AlertState::Firing && alert.snoozedUntil != 0 && alert.snoozedUntil != Alert::kUntilResolved
        && alert.snoozedUntil <= now) {
        alert.snoozedUntil = 0;
        m_book.snoozeExpired(id);
    }
    if (instance.rule >= 0) {
        const AlertRule &rule = m_rules[instance.rule];
        switch (rule.condition) {
        case RuleCondition::Above:
        case RuleCondition::Below:
        case RuleCondition::Outside:
            if (alert.state == AlertState::Pending && now >= instance.conditionSince + rule.forMs) {
                if (rule.triggers(instance.lastValue))
                    m_book.fire(id, now);
                else
                    m_book.setNormal(id, now);
            }
            break;
        case RuleCondition::SilentFor:
            if (alert.state == AlertState::Normal && instance.node >= 0 && m_tracker.isReady(instance.endpoint)
                && m_tracker.silenceBaseline(instance.node) + rule.intervalMs <= now) {
                instance.conditionSince = m_tracker.silenceBaseline(instance.node);
                m_book.fire(id, now);
            }
            break;
        case RuleCondition::OfflineFor:
            if (alert.state == AlertState::Pending && now >= instance.conditionSince + rule.intervalMs) {
                if (instance.node >= 0 && m_tracker.node(instance.node).presence == Presence::Offline)
                    m_book.fire(id, now);
                else
                    m_book.setNormal(id, now);
            }
            break;
        case RuleCondition::EndpointDownFor:
            if (alert.state == AlertState::Pending && now >= instance.conditionSince + rule.intervalMs) {
                if (isDown(instance.endpoint))
                    m_book.fire(id, now);
                else
                    m_book.setNormal(id, now);
            }
            break;
        case RuleCondition::Event:
            if (alert.state == AlertState::Firing && now >= instance.lastEventAt + rule.clearAfterMs)
                m_book.resolve(id, now);
            break;
        }
    }
    fileAlertDeadline(id, now);
}

} // namespace fleetscope
