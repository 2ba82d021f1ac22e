#pragma once

#include "core/model/event.h"

#include <QAbstractTableModel>
#include <QStringMatcher>

#include <array>
#include <deque>
#include <vector>

namespace fleetscope {

// Which events the log shows. Empty fields match everything.
struct EventFilter
{
    int severityMask = 0xF; // bit per Severity value
    QString endpoint;
    QString text; // case-insensitive, in summary, path or payload
    qint64 since = 0; // events at or after this time (ms since the epoch); 0: any time

    bool matches(const Event &event) const;
    // True when every event this filter matches, `wider` matches too (more text typed, fewer
    // severities, an endpoint chosen, a later start): re-filtering then only looks at wider's matches.
    bool narrows(const EventFilter &wider) const;
    bool isPassThrough() const { return severityMask == 0xF && endpoint.isEmpty() && text.isEmpty() && since == 0; }
    // The mask of `minimum` and every more severe level.
    static int atLeast(Severity minimum);
};

// The in-memory event log shown by the log panel: up to `capacity` most recent events (the
// oldest leave first), with the filter applied inside the model so that changing it over a
// million rows is one pass over plain structs rather than a proxy's per-row data() calls; a
// narrowing change (typing on in the search) only looks at the rows shown so far.
//
// Threading: GUI thread only (a filter change over a large log scans it on short-lived worker
// threads and joins them before returning).
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, EndpointColumn, SeverityColumn, PathColumn, SummaryColumn, ColumnCount };
    enum Role {
        SeverityRole = Qt::UserRole + 1,
        TimeRole,
        PayloadRole, // whole
        EventPathRole,
        EventEndpointRole,
        PayloadPreviewRole, // for display: at most 4096 characters (payloadPreview())
    };

    explicit EventLogModel(int capacity = 1000000, QObject *parent = nullptr);

    void append(const EventList &events);
    void clear();
    void setFilter(const EventFilter &filter);
    const EventFilter &filter() const { return m_filter; }
    // Moves the filter's start to `since` (a sliding "last 5 minutes"): the rows shown that are now
    // too old leave from the top as removed rows, without resetting the view. Events arrive in
    // time order, so the oldest shown are the first rows; no-op without a time range.
    void advanceSince(qint64 since);
    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }

    // All stored events (unfiltered) and the visible ones, oldest first.
    qint64 totalCount() const { return static_cast<qint64>(m_events.size()); }
    const Event &eventAt(int row) const;
    quint64 evictedCount() const { return m_evicted; }
    // How many stored events (unfiltered) have `severity`.
    qint64 countOf(Severity severity) const { return m_counts[static_cast<size_t>(severity)]; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    size_t storageIndex(int row) const;
    void evictOverflow();
    // m_filter.matches(), with the text search prepared once per filter (a case-insensitive
    // QStringMatcher instead of a fresh search per field and event).
    bool accepts(const Event &event) const;

    void count(const Event &event, int delta) { m_counts[static_cast<size_t>(event.severity)] += delta; }

    std::deque<Event> m_events;
    std::array<qint64, 4> m_counts {}; // stored events per severity
    qint64 m_firstSeq = 0; // sequence number of m_events.front()
    std::vector<qint64> m_visible; // sequence numbers of visible events, when filtered
    EventFilter m_filter;
    QStringMatcher m_text;
    bool m_filtered = false;
    int m_capacity;
    quint64 m_evicted = 0;
};

} // namespace fleetscope
