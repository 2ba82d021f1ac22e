#pragma once

#include <QString>

namespace fleetscope {

// Where the event log goes on disk and how long it stays there. Plain data: the app fills it
// from the user's settings (path: QStandardPaths::AppDataLocation + "/events.sqlite").
struct EventStoreOptions
{
    QString path;
    int retentionDays = 30; // events older than this go; 0: no age limit
    qint64 retentionBytes = 1024ll * 1024 * 1024; // the oldest events go above this; 0: no size limit
    int flushIntervalMs = 250; // events are committed at most this long after they arrive (<= 1000)
    int maxPendingEvents = 20000; // or as soon as this many wait
    int retentionCheckIntervalMs = 60000; // retention runs at open and then this often
};

} // namespace fleetscope
