#pragma once

#include "core/store/eventquery.h"

#include <QSqlDatabase>
#include <QString>

namespace fleetscope {

// The event database's schema and connection settings, shared by the writer and readers: one
// SQLite file in WAL mode (readers never wait for the writer, a killed writer loses only its
// open transaction), synchronous=NORMAL (a commit survives a crash of the process; only a power
// cut may lose the last ones), incremental auto-vacuum so that retention gives space back.
//
// Threading: a QSqlDatabase connection belongs to the thread that opened it; every thread opens
// its own with a name of its own.
namespace EventDatabase {

constexpr int kSchemaVersion = 1;

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
// "ok" when the file is sound (PRAGMA integrity_check).
QString integrityCheck(QSqlDatabase &db);

} // namespace EventDatabase

} // namespace fleetscope
