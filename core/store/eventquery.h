#pragma once

#include "core/model/event.h"

#include <QString>
#include <QVariantList>

namespace fleetscope {

// What the log panel and `fleetscope-cli log` ask the event database for. Empty fields match
// everything. Results come oldest first; with a limit, the newest `limit` matches are kept.
struct EventQuery
{
    qint64 since = 0; // ms since the epoch, inclusive; 0: from the beginning
    qint64 until = 0; // ms since the epoch, inclusive; 0: up to now
    QString endpoint; // exact endpoint name
    Severity minSeverity = Severity::Debug; // this severity and worse
    QString text; // case-insensitive substring of summary, path or payload
    int limit = 1000; // 0: no limit

    // The SELECT for this query over the `events` table and its bound values, in order.
    QString sql(QVariantList *bindings) const;
};

} // namespace fleetscope
