#include "core/model/eventlogmodel.h"

#include <QDateTime>

#include <algorithm>
#include <thread>

namespace fleetscope {

bool EventFilter::matches(const Event &event) const
{
    if (!(severityMask & (1 << static_cast<int>(event.severity))))
        return false;
    if (event.t < since)
        return false;
    if (!endpoint.isEmpty() && event.endpoint != endpoint)
        return false;
    if (!text.isEmpty() && !event.summary.contains(text, Qt::CaseInsensitive)
        && !event.path.contains(text, Qt::CaseInsensitive) && !event.payload.contains(text, Qt::CaseInsensitive))
        return false;
    return true;
}

bool EventFilter::narrows(const EventFilter &wider) const
{
    // Case-insensitive matching folds character by character, so text containing wider.text
    // (ignoring case) only occurs where wider.text does.
    return (severityMask & ~wider.severityMask) == 0 && (wider.endpoint.isEmpty() || endpoint == wider.endpoint)
        && (wider.text.isEmpty() || text.contains(wider.text, Qt::CaseInsensitive)) && since >= wider.since;
}

int EventFilter::atLeast(Severity minimum)
{
    return 0xF & ~((1 << static_cast<int>(minimum)) - 1);
}

EventLogModel::EventLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{ }

void EventLogModel::append(const EventList &events)
{
    if (events.isEmpty())
        return;
    for (const Event &event : events)
        count(event, 1);
    if (!m_filtered) {
        const int first = static_cast<int>(m_events.size());
        beginInsertRows(QModelIndex(), first, first + static_cast<int>(events.size()) - 1);
        m_events.insert(m_events.end(), events.cbegin(), events.cend());
        endInsertRows();
    } else {
        std::vector<qint64> added;
        qint64 seq = m_firstSeq + static_cast<qint64>(m_events.size());
        for (const Event &event : events) {
            m_events.push_back(event);
            if (accepts(event))
                added.push_back(seq);
            ++seq;
        }
        if (!added.empty()) {
            const int first = static_cast<int>(m_visible.size());
            beginInsertRows(QModelIndex(), first, first + static_cast<int>(added.size()) - 1);
            m_visible.insert(m_visible.end(), added.begin(), added.end());
            endInsertRows();
        }
    }
    evictOverflow();
}

void EventLogModel::evictOverflow()
{
    if (static_cast<int>(m_events.size()) <= m_capacity)
        return;
    // Evict in slices of 1 % so a full log does not pay a row removal per event.
    const size_t excess = m_events.size() - static_cast<size_t>(m_capacity);
    const size_t drop = std::min(m_events.size(), excess + static_cast<size_t>(m_capacity / 100));
    const qint64 newFirst = m_firstSeq + static_cast<qint64>(drop);
    for (size_t i = 0; i < drop; ++i)
        count(m_events[i], -1);
    if (!m_filtered) {
        beginRemoveRows(QModelIndex(), 0, static_cast<int>(drop) - 1);
        m_events.erase(m_events.begin(), m_events.begin() + static_cast<std::ptrdiff_t>(drop));
        m_firstSeq = newFirst;
        endRemoveRows();
    } else {
        const auto cut = std::lower_bound(m_visible.begin(), m_visible.end(), newFirst);
        const int visibleDrop = static_cast<int>(cut - m_visible.begin());
        if (visibleDrop > 0) {
            beginRemoveRows(QModelIndex(), 0, visibleDrop - 1);
            m_visible.erase(m_visible.begin(), cut);
            m_events.erase(m_events.begin(), m_events.begin() + static_cast<std::ptrdiff_t>(drop));
            m_firstSeq = newFirst;
            endRemoveRows();
        } else {
            m_events.erase(m_events.begin(), m_events.begin() + static_cast<std::ptrdiff_t>(drop));
            m_firstSeq = newFirst;
        }
    }
    m_evicted += drop;
}

void EventLogModel::clear()
{
    beginResetModel();
    m_events.clear();
    m_visible.clear();
    m_counts = {};
    m_firstSeq = 0;
    endResetModel();
}

void EventLogModel::advanceSince(qint64 since)
{
    if (!m_filtered || m_filter.since == 0 || since <= m_filter.since)
        return;
    m_filter.since = since;
    size_t old = 0;
    while (old < m_visible.size() && m_events[static_cast<size_t>(m_visible[old] - m_firstSeq)].t < since)
        ++old;
    if (old == 0)
        return;
    beginRemoveRows(QModelIndex(), 0, static_cast<int>(old) - 1);
    m_visible.erase(m_visible.begin(), m_visible.begin() + static_cast<std::ptrdiff_t>(old));
    endRemoveRows();
}

void EventLogModel::setFilter(const EventFilter &filter)
{
    beginResetModel();
    // Narrowing: only the rows shown now can still match.
    const bool narrowing = m_filtered && filter.narrows(m_filter);
    std::vector<qint64> candidates;
    if (narrowing)
        candidates.swap(m_visible);
    m_filter = filter;
    m_text = QStringMatcher(filter.text, Qt::CaseInsensitive);
    m_filtered = !filter.isPassThrough();
    m_visible.clear();
    if (m_filtered) {
        // A big log is scanned in slices on up to four threads, so that a filter change over a
        // million events stays well within a fifth of a second; each slice keeps its matches in
        // order and the slices join in order. accepts() only reads.
        const size_t total = narrowing ? candidates.size() : m_events.size();
        const size_t threads = total < 200000 ? 1 : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
        std::vector<std::vector<qint64>> parts(threads);
        auto scan = [this, total, threads, narrowing, &candidates, &parts](size_t part) {
            const size_t from = total * part / threads;
            const size_t to = total * (part + 1) / threads;
            for (size_t i = from; i < to; ++i) {
                const size_t index = narrowing ? static_cast<size_t>(candidates[i] - m_firstSeq) : i;
                if (accepts(m_events[index]))
                    parts[part].push_back(m_firstSeq + static_cast<qint64>(index));
            }
        };
        std::vector<std::thread> workers;
        for (size_t part = 1; part < threads; ++part)
            workers.emplace_back(scan, part);
        scan(0);
        for (std::thread &worker : workers)
            worker.join();
        for (const auto &part : parts)
            m_visible.insert(m_visible.end(), part.begin(), part.end());
    }
    endResetModel();
}

bool EventLogModel::accepts(const Event &event) const
{
    if (!(m_filter.severityMask & (1 << static_cast<int>(event.severity))))
        return false;
    if (event.t < m_filter.since)
        return false;
    if (!m_filter.endpoint.isEmpty() && event.endpoint != m_filter.endpoint)
        return false;
    if (m_filter.text.isEmpty())
        return true;
    return m_text.indexIn(event.summary) >= 0 || m_text.indexIn(event.path) >= 0 || m_text.indexIn(event.payload) >= 0;
}

void EventLogModel::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    evictOverflow();
}

size_t EventLogModel::storageIndex(int row) const
{
    if (!m_filtered)
        return static_cast<size_t>(row);
    return static_cast<size_t>(m_visible[static_cast<size_t>(row)] - m_firstSeq);
}

const Event &EventLogModel::eventAt(int row) const
{
    return m_events[storageIndex(row)];
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return static_cast<int>(m_filtered ? m_visible.size() : m_events.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Event &event = eventAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: {
            // Today's events show the time alone; the date only where it differs.
            const QDateTime time = QDateTime::fromMSecsSinceEpoch(event.t);
            return time.toString(time.date() == QDate::currentDate() ? QStringLiteral("HH:mm:ss.zzz")
                                                                     : QStringLiteral("MMM d HH:mm:ss.zzz"));
        }
        case EndpointColumn:
            return event.endpoint;
        case SeverityColumn:
            return severityName(event.severity);
        case PathColumn:
            return event.path;
        case SummaryColumn:
            return event.summary;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return QDateTime::fromMSecsSinceEpoch(event.t).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"));
        return event.summary;
    case SeverityRole:
        return static_cast<int>(event.severity);
    case TimeRole:
        return event.t;
    case PayloadRole:
        return event.payload;
    case PayloadPreviewRole:
        return payloadPreview(event.payload);
    case EventPathRole:
        return event.path;
    case EventEndpointRole:
        return event.endpoint;
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case EndpointColumn:
        return tr("Endpoint");
    case SeverityColumn:
        return tr("Severity");
    case PathColumn:
        return tr("Path");
    case SummaryColumn:
        return tr("Summary");
    }
    return {};
}

} // namespace fleetscope
