#pragma once

// What the monitoring tests over real sockets share: a real endpoint against a simulator on
// 127.0.0.1 feeding a Monitor, and the log of the transitions it made.

#include "core/endpoint/endpoint.h"
#include "core/endpoint/protocolregistry.h"
#include "core/monitor/monitor.h"
#include "sim/common/simulator.h"

#include <QObject>
#include <QStringList>
#include <QTest>

#include <memory>

namespace fleetscope::test {

// The transitions a monitor made, in order, as "firing PATH" / "resolved PATH".
class TransitionLog : public QObject
{
public:
    explicit TransitionLog(Monitor *monitor)
    {
        connect(monitor, &Monitor::transitions, this, [this](const AlertTransitionList &list) {
            for (const AlertTransition &t : list) {
                lines << (t.kind == AlertTransition::Kind::Firing ? QStringLiteral("firing ")
                                                                  : QStringLiteral("resolved "))
                        + t.alert.key.path;
                all << t;
            }
        });
    }
    void clear()
    {
        lines.clear();
        all.clear();
    }
    QStringList lines;
    AlertTransitionList all;
};

// The simulator's client endpoint, feeding `monitor` as the desktop and the CLI do; open() waits
// until it is ready.
class MonitoredEndpoint
{
public:
    MonitoredEndpoint(const sim::Simulator &simulator, Monitor *monitor)
    {
        registerBuiltinProtocols(m_registry);
        QString error;
        endpoint = m_registry.create(simulator.clientConfig(), &error);
        if (!endpoint)
            qFatal("no endpoint: %s", qPrintable(error));
        const QString name = endpoint->name();
        QObject::connect(endpoint.get(), &Endpoint::batchReady, monitor,
            [monitor, name](const EndpointBatch &batch) { monitor->applyBatch(name, batch); });
        QObject::connect(endpoint.get(), &Endpoint::stateChanged, monitor,
            [monitor, name](const LinkStatus &status) { monitor->setEndpointState(name, status.state); });
    }
    bool open()
    {
        endpoint->open();
        return QTest::qWaitFor([this] { return endpoint->state() == LinkState::Ready; }, 10000);
    }

    std::unique_ptr<Endpoint> endpoint;

private:
    ProtocolRegistry m_registry;
};

// The device at `path` as the monitor sees it now (an empty path when it knows none there).
inline DeviceInfo deviceAt(const Monitor &monitor, const QString &path)
{
    for (const DeviceInfo &device : monitor.engine().devices()) {
        if (device.path == path)
            return device;
    }
    return DeviceInfo();
}

} // namespace fleetscope::test
