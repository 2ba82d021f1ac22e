#pragma once

#include "core/model/topic.h"
#include "core/monitor/cadenceestimator.h"
#include "core/monitor/deadlinequeue.h"
#include "core/monitor/device.h"

#include <QHash>
#include <QVarLengthArray>
#include <QVector>

namespace fleetscope {

// A path whose activity the monitor follows: a device (a Topic with node Device), or a path a
// silentFor rule watches. Activity anywhere under the path counts.
struct ActivityNode
{
    int endpoint = -1;
    QString path;
    qint64 firstSeen = 0;
    qint64 last = 0; // the latest activity; 0: never
    bool isDevice = false;
    qint64 filedDue = 0; // the device deadline in the queue; 0: none
    bool dirty = false; // changed since the last snapshot
    quint32 reportedRound = 0; // the snapshot round that last reported it
    // Device data.
    QString name;
    QString type;
    Presence presence = Presence::Unknown;
    QString presenceDetail;
    qint64 presenceSince = 0;
    DeviceState state = DeviceState::Unknown;
    qint64 stateSince = 0;
    CadenceEstimator cadence;
    qint64 learnedMs = 0;
    qint64 ruleMs = 0; // the shortest silentFor of the rules that watch it; 0: none
    quint64 messages = 0;
    quint64 messagesAtSnapshot = 0;
    double rate = 0;
    QVector<DeviceKeyValue> keyValues;
    // Alert instances (silentFor, offlineFor) attached to this node, and how many are not normal.
    QVarLengthArray<int, 1> alerts;
    int activeAlerts = 0;

    qint64 expectedIntervalMs() const { return ruleMs > 0 ? ruleMs : learnedMs; }
};

// Devices and watched paths of every endpoint, their activity, learned cadence and presence, and
// the device states derived from them. Device silence deadlines go into the shared DeadlineQueue
// (one entry per device at most); nothing here ever walks all devices on a timer, only once when
// an endpoint goes down or comes back.
//
// Owned by AlertEngine; one thread.
class ActivityTracker
{
public:
    static constexpr int kMaxKeyValues = 3;

    explicit ActivityTracker(DeadlineQueue *deadlines, CadencePolicy policy = {});

    int endpointCount() const { return static_cast<int>(m_endpoints.size()); }
    int addEndpoint();
    // The endpoint is ready (connected and authenticated) or not; devices are unknown while it is
    // not, and silence is measured from the moment it is again.
    void setEndpointReady(int endpoint, bool ready, qint64 now);
    bool isReady(int endpoint) const { return m_endpoints[endpoint].ready; }
    // Bumped whenever a node of the endpoint is added: cached ancestor lists must be recomputed.
    int generation(int endpoint) const { return m_endpoints[endpoint].generation; }

    int nodeAt(int endpoint, const QString &path) const { return m_endpoints[endpoint].nodes.value(path, -1); }
    int ensureNode(int endpoint, const QString &path, qint64 now);
    void markDevice(int node, const Topic &topic, qint64 now);
    ActivityNode &node(int id) { return m_nodes[id]; }
    const ActivityNode &node(int id) const { return m_nodes[id]; }
    int nodeCount() const { return static_cast<int>(m_nodes.size()); }
    const QVector<int> &nodesOf(int endpoint) const { return m_endpoints[endpoint].order; }
    // Nodes at `path` and above it (the path's device and watched paths), nearest first.
    void ancestors(int endpoint, QStringView path, QVarLengthArray<int, 2> *out) const;

    // Activity at `now` under the node's path. Keeps the device's cadence, count and state.
    void touch(int node, qint64 now)
    {
        ActivityNode &n = m_nodes[node];
        ++n.messages;
        if (n.last == now)
            return;
        n.last = now;
        if (n.isDevice)
            deviceActivity(n, node, now);
    }
    // A key value of a device (at most kMaxKeyValues; battery-like names first). Returns the slot
    // used, -1 when the path is not one of them.
    int keySlotFor(int node, const QString &relativePath);
    // False when the slot went to another path since keySlotFor() gave it.
    bool setKeyValue(int node, int slot, const QString &relativePath, double value, qint64 t);
    void setPresence(int node, Presence presence, const QString &detail, qint64 now);
    // A silentFor rule watches the device with `intervalMs` (the shortest one wins).
    void setRuleInterval(int node, qint64 intervalMs, qint64 now);
    // The time silence is measured from: the latest activity, the device's first sight or the
    // endpoint's last readiness, whichever is latest.
    qint64 silenceBaseline(int node) const
    {
        const ActivityNode &n = m_nodes[node];
        return std::max({n.last, n.firstSeen, m_endpoints[n.endpoint].readySince});
    }
    // A device deadline (filed for `due`) came due.
    void reviewDevice(int node, qint64 due, qint64 now);
    // Forgets every rule's interval (the rules are about to change).
    void clearRuleIntervals(qint64 now);

    // Devices changed since the last call, with their message rates over the time since then.
    DeviceInfoList takeChangedDevices(qint64 now);
    DeviceInfo snapshot(int node) const;
    QString endpointName(int endpoint) const { return m_endpoints[endpoint].name; }
    void setEndpointName(int endpoint, const QString &name) { m_endpoints[endpoint].name = name; }

private:
    struct EndpointNodes
    {
        QString name;
        QHash<QString, int> nodes;
        QVector<int> order;
        bool ready = false;
        qint64 readySince = 0;
        int generation = 0;
    };

    void deviceActivity(ActivityNode &n, int id, qint64 now);
    void setState(ActivityNode &n, int id, DeviceState state, qint64 now);
    DeviceState stateAt(const ActivityNode &n, int id, qint64 now) const;
    void fileDeadline(ActivityNode &n, int id, qint64 now);
    void markDirty(ActivityNode &n, int id);

    DeadlineQueue *m_deadlines;
    CadencePolicy m_policy;
    QVector<ActivityNode> m_nodes;
    QVector<EndpointNodes> m_endpoints;
    QVector<int> m_dirty;
    QVector<int> m_rated; // devices whose last snapshot had a non-zero rate
    qint64 m_lastSnapshot = 0;
    quint32 m_round = 0;
};

} // namespace fleetscope
