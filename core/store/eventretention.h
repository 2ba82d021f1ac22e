#pragma once

#include <QMetaType>
#include <QString>

namespace fleetscope {

// How long the event log keeps events on disk: the user's choice, kept in the event database
// itself (so the desktop app, `fleetscope-cli log --keep-*` and any later start agree) and applied
// by the store's writer at open, on a change, and every retention check.
struct EventRetention
{
    int days = 30; // events older than this go; 0: no age limit
    qint64 bytes = 1024ll * 1024 * 1024; // the oldest events go above this; 0: no size limit

    bool operator==(const EventRetention &other) const { return days == other.days && bytes == other.bytes; }
    bool operator!=(const EventRetention &other) const { return !(*this == other); }
};

// A size limit below this would leave almost nothing (500 meant as MiB, not bytes): refused.
constexpr qint64 kMinRetentionBytes = 1024 * 1024;

// What the event log holds and how long it keeps it: for the settings dialog and
// `fleetscope-cli log --retention`.
struct EventLogStatus
{
    QString path;
    EventRetention retention;
    qint64 events = 0;
    qint64 usedBytes = 0; // bytes the events occupy in the file
    qint64 oldest = 0; // ms since the epoch of the oldest event; 0 when empty
};

// "30 days, at most 1 GiB", "at most 500 MiB", "no limit".
QString describeRetention(const EventRetention &retention);
// "1.5 GiB", "512 MiB", "12 KiB", "900 B".
QString formatByteSize(qint64 bytes);
// A size as typed by a user: "0", "1048576", "500K", "500M", "2G", "1.5GiB", "300 MB" (K/M/G/T are
// powers of 1024). False for anything else (negative, unknown unit, overflow).
bool parseByteSize(const QString &text, qint64 *bytes);

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::EventLogStatus)
