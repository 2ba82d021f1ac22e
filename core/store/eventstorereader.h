#pragma once

#include "core/store/eventquery.h"
#include "core/store/eventretention.h"

#include <QString>

namespace fleetscope {

// Reads the event database synchronously on the calling thread, with a connection of its own:
// for `fleetscope-cli log` and tests. It reads while a writer (even in another process) writes:
// WAL mode lets readers see the last committed state without waiting.
//
// Threading: one object per thread.
class EventStoreReader
{
public:
    explicit EventStoreReader(const QString &path);
    ~EventStoreReader();
    EventStoreReader(const EventStoreReader &) = delete;
    EventStoreReader &operator=(const EventStoreReader &) = delete;

    // False with error() set when the file does not exist or cannot be opened.
    bool open();
    bool query(const EventQuery &query, EventList *events);
    qint64 count();
    // What the log holds and the retention it keeps (the stored choice, else the default).
    bool status(EventLogStatus *status);
    // "ok" when the file is sound.
    QString integrityCheck();
    QString error() const { return m_error; }

private:
    QString m_path;
    QString m_connectionName;
    bool m_open = false;
    QString m_error;
};

} // namespace fleetscope
