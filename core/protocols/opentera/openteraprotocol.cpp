#include "core/protocols/opentera/openteraprotocol.h"

#include "core/protocols/opentera/openteraendpoint.h"

#include <QObject>

namespace fleetscope {

ProtocolInfo openteraProtocolInfo()
{
    ProtocolInfo info;
    info.id = QStringLiteral("opentera");
    info.displayName = QStringLiteral("OpenTera");
    info.urlPlaceholder = QStringLiteral("https://opentera.example.org:40075");
    info.urlHelp = QObject::tr("The REST base URL (the WebSocket URL comes from the login).");
    info.fields = {
        {QStringLiteral("user"), QObject::tr("User"), ProtocolField::Kind::Text, true, QStringLiteral("admin"),
            QObject::tr("An OpenTera user (staff) name.")},
        {QStringLiteral("secret"), QObject::tr("Password"), ProtocolField::Kind::Secret, true, QString(),
            QObject::tr("The user's password; also read from FLEETSCOPE_PASSWORD.")},
    };
    info.templatesResource = QStringLiteral(":/templates/opentera.json");
    info.create = [](const EndpointConfig &config) -> std::unique_ptr<Endpoint> {
        return std::make_unique<opentera::OpenTeraEndpoint>(config);
    };
    return info;
}

} // namespace fleetscope
