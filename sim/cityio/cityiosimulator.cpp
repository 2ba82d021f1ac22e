#include "sim/cityio/cityiosimulator.h"

#include "sim/common/rawframe.h"

#include <QWebSocket>

namespace fleetscope::sim::cityio {

CityioSimulator::CityioSimulator(const QVariantMap &options, QObject *parent)
    : Simulator(parent)
    , m_world(options.value(QStringLiteral("seed"), 4242).toUInt())
    , m_activity(&m_world, options)
    , m_broker(&m_world, &m_activity, options)
    , m_rest(&m_world, [this](const QString &table) { m_broker.publishGrid(table, m_world.grid(table)); })
{
    m_front.setUpgradeFilter([](const HttpRequest &request, HttpResponse *refusal) {
        CityioBroker::Role role {};
        if (channelOf(request.path, &role))
            return true;
        *refusal = HttpResponse::text(404, "Not found: the channels are /interface, /module and /module/core");
        return false;
    });
    m_front.setRestHandler([this](const HttpRequest &request) { return m_rest.handle(request); });
    connect(&m_front, &HttpFront::webSocketOpened, this, [this](QWebSocket *socket, const HttpRequest &request) {
        CityioBroker::Role role {};
        if (!channelOf(request.path, &role)) {
            socket->abort();
            socket->deleteLater();
            return;
        }
        m_broker.accept(socket, role);
    });
    connect(&m_activity, &CityioActivity::uiEdit, &m_broker, &CityioBroker::publishGrid);
    connect(&m_activity, &CityioActivity::moduleOutput, &m_broker, &CityioBroker::publishModule);
    m_activity.start();
}

CityioSimulator::~CityioSimulator() = default;

bool CityioSimulator::channelOf(const QString &path, CityioBroker::Role *role)
{
    QString channel = CityioRestApi::unmounted(path);
    while (channel.size() > 1 && channel.endsWith(QLatin1Char('/')))
        channel.chop(1);
    if (channel == QLatin1String("/interface"))
        *role = CityioBroker::Role::Interface;
    else if (channel == QLatin1String("/module"))
        *role = CityioBroker::Role::Module;
    else if (channel == QLatin1String("/module/core"))
        *role = CityioBroker::Role::Core;
    else
        return false;
    return true;
}

bool CityioSimulator::listen(const QHostAddress &address, quint16 port, QString *error)
{
    return m_front.listen(address, port, error);
}

EndpointConfig CityioSimulator::clientConfig() const
{
    EndpointConfig config;
    config.name = QStringLiteral("CityIO (simulated)");
    config.protocol = protocol();
    config.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
    return config;
}

QStringList CityioSimulator::demoSeries() const
{
    return {QStringLiteral("volpe/indicators/walking"), QStringLiteral("volpe/indicators/Diversity of land use"),
        QStringLiteral("corktown/indicators/congestion")};
}

QStringList CityioSimulator::describe() const
{
    const QString url = clientConfig().url.toString();
    return {
        QStringLiteral("CityIO simulator: %1 (also %1/cityio); REST %1/api/table/list/, WebSocket %2/interface")
            .arg(url, QStringLiteral("ws://127.0.0.1:%1").arg(port())),
        QStringLiteral("  tables: volpe (20x20), corktown (24x18); no credentials"),
        QStringLiteral("  try: fleetscope-cli watch --protocol cityio --url %1 --project volpe --for 10").arg(url),
    };
}

int CityioSimulator::injectRawFrame(const QByteArray &payload, RawFrameKind kind)
{
    int sent = 0;
    for (QWebSocket *socket : m_broker.sockets()) {
        if (writeRawFrame(m_front.transportOf(socket), kind == RawFrameKind::Binary ? 0x2 : 0x1, payload))
            ++sent;
    }
    return sent;
}

} // namespace fleetscope::sim::cityio
