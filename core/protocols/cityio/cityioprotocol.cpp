#include "core/protocols/cityio/cityioprotocol.h"

#include "core/protocols/cityio/cityioendpoint.h"

#include <QObject>

namespace fleetscope {

ProtocolInfo cityioProtocolInfo()
{
    ProtocolInfo info;
    info.id = QStringLiteral("cityio");
    info.displayName = QStringLiteral("CityIO (MIT CityScope)");
    info.urlPlaceholder = QStringLiteral("https://cityio.media.mit.edu/cityio");
    info.urlHelp = QObject::tr("The base URL, e.g. http://localhost:8080 or https://cityio.media.mit.edu/cityio; the "
                               "REST API (/api) and the WebSocket channels (/interface) are derived from it.");
    info.templatesResource = QStringLiteral(":/templates/cityio.json");
    info.create = [](const EndpointConfig &config) -> std::unique_ptr<Endpoint> {
        return std::make_unique<cityio::CityioEndpoint>(config);
    };
    return info;
}

} // namespace fleetscope
