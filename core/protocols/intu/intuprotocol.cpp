#include "core/protocols/intu/intuprotocol.h"

#include "core/protocols/intu/intuendpoint.h"

#include <QObject>

namespace fleetscope {

ProtocolInfo intuProtocolInfo()
{
    ProtocolInfo info;
    info.id = QStringLiteral("intu");
    info.displayName = QStringLiteral("IBM Watson Intu (Self)");
    info.urlPlaceholder = QStringLiteral("ws://robot.local:9443/stream");
    info.urlHelp = QObject::tr("The node's stream URL; selfId, token, orgId and groupId may sit in its query.");
    info.fields = {
        {QStringLiteral("selfId"), QObject::tr("Self id"), ProtocolField::Kind::Text, false,
            QStringLiteral("fleetscope-<uuid>"),
            QObject::tr("The id this console joins with; a second connection with the same id replaces the first. "
                        "Empty: a fresh unique id.")},
        {QStringLiteral("secret"), QObject::tr("Token"), ProtocolField::Kind::Secret, false, QString(),
            QObject::tr("Bearer token; only cloud parents check it. Also read from FLEETSCOPE_TOKEN.")},
        {QStringLiteral("orgId"), QObject::tr("Organization id"), ProtocolField::Kind::Text, false, QString(),
            QObject::tr("Cloud parents only.")},
        {QStringLiteral("groupId"), QObject::tr("Group id"), ProtocolField::Kind::Text, false, QString(),
            QObject::tr("Cloud parents only.")},
    };
    info.templatesResource = QStringLiteral(":/templates/intu.json");
    info.payloadSyntax = PayloadSyntax::TextOrJson; // plain text is published as it is
    info.create = [](const EndpointConfig &config) -> std::unique_ptr<Endpoint> {
        return std::make_unique<intu::IntuEndpoint>(config);
    };
    return info;
}

} // namespace fleetscope
