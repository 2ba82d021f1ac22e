#pragma once

#include "core/store/eventquery.h"

#include <QSqlDatabase>
#include <QString>

namespace fleetscope {

struct EventLogStatus;
struct EventRetention;

// The event database's schema and connection settings, shared by the writer and readers: one
// SQLite file in WAL mode (readers never wait for the writer, a killed writer loses only its
// open transaction), synchronous=NORMAL (a commit survives a crash of the process; only a power
// cut may lose the last ones), incremental auto-vacuum so that retention gives space back.
//
// Threading: a QSqlDatabase connection belongs to the thread that opened it; every thread opens
// its own with a name of its own.
namespace EventDatabase {

// 2: the settings table (the user's retention choice). 3: the alerts table (firing alerts with
// their acknowledgement and snooze, AlertStateTable). Each version only adds tables: an older file
// is brought up to date at open.
constexpr int kSchemaVersion = 3;
// Longer than anyone keeps a log; bounds what a hand-edited settings row can ask for.
constexpr int kMaxRetentionDays = 36500;

// Opens (creating the file and schema when missing) the connection `connectionName` on `path`.
// A file that is not a database is moved aside to "<path>.corrupt-<time>" and a new one started,
// *notice says so. On failure returns an invalid QSqlDatabase and sets *error.
QSqlDatabase open(const QString &connectionName, const QString &path, QString *error, QString *notice = nullptr);
// Closes and unregisters the connection.
void close(const QString &connectionName);

// Runs `query` on `db`; results oldest first. False with *error on failure.
bool select(QSqlDatabase &db, const EventQuery &query, EventList *out, QString *error);
// Bytes the events occupy in the file (used pages), for the size retention.
qint64 usedBytes(QSqlDatabase &db);
// The retention the user chose for this database; false (and *retention untouched) when none
// was stored yet.
bool readRetention(QSqlDatabase &db, EventRetention *retention);
bool writeRetention(QSqlDatabase &db, const EventRetention &retention, QString *error);
// Fills the events, usedBytes and oldest fields of *status.
bool status(QSqlDatabase &db, EventLogStatus *status, QString *error);
// "ok" when the file is sound (PRAGMA integrity_check).
QString integrityCheck(QSqlDatabase &db);

} // namespace EventDatabase

} // namespace fleetscope
