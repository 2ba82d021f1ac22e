#include "app/cli/logcommand.h"

#include "app/cli/jsonlineswriter.h"
#include "app/cli/timeargument.h"
#include "core/endpoint/endpoint.h"
#include "core/store/eventstorereader.h"
#include "core/store/storepaths.h"

#include <QCommandLineParser>

#include <iostream>

namespace fleetscope::cli {

namespace {
constexpr int kDefaultLimit = 1000;

void printHelp()
{
    std::cout << "Usage:\n"
                 "  fleetscope-cli log [--since T] [--until T] [--endpoint NAME] [--severity LEVEL]\n"
                 "                     [--search TEXT] [--limit N] [--db FILE]\n"
                 "\n"
                 "Prints events from the event log on disk as JSON Lines, oldest first:\n"
                 "  {\"kind\":\"event\",\"t\":..,\"severity\":..,\"endpoint\":..,\"path\":..,\"summary\":..,"
                 "\"payload\":..}\n"
                 "\n"
                 "  --since T, --until T  a time range (inclusive): 2024-11-20T10:00:00Z, local\n"
                 "                        2024-11-20T10:00:00, 2024-11-20, ms or s since the epoch,\n"
                 "                        now, or a duration ago: 90s, 15m, 2h, 7d\n"
                 "  --endpoint NAME       only this endpoint's events\n"
                 "  --severity LEVEL      this severity and worse: debug, info, warning, error\n"
                 "  --search TEXT         text in the summary, path or payload (any case)\n"
                 "  --limit N             the newest N matches (default 1000; 0: all)\n"
                 "  --db FILE             the database (default: $FLEETSCOPE_DATA_DIR/events.sqlite,\n"
                 "                        else the per-user data folder's fleetscope/events.sqlite)\n"
                 "\n"
                 "Exit codes: 0 done; 2 usage; 5 the database cannot be read.\n";
}
} // namespace

int runLogCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    auto value = [](const char *name) {
        return QCommandLineOption(QString::fromLatin1(name), QString(), QStringLiteral("value"));
    };
    const QCommandLineOption since = value("since"), until = value("until"), endpoint = value("endpoint"),
                             severity = value("severity"), search = value("search"), limit = value("limit"),
                             db = value("db"), help(QStringLiteral("help"));
    parser.addOptions({since, until, endpoint, severity, search, limit, db, help});
    auto usage = [](const QString &message) {
        std::cerr << "fleetscope-cli: " << message.toStdString() << "\nTry fleetscope-cli log --help\n";
        return 2;
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        printHelp();
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("log takes no arguments besides its options"));

    EventQuery query;
    query.limit = kDefaultLimit;
    const qint64 now = nowMs();
    QString error;
    if (parser.isSet(since) && !parseTimeArgument(parser.value(since), now, &query.since, &error))
        return usage(QStringLiteral("--since: ") + error);
    if (parser.isSet(until) && !parseTimeArgument(parser.value(until), now, &query.until, &error))
        return usage(QStringLiteral("--until: ") + error);
    if (query.since > 0 && query.until > 0 && query.until < query.since)
        return usage(QStringLiteral("--until is before --since"));
    query.endpoint = parser.value(endpoint);
    if (parser.isSet(severity) && !severityFromName(parser.value(severity), &query.minSeverity))
        return usage(QStringLiteral("--severity must be debug, info, warning or error"));
    query.text = parser.value(search);
    if (parser.isSet(limit)) {
        bool ok = false;
        query.limit = parser.value(limit).toInt(&ok);
        if (!ok || query.limit < 0)
            return usage(QStringLiteral("--limit needs a number (0: all)"));
    }
    const QString path = parser.isSet(db) ? parser.value(db) : defaultEventDatabasePath();

    EventStoreReader reader(path);
    EventList events;
    if (!reader.query(query, &events)) {
        std::cerr << "fleetscope-cli: " << reader.error().toStdString() << '\n';
        return 5;
    }
    JsonLinesWriter out;
    for (const Event &event : std::as_const(events))
        out.event(event, true);
    out.flush();
    if (query.limit > 0 && events.size() == query.limit)
        std::cerr << "fleetscope-cli: showing the newest " << query.limit
                  << " matching events; --limit 0 shows them all\n";
    return 0;
}

} // namespace fleetscope::cli
