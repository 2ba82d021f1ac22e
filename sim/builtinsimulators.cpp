#include "sim/common/simulatorregistry.h"

#include "sim/exosite/exositesimulator.h"
#include "sim/opentera/openterasimulator.h"
#include "sim/intu/intusimulator.h"

namespace fleetscope::sim {

void registerBuiltinSimulators(SimulatorRegistry &registry)
{
    registry.add(QStringLiteral("exosite"), [](const QVariantMap &options) -> std::unique_ptr<Simulator> {
        return std::make_unique<exosite::ExositeSimulator>(options);
    });
    registry.add(QStringLiteral("opentera"), [](const QVariantMap &options) -> std::unique_ptr<Simulator> {
        return std::make_unique<opentera::OpenTeraSimulator>(options);
    });
    registry.add(QStringLiteral("intu"), [](const QVariantMap &options) -> std::unique_ptr<Simulator> {
        return std::make_unique<intu::IntuSimulator>(options);
    });
}

} // namespace fleetscope::sim
