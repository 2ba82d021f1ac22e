#pragma once

#include "core/endpoint/endpointconfig.h"

#include <QObject>
#include <QStringList>
#include <QThread>
#include <QVector>

namespace fleetscope::sim {
class SimulatorRegistry;
}

namespace fleetscope::ui {

// Demo mode's servers: one simulator of every protocol in the SimulatorRegistry, started in this
// process on free loopback ports, on a thread of their own so their traffic never competes with
// the window. started() says how to reach each one; a protocol added to the registry joins the
// demo without changes here.
//
// Threading: the object lives on the GUI thread; the simulators live and die on its thread.
class DemoFleet : public QObject
{
    Q_OBJECT

public:
    struct Target
    {
        EndpointConfig config; // from Simulator::clientConfig(), secret included (the simulator's test key)
        QStringList series; // Simulator::demoSeries(): paths worth charting
    };

    explicit DemoFleet(const sim::SimulatorRegistry &registry, QObject *parent = nullptr);
    ~DemoFleet() override;

    void start();

Q_SIGNALS:
    // errors: protocols whose simulator could not start, and why.
    void started(const QVector<fleetscope::ui::DemoFleet::Target> &targets, const QStringList &errors);

private:
    const sim::SimulatorRegistry &m_registry;
    QThread m_thread;
    QObject *m_home; // parent of the simulators, on m_thread
};

} // namespace fleetscope::ui

Q_DECLARE_METATYPE(fleetscope::ui::DemoFleet::Target)
