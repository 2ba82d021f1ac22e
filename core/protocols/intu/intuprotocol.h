#pragma once

#include "core/endpoint/protocolregistry.h"

namespace fleetscope {

// How Fleetscope connects to IBM Watson Intu: form fields, URL hint, templates, factory.
ProtocolInfo intuProtocolInfo();

} // namespace fleetscope
