// fleetscope-cli: the headless client. Contract: docs/cli-contract.md.
#include "app/cli/alertwatch.h"
#include "app/cli/clioptions.h"
#include "app/cli/clirunner.h"
#include "app/cli/exitcode.h"
#include "app/cli/exportcommand.h"
#include "app/cli/interruptwatcher.h"
#include "app/cli/jsonlineswriter.h"
#include "app/cli/logcommand.h"
#include "core/endpoint/endpoint.h"
#include "core/endpoint/protocolregistry.h"
#include "core/monitor/rulesfile.h"
#include "core/recording/replayendpoint.h"
#include "core/recording/sessionrecorder.h"
#include "core/store/eventstore.h"
#include "core/util/secretmasker.h"

#include <QCoreApplication>
#include <QTimer>

#include <iostream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fleetscope-cli"));
    const QStringList arguments = QCoreApplication::arguments();
    fleetscope::cli::scrubSecretsFromArgv(argc, argv);

    // Commands that read files rather than connect.
    if (arguments.value(1) == QLatin1String("log"))
        return fleetscope::cli::runLogCommand(arguments);
    if (arguments.value(1) == QLatin1String("export-recording"))
        return fleetscope::cli::runExportCommand(arguments);

    fleetscope::cli::CliOptions options;
    QString error;
    bool exitNow = false;
    if (!fleetscope::cli::parseCliOptions(arguments, &options, &error, &exitNow)) {
        std::cerr << "fleetscope-cli: " << error.toStdString() << "\nTry fleetscope-cli --help\n";
        return fleetscope::cli::ExitUsage;
    }
    if (exitNow)
        return fleetscope::cli::ExitDone;
    for (const QString &warning : std::as_const(options.warnings))
        std::cerr << "fleetscope-cli: warning: " << warning.toStdString() << '\n';

    // A rules file with a mistake is refused whole, before connecting (exit 5).
    fleetscope::RuleSet rules;
    if (!options.rulesPath.isEmpty()) {
        fleetscope::RuleError ruleError;
        if (!fleetscope::RulesFile::load(options.rulesPath, &rules, &ruleError)) {
            std::cerr << "fleetscope-cli: rules file " << options.rulesPath.toStdString() << ": "
                      << ruleError.message().toStdString() << '\n';
            return 5;
        }
    }

    fleetscope::ProtocolRegistry registry;
    fleetscope::registerBuiltinProtocols(registry);
    std::unique_ptr<fleetscope::Endpoint> endpoint;
    if (!options.replayPath.isEmpty()) {
        options.endpoint =
            fleetscope::ReplayEndpoint::configFor(options.replayPath, options.replaySpeed, options.replayEndpoint);
        endpoint = std::make_unique<fleetscope::ReplayEndpoint>(options.endpoint, &registry);
    } else {
        endpoint = registry.create(options.endpoint, &error);
    }
    if (!endpoint) {
        std::cerr << "fleetscope-cli: " << error.toStdString() << '\n';
        return fleetscope::cli::ExitUsage;
    }
    QObject::connect(endpoint.get(), &fleetscope::Endpoint::certificatePinned, &app,
        [](const QString &where, const QString &fingerprint) {
            std::cerr << "fleetscope-cli: accepted the untrusted TLS certificate of " << where.toStdString()
                      << ", SHA-256 " << fingerprint.toStdString()
                      << "; to accept this certificate and no other, pass --pin " << fingerprint.toStdString()
                      << " instead of --insecure\n";
        });

    // Recordings and the event database never hold the secret this run was given.
    auto masker = std::make_shared<fleetscope::SecretMasker>();
    masker->addSecret(options.endpoint.secret);
    std::unique_ptr<fleetscope::SessionRecorder> recorder;
    if (!options.recordPath.isEmpty()) {
        recorder = std::make_unique<fleetscope::SessionRecorder>(masker);
        recorder->addEndpoint(endpoint.get());
        if (!recorder->start(options.recordPath, &error)) {
            std::cerr << "fleetscope-cli: " << error.toStdString() << '\n';
            return fleetscope::cli::ExitFileUnreadable;
        }
        QObject::connect(recorder.get(), &fleetscope::SessionRecorder::failed, &app, [](const QString &reason) {
            std::cerr << "fleetscope-cli: recording stopped: " << reason.toStdString() << '\n';
        });
    }
    std::unique_ptr<fleetscope::EventStore> store;
    if (!options.logDb.isEmpty()) {
        store = std::make_unique<fleetscope::EventStore>(masker);
        fleetscope::EventStoreOptions storeOptions;
        storeOptions.path = options.logDb;
        QObject::connect(store.get(), &fleetscope::EventStore::opened, &app, [](bool ok, const QString &detail) {
            if (!ok)
                std::cerr << "fleetscope-cli: " << detail.toStdString() << '\n';
        });
        store->open(storeOptions);
        QObject::connect(
            endpoint.get(), &fleetscope::Endpoint::batchReady, store.get(), &fleetscope::EventStore::appendBatch);
    }

    fleetscope::cli::JsonLinesWriter out;
    std::unique_ptr<fleetscope::cli::AlertWatch> alerts;
    if (!options.rulesPath.isEmpty())
        alerts = std::make_unique<fleetscope::cli::AlertWatch>(endpoint.get(), rules, &out, store.get());
    fleetscope::cli::CliRunner runner(options, std::move(endpoint), &out);
    fleetscope::cli::InterruptWatcher interrupts;
    QObject::connect(
        &interrupts, &fleetscope::cli::InterruptWatcher::interrupted, &runner, &fleetscope::cli::CliRunner::interrupt);
    QObject::connect(&runner, &fleetscope::cli::CliRunner::finished, &app, [&alerts](int code) {
        if (alerts)
            alerts->stop();
        // Let the close frame go out before the event loop ends.
        QTimer::singleShot(50, qApp, [code] { QCoreApplication::exit(code); });
    });
    QTimer::singleShot(0, &runner, &fleetscope::cli::CliRunner::start);
    const int code = QCoreApplication::exec();
    if (recorder)
        recorder->stop();
    if (store)
        store->close(); // commits everything received
    return code;
}
