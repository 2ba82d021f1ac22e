#include "core/workspace/envelopecache.h"

#include <QTest>

#include <cmath>

using namespace fleetscope;

namespace {
// The store's own envelope over the cache's column grid: what the cache must give back.
QVector<SeriesPoint> direct(const SeriesStore &store, int series, qint64 t0, qint64 t1, int columns)
{
    const qint64 width = std::max<qint64>(1, (t1 - t0 + columns) / columns);
    const qint64 k0 = t0 / width;
    const qint64 k1 = t1 / width;
    return store.envelope(series, k0 * width, (k1 + 1) * width - 1, static_cast<int>(k1 - k0 + 1));
}

bool same(const QVector<SeriesPoint> &a, const QVector<SeriesPoint> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].t != b[i].t || a[i].v != b[i].v)
            return false;
    }
    return true;
}
} // namespace

// The chart's envelope cache gives exactly what the store would, while recomputing only the
// columns that changed: new samples at the end, a sliding window, evictions under the cap, and a
// full restart after an out-of-order sample or a new column width.
class tst_EnvelopeCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void slidingLiveWindow()
    {
        SeriesStore store;
        const int s = store.ensureSeries(QStringLiteral("s"));
        qint64 t = 1000000;
        for (int i = 0; i < 50000; ++i, t += 7)
            store.append(s, t, std::sin(i / 50.0) * 10 + (i % 13));
        EnvelopeCache cache;
        const qint64 span = 60000;
        const int columns = 500;
        QVERIFY(same(cache.envelope(store, s, t - span, t, columns), direct(store, s, t - span, t, columns)));
        QVERIFY(cache.lastComputed() > columns / 2);
        for (int tick = 0; tick < 40; ++tick) {
            for (int i = 0; i < 30; ++i, t += 7)
                store.append(s, t, (tick * 31 + i) % 17);
            const QVector<SeriesPoint> got = cache.envelope(store, s, t - span, t, columns);
            QVERIFY2(same(got, direct(store, s, t - span, t, columns)), qPrintable(QString::number(tick)));
            QVERIFY2(cache.lastComputed() <= 3, qPrintable(QString::number(cache.lastComputed())));
        }
        // A sample with the newest time again, and one older than it.
        store.append(s, t - 7, 99);
        QVERIFY(same(cache.envelope(store, s, t - span, t, columns), direct(store, s, t - span, t, columns)));
        store.append(s, t - 30000, -99);
        QVERIFY(same(cache.envelope(store, s, t - span, t, columns), direct(store, s, t - span, t, columns)));
        QVERIFY(cache.lastComputed() > columns / 2); // started over
        // A different width (zoom) starts over too.
        QVERIFY(same(cache.envelope(store, s, t - span / 2, t, columns), direct(store, s, t - span / 2, t, columns)));
        QVERIFY(cache.lastComputed() > columns / 2);
    }

    void evictionsUnderTheCap()
    {
        SeriesStore store(2 * 1024 * 1024);
        const int s = store.ensureSeries(QStringLiteral("s"));
        qint64 t = 0;
        EnvelopeCache cache;
        for (int round = 0; round < 30; ++round) {
            for (int i = 0; i < 10000; ++i, t += 3)
                store.append(s, t, (i * 7919) % 1000);
            const qint64 t0 = store.first(s).t - 500;
            QVERIFY(same(cache.envelope(store, s, t0, t, 300), direct(store, s, t0, t, 300)));
        }
        QVERIFY(store.droppedSamples() > 0);
    }

    void emptyAndUnknown()
    {
        SeriesStore store;
        const int s = store.ensureSeries(QStringLiteral("s"));
        EnvelopeCache cache;
        QVERIFY(cache.envelope(store, s, 0, 1000, 10).isEmpty());
        QVERIFY(cache.envelope(store, -1, 0, 1000, 10).isEmpty());
        store.append(s, 500, 1.0);
        QCOMPARE(cache.envelope(store, s, 0, 1000, 10).size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_EnvelopeCache)
#include "tst_envelopecache.moc"
