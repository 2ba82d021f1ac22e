#include "core/store/eventdatabase.h"

#include "core/store/alertstatetable.h"
#include "core/store/eventretention.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace fleetscope::EventDatabase {

namespace {

bool exec(QSqlDatabase &db, const QString &statement, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(statement))
        return true;
    *error = QStringLiteral("%1: %2").arg(statement, query.lastError().text());
    return false;
}

bool prepareSchema(QSqlDatabase &db, QString *error)
{
    // auto_vacuum only takes effect before the first table exists; harmless afterwards.
    const QString statements[] = {
        QStringLiteral("PRAGMA auto_vacuum = INCREMENTAL"),
        QStringLiteral("PRAGMA journal_mode = WAL"),
        QStringLiteral("PRAGMA synchronous = NORMAL"),
        QStringLiteral("PRAGMA busy_timeout = 5000"),
        QStringLiteral("PRAGMA journal_size_limit = 16777216"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS events ("
                       "id INTEGER PRIMARY KEY, t INTEGER NOT NULL, severity INTEGER NOT NULL, "
                       "endpoint TEXT NOT NULL, path TEXT NOT NULL, summary TEXT NOT NULL, payload TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS events_t ON events (t)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS events_endpoint_t ON events (endpoint, t)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"),
        AlertStateTable::createStatement(),
        QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion),
    };
    for (const QString &statement : statements) {
        if (!exec(db, statement, error))
            return false;
    }
    QSqlQuery mode(db);
    if (mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next()
        && mode.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        *error = QStringLiteral("the database refused WAL mode (journal_mode is %1)").arg(mode.value(0).toString());
        return false;
    }
    return true;
}

QSqlDatabase connect(const QString &connectionName, const QString &path, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    if (!db.isValid()) {
        *error = QStringLiteral("the Qt SQLite driver (QSQLITE) is not available");
        return db;
    }
    db.setDatabaseName(path);
    if (!db.open()) {
        *error = db.lastError().text();
        return QSqlDatabase();
    }
    return db;
}

} // namespace

QSqlDatabase open(const QString &connectionName, const QString &path, QString *error, QString *notice)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QStringLiteral("cannot create the folder %1").arg(info.absolutePath());
        return QSqlDatabase();
    }
    QSqlDatabase db = connect(connectionName, path, error);
    if (!db.isValid())
        return db;
    if (prepareSchema(db, error))
        return db;
    // Not a database (or damaged beyond SQLite's own recovery): keep it for inspection, start anew.
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(connectionName);
    const QString aside = path + QStringLiteral(".corrupt-")
        + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddThhmmss"));
    if (!QFile::exists(path) || !QFile::rename(path, aside))
        return QSqlDatabase();
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    const QString firstError = *error;
    db = connect(connectionName, path, error);
    if (!db.isValid() || !prepareSchema(db, error))
        return QSqlDatabase();
    if (notice)
        *notice = QStringLiteral("the event database could not be read (%1); it was moved to %2 and a new one started")
                      .arg(firstError, aside);
    error->clear();
    return db;
}

void close(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

bool select(QSqlDatabase &db, const EventQuery &eventQuery, EventList *out, QString *error)
{
    QVariantList bindings;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(eventQuery.sql(&bindings))) {
        *error = query.lastError().text();
        return false;
    }
    for (const QVariant &value : std::as_const(bindings))
        query.addBindValue(value);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    EventList events;
    while (query.next()) {
        Event event;
        event.t = query.value(0).toLongLong();
        event.severity = static_cast<Severity>(std::clamp(query.value(1).toInt(), 0, 3));
        event.endpoint = query.value(2).toString();
        event.path = query.value(3).toString();
        event.summary = query.value(4).toString();
        event.payload = query.value(5).toString();
        events.append(event);
    }
    std::reverse(events.begin(), events.end());
    *out = events;
    return true;
}

qint64 usedBytes(QSqlDatabase &db)
{
    auto pragma = [&db](const char *name) {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(name))) && query.next())
            return query.value(0).toLongLong();
        return qint64(0);
    };
    return (pragma("page_count") - pragma("freelist_count")) * pragma("page_size");
}

bool readRetention(QSqlDatabase &db, EventRetention *retention)
{
    QSqlQuery query(db);
    if (!query.exec(
            QStringLiteral("SELECT key, value FROM settings WHERE key IN ('retention_days', 'retention_bytes')")))
        return false;
    bool found = false;
    while (query.next()) {
        const qint64 value = std::max<qint64>(0, query.value(1).toLongLong());
        if (query.value(0).toString() == QLatin1String("retention_days"))
            retention->days = static_cast<int>(std::min<qint64>(value, kMaxRetentionDays));
        else
            retention->bytes = value;
        found = true;
    }
    return found;
}

bool writeRetention(QSqlDatabase &db, const EventRetention &retention, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?), (?, ?)"));
    query.addBindValue(QStringLiteral("retention_days"));
    query.addBindValue(std::clamp(retention.days, 0, kMaxRetentionDays));
    query.addBindValue(QStringLiteral("retention_bytes"));
    query.addBindValue(std::max<qint64>(0, retention.bytes));
    if (query.exec())
        return true;
    *error = query.lastError().text();
    return false;
}

bool status(QSqlDatabase &db, EventLogStatus *status, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT COUNT(*), MIN(t) FROM events")) || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    status->events = query.value(0).toLongLong();
    status->oldest = status->events > 0 ? query.value(1).toLongLong() : 0;
    status->usedBytes = usedBytes(db);
    return true;
}

QString integrityCheck(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
        return query.lastError().text();
    QStringList lines;
    while (query.next())
        lines << query.value(0).toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace fleetscope::EventDatabase
