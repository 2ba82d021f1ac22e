#include "sim/common/simulatorregistry.h"

#include "sim/exosite/exositesimulator.h"

namespace fleetscope::sim {

void registerBuiltinSimulators(SimulatorRegistry &registry)
{
    registry.add(QStringLiteral("exosite"), [](const QVariantMap &options) -> std::unique_ptr<Simulator> {
        return std::make_unique<exosite::ExositeSimulator>(options);
    });
}

} // namespace fleetscope::sim
