#include "sim/common/simulatorregistry.h"

#include "sim/cityio/cityiosimulator.h"
#include "sim/exosite/exositesimulator.h"

namespace fleetscope::sim {

void registerBuiltinSimulators(SimulatorRegistry &registry)
{
    registry.add(QStringLiteral("exosite"), [](const QVariantMap &options) -> std::unique_ptr<Simulator> {
        return std::make_unique<exosite::ExositeSimulator>(options);
    });
    registry.add(QStringLiteral("cityio"), [](const QVariantMap &options) -> std::unique_ptr<Simulator> {
        return std::make_unique<cityio::CityioSimulator>(options);
    });
}

} // namespace fleetscope::sim
