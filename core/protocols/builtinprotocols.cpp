#include "core/endpoint/protocolregistry.h"

#include "core/protocols/exosite/exositeprotocol.h"

namespace fleetscope {

void registerBuiltinProtocols(ProtocolRegistry &registry)
{
    registry.add(exositeProtocolInfo());
}

} // namespace fleetscope
