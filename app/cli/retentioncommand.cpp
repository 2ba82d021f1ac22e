#include "app/cli/retentioncommand.h"

#include "app/cli/exitcode.h"
#include "app/cli/jsonlineswriter.h"
#include "core/store/eventstore.h"
#include "core/store/eventstorereader.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonObject>

#include <iostream>

namespace fleetscope::cli {

namespace {

QJsonObject statusLine(const EventLogStatus &status)
{
    return QJsonObject {
        {QStringLiteral("kind"), QStringLiteral("retention")},
        {QStringLiteral("db"), status.path},
        {QStringLiteral("days"), status.retention.days},
        {QStringLiteral("bytes"), status.retention.bytes},
        {QStringLiteral("limit"), describeRetention(status.retention)},
        {QStringLiteral("events"), status.events},
        {QStringLiteral("usedBytes"), status.usedBytes},
        {QStringLiteral("oldest"), status.oldest},
    };
}

int fail(const QString &message)
{
    std::cerr << "fleetscope-cli: " << message.toStdString() << '\n';
    return ExitFileUnreadable;
}

// Stores the new limits through the same writer the desktop app uses (it applies them at once),
// and waits for its report.
int changeRetention(const QString &path, const EventRetention &retention)
{
    EventStore store(nullptr);
    QEventLoop loop;
    QString error;
    qint64 deleted = 0;
    EventLogStatus status;
    QObject::connect(&store, &EventStore::opened, &loop, [&](bool ok, const QString &detail) {
        if (!ok) {
            error = detail;
            loop.quit();
        }
    });
    QObject::connect(&store, &EventStore::retentionApplied, &loop, [&](qint64 n, qint64) { deleted += n; });
    QObject::connect(&store, &EventStore::statusReported, &loop, [&](const EventLogStatus &s, const QString &e) {
        status = s;
        error = e;
        loop.quit();
    });
    EventStoreOptions options;
    options.path = path;
    options.retentionCheckIntervalMs = 0;
    store.open(options);
    store.setRetention(retention);
    loop.exec();
    store.close();
    if (!error.isEmpty())
        return fail(error);
    QJsonObject line = statusLine(status);
    line.insert(QStringLiteral("deleted"), deleted);
    JsonLinesWriter out;
    out.object(line);
    out.flush();
    return ExitDone;
}

} // namespace

int runRetentionCommand(const QString &databasePath, std::optional<int> keepDays, std::optional<qint64> keepBytes)
{
    EventLogStatus status;
    status.path = databasePath;
    const bool exists = QFile::exists(databasePath);
    if (exists) {
        EventStoreReader reader(databasePath);
        if (!reader.status(&status))
            return fail(reader.error());
    }
    if (!keepDays && !keepBytes) {
        if (!exists)
            return fail(QStringLiteral("no event database at %1").arg(databasePath));
        JsonLinesWriter out;
        out.object(statusLine(status));
        out.flush();
        return ExitDone;
    }
    // A limit not given stays as it is; a database not there yet is created with the limits.
    EventRetention retention = status.retention;
    if (keepDays)
        retention.days = *keepDays;
    if (keepBytes)
        retention.bytes = *keepBytes;
    return changeRetention(databasePath, retention);
}

} // namespace fleetscope::cli
