#pragma once

#include "core/store/eventretention.h"

#include <QString>

namespace fleetscope {

// Where the event log goes on disk and how it is written. Plain data (path: the data folder's
// events.sqlite, see storepaths.h).
struct EventStoreOptions
{
    QString path;
    // Until the user chooses (EventStore::setRetention, `fleetscope-cli log --keep-*`); their
    // choice is kept in the database and wins over this from then on.
    EventRetention retention;
    int flushIntervalMs = 250; // events are committed at most this long after they arrive (<= 1000)
    int maxPendingEvents = 20000; // or as soon as this many wait
    int retentionCheckIntervalMs = 60000; // retention runs at open and then this often
};

} // namespace fleetscope
