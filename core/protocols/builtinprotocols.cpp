#include "core/endpoint/protocolregistry.h"

#include "core/protocols/exosite/exositeprotocol.h"
#include "core/protocols/opentera/openteraprotocol.h"
#include "core/protocols/intu/intuprotocol.h"

namespace fleetscope {

void registerBuiltinProtocols(ProtocolRegistry &registry)
{
    registry.add(exositeProtocolInfo());
    registry.add(openteraProtocolInfo());
    registry.add(intuProtocolInfo());
}

} // namespace fleetscope
