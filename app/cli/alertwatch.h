#pragma once

#include "app/cli/jsonlineswriter.h"
#include "core/monitor/monitor.h"

#include <QObject>

namespace fleetscope {
class Endpoint;
class EventStore;
} // namespace fleetscope

namespace fleetscope::cli {

// `watch --rules FILE`: evaluates the rules on what one endpoint reports and prints a
// {"kind":"alert"} line per firing or resolved transition (docs/architecture.md#devices-presence-and-alerts-coremonitor).
// With an event database (--log-db) the transitions' events go into it, and the firing alerts it
// kept from an earlier run are restored first.
//
// Threading: the CLI's main thread, with the endpoint. Owned by main, outlives nothing it watches:
// stop() before the endpoint goes.
class AlertWatch : public QObject
{
    Q_OBJECT

public:
    AlertWatch(Endpoint *endpoint, const RuleSet &rules, JsonLinesWriter *out, EventStore *store = nullptr,
        QObject *parent = nullptr);

    // Prints nothing more (the run is over).
    void stop();
    const Monitor &monitor() const { return m_monitor; }

private:
    Monitor m_monitor;
    JsonLinesWriter *m_out;
    bool m_stopped = false;
};

} // namespace fleetscope::cli
