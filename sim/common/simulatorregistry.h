#pragma once

#include "sim/common/simulator.h"

#include <functional>
#include <memory>

namespace fleetscope::sim {

// The simulators this build has, by protocol id. Owned by whoever assembles the program.
class SimulatorRegistry
{
public:
    using Factory = std::function<std::unique_ptr<Simulator>(const QVariantMap &options)>;

    void add(const QString &protocol, Factory factory);
    QStringList protocols() const;
    std::unique_ptr<Simulator> create(const QString &protocol, const QVariantMap &options = {}) const;

private:
    QList<QPair<QString, Factory>> m_factories;
};

void registerBuiltinSimulators(SimulatorRegistry &registry);

} // namespace fleetscope::sim
