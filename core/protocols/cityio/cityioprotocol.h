#pragma once

#include "core/endpoint/protocolregistry.h"

namespace fleetscope {

// How Fleetscope connects to a CityIO broker: URL hint, templates, factory (no credentials: CityIO
// has none).
ProtocolInfo cityioProtocolInfo();

} // namespace fleetscope
