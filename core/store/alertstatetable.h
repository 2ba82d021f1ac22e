#pragma once

#include "core/monitor/alert.h"

#include <QSqlDatabase>

namespace fleetscope {

// The event database's `alerts` table (schema 3): the alerts firing when it was last written, with
// their acknowledgement and snooze, so that a restart restores them (Monitor::restore). The
// history of transitions is in the `events` table like every event; this table holds only what is
// firing now.
//
// Threading: use a connection from the thread that opened it (EventDatabase's rule).
namespace AlertStateTable {

QString createStatement();
// Keeps `keep` (insert or replace) and deletes `forget`, inside the caller's transaction.
bool write(QSqlDatabase &db, const AlertList &keep, const QVector<AlertKey> &forget, QString *error);
// The kept alerts (a database without the table yet has none).
bool read(QSqlDatabase &db, AlertList *alerts, QString *error);

} // namespace AlertStateTable

} // namespace fleetscope
