#include "core/model/seriesstore.h"

#include <algorithm>
#include <limits>

namespace fleetscope {

namespace {
constexpr qint64 kSeriesOverhead = 128; // bookkeeping per series, counted against the cap
}

qint64 SeriesStore::Chunk::bytes() const
{
    return static_cast<qint64>(points.capacity() * sizeof(SeriesPoint) + blocks.capacity() * sizeof(Block));
}

SeriesStore::SeriesStore(qint64 capBytes)
    : m_capBytes(capBytes)
{ }

int SeriesStore::ensureSeries(const QString &key)
{
    const auto it = m_byKey.constFind(key);
    if (it != m_byKey.constEnd())
        return it.value();
    const int id = static_cast<int>(m_series.size());
    m_series.push_back(Series {key, {}, 0, 0});
    m_byKey.insert(key, id);
    account(kSeriesOverhead);
    return id;
}

int SeriesStore::find(const QString &key) const
{
    return m_byKey.value(key, -1);
}

QString SeriesStore::key(int series) const
{
    return m_series.at(static_cast<size_t>(series)).key;
}

qint64 SeriesStore::sampleCount(int series) const
{
    return m_series.at(static_cast<size_t>(series)).count;
}

SeriesPoint SeriesStore::first(int series) const
{
    const Series &s = m_series.at(static_cast<size_t>(series));
    return s.count ? s.chunks.front().points.front() : SeriesPoint {0, 0.0};
}

quint64 SeriesStore::outOfOrderInserts(int series) const
{
    return m_series.at(static_cast<size_t>(series)).outOfOrder;
}

SeriesPoint SeriesStore::last(int series) const
{
    const Series &s = m_series.at(static_cast<size_t>(series));
    return s.count ? s.chunks.back().points.back() : SeriesPoint {0, 0.0};
}

void SeriesStore::append(int series, qint64 t, double v)
{
    Series &s = m_series.at(static_cast<size_t>(series));
    if (s.count && t < s.chunks.back().points.back().t) {
        insertOutOfOrder(s, t, v);
    } else {
        if (s.chunks.empty() || s.chunks.back().points.size() >= static_cast<size_t>(kChunkPoints)) {
            s.chunks.emplace_back();
            Chunk &c = s.chunks.back();
            c.vmin = std::numeric_limits<double>::infinity();
            c.vmax = -std::numeric_limits<double>::infinity();
        }
        Chunk &c = s.chunks.back();
        const qint64 before = c.bytes();
        c.points.push_back(SeriesPoint {t, v});
        const size_t block = (c.points.size() - 1) / kBlockPoints;
        if (block >= c.blocks.size())
            c.blocks.push_back(Block {v, v});
        else {
            c.blocks[block].vmin = std::min(c.blocks[block].vmin, v);
            c.blocks[block].vmax = std::max(c.blocks[block].vmax, v);
        }
        c.vmin = std::min(c.vmin, v);
        c.vmax = std::max(c.vmax, v);
        account(c.bytes() - before);
    }
    ++s.count;
    ++m_totalSamples;
    if (m_bytesUsed > m_capBytes)
        enforceCap();
}

void SeriesStore::insertOutOfOrder(Series &s, qint64 t, double v)
{
    // Rare (a backfill arriving after live data): find the chunk and insert in place; a chunk may
    // exceed kChunkPoints slightly, which every reader tolerates.
    const Cursor at = lowerBound(s, t);
    const size_t chunkIndex = std::min(at.chunk, s.chunks.size() - 1);
    Chunk &c = s.chunks[chunkIndex];
    const qint64 before = c.bytes();
    ++s.outOfOrder;
    const size_t index = at.chunk < s.chunks.size() ? at.index : c.points.size();
    c.points.insert(c.points.begin() + static_cast<std::ptrdiff_t>(index), SeriesPoint {t, v});
    rebuildSummaries(c);
    account(c.bytes() - before);
}

void SeriesStore::rebuildSummaries(Chunk &c)
{
    c.blocks.clear();
    c.vmin = std::numeric_limits<double>::infinity();
    c.vmax = -std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < c.points.size(); ++i) {
        const double v = c.points[i].v;
        if (i % kBlockPoints == 0)
            c.blocks.push_back(Block {v, v});
        Block &b = c.blocks.back();
        b.vmin = std::min(b.vmin, v);
        b.vmax = std::max(b.vmax, v);
        c.vmin = std::min(c.vmin, v);
        c.vmax = std::max(c.vmax, v);
    }
}

void SeriesStore::enforceCap()
{
    // Drop the globally oldest chunk until under the cap. A linear scan over series is fine: it
    // runs once per evicted 64 KiB chunk.
    while (m_bytesUsed > m_capBytes) {
        Series *oldest = nullptr;
        for (Series &s : m_series) {
            if (s.chunks.empty())
                continue;
            if (!oldest || s.chunks.front().points.front().t < oldest->chunks.front().points.front().t)
                oldest = &s;
        }
        if (!oldest)
            return;
        if (!m_capReported) {
            m_capReported = true;
            if (m_onCapReached)
                m_onCapReached(m_capBytes);
        }
        Chunk &c = oldest->chunks.front();
        const auto n = static_cast<qint64>(c.points.size());
        account(-c.bytes());
        oldest->chunks.pop_front();
        oldest->count -= n;
        m_totalSamples -= n;
        m_dropped += static_cast<quint64>(n);
    }
}

void SeriesStore::setCapBytes(qint64 capBytes)
{
    m_capBytes = capBytes;
    m_capReported = false;
    enforceCap();
}

void SeriesStore::clear()
{
    m_series.clear();
    m_byKey.clear();
    m_bytesUsed = 0;
    m_totalSamples = 0;
    m_capReported = false;
}

SeriesStore::Cursor SeriesStore::lowerBound(const Series &s, qint64 t) const
{
    // Chunks are in time order: find the first chunk whose last point is >= t.
    auto chunkIt = std::lower_bound(
        s.chunks.begin(), s.chunks.end(), t, [](const Chunk &c, qint64 value) { return c.points.back().t < value; });
    if (chunkIt == s.chunks.end())
        return Cursor {s.chunks.size(), 0};
    const auto &pts = chunkIt->points;
    auto pointIt =
        std::lower_bound(pts.begin(), pts.end(), t, [](const SeriesPoint &p, qint64 value) { return p.t < value; });
    return Cursor {static_cast<size_t>(chunkIt - s.chunks.begin()), static_cast<size_t>(pointIt - pts.begin())};
}

QVector<SeriesPoint> SeriesStore::range(int series, qint64 t0, qint64 t1) const
{
    QVector<SeriesPoint> out;
    const Series &s = m_series.at(static_cast<size_t>(series));
    Cursor c = lowerBound(s, t0);
    for (; c.chunk < s.chunks.size(); ++c.chunk, c.index = 0) {
        const auto &pts = s.chunks[c.chunk].points;
        for (; c.index < pts.size(); ++c.index) {
            if (pts[c.index].t > t1)
                return out;
            out.append(pts[c.index]);
        }
    }
    return out;
}

void SeriesStore::appendColumn(const Series &s, Cursor c, qint64 tEnd, QVector<SeriesPoint> *out, Cursor *next) const
{
    // Min and max of the points with t < tEnd starting at c, skipping whole chunks and blocks
    // through their summaries. A summarised block stands at its first point's time for its min
    // and its last point's time for its max: within a column that keeps the line in time order.
    double vmin = std::numeric_limits<double>::infinity();
    double vmax = -std::numeric_limits<double>::infinity();
    qint64 tMin = 0;
    qint64 tMax = 0;
    bool any = false;
    auto take = [&](double lo, double hi, qint64 tLo, qint64 tHi) {
        any = true;
        if (lo < vmin) {
            vmin = lo;
            tMin = tLo;
        }
        if (hi > vmax) {
            vmax = hi;
            tMax = tHi;
        }
    };
    while (c.chunk < s.chunks.size()) {
        const Chunk &chunk = s.chunks[c.chunk];
        const auto &pts = chunk.points;
        if (c.index == 0 && pts.back().t < tEnd) {
            take(chunk.vmin, chunk.vmax, pts.front().t, pts.back().t);
            ++c.chunk;
            continue;
        }
        bool columnDone = false;
        while (c.index < pts.size()) {
            if (c.index % kBlockPoints == 0) {
                const size_t end = std::min(c.index + kBlockPoints, pts.size());
                if (pts[end - 1].t < tEnd) {
                    const Block &b = chunk.blocks[c.index / kBlockPoints];
                    take(b.vmin, b.vmax, pts[c.index].t, pts[end - 1].t);
                    c.index = end;
                    continue;
                }
            }
            const SeriesPoint &p = pts[c.index];
            if (p.t >= tEnd) {
                columnDone = true;
                break;
            }
            take(p.v, p.v, p.t, p.t);
            ++c.index;
        }
        if (columnDone)
            break;
        ++c.chunk;
        c.index = 0;
    }
    *next = c;
    if (!any)
        return;
    if (vmin == vmax) {
        out->append(SeriesPoint {tMin, vmin});
    } else if (tMin <= tMax) {
        out->append(SeriesPoint {tMin, vmin});
        out->append(SeriesPoint {tMax, vmax});
    } else {
        out->append(SeriesPoint {tMax, vmax});
        out->append(SeriesPoint {tMin, vmin});
    }
}

QVector<SeriesPoint> SeriesStore::envelope(int series, qint64 t0, qint64 t1, int columns) const
{
    QVector<SeriesPoint> out;
    const Series &s = m_series.at(static_cast<size_t>(series));
    if (s.count == 0 || t1 < t0 || columns <= 0)
        return out;
    Cursor c = lowerBound(s, t0);
    const double width = static_cast<double>(t1 - t0 + 1) / columns;
    out.reserve(columns * 2);
    for (int col = 0; col < columns && c.chunk < s.chunks.size(); ++col) {
        const qint64 tEnd = (col == columns - 1) ? t1 + 1 : t0 + static_cast<qint64>((col + 1) * width);
        appendColumn(s, c, tEnd, &out, &c);
    }
    return out;
}

bool SeriesStore::valueBounds(int series, qint64 t0, qint64 t1, double *minV, double *maxV) const
{
    const QVector<SeriesPoint> env = envelope(series, t0, t1, 256);
    if (env.isEmpty())
        return false;
    double lo = env.front().v;
    double hi = lo;
    for (const auto &p : env) {
        lo = std::min(lo, p.v);
        hi = std::max(hi, p.v);
    }
    *minV = lo;
    *maxV = hi;
    return true;
}

} // namespace fleetscope
