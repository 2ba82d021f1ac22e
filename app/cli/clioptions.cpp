#include "app/cli/clioptions.h"

#include "core/net/tlspolicy.h"
#include "fleetscope_version.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

#include <cstring>
#include <iostream>

namespace fleetscope::cli {

namespace {

const char *const kSecretFlags[] = {"--cik", "--token", "--password"};

QString readSecretFromStdin()
{
    QTextStream in(stdin);
    return in.readLine().trimmed();
}

QString helpText()
{
    return QStringLiteral(
        "Usage:\n"
        "  fleetscope-cli browse --protocol P --url URL [auth] [--timeout S]\n"
        "  fleetscope-cli watch  --protocol P --url URL [auth] [--subscribe PATH]... [--for S] [--count N]\n"
        "                        [--rules FILE]\n"
        "  fleetscope-cli send   --protocol P --url URL [auth] --target PATH --payload JSON\n"
        "  fleetscope-cli record --protocol P --url URL [auth] --out FILE [--subscribe PATH]... [--for S]\n"
        "  fleetscope-cli watch  --replay FILE [--speed X] [--replay-endpoint NAME] [--for S] [--count N]\n"
        "  fleetscope-cli export-recording FILE\n"
        "  fleetscope-cli log    [--since T] [--until T] [--endpoint NAME] [--severity LEVEL]\n"
        "                        [--search TEXT] [--limit N] [--db FILE]   (see log --help)\n"
        "  fleetscope-cli log    --retention | [--keep-days N] [--keep-size SIZE]  [--db FILE]\n"
        "\n"
        "Connects to one endpoint and writes JSON Lines to stdout (kind: state, topic, sample, event,\n"
        "reply); diagnostics go to stderr.\n"
        "\n"
        "Protocols and their URL:\n"
        "  intu      the stream URL, ws://host:9443/stream?selfId=..&orgId=..&groupId=..\n"
        "            --self-id ID, --org-id ID, --group-id ID fill or override the query;\n"
        "            token from env FLEETSCOPE_TOKEN or --token-stdin\n"
        "  cityio    the base URL, http://host:8080 or https://host/cityio\n"
        "            --project NAME names the table `watch` listens to (also --subscribe NAME)\n"
        "  exosite   the WebSocket URL, wss://host/ws; CIK from env FLEETSCOPE_CIK or --cik-stdin\n"
        "            (--client-id RID acts as a descendant client)\n"
        "  opentera  the REST base URL, https://host:40075; --user NAME, password from env\n"
        "            FLEETSCOPE_PASSWORD or --password-stdin (never from argv)\n"
        "\n"
        "Options:\n"
        "  --subscribe PATH   watch this topic (repeatable); none: every subscribable topic, also\n"
        "                     those that appear later (a device that comes online)\n"
        "  --rules FILE       watch: also evaluate these alert rules (JSON, see the manual) and\n"
        "                     print a kind \"alert\" line per firing or resolved alert\n"
        "  --for S            watch ends after S seconds\n"
        "  --count N          watch ends after N samples+events\n"
        "  --target PATH      send: the topic the command goes to (* for a raw frame)\n"
        "  --payload JSON     send: the command (see the protocol's composer templates)\n"
        "  --timeout S        give up connecting/browsing/sending after S seconds (default 15)\n"
        "  --insecure         accept an untrusted TLS certificate (off by default); its SHA-256\n"
        "                     fingerprint is printed, and a different one is refused from then on\n"
        "  --pin SHA256       accept only this untrusted certificate (the fingerprint --insecure\n"
        "                     printed, or `openssl x509 -fingerprint -sha256`); repeatable\n"
        "  --ca FILE          trust an extra CA certificate (PEM)\n"
        "  --ping S           keepalive ping interval (default 30)\n"
        "  --max-backoff S    cap of the reconnect backoff (default 30)\n"
        "  --no-reconnect     watch: stop at the first drop instead of reconnecting\n"
        "  --quiet            no state lines on stdout\n"
        "  --out FILE         record: the recording file (every frame in and out, secrets masked)\n"
        "  --replay FILE      watch: replay a recording instead of connecting (read-only)\n"
        "  --speed X          replay speed: 1 real time (default), 10 ten times faster, 0 at once\n"
        "  --replay-endpoint NAME  which recorded endpoint to replay (default: the first)\n"
        "  --log-db FILE      watch/record: also write every event to this event database\n"
        "  --version, --help\n"
        "\n"
        "Exit codes: 0 done; 2 usage; 3 could not connect or authenticate (or open a replay);\n"
        "4 the server rejected a command; 5 a file (recording, event database, rules) cannot be\n"
        "read or is invalid.\n");
}

} // namespace

void scrubSecretsFromArgv(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : kSecretFlags) {
            const size_t n = std::strlen(flag);
            if (std::strncmp(argv[i], flag, n) != 0)
                continue;
            if (argv[i][n] == '=') {
                std::memset(argv[i] + n + 1, 'x', std::strlen(argv[i] + n + 1));
            } else if (argv[i][n] == '\0' && i + 1 < argc) {
                std::memset(argv[i + 1], 'x', std::strlen(argv[i + 1]));
            }
        }
    }
}

bool parseCliOptions(const QStringList &arguments, CliOptions *options, QString *error, bool *exitNow)
{
    *exitNow = false;
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    auto value = [](const char *name) {
        return QCommandLineOption(QString::fromLatin1(name), QString(), QStringLiteral("value"));
    };
    auto flag = [](const char *name) { return QCommandLineOption(QString::fromLatin1(name)); };
    const QCommandLineOption protocol = value("protocol"), url = value("url"), subscribe = value("subscribe"),
                             forSeconds = value("for"), count = value("count"), target = value("target"),
                             payload = value("payload"), timeout = value("timeout"), ca = value("ca"),
                             ping = value("ping"), maxBackoff = value("max-backoff"), selfId = value("self-id"),
                             orgId = value("org-id"), groupId = value("group-id"), project = value("project"),
                             user = value("user"), clientId = value("client-id"), cik = value("cik"),
                             token = value("token"), password = value("password"), outFile = value("out"),
                             replay = value("replay"), speed = value("speed"),
                             replayEndpoint = value("replay-endpoint"), logDb = value("log-db"), pin = value("pin"),
                             rules = value("rules");
    const QCommandLineOption insecure = flag("insecure"), noReconnect = flag("no-reconnect"), quiet = flag("quiet"),
                             cikStdin = flag("cik-stdin"), tokenStdin = flag("token-stdin"),
                             passwordStdin = flag("password-stdin"), help = flag("help"), version = flag("version");
    parser.addOptions({protocol, url, subscribe, forSeconds, count, target, payload, timeout, ca, ping, maxBackoff,
        selfId, orgId, groupId, project, user, clientId, cik, token, password, insecure, noReconnect, quiet, cikStdin,
        tokenStdin, passwordStdin, help, version, outFile, replay, speed, replayEndpoint, logDb, pin, rules});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("browse, watch or send"));
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(help) || arguments.value(1) == QLatin1String("help")) {
        std::cout << helpText().toStdString();
        *exitNow = true;
        return true;
    }
    if (parser.isSet(version)) {
        std::cout << "fleetscope-cli " FLEETSCOPE_VERSION "\n";
        *exitNow = true;
        return true;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        *error = QStringLiteral("expected one command: browse, watch or send");
        return false;
    }
    const QString command = positional.first();
    if (command == QLatin1String("browse"))
        options->command = CliOptions::Command::Browse;
    else if (command == QLatin1String("watch"))
        options->command = CliOptions::Command::Watch;
    else if (command == QLatin1String("send"))
        options->command = CliOptions::Command::Send;
    else if (command == QLatin1String("record")) {
        options->command = CliOptions::Command::Watch; // a watch that records every frame
        if (!parser.isSet(outFile)) {
            *error = QStringLiteral("record needs --out FILE");
            return false;
        }
        options->recordPath = parser.value(outFile);
    } else {
        *error = QStringLiteral("unknown command \"%1\" (browse, watch, send, record, export-recording or log)")
                     .arg(command);
        return false;
    }
    options->logDb = parser.value(logDb);
    options->rulesPath = parser.value(rules);
    if (parser.isSet(rules) && options->command != CliOptions::Command::Watch) {
        *error = QStringLiteral("--rules goes with watch");
        return false;
    }
    if (parser.isSet(replay)) {
        if (command != QLatin1String("watch")) {
            *error = QStringLiteral("--replay goes with watch");
            return false;
        }
        options->replayPath = parser.value(replay);
        options->replayEndpoint = parser.value(replayEndpoint);
        if (parser.isSet(speed)) {
            bool ok = false;
            options->replaySpeed = parser.value(speed).toDouble(&ok);
            if (!ok || options->replaySpeed < 0) {
                *error = QStringLiteral("--speed needs a factor (1 real time, 0 as fast as possible)");
                return false;
            }
        }
        if (!QFile::exists(options->replayPath)) {
            *error = QStringLiteral("--replay: no such file %1").arg(options->replayPath);
            return false;
        }
    }

    EndpointConfig &config = options->endpoint;
    config.protocol = parser.value(protocol);
    if (!options->replayPath.isEmpty() && config.protocol.isEmpty() && !parser.isSet(url)) {
        // A replay connects to nothing: no protocol, URL or secret; the recording says what it was.
        config.protocol = QStringLiteral("replay");
        config.name = QStringLiteral("replay");
        if (parser.isSet(forSeconds)) {
            bool ok = false;
            options->forSeconds = parser.value(forSeconds).toDouble(&ok);
            if (!ok || options->forSeconds < 0) {
                *error = QStringLiteral("--for needs a number of seconds");
                return false;
            }
        }
        if (parser.isSet(count)) {
            bool ok = false;
            options->count = parser.value(count).toLongLong(&ok);
            if (!ok || options->count <= 0) {
                *error = QStringLiteral("--count needs a positive number");
                return false;
            }
        }
        options->quiet = parser.isSet(quiet);
        options->timeoutSeconds = 0;
        options->subscribe = parser.values(subscribe);
        return true;
    }
    if (config.protocol.isEmpty()) {
        *error = QStringLiteral("--protocol is required (intu, cityio, exosite or opentera)");
        return false;
    }
    if (!parser.isSet(url)) {
        *error = QStringLiteral("--url is required");
        return false;
    }
    config.url = QUrl(parser.value(url), QUrl::StrictMode);
    config.name = config.protocol;
    auto readSeconds = [&](const QCommandLineOption &option, double *out) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        *out = parser.value(option).toDouble(&ok);
        if (!ok || *out < 0) {
            *error = QStringLiteral("--%1 needs a number of seconds").arg(option.names().first());
            return false;
        }
        return true;
    };
    double pingSeconds = 30, backoffSeconds = 30;
    if (!readSeconds(timeout, &options->timeoutSeconds) || !readSeconds(forSeconds, &options->forSeconds)
        || !readSeconds(ping, &pingSeconds) || !readSeconds(maxBackoff, &backoffSeconds))
        return false;
    if (parser.isSet(count)) {
        bool ok = false;
        options->count = parser.value(count).toLongLong(&ok);
        if (!ok || options->count <= 0) {
            *error = QStringLiteral("--count needs a positive number");
            return false;
        }
    }
    config.link.connectTimeoutMs = static_cast<int>(options->timeoutSeconds * 1000);
    config.link.pingIntervalMs = static_cast<int>(pingSeconds * 1000);
    config.link.maxBackoffMs = static_cast<int>(backoffSeconds * 1000);
    config.link.insecure = parser.isSet(insecure);
    config.link.caFile = parser.value(ca);
    config.link.retryFirstConnect = false; // a first failure is "could not connect" (exit 3)
    config.link.reconnect = !parser.isSet(noReconnect);
    for (const QString &text : parser.values(pin)) {
        const QString fingerprint = TlsPolicy::normalizedFingerprint(text);
        if (fingerprint.isEmpty()) {
            *error = QStringLiteral("--pin needs a SHA-256 fingerprint (64 hex digits, colons allowed), not \"%1\"")
                         .arg(text);
            return false;
        }
        config.link.pinnedCertificates << fingerprint;
    }
    if (!config.link.caFile.isEmpty() && !QFile::exists(config.link.caFile)) {
        *error = QStringLiteral("--ca: no such file %1").arg(config.link.caFile);
        return false;
    }
    options->quiet = parser.isSet(quiet);

    // Protocol options.
    const QList<QPair<QCommandLineOption, QString>> mapped {{selfId, QStringLiteral("selfId")},
        {orgId, QStringLiteral("orgId")}, {groupId, QStringLiteral("groupId")}, {project, QStringLiteral("project")},
        {user, QStringLiteral("user")}, {clientId, QStringLiteral("clientId")}};
    for (const auto &[option, key] : mapped) {
        if (parser.isSet(option))
            config.options.insert(key, parser.value(option));
    }

    // Secrets: env or stdin; argv only with a warning.
    struct SecretSource
    {
        QString protocol;
        const char *env;
        QCommandLineOption stdinFlag;
        QCommandLineOption argvFlag;
    };
    const SecretSource sources[] = {
        {QStringLiteral("exosite"), "FLEETSCOPE_CIK", cikStdin, cik},
        {QStringLiteral("intu"), "FLEETSCOPE_TOKEN", tokenStdin, token},
        {QStringLiteral("opentera"), "FLEETSCOPE_PASSWORD", passwordStdin, password},
    };
    for (const SecretSource &source : sources) {
        if (config.protocol != source.protocol)
            continue;
        if (parser.isSet(source.stdinFlag))
            config.secret = readSecretFromStdin();
        else if (qEnvironmentVariableIsSet(source.env))
            config.secret = qEnvironmentVariable(source.env);
        else if (parser.isSet(source.argvFlag)) {
            if (source.protocol == QLatin1String("opentera")) {
                *error = QStringLiteral("the password is never taken from the command line: set FLEETSCOPE_PASSWORD "
                                        "or use --password-stdin");
                return false;
            }
            config.secret = parser.value(source.argvFlag);
            options->warnings << QStringLiteral(
                "--%1 shows the secret to other users of this machine; prefer %2 or --%3")
                                     .arg(source.argvFlag.names().first(), QString::fromLatin1(source.env),
                                         source.stdinFlag.names().first());
        }
    }

    options->subscribe = parser.values(subscribe);
    if (parser.isSet(project) && !options->subscribe.contains(parser.value(project)))
        options->subscribe.prepend(parser.value(project));
    options->target = parser.value(target);
    options->payload = parser.value(payload);
    if (options->command == CliOptions::Command::Send && (!parser.isSet(target) || !parser.isSet(payload))) {
        *error = QStringLiteral("send needs --target PATH and --payload JSON");
        return false;
    }
    return true;
}

} // namespace fleetscope::cli
