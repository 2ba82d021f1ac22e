// fleetscope-cli: the headless client. Contract: ../shared/design.md, "fleetscope-cli contract".
#include "app/cli/clioptions.h"
#include "app/cli/clirunner.h"
#include "app/cli/interruptwatcher.h"
#include "app/cli/jsonlineswriter.h"
#include "core/endpoint/endpoint.h"
#include "core/endpoint/protocolregistry.h"

#include <QCoreApplication>
#include <QTimer>

#include <iostream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fleetscope-cli"));
    const QStringList arguments = QCoreApplication::arguments();
    fleetscope::cli::scrubSecretsFromArgv(argc, argv);

    fleetscope::cli::CliOptions options;
    QString error;
    bool exitNow = false;
    if (!fleetscope::cli::parseCliOptions(arguments, &options, &error, &exitNow)) {
        std::cerr << "fleetscope-cli: " << error.toStdString() << "\nTry fleetscope-cli --help\n";
        return 2;
    }
    if (exitNow)
        return 0;
    for (const QString &warning : std::as_const(options.warnings))
        std::cerr << "fleetscope-cli: warning: " << warning.toStdString() << '\n';

    fleetscope::ProtocolRegistry registry;
    fleetscope::registerBuiltinProtocols(registry);
    std::unique_ptr<fleetscope::Endpoint> endpoint = registry.create(options.endpoint, &error);
    if (!endpoint) {
        std::cerr << "fleetscope-cli: " << error.toStdString() << '\n';
        return 2;
    }

    fleetscope::cli::JsonLinesWriter out;
    fleetscope::cli::CliRunner runner(options, std::move(endpoint), &out);
    fleetscope::cli::InterruptWatcher interrupts;
    QObject::connect(
        &interrupts, &fleetscope::cli::InterruptWatcher::interrupted, &runner, &fleetscope::cli::CliRunner::interrupt);
    QObject::connect(&runner, &fleetscope::cli::CliRunner::finished, &app, [](int code) {
        // Let the close frame go out before the event loop ends.
        QTimer::singleShot(50, qApp, [code] { QCoreApplication::exit(code); });
    });
    QTimer::singleShot(0, &runner, &fleetscope::cli::CliRunner::start);
    return QCoreApplication::exec();
}
