#pragma once

#include "core/model/seriesstore.h"

#include <QVector>

#include <deque>

namespace fleetscope {

// A chart's memory of one series' min/max envelope. Columns sit on a fixed time grid (multiples of
// the column width since the epoch), so when a live window slides, or new samples arrive at its
// end, only the columns that changed are asked of the SeriesStore again: a redraw then costs the
// new pixels, not the whole window. The grid's first and last column may reach a little past the
// requested range (the chart clips them).
//
// Threading: GUI thread, with the SeriesStore it reads. Owned by the chart that draws the series.
class EnvelopeCache
{
public:
    // What SeriesStore::envelope(series, t0, t1, columns) gives, on the column grid.
    QVector<SeriesPoint> envelope(const SeriesStore &store, int series, qint64 t0, qint64 t1, int columns);
    void clear();
    // How many columns the last call had to compute (the rest came from the cache).
    int lastComputed() const { return m_lastComputed; }

private:
    struct Column
    {
        SeriesPoint points[2];
        int count = 0;
    };

    void compute(const SeriesStore &store, qint64 first, qint64 last, std::deque<Column> *out) const;

    int m_series = -1;
    qint64 m_width = 0; // ms per column
    qint64 m_firstIndex = 0; // grid index of m_columns.front()
    std::deque<Column> m_columns;
    // The store's state when the columns were computed.
    qint64 m_count = 0;
    qint64 m_firstT = 0;
    qint64 m_lastT = 0;
    quint64 m_outOfOrder = 0;
    int m_lastComputed = 0;
};

} // namespace fleetscope
