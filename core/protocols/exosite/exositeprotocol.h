#pragma once

#include "core/endpoint/protocolregistry.h"

namespace fleetscope {

// How Fleetscope connects to Exosite One Platform: form fields, URL hint, templates, factory.
ProtocolInfo exositeProtocolInfo();

} // namespace fleetscope
