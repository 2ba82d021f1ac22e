// fleetscope: the desktop console. Builds the core objects, hands them to the window.
#include "app/gui/demofleet.h"
#include "app/gui/windowcapture.h"
#include "core/endpoint/protocolregistry.h"
#include "core/recording/replayprotocol.h"
#include "core/store/eventstore.h"
#include "core/store/eventstoreoptions.h"
#include "core/store/storepaths.h"
#include "core/util/secretmasker.h"
#include "core/workspace/templatelibrary.h"
#include "core/workspace/workspace.h"
#include "fleetscope_version.h"
#include "sim/common/simulatorregistry.h"
#include "ui/apptheme.h"
#include "ui/configlocation.h"
#include "ui/keychainsecretstore.h"
#include "ui/mainwindow.h"
#include "ui/profilestore.h"
#include "ui/sessionstate.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>

#include <iostream>

using namespace fleetscope;

namespace {
void nameApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("Fleetscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("Fleetscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLEETSCOPE_VERSION));
}

struct GuiOptions
{
    QCommandLineOption demo {QStringLiteral("demo"),
        QStringLiteral("Start a simulator of every protocol in-process and connect to each (nothing is saved).")};
    QCommandLineOption screenshot {QStringLiteral("screenshot"),
        QStringLiteral("Render the window to a PNG file and exit."), QStringLiteral("file")};
    QCommandLineOption after {QStringLiteral("after"),
        QStringLiteral("With --screenshot: seconds after the first paint (default 3)."), QStringLiteral("seconds"),
        QStringLiteral("3")};
    QCommandLineOption size {QStringLiteral("size"),
        QStringLiteral("Open the window at this size, e.g. 1024x700 (the saved layout otherwise)."),
        QStringLiteral("WxH")};
    QCommandLineOption theme {QStringLiteral("theme"),
        QStringLiteral("system, light or dark, for this run (View > Theme chooses and keeps one)."),
        QStringLiteral("name")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(QStringLiteral(FLEETSCOPE_DESCRIPTION));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({demo, screenshot, after, size, theme});
    }
};

// --help and --version answer without a display (over SSH, in a package check): QApplication
// would abort first when no windowing system is reachable.
bool asksForHelpOrVersion(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" || arg == "-v")
            return true;
    }
    return false;
}
} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer clock;
    clock.start();
    const GuiOptions options;
    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        nameApplication();
        QCommandLineParser parser;
        options.addTo(parser);
        parser.process(app); // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    nameApplication();
    QApplication::setDesktopFileName(QStringLiteral("org.fleetscope.Fleetscope"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/fleetscope.svg")));

    QCommandLineParser parser;
    options.addTo(parser);
    parser.process(app);
    const QCommandLineOption &demoOption = options.demo;
    const QCommandLineOption &screenshotOption = options.screenshot;
    const QCommandLineOption &afterOption = options.after;
    const bool demo = parser.isSet(demoOption);
    bool afterOk = false;
    const double after = parser.value(afterOption).toDouble(&afterOk);
    if (!afterOk || after < 0) {
        std::cerr << "fleetscope: --after takes a number of seconds\n";
        return 2;
    }
    QSize size;
    if (parser.isSet(options.size)) {
        const QStringList parts = parser.value(options.size).split(QLatin1Char('x'));
        size = parts.size() == 2 ? QSize(parts[0].toInt(), parts[1].toInt()) : QSize();
        if (size.width() < 320 || size.height() < 240) {
            std::cerr << "fleetscope: --size takes WIDTHxHEIGHT, e.g. 1024x700\n";
            return 2;
        }
    }
    const QString theme = parser.value(options.theme);
    if (!theme.isEmpty() && ui::AppTheme::name(ui::AppTheme::fromName(theme)) != theme.toLower()) {
        std::cerr << "fleetscope: --theme takes system, light or dark\n";
        return 2;
    }

    ProtocolRegistry protocols;
    registerBuiltinProtocols(protocols);
    registerReplayProtocol(protocols);
    sim::SimulatorRegistry simulators;
    sim::registerBuiltinSimulators(simulators);

    // Every secret an endpoint is given is masked wherever events and frames are written down.
    auto masker = std::make_shared<SecretMasker>();
    Workspace workspace(protocols, masker);
    // The event log on disk (docs/recording.md): every event of every endpoint, read back by the
    // log panel's History and by fleetscope-cli log. Demo mode keeps the user's log clean.
    std::unique_ptr<EventStore> eventStore;
    if (!demo) {
        eventStore = std::make_unique<EventStore>(masker);
        // The store is the context: its signals come from its own (this) thread, and the
        // connections end with it.
        QObject::connect(eventStore.get(), &EventStore::opened, eventStore.get(), [](bool ok, const QString &detail) {
            if (!ok)
                std::cerr << "fleetscope: event database: " << qPrintable(detail) << std::endl;
        });
        QObject::connect(eventStore.get(), &EventStore::failed, eventStore.get(), [](const QString &reason) {
            std::cerr << "fleetscope: event database: " << qPrintable(reason) << std::endl;
        });
        EventStoreOptions storeOptions;
        storeOptions.path = defaultEventDatabasePath();
        eventStore->open(storeOptions);
        QObject::connect(&workspace, &Workspace::eventsAppended, eventStore.get(), &EventStore::append);
    }
    TemplateLibrary templates(protocols);
    const QString configDir = ui::configDirectory();
    ui::ProfileStore profiles(configDir, protocols);
    ui::SessionState session(configDir);
    ui::KeychainSecretStore secrets;

    ui::MainWindow window({&workspace, &templates, &profiles, &secrets, &session, eventStore.get()}, !demo);
    window.restoreSession();
    if (!theme.isEmpty())
        window.theme()->apply(ui::AppTheme::fromName(theme));
    if (size.isValid())
        window.resize(size);

    std::unique_ptr<gui::WindowCapture> capture;
    if (parser.isSet(screenshotOption)) {
        capture = std::make_unique<gui::WindowCapture>(
            &window, parser.value(screenshotOption), static_cast<int>(after * 1000));
        capture->setClock(clock);
        QObject::connect(capture.get(), &gui::WindowCapture::finished, &app, [](bool ok, const QString &message) {
            (ok ? std::cout : std::cerr) << "fleetscope: screenshot " << qPrintable(message) << std::endl;
            QCoreApplication::exit(ok ? 0 : 1);
        });
    }
    window.show();

    gui::DemoFleet fleet(simulators);
    if (demo) {
        QObject::connect(&fleet, &gui::DemoFleet::started, &window,
            [&window](const QVector<ui::DemoTarget> &targets, const QStringList &errors) {
                for (const QString &error : errors)
                    std::cerr << "fleetscope: demo: " << qPrintable(error) << std::endl;
                window.openDemo(targets);
            });
        fleet.start();
    }
    const int status = app.exec();
    if (eventStore)
        eventStore->close(); // the last events are committed before the process ends
    return status;
}
