#include "sim/common/simulatorregistry.h"

namespace fleetscope::sim {

void SimulatorRegistry::add(const QString &protocol, Factory factory)
{
    m_factories.append({protocol, std::move(factory)});
}

QStringList SimulatorRegistry::protocols() const
{
    QStringList out;
    for (const auto &entry : m_factories)
        out << entry.first;
    return out;
}

std::unique_ptr<Simulator> SimulatorRegistry::create(const QString &protocol, const QVariantMap &options) const
{
    for (const auto &entry : m_factories) {
        if (entry.first == protocol)
            return entry.second(options);
    }
    return nullptr;
}

} // namespace fleetscope::sim
