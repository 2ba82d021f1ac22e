// fleetscope-sim: runs the protocol simulators on chosen loopback ports and says how to connect.
#include "fleetscope_version.h"
#include "sim/common/simulatorregistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <iostream>
#include <memory>
#include <vector>

namespace {
// Where each simulator listens by default: the real servers' usual ports where free to use.
quint16 defaultPort(const QString &protocol)
{
    if (protocol == QLatin1String("intu"))
        return 9443;
    if (protocol == QLatin1String("cityio"))
        return 8080;
    if (protocol == QLatin1String("exosite"))
        return 8091;
    if (protocol == QLatin1String("opentera"))
        return 40075;
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fleetscope-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLEETSCOPE_VERSION));

    fleetscope::sim::SimulatorRegistry registry;
    fleetscope::sim::registerBuiltinSimulators(registry);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Runs faithful local servers of the protocols Fleetscope speaks, on loopback.\n"
                       "Protocols: %1 (default: all). Each prints its URL, its test key and an example;\n"
                       "stdout also gets one JSON line per simulator for scripts.")
            .arg(registry.protocols().join(QLatin1String(", "))));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("protocol"), QStringLiteral("Simulators to start."), QStringLiteral("[protocol...]"));
    const QCommandLineOption portOption(QStringLiteral("port"),
        QStringLiteral("Port (only with one protocol; 0 picks a free one)."), QStringLiteral("port"));
    const QCommandLineOption bindOption(QStringLiteral("bind"),
        QStringLiteral("Address to listen on (default 127.0.0.1)."), QStringLiteral("address"),
        QStringLiteral("127.0.0.1"));
    const QCommandLineOption setOption(QStringLiteral("set"),
        QStringLiteral("Simulator option key=value (e.g. nested=true, cadence=reference)."),
        QStringLiteral("key=value"));
    parser.addOptions({portOption, bindOption, setOption});
    parser.process(app);

    QStringList protocols = parser.positionalArguments();
    if (protocols.isEmpty())
        protocols = registry.protocols();
    if (parser.isSet(portOption) && protocols.size() != 1) {
        std::cerr << "fleetscope-sim: --port needs exactly one protocol\n";
        return 2;
    }
    QVariantMap options;
    for (const QString &pair : parser.values(setOption)) {
        const auto eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            std::cerr << "fleetscope-sim: --set needs key=value\n";
            return 2;
        }
        const QString value = pair.mid(eq + 1);
        options.insert(pair.left(eq),
            value == QLatin1String("true")        ? QVariant(true)
                : value == QLatin1String("false") ? QVariant(false)
                                                  : QVariant(value));
    }
    const QHostAddress address(parser.value(bindOption));
    if (address.isNull()) {
        std::cerr << "fleetscope-sim: --bind needs an IP address\n";
        return 2;
    }

    std::vector<std::unique_ptr<fleetscope::sim::Simulator>> running;
    for (const QString &protocol : std::as_const(protocols)) {
        auto simulator = registry.create(protocol, options);
        if (!simulator) {
            std::cerr << "fleetscope-sim: unknown protocol \"" << protocol.toStdString()
                      << "\" (known: " << registry.protocols().join(QLatin1String(", ")).toStdString() << ")\n";
            return 2;
        }
        const quint16 port =
            parser.isSet(portOption) ? static_cast<quint16>(parser.value(portOption).toUInt()) : defaultPort(protocol);
        QString error;
        if (!simulator->listen(address, port, &error)) {
            std::cerr << "fleetscope-sim: " << protocol.toStdString() << " cannot listen on port " << port << ": "
                      << error.toStdString() << '\n';
            return 3;
        }
        for (const QString &line : simulator->describe())
            std::cerr << line.toStdString() << '\n';
        const auto config = simulator->clientConfig();
        const QJsonObject ready {{QStringLiteral("protocol"), protocol}, {QStringLiteral("port"), simulator->port()},
            {QStringLiteral("url"), config.url.toString()}};
        std::cout << QJsonDocument(ready).toJson(QJsonDocument::Compact).toStdString() << std::endl;
        running.push_back(std::move(simulator));
    }
    return QCoreApplication::exec();
}
