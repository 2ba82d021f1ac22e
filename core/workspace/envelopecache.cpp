#include "core/workspace/envelopecache.h"

#include <algorithm>

namespace fleetscope {

namespace {
qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}
} // namespace

void EnvelopeCache::clear()
{
    m_columns.clear();
    m_series = -1;
    m_width = 0;
}

void EnvelopeCache::compute(const SeriesStore &store, qint64 first, qint64 last, std::deque<Column> *out) const
{
    // One store query for the whole span; each point falls in the grid column of its time.
    out->assign(static_cast<size_t>(last - first + 1), Column());
    const QVector<SeriesPoint> points =
        store.envelope(m_series, first * m_width, (last + 1) * m_width - 1, static_cast<int>(last - first + 1));
    for (const SeriesPoint &p : points) {
        const qint64 index = floorDiv(p.t, m_width) - first;
        if (index < 0 || index >= static_cast<qint64>(out->size()))
            continue;
        Column &column = (*out)[static_cast<size_t>(index)];
        if (column.count < 2)
            column.points[column.count++] = p;
    }
}

QVector<SeriesPoint> EnvelopeCache::envelope(const SeriesStore &store, int series, qint64 t0, qint64 t1, int columns)
{
    QVector<SeriesPoint> out;
    m_lastComputed = 0;
    if (series < 0 || t1 < t0 || columns <= 0 || store.isEmpty(series)) {
        clear();
        return out;
    }
    const qint64 width = std::max<qint64>(1, (t1 - t0 + columns) / columns);
    const qint64 count = store.sampleCount(series);
    const qint64 firstT = store.first(series).t;
    const qint64 lastT = store.last(series).t;
    const quint64 outOfOrder = store.outOfOrderInserts(series);
    if (series != m_series || width != m_width || outOfOrder != m_outOfOrder) {
        m_columns.clear();
        m_series = series;
        m_width = width;
    } else if (!m_columns.empty() && (count != m_count || firstT != m_firstT || lastT != m_lastT)) {
        // New samples (at or after the old newest one): its column and all later ones change.
        const qint64 dirtyFrom = floorDiv(m_lastT, m_width);
        while (!m_columns.empty() && m_firstIndex + static_cast<qint64>(m_columns.size()) - 1 >= dirtyFrom)
            m_columns.pop_back();
        // Evicted samples (the cap): the column of the new oldest one changes, earlier ones empty.
        if (firstT != m_firstT) {
            const qint64 cleanFrom = floorDiv(firstT, m_width) + 1;
            while (!m_columns.empty() && m_firstIndex < cleanFrom) {
                m_columns.pop_front();
                ++m_firstIndex;
            }
        }
    }
    m_count = count;
    m_firstT = firstT;
    m_lastT = lastT;
    m_outOfOrder = outOfOrder;

    const qint64 k0 = floorDiv(t0, m_width);
    const qint64 k1 = floorDiv(t1, m_width);
    // Keep only the visible columns.
    while (!m_columns.empty() && m_firstIndex < k0) {
        m_columns.pop_front();
        ++m_firstIndex;
    }
    while (!m_columns.empty() && m_firstIndex + static_cast<qint64>(m_columns.size()) - 1 > k1)
        m_columns.pop_back();
    if (m_columns.empty()) {
        compute(store, k0, k1, &m_columns);
        m_firstIndex = k0;
        m_lastComputed = static_cast<int>(k1 - k0 + 1);
    } else {
        if (m_firstIndex > k0) {
            std::deque<Column> head;
            compute(store, k0, m_firstIndex - 1, &head);
            m_lastComputed += static_cast<int>(head.size());
            m_columns.insert(m_columns.begin(), head.begin(), head.end());
            m_firstIndex = k0;
        }
        const qint64 cachedLast = m_firstIndex + static_cast<qint64>(m_columns.size()) - 1;
        if (cachedLast < k1) {
            std::deque<Column> tail;
            compute(store, cachedLast + 1, k1, &tail);
            m_lastComputed += static_cast<int>(tail.size());
            m_columns.insert(m_columns.end(), tail.begin(), tail.end());
        }
    }
    out.reserve(static_cast<qsizetype>(m_columns.size()) * 2);
    for (const Column &column : m_columns) {
        for (int i = 0; i < column.count; ++i)
            out.append(column.points[i]);
    }
    return out;
}

} // namespace fleetscope
