#pragma once

#include "core/endpoint/endpointconfig.h"

#include <QMetaType>
#include <QStringList>

namespace fleetscope::ui {

// One server demo mode connects to, and what to chart from it. Plain data: the program (app/gui)
// makes them from the simulators it runs, and MainWindow::openDemo() opens them; the window never
// sees a simulator.
struct DemoTarget
{
    EndpointConfig config; // secret included (the simulator's test key)
    QStringList series; // paths worth charting
};

} // namespace fleetscope::ui

Q_DECLARE_METATYPE(fleetscope::ui::DemoTarget)
