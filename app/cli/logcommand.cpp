#include "app/cli/logcommand.h"

#include "app/cli/exitcode.h"
#include "app/cli/jsonlineswriter.h"
#include "app/cli/retentioncommand.h"
#include "app/cli/timeargument.h"
#include "core/endpoint/endpoint.h"
#include "core/store/eventdatabase.h"
#include "core/store/eventstorereader.h"
#include "core/store/storepaths.h"

#include <QCommandLineParser>

#include <iostream>
#include <optional>

namespace fleetscope::cli {

namespace {
constexpr int kDefaultLimit = 1000;

void printHelp()
{
    std::cout << "Usage:\n"
                 "  fleetscope-cli log [--since T] [--until T] [--endpoint NAME] [--severity LEVEL]\n"
                 "                     [--search TEXT] [--limit N] [--db FILE]\n"
                 "  fleetscope-cli log --retention [--db FILE]\n"
                 "  fleetscope-cli log [--keep-days N] [--keep-size SIZE] [--db FILE]\n"
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
                 "How long the log keeps events (the desktop app applies the same limits):\n"
                 "  --retention           print the limits and what the log holds, as one line:\n"
                 "                        {\"kind\":\"retention\",\"days\":..,\"bytes\":..,\"events\":..,"
                 "\"usedBytes\":..,..}\n"
                 "  --keep-days N         delete events older than N days (0: no age limit)\n"
                 "  --keep-size SIZE      delete the oldest events above SIZE: 500M, 2G, 1.5GiB\n"
                 "                        (0: no size limit). Applied at once, kept for later.\n"
                 "\n"
                 "Exit codes: 0 done; 2 usage; 5 the database cannot be read or written.\n";
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
                             db = value("db"), keepDays = value("keep-days"), keepSize = value("keep-size"),
                             retention(QStringLiteral("retention")), help(QStringLiteral("help"));
    parser.addOptions({since, until, endpoint, severity, search, limit, db, keepDays, keepSize, retention, help});
    auto usage = [](const QString &message) {
        std::cerr << "fleetscope-cli: " << message.toStdString() << "\nTry fleetscope-cli log --help\n";
        return ExitUsage;
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        printHelp();
        return ExitDone;
    }
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("log takes no arguments besides its options"));

    const QString path = parser.isSet(db) ? parser.value(db) : defaultEventDatabasePath();
    if (parser.isSet(retention) || parser.isSet(keepDays) || parser.isSet(keepSize)) {
        for (const QCommandLineOption *queryOption : {&since, &until, &endpoint, &severity, &search, &limit}) {
            if (parser.isSet(*queryOption))
                return usage(QStringLiteral("--%1 queries events; it does not go with --retention or --keep-*")
                                 .arg(queryOption->names().constFirst()));
        }
        std::optional<int> days;
        std::optional<qint64> bytes;
        if (parser.isSet(keepDays)) {
            bool ok = false;
            days = parser.value(keepDays).toInt(&ok);
            if (!ok || *days < 0 || *days > EventDatabase::kMaxRetentionDays)
                return usage(QStringLiteral("--keep-days needs a number of days, 0 to %1 (0: no age limit)")
                                 .arg(EventDatabase::kMaxRetentionDays));
        }
        if (parser.isSet(keepSize)) {
            qint64 size = 0;
            if (!parseByteSize(parser.value(keepSize), &size) || (size > 0 && size < kMinRetentionBytes))
                return usage(QStringLiteral("--keep-size needs a size of at least 1M, such as 500M, 2G or 1.5GiB "
                                            "(0: no size limit)"));
            bytes = size;
        }
        return runRetentionCommand(path, days, bytes);
    }

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
    EventStoreReader reader(path);
    EventList events;
    if (!reader.query(query, &events)) {
        std::cerr << "fleetscope-cli: " << reader.error().toStdString() << '\n';
        return ExitFileUnreadable;
    }
    JsonLinesWriter out;
    for (const Event &event : std::as_const(events))
        out.event(event, true);
    out.flush();
    if (query.limit > 0 && events.size() == query.limit)
        std::cerr << "fleetscope-cli: showing the newest " << query.limit
                  << " matching events; --limit 0 shows them all\n";
    return ExitDone;
}

} // namespace fleetscope::cli
