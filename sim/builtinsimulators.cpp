#include "sim/common/simulatorregistry.h"

#include "sim/cityio/cityiosimulator.h"
#include "sim/exosite/exositesimulator.h"
#include "sim/intu/intusimulator.h"
#include "sim/opentera/openterasimulator.h"

namespace fleetscope::sim {

namespace {
template<typename T>
SimulatorRegistry::Factory factory()
{
    return [](const QVariantMap &options) -> std::unique_ptr<Simulator> { return std::make_unique<T>(options); };
}
} // namespace

void registerBuiltinSimulators(SimulatorRegistry &registry)
{
    registry.add(QStringLiteral("intu"), factory<intu::IntuSimulator>());
    registry.add(QStringLiteral("cityio"), factory<cityio::CityioSimulator>());
    registry.add(QStringLiteral("exosite"), factory<exosite::ExositeSimulator>());
    registry.add(QStringLiteral("opentera"), factory<opentera::OpenTeraSimulator>());
}

} // namespace fleetscope::sim
