#include "core/recording/replayprotocol.h"

#include "core/endpoint/protocolregistry.h"
#include "core/recording/replayendpoint.h"

#include <QObject>

namespace fleetscope {

void registerReplayProtocol(ProtocolRegistry &registry)
{
    ProtocolInfo info;
    info.id = QStringLiteral("replay");
    info.displayName = QObject::tr("Session recording (replay)");
    info.urlPlaceholder = QStringLiteral("file:///home/me/incident.fsrec");
    info.urlHelp = QObject::tr("A recording made with the record button or fleetscope-cli record.");
    info.source = ProtocolInfo::Source::RecordingFile;
    info.fields = {
        {QStringLiteral("speed"), QObject::tr("Speed"), ProtocolField::Kind::Number, false, QStringLiteral("1"),
            QObject::tr("1 plays at the recorded pace, 10 ten times faster, 0 as fast as possible.")},
        {QStringLiteral("endpoint"), QObject::tr("Recorded endpoint"), ProtocolField::Kind::Text, false, QString(),
            QObject::tr("Which endpoint of the recording to play (default: the first).")},
    };
    const ProtocolRegistry *adapters = &registry;
    info.create = [adapters](const EndpointConfig &config) -> std::unique_ptr<Endpoint> {
        return std::make_unique<ReplayEndpoint>(config, adapters);
    };
    registry.add(info);
}

} // namespace fleetscope
