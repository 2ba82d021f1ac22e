#include "core/protocols/exosite/exositeprotocol.h"

#include "core/protocols/exosite/exositeendpoint.h"

#include <QObject>

namespace fleetscope {

ProtocolInfo exositeProtocolInfo()
{
    ProtocolInfo info;
    info.id = QStringLiteral("exosite");
    info.displayName = QStringLiteral("Exosite One Platform");
    info.urlPlaceholder = QStringLiteral("wss://m2.exosite.com/ws");
    info.urlHelp = QObject::tr("The One Platform WebSocket URL.");
    info.fields = {
        {QStringLiteral("secret"), QObject::tr("CIK"), ProtocolField::Kind::Secret, true,
            QStringLiteral("40 hex characters"), QObject::tr("The client's key; also read from FLEETSCOPE_CIK."),
            QStringLiteral("[0-9a-fA-F]{40}"), QObject::tr("40 hex characters (0–9, a–f)")},
        {QStringLiteral("clientId"), QObject::tr("Act as client (RID)"), ProtocolField::Kind::Text, false, QString(),
            QObject::tr("Optional: a descendant client to act as.")},
    };
    info.templatesResource = QStringLiteral(":/templates/exosite.json");
    info.payloadSyntax = PayloadSyntax::TextOrJson; // a plain value is written to the target
    info.create = [](const EndpointConfig &config) -> std::unique_ptr<Endpoint> {
        return std::make_unique<exosite::ExositeEndpoint>(config);
    };
    return info;
}

} // namespace fleetscope
