#pragma once

#include "ui/demotarget.h"

#include <QObject>
#include <QStringList>
#include <QThread>
#include <QVector>

namespace fleetscope::sim {
class SimulatorRegistry;
}

namespace fleetscope::gui {

// Demo mode's servers: one simulator of every protocol in the SimulatorRegistry, started in this
// process on free loopback ports, on a thread of their own so their traffic never competes with
// the window. started() says how to reach each one; a protocol added to the registry joins the
// demo without changes here. The program's part of demo mode: the window (ui/) never links the
// simulators.
//
// Threading: the object lives on the GUI thread; the simulators live and die on its thread.
class DemoFleet : public QObject
{
    Q_OBJECT

public:
    // From Simulator::clientConfig() and Simulator::demoSeries().
    using Target = ui::DemoTarget;

    explicit DemoFleet(const sim::SimulatorRegistry &registry, QObject *parent = nullptr);
    ~DemoFleet() override;

    void start();

Q_SIGNALS:
    // errors: protocols whose simulator could not start, and why.
    void started(const QVector<fleetscope::ui::DemoTarget> &targets, const QStringList &errors);

private:
    const sim::SimulatorRegistry &m_registry;
    QThread m_thread;
    QObject *m_home; // parent of the simulators, on m_thread
};

} // namespace fleetscope::gui
