#include "app/cli/alertwatch.h"

#include "core/endpoint/endpoint.h"
#include "core/store/eventstore.h"

namespace fleetscope::cli {

AlertWatch::AlertWatch(
    Endpoint *endpoint, const RuleSet &rules, JsonLinesWriter *out, EventStore *store, QObject *parent)
    : QObject(parent)
    , m_out(out)
{
    m_monitor.setRules(rules);
    const QString name = endpoint->name();
    connect(endpoint, &Endpoint::batchReady, &m_monitor,
        [this, name](const EndpointBatch &batch) { m_monitor.applyBatch(name, batch); });
    connect(endpoint, &Endpoint::stateChanged, &m_monitor,
        [this, name](const LinkStatus &status) { m_monitor.setEndpointState(name, status.state); });
    connect(&m_monitor, &Monitor::transitions, this, [this](const AlertTransitionList &transitions) {
        if (m_stopped)
            return;
        for (const AlertTransition &transition : transitions)
            m_out->alert(transition);
    });
    if (store) {
        connect(&m_monitor, &Monitor::eventsReady, store, &EventStore::append);
        connect(&m_monitor, &Monitor::persistenceChanged, store, &EventStore::keepAlerts);
        connect(store, &EventStore::alertsLoaded, &m_monitor, [this](const AlertList &alerts, const QString &error) {
            if (error.isEmpty())
                m_monitor.restore(alerts);
        });
        store->loadAlerts();
    }
}

void AlertWatch::stop()
{
    m_stopped = true;
}

} // namespace fleetscope::cli
