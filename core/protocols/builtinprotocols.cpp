#include "core/endpoint/protocolregistry.h"

#include "core/protocols/cityio/cityioprotocol.h"
#include "core/protocols/exosite/exositeprotocol.h"
#include "core/protocols/intu/intuprotocol.h"
#include "core/protocols/opentera/openteraprotocol.h"

namespace fleetscope {

// In the order the product presents them.
void registerBuiltinProtocols(ProtocolRegistry &registry)
{
    registry.add(intuProtocolInfo());
    registry.add(cityioProtocolInfo());
    registry.add(exositeProtocolInfo());
    registry.add(openteraProtocolInfo());
}

} // namespace fleetscope
