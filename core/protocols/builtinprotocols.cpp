#include "core/endpoint/protocolregistry.h"

#include "core/protocols/cityio/cityioprotocol.h"
#include "core/protocols/exosite/exositeprotocol.h"

namespace fleetscope {

void registerBuiltinProtocols(ProtocolRegistry &registry)
{
    registry.add(exositeProtocolInfo());
    registry.add(cityioProtocolInfo());
}

} // namespace fleetscope
