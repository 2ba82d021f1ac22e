#pragma once

#include <QHash>
#include <QString>
#include <QVector>

#include <deque>
#include <functional>
#include <vector>

namespace fleetscope {

// One stored reading: 16 bytes.
struct SeriesPoint
{
    qint64 t; // ms since the epoch
    double v;
};
static_assert(sizeof(SeriesPoint) == 16, "a stored sample is 16 bytes");

// The numeric history behind the charts: one bounded buffer per series, all under one memory cap
// the user can see and change. When the cap is reached the globally oldest data goes first.
// A min/max pyramid (per 64-point block and per chunk) lets a chart ask for "this time range at
// this many pixel columns" and get at most two points per column, whatever the range holds.
//
// Threading: not thread-safe; owned and used by the GUI thread (or a CLI's main thread).
class SeriesStore
{
public:
    static constexpr int kChunkPoints = 4096; // 64 KiB of samples
    static constexpr int kBlockPoints = 64;

    explicit SeriesStore(qint64 capBytes = 256ll * 1024 * 1024);

    // A handle for the series named `key`, created on first use.
    int ensureSeries(const QString &key);
    // -1 when unknown.
    int find(const QString &key) const;
    QString key(int series) const;
    int seriesCount() const { return static_cast<int>(m_series.size()); }

    void append(int series, qint64 t, double v);

    qint64 sampleCount(int series) const;
    bool isEmpty(int series) const { return sampleCount(series) == 0; }
    SeriesPoint first(int series) const;
    SeriesPoint last(int series) const;
    // How many samples arrived older than the series' newest one (inserted in place): a cache of
    // derived data (e.g. EnvelopeCache) starts over when this changes.
    quint64 outOfOrderInserts(int series) const;

    // Every stored point with t0 <= t <= t1, in time order.
    QVector<SeriesPoint> range(int series, qint64 t0, qint64 t1) const;
    // The points a chart of `columns` pixel columns draws for [t0, t1]: per column, the minimum
    // and maximum (in time order), so at most 2·columns points. Ranges with few points come back
    // as they are.
    QVector<SeriesPoint> envelope(int series, qint64 t0, qint64 t1, int columns) const;
    // Min and max value over [t0, t1]; false when the range is empty.
    bool valueBounds(int series, qint64 t0, qint64 t1, double *minV, double *maxV) const;

    qint64 bytesUsed() const { return m_bytesUsed; }
    qint64 capBytes() const { return m_capBytes; }
    void setCapBytes(qint64 capBytes);
    quint64 droppedSamples() const { return m_dropped; }
    // Called the first time the cap forces old samples out (again after setCapBytes() or clear()),
    // so that the owner can say so in the event log (docs/limits.md): a limit is never hit silently.
    using CapReachedHandler = std::function<void(qint64 capBytes)>;
    void setCapReachedHandler(CapReachedHandler handler) { m_onCapReached = std::move(handler); }
    qint64 totalSamples() const { return m_totalSamples; }
    void clear();

private:
    struct Block
    {
        double vmin;
        double vmax;
    };
    struct Chunk
    {
        std::vector<SeriesPoint> points;
        std::vector<Block> blocks; // one per kBlockPoints points (the last may be partial)
        double vmin;
        double vmax;
        qint64 bytes() const;
    };
    struct Series
    {
        QString key;
        std::deque<Chunk> chunks;
        qint64 count = 0;
        quint64 outOfOrder = 0;
    };

    void insertOutOfOrder(Series &s, qint64 t, double v);
    void rebuildSummaries(Chunk &chunk);
    void enforceCap();
    void account(qint64 delta) { m_bytesUsed += delta; }
    // The global index of the first point with t >= t0 (count when none).
    struct Cursor
    {
        size_t chunk;
        size_t index;
    };
    Cursor lowerBound(const Series &s, qint64 t) const;
    void appendColumn(const Series &s, Cursor from, qint64 tEnd, QVector<SeriesPoint> *out, Cursor *next) const;

    // A deque: adding a series never moves the others (a vector would copy every stored sample
    // when it grows, since std::deque's move is not noexcept).
    std::deque<Series> m_series;
    QHash<QString, int> m_byKey;
    qint64 m_capBytes;
    qint64 m_bytesUsed = 0;
    qint64 m_totalSamples = 0;
    quint64 m_dropped = 0;
    CapReachedHandler m_onCapReached;
    bool m_capReported = false;
};

} // namespace fleetscope
