#pragma once

#include "core/endpoint/protocolregistry.h"

namespace fleetscope {

// How Fleetscope connects to OpenTera: form fields, URL hint, templates, factory.
ProtocolInfo openteraProtocolInfo();

} // namespace fleetscope
