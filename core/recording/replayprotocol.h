#pragma once

namespace fleetscope {

class ProtocolRegistry;

// Registers "replay": a session recording played back as a read-only endpoint (ReplayEndpoint).
// Its URL is the recording file; options "speed" and "endpoint" as ReplayEndpoint says. The
// created endpoints use `registry` to make the recorded protocol's adapter, so the registry must
// outlive them (it does: main owns it).
void registerReplayProtocol(ProtocolRegistry &registry);

} // namespace fleetscope
