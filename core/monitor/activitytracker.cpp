#include "core/monitor/activitytracker.h"

#include <algorithm>

namespace fleetscope {

namespace {

// Which values a device shows first: battery-like, then temperatures, then other vital signs.
int keyRank(const QString &relativePath)
{
    const QString name = TopicPath::lastSegment(relativePath).toLower();
    static const char *const ranks[][5] = {
        {"battery", "charge", "soc", "power", nullptr},
        {"temp", nullptr, nullptr, nullptr, nullptr},
        {"level", "cpu", "signal", "rssi", "pressure"},
    };
    for (int rank = 0; rank < 3; ++rank) {
        for (const char *word : ranks[rank]) {
            if (word && name.contains(QLatin1String(word)))
                return rank;
        }
    }
    return 3;
}

} // namespace

ActivityTracker::ActivityTracker(DeadlineQueue *deadlines, CadencePolicy policy)
    : m_deadlines(deadlines)
    , m_policy(policy)
{ }

int ActivityTracker::addEndpoint()
{
    m_endpoints.append(EndpointNodes());
    return static_cast<int>(m_endpoints.size()) - 1;
}

void ActivityTracker::setEndpointReady(int endpoint, bool ready, qint64 now)
{
    EndpointNodes &ep = m_endpoints[endpoint];
    if (ep.ready == ready)
        return;
    ep.ready = ready;
    if (ready)
        ep.readySince = now;
    // Once per connection change, not per tick: every device of the endpoint is unknown while it is
    // down, and measured afresh once it is back.
    for (const int id : std::as_const(ep.order)) {
        ActivityNode &n = m_nodes[id];
        if (!n.isDevice)
            continue;
        setState(n, id, stateAt(n, id, now), now);
        fileDeadline(n, id, now);
    }
}

int ActivityTracker::ensureNode(int endpoint, const QString &path, qint64 now)
{
    EndpointNodes &ep = m_endpoints[endpoint];
    const auto known = ep.nodes.constFind(path);
    if (known != ep.nodes.constEnd())
        return *known;
    ActivityNode n;
    n.endpoint = endpoint;
    n.path = path;
    n.firstSeen = now;
    const int id = static_cast<int>(m_nodes.size());
    m_nodes.append(n);
    ep.nodes.insert(path, id);
    ep.order.append(id);
    ++ep.generation;
    return id;
}

void ActivityTracker::markDevice(int id, const Topic &topic, qint64 now)
{
    ActivityNode &n = m_nodes[id];
    const QString name =
        topic.displayName.isEmpty() ? TopicPath::decodeSegment(TopicPath::lastSegment(topic.path)) : topic.displayName;
    if (n.isDevice && n.name == name && n.type == topic.type)
        return;
    n.name = name;
    n.type = topic.type;
    markDirty(n, id);
    if (n.isDevice)
        return;
    n.isDevice = true;
    setState(n, id, stateAt(n, id, now), now);
    fileDeadline(n, id, now);
}

void ActivityTracker::ancestors(int endpoint, QStringView path, QVarLengthArray<int, 2> *out) const
{
    out->clear();
    const EndpointNodes &ep = m_endpoints[endpoint];
    if (ep.nodes.isEmpty())
        return;
    while (!path.isEmpty()) {
        const int id = ep.nodes.value(path.toString(), -1);
        if (id >= 0)
            out->append(id);
        const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
        if (slash < 0)
            break;
        path = path.left(slash);
    }
}

void ActivityTracker::deviceActivity(ActivityNode &n, int id, qint64 now)
{
    if (n.cadence.noteActivity(now))
        n.learnedMs = m_policy.intervalFor(n.cadence);
    if (n.presence == Presence::Offline) {
        // Data from a device the server called offline: it is back.
        n.presence = Presence::Online;
        n.presenceDetail = QStringLiteral("active again");
        n.presenceSince = now;
    }
    markDirty(n, id);
    if (n.state != DeviceState::Online && m_endpoints[n.endpoint].ready)
        setState(n, id, DeviceState::Online, now);
    fileDeadline(n, id, now);
}

int ActivityTracker::keySlotFor(int id, const QString &relativePath)
{
    ActivityNode &n = m_nodes[id];
    for (int slot = 0; slot < n.keyValues.size(); ++slot) {
        if (n.keyValues[slot].name == relativePath)
            return slot;
    }
    const int rank = keyRank(relativePath);
    if (n.keyValues.size() < kMaxKeyValues) {
        n.keyValues.append(DeviceKeyValue {relativePath, 0, 0});
        return static_cast<int>(n.keyValues.size()) - 1;
    }
    int worst = 0;
    for (int slot = 1; slot < n.keyValues.size(); ++slot) {
        if (keyRank(n.keyValues[slot].name) > keyRank(n.keyValues[worst].name))
            worst = slot;
    }
    if (rank >= keyRank(n.keyValues[worst].name))
        return -1;
    n.keyValues[worst] = DeviceKeyValue {relativePath, 0, 0};
    return worst;
}

bool ActivityTracker::setKeyValue(int id, int slot, const QString &relativePath, double value, qint64 t)
{
    ActivityNode &n = m_nodes[id];
    if (slot >= n.keyValues.size() || n.keyValues[slot].name != relativePath)
        return false; // the slot went to a more telling value since
    n.keyValues[slot].value = value;
    n.keyValues[slot].t = t;
    markDirty(n, id);
    return true;
}

void ActivityTracker::setPresence(int id, Presence presence, const QString &detail, qint64 now)
{
    ActivityNode &n = m_nodes[id];
    if (n.presence == presence && n.presenceDetail == detail)
        return;
    n.presence = presence;
    n.presenceDetail = detail;
    n.presenceSince = now;
    markDirty(n, id);
    if (n.isDevice) {
        setState(n, id, stateAt(n, id, now), now);
        fileDeadline(n, id, now);
    }
}

void ActivityTracker::setRuleInterval(int id, qint64 intervalMs, qint64 now)
{
    ActivityNode &n = m_nodes[id];
    if (n.ruleMs > 0 && n.ruleMs <= intervalMs)
        return;
    n.ruleMs = intervalMs;
    markDirty(n, id);
    if (n.isDevice) {
        setState(n, id, stateAt(n, id, now), now);
        fileDeadline(n, id, now);
    }
}

DeviceState ActivityTracker::stateAt(const ActivityNode &n, int id, qint64 now) const
{
    const EndpointNodes &ep = m_endpoints[n.endpoint];
    if (!ep.ready)
        return DeviceState::Unknown;
    if (n.presence == Presence::Offline)
        return DeviceState::Offline;
    const qint64 interval = n.expectedIntervalMs();
    if (interval > 0 && silenceBaseline(id) + interval <= now)
        return DeviceState::Silent;
    if ((n.last > 0 && n.last >= ep.readySince) || n.presence == Presence::Online)
        return DeviceState::Online;
    return DeviceState::Unknown;
}

void ActivityTracker::setState(ActivityNode &n, int id, DeviceState state, qint64 now)
{
    if (n.state == state)
        return;
    n.state = state;
    n.stateSince = now;
    markDirty(n, id);
}

void ActivityTracker::fileDeadline(ActivityNode &n, int id, qint64 now)
{
    Q_UNUSED(now);
    if (!n.isDevice || n.state == DeviceState::Silent || n.presence == Presence::Offline
        || !m_endpoints[n.endpoint].ready)
        return;
    const qint64 interval = n.expectedIntervalMs();
    if (interval <= 0)
        return;
    // Activity moves the deadline later: the filed entry stays and is re-filed when it comes due.
    // Only a sooner deadline (a shorter interval) needs an entry of its own.
    const qint64 due = silenceBaseline(id) + interval;
    if (n.filedDue > 0 && n.filedDue <= due)
        return;
    n.filedDue = due;
    m_deadlines->push(due, DeadlineQueue::Owner::Device, id);
}

void ActivityTracker::reviewDevice(int id, qint64 due, qint64 now)
{
    ActivityNode &n = m_nodes[id];
    if (n.filedDue == due)
        n.filedDue = 0;
    setState(n, id, stateAt(n, id, now), now);
    fileDeadline(n, id, now);
}

void ActivityTracker::clearRuleIntervals(qint64 now)
{
    for (int id = 0; id < m_nodes.size(); ++id) {
        ActivityNode &n = m_nodes[id];
        n.alerts.clear();
        if (n.ruleMs == 0)
            continue;
        n.ruleMs = 0;
        markDirty(n, id);
        if (n.isDevice)
            setState(n, id, stateAt(n, id, now), now);
    }
}

void ActivityTracker::markDirty(ActivityNode &n, int id)
{
    if (n.dirty || !n.isDevice)
        return;
    n.dirty = true;
    m_dirty.append(id);
}

DeviceInfo ActivityTracker::snapshot(int id) const
{
    const ActivityNode &n = m_nodes[id];
    DeviceInfo info;
    info.endpoint = m_endpoints[n.endpoint].name;
    info.path = n.path;
    info.name = n.name;
    info.type = n.type;
    info.state = n.state;
    info.stateSince = n.stateSince;
    info.lastSeen = n.last;
    info.presence = n.presence;
    info.presenceDetail = n.presenceDetail;
    info.expectedIntervalMs = n.expectedIntervalMs();
    info.intervalFromRule = n.ruleMs > 0;
    info.messages = n.messages;
    info.rate = n.rate;
    info.keyValues = n.keyValues;
    return info;
}

DeviceInfoList ActivityTracker::takeChangedDevices(qint64 now)
{
    const qint64 dt = m_lastSnapshot > 0 ? now - m_lastSnapshot : 0;
    m_lastSnapshot = now;
    ++m_round;
    DeviceInfoList out;
    out.reserve(m_dirty.size() + m_rated.size());
    QVector<int> rated;
    for (const int id : std::as_const(m_dirty)) {
        ActivityNode &n = m_nodes[id];
        n.dirty = false;
        n.reportedRound = m_round;
        n.rate = dt > 0 ? static_cast<double>(n.messages - n.messagesAtSnapshot) * 1000.0 / static_cast<double>(dt) : 0;
        n.messagesAtSnapshot = n.messages;
        if (n.rate > 0)
            rated.append(id);
        out.append(snapshot(id));
    }
    // Devices that were busy at the last snapshot and quiet since: their rate falls to zero.
    for (const int id : std::as_const(m_rated)) {
        ActivityNode &n = m_nodes[id];
        if (n.reportedRound == m_round)
            continue;
        n.rate = 0;
        n.messagesAtSnapshot = n.messages;
        out.append(snapshot(id));
    }
    m_rated = rated;
    m_dirty.clear();
    return out;
}

} // namespace fleetscope
