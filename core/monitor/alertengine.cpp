#include "core/monitor/alertengine.h"

#include "core/monitor/duration.h"

#include <QSet>

#include <algorithm>

namespace fleetscope {

AlertEngine::AlertEngine(const MonitorClock &clock, CadencePolicy policy)
    : m_clock(clock)
    , m_tracker(&m_deadlines, policy)
{ }

// ---- endpoints and rules ---------------------------------------------------------------------

int AlertEngine::endpointIndex(const QString &name)
{
    const auto known = m_endpointByName.constFind(name);
    if (known != m_endpointByName.constEnd()) {
        m_endpoints[*known].removed = false;
        return *known;
    }
    const int ep = m_tracker.addEndpoint();
    m_tracker.setEndpointName(ep, name);
    EndpointWatch watch;
    watch.name = name;
    m_endpoints.append(watch);
    m_endpointByName.insert(name, ep);
    buildRules(ep);
    return ep;
}

void AlertEngine::buildRules(int ep)
{
    EndpointWatch &watch = m_endpoints[ep];
    QVector<int> value, presence, event;
    watch.downRules.clear();
    watch.downInstances.clear();
    for (int r = 0; r < m_rules.size(); ++r) {
        const AlertRule &rule = m_rules[r];
        if (!rule.endpoint.matches(watch.name))
            continue;
        switch (rule.condition) {
        case RuleCondition::Above:
        case RuleCondition::Below:
        case RuleCondition::Outside:
            value << r;
            break;
        case RuleCondition::SilentFor:
        case RuleCondition::OfflineFor:
            presence << r;
            break;
        case RuleCondition::Event:
            event << r;
            break;
        case RuleCondition::EndpointDownFor:
            watch.downRules << r;
            watch.downInstances << instanceFor(r, ep, QString());
            break;
        }
    }
    watch.valueRules.build(m_rules, value);
    watch.presenceRules.build(m_rules, presence);
    watch.eventRules.build(m_rules, event);
    watch.paths.clear();
}

int AlertEngine::instanceFor(int rule, int ep, const QString &path)
{
    const AlertRule &r = m_rules[rule];
    return m_book.obtain(
        AlertKey {r.name, m_endpoints[ep].name, path}, AlertOrigin::Rule, rule, ep, r.severity, r.describe());
}

void AlertEngine::setRules(const RuleSet &rules)
{
    const qint64 now = m_clock.nowMs();
    AlertList firing;
    for (const Alert &alert : m_book.active()) {
        if (alert.state == AlertState::Firing)
            firing << alert;
    }
    m_book.clear();
    m_deadlines.removeOwner(DeadlineQueue::Owner::Alert);
    m_rules = rules;
    m_ruleByName.clear();
    for (int r = 0; r < m_rules.size(); ++r)
        m_ruleByName.insert(m_rules[r].name, r);
    m_tracker.clearRuleIntervals(now);
    for (int ep = 0; ep < m_endpoints.size(); ++ep) {
        const QStringList known = m_endpoints[ep].paths.keys();
        buildRules(ep);
        // Watchers are attached at once (a silent path may never speak again); the rest of the
        // cache fills again as samples come.
        for (const int node : m_tracker.nodesOf(ep)) {
            if (m_tracker.node(node).isDevice)
                attachWatchers(ep, node, m_tracker.node(node).path, true, now);
        }
        for (const QString &path : known) {
            if (m_tracker.nodeAt(ep, path) < 0 || !m_tracker.node(m_tracker.nodeAt(ep, path)).isDevice)
                attachWatchers(ep, -1, path, false, now);
        }
        endpointDownChanged(ep, now);
    }
    restore(firing);
}

void AlertEngine::removeEndpoint(const QString &endpoint)
{
    const int ep = m_endpointByName.value(endpoint, -1);
    if (ep < 0)
        return;
    const qint64 now = m_clock.nowMs();
    for (int id = 0; id < m_book.size(); ++id) {
        if (m_book.at(id).endpoint == ep)
            m_book.resolve(id, now, QStringLiteral("the endpoint was removed"));
    }
    m_endpoints[ep].state = LinkState::Closed;
    m_endpoints[ep].removed = true;
    m_tracker.setEndpointReady(ep, false, now);
    m_removedEndpoints << endpoint;
}

QStringList AlertEngine::takeRemovedEndpoints()
{
    QStringList out;
    std::swap(out, m_removedEndpoints);
    return out;
}

// ---- paths -------------------------------------------------------------------------------------

AlertEngine::PathEntry &AlertEngine::entry(int ep, const QString &path, qint64 now)
{
    EndpointWatch &watch = m_endpoints[ep];
    auto it = watch.paths.find(path);
    if (it == watch.paths.end()) {
        if (watch.paths.size() >= kMaxCachedPaths) {
            m_scratch = PathEntry();
            resolvePath(ep, path, &m_scratch, now);
            return m_scratch;
        }
        PathEntry fresh;
        resolvePath(ep, path, &fresh, now);
        it = watch.paths.insert(path, fresh);
    }
    if (it->generation != m_tracker.generation(ep))
        refreshNodes(ep, path, &*it);
    return *it;
}

void AlertEngine::resolvePath(int ep, const QString &path, PathEntry *entry, qint64 now)
{
    const EndpointWatch &watch = m_endpoints[ep];
    QVarLengthArray<int, 4> rules;
    watch.valueRules.match(m_rules, path, &rules);
    for (const int r : rules)
        entry->valueInstances.append(instanceFor(r, ep, path));
    watch.eventRules.match(m_rules, path, &rules);
    for (const int r : rules)
        entry->eventRules.append(r);
    const int node = m_tracker.nodeAt(ep, path);
    if (node < 0 || !m_tracker.node(node).isDevice)
        attachWatchers(ep, node, path, false, now);
    refreshNodes(ep, path, entry);
}

void AlertEngine::refreshNodes(int ep, const QString &path, PathEntry *entry)
{
    m_tracker.ancestors(ep, path, &entry->nodes);
    entry->generation = m_tracker.generation(ep);
    entry->keyNode = -2;
}

void AlertEngine::attachWatchers(int ep, int node, const QString &path, bool isDevice, qint64 now)
{
    const EndpointWatch &watch = m_endpoints[ep];
    if (watch.presenceRules.isEmpty())
        return;
    QVarLengthArray<int, 4> rules;
    watch.presenceRules.match(m_rules, path, &rules);
    for (const int r : rules) {
        const AlertRule &rule = m_rules[r];
        if (rule.condition == RuleCondition::OfflineFor && !isDevice)
            continue; // only devices have presence
        if (node < 0)
            node = m_tracker.ensureNode(ep, path, now);
        const int id = instanceFor(r, ep, path);
        AlertInstance &instance = m_book.at(id);
        instance.node = node;
        ActivityNode &n = m_tracker.node(node);
        if (!n.alerts.contains(id))
            n.alerts.append(id);
        if (rule.condition == RuleCondition::SilentFor)
            m_tracker.setRuleInterval(node, rule.intervalMs, now);
        else if (n.presence == Presence::Offline && instance.alert.state == AlertState::Normal)
            presenceChanged(node, now);
        fileAlertDeadline(id, now);
    }
}

// ---- what endpoints report ---------------------------------------------------------------------

void AlertEngine::applyBatch(const QString &endpoint, const EndpointBatch &batch)
{
    const qint64 now = m_clock.nowMs();
    const int ep = endpointIndex(endpoint);
    for (const Topic &topic : batch.topics) {
        if (topic.node == NodeKind::Device)
            onDeviceTopic(ep, topic, now);
        else if (!m_endpoints[ep].presenceRules.isEmpty())
            entry(ep, topic.path, now); // a silentFor rule may watch it before it ever speaks
    }
    for (const QString &path : batch.removedTopics) {
        const int node = m_tracker.nodeAt(ep, path);
        if (node >= 0 && m_tracker.node(node).isDevice) {
            m_tracker.setPresence(node, Presence::Offline, QStringLiteral("removed by the server"), now);
            presenceChanged(node, now);
        }
    }
    // The event that tells a presence change ("Robot-01 offline") is the server speaking about the
    // device, not the device speaking: it is no activity of it.
    QSet<QString> presencePaths;
    for (const PresenceReport &report : batch.presence) {
        onPresence(ep, report, now);
        presencePaths.insert(report.path);
    }
    for (const Sample &sample : batch.samples)
        onSample(ep, sample, now);
    for (const Event &event : batch.events)
        onEvent(ep, event, !presencePaths.contains(event.path), now);
    for (const ServerAlarm &alarm : batch.alarms)
        onAlarm(ep, alarm, now);
}

void AlertEngine::onDeviceTopic(int ep, const Topic &topic, qint64 now)
{
    const int node = m_tracker.ensureNode(ep, topic.path, now);
    const bool wasDevice = m_tracker.node(node).isDevice;
    m_tracker.markDevice(node, topic, now);
    if (wasDevice)
        return;
    ++m_deviceCount;
    attachWatchers(ep, node, topic.path, true, now);
}

void AlertEngine::onSample(int ep, const Sample &sample, qint64 now)
{
    PathEntry &e = entry(ep, sample.path, now);
    for (const int node : e.nodes)
        touchNode(node, now);
    if (sample.value != sample.value)
        return; // NaN: activity, but no value to judge
    for (const int id : e.valueInstances)
        evaluateValue(id, sample.value, now);
    if (e.keyNode == -2) {
        e.keyNode = -1;
        for (const int node : e.nodes) {
            const ActivityNode &n = m_tracker.node(node);
            if (!n.isDevice || n.path.size() >= sample.path.size())
                continue;
            e.keyName = sample.path.mid(n.path.size() + 1);
            e.keySlot = m_tracker.keySlotFor(node, e.keyName);
            e.keyNode = e.keySlot >= 0 ? node : -1;
            break;
        }
    }
    if (e.keyNode >= 0 && !m_tracker.setKeyValue(e.keyNode, e.keySlot, e.keyName, sample.value, sample.t))
        e.keyNode = -1;
}

void AlertEngine::touchNode(int node, qint64 now)
{
    m_tracker.touch(node, now);
    const ActivityNode &n = m_tracker.node(node);
    for (const int id : n.alerts) {
        AlertInstance &instance = m_book.at(id);
        if (instance.alert.state == AlertState::Normal)
            continue;
        // Activity ends a silence, and shows an offline device is back.
        instance.conditionSince = 0;
        m_book.resolve(id, now);
        fileAlertDeadline(id, now);
    }
}

void AlertEngine::onEvent(int ep, const Event &event, bool activity, qint64 now)
{
    PathEntry &e = entry(ep, event.path, now);
    if (activity) {
        for (const int node : e.nodes)
            touchNode(node, now);
    }
    for (const int r : e.eventRules) {
        const AlertRule &rule = m_rules[r];
        if (event.severity < rule.eventMinSeverity)
            continue;
        if (!rule.eventText.isEmpty() && !event.summary.contains(rule.eventText, Qt::CaseInsensitive)
            && !event.payload.contains(rule.eventText, Qt::CaseInsensitive))
            continue;
        const int id = instanceFor(r, ep, event.path);
        AlertInstance &instance = m_book.at(id);
        instance.lastEventAt = now;
        if (instance.alert.state != AlertState::Firing) {
            instance.alert.summary = event.summary;
            m_book.fire(id, now);
        }
        fileAlertDeadline(id, now);
    }
}

void AlertEngine::onPresence(int ep, const PresenceReport &report, qint64 now)
{
    int node = m_tracker.nodeAt(ep, report.path);
    if (node < 0 || !m_tracker.node(node).isDevice) {
        Topic topic;
        topic.path = report.path;
        topic.node = NodeKind::Device;
        onDeviceTopic(ep, topic, now);
        node = m_tracker.nodeAt(ep, report.path);
    }
    m_tracker.setPresence(node, report.presence, report.detail, now);
    presenceChanged(node, now);
}

void AlertEngine::presenceChanged(int node, qint64 now)
{
    const ActivityNode &n = m_tracker.node(node);
    for (const int id : n.alerts) {
        AlertInstance &instance = m_book.at(id);
        if (instance.rule < 0 || m_rules[instance.rule].condition != RuleCondition::OfflineFor)
            continue;
        if (n.presence == Presence::Offline && instance.alert.state == AlertState::Normal) {
            instance.conditionSince = now;
            m_book.setPending(id, now);
        } else if (n.presence != Presence::Offline && instance.alert.state != AlertState::Normal) {
            m_book.resolve(id, now);
        }
        fileAlertDeadline(id, now);
    }
}

void AlertEngine::onAlarm(int ep, const ServerAlarm &alarm, qint64 now)
{
    if (!alarm.active && m_book.find(AlertKey {alarm.name, m_endpoints[ep].name, alarm.path}) < 0)
        return; // an alarm that never was active: nothing to show
    const int id = m_book.obtain(AlertKey {alarm.name, m_endpoints[ep].name, alarm.path}, AlertOrigin::Server, -1, ep,
        alarm.severity, alarm.summary);
    AlertInstance &instance = m_book.at(id);
    instance.alert.severity = alarm.severity;
    if (!alarm.summary.isEmpty())
        instance.alert.summary = alarm.summary;
    if (alarm.value == alarm.value)
        m_book.setValue(id, alarm.value);
    if (alarm.active)
        m_book.fire(id, now);
    else
        m_book.resolve(id, now);
}

void AlertEngine::evaluateValue(int id, double value, qint64 now)
{
    AlertInstance &instance = m_book.at(id);
    if (instance.rule < 0)
        return;
    const AlertRule &rule = m_rules[instance.rule];
    instance.lastValue = value;
    switch (instance.alert.state) {
    case AlertState::Normal:
        if (!rule.triggers(value))
            return;
        m_book.setValue(id, value);
        instance.conditionSince = now;
        if (rule.forMs == 0) {
            m_book.fire(id, now);
        } else {
            m_book.setPending(id, now);
            fileAlertDeadline(id, now);
        }
        return;
    case AlertState::Pending:
        if (rule.triggers(value))
            m_book.setValue(id, value);
        else
            m_book.setNormal(id, now); // a blip shorter than `for`
        return;
    case AlertState::Firing:
        m_book.setValue(id, value);
        if (rule.clears(value))
            m_book.resolve(id, now);
        return;
    }
}

// ---- endpoint state ----------------------------------------------------------------------------

bool AlertEngine::isDown(int ep) const
{
    switch (m_endpoints[ep].state) {
    case LinkState::Connecting:
    case LinkState::Connected:
    case LinkState::Reconnecting:
    case LinkState::Failed:
        return true;
    case LinkState::Idle:
    case LinkState::Ready:
    case LinkState::Closed:
        break;
    }
    return false;
}

void AlertEngine::setEndpointState(const QString &endpoint, LinkState state)
{
    const qint64 now = m_clock.nowMs();
    const int ep = endpointIndex(endpoint);
    if (m_endpoints[ep].state == state)
        return;
    m_endpoints[ep].state = state;
    const bool ready = state == LinkState::Ready;
    if (ready != m_tracker.isReady(ep)) {
        m_tracker.setEndpointReady(ep, ready, now);
        if (ready) {
            // Silence is measured afresh from now: file every watcher of the endpoint again (once
            // per connection, not per tick).
            for (const int node : m_tracker.nodesOf(ep)) {
                for (const int id : m_tracker.node(node).alerts)
                    fileAlertDeadline(id, now);
            }
        }
    }
    endpointDownChanged(ep, now);
}

void AlertEngine::endpointDownChanged(int ep, qint64 now)
{
    const bool down = isDown(ep);
    for (const int id : std::as_const(m_endpoints[ep].downInstances)) {
        AlertInstance &instance = m_book.at(id);
        if (down && instance.alert.state == AlertState::Normal) {
            instance.conditionSince = now;
            m_book.setPending(id, now);
        } else if (!down && instance.alert.state != AlertState::Normal) {
            m_book.resolve(id, now);
        }
        fileAlertDeadline(id, now);
    }
}

// ---- acknowledgement, snooze, restore ----------------------------------------------------------

bool AlertEngine::acknowledge(const AlertKey &key)
{
    return m_book.acknowledge(key, m_clock.nowMs());
}

bool AlertEngine::snooze(const AlertKey &key, qint64 untilMs)
{
    const qint64 now = m_clock.nowMs();
    if (!m_book.snooze(key, untilMs, now))
        return false;
    fileAlertDeadline(m_book.find(key), now);
    return true;
}

void AlertEngine::restore(const AlertList &alerts)
{
    const qint64 now = m_clock.nowMs();
    for (const Alert &kept : alerts) {
        if (kept.state != AlertState::Firing)
            continue;
        const int ep = endpointIndex(kept.key.endpoint);
        const int rule = m_ruleByName.value(kept.key.rule, -1);
        if (kept.origin == AlertOrigin::Rule && rule < 0) {
            const int id = m_book.obtain(kept.key, kept.origin, -1, ep, kept.severity, kept.summary);
            m_book.adopt(id, kept);
            m_book.resolve(id, now, QStringLiteral("the rule is no longer in the rules file"));
            continue;
        }
        const int id = m_book.obtain(kept.key, kept.origin, rule, ep, kept.severity, kept.summary);
        AlertInstance &instance = m_book.at(id);
        m_book.adopt(id, kept);
        if (rule >= 0) {
            instance.alert.severity = m_rules[rule].severity;
            instance.lastValue = kept.value;
            instance.lastEventAt = now;
        }
        fileAlertDeadline(id, now);
    }
}

// ---- snapshots ---------------------------------------------------------------------------------

DeviceInfoList AlertEngine::devices() const
{
    DeviceInfoList out;
    out.reserve(m_deviceCount);
    for (int id = 0; id < m_tracker.nodeCount(); ++id) {
        const ActivityNode &n = m_tracker.node(id);
        if (n.isDevice && !m_endpoints[n.endpoint].removed)
            out.append(m_tracker.snapshot(id));
    }
    return out;
}

QVector<RuleStatus> AlertEngine::ruleStatus() const
{
    QVector<RuleStatus> out;
    out.reserve(m_rules.size());
    for (int r = 0; r < m_rules.size(); ++r)
        out.append(RuleStatus {m_rules[r].name, m_book.instancesOf(r)});
    return out;
}

} // namespace fleetscope
