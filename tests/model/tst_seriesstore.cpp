#include "core/model/seriesstore.h"

#include <QTest>

#include <cmath>

using fleetscope::SeriesPoint;
using fleetscope::SeriesStore;

class tst_SeriesStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendAndRange()
    {
        SeriesStore store;
        const int s = store.ensureSeries(QStringLiteral("ep\ntemp"));
        QCOMPARE(store.ensureSeries(QStringLiteral("ep\ntemp")), s);
        QCOMPARE(store.find(QStringLiteral("nope")), -1);
        for (int i = 0; i < 10000; ++i)
            store.append(s, 1000 + i * 10, i * 0.5);
        QCOMPARE(store.sampleCount(s), 10000);
        QCOMPARE(store.first(s).t, 1000);
        QCOMPARE(store.last(s).v, 9999 * 0.5);
        const auto r = store.range(s, 1000 + 4096 * 10 - 20, 1000 + 4096 * 10 + 20); // spans a chunk edge
        QCOMPARE(r.size(), 5);
        QCOMPARE(r.first().t, 1000 + 4094 * 10);
        for (int i = 1; i < r.size(); ++i)
            QVERIFY(r[i].t > r[i - 1].t);
    }

    void sixteenBytesASample()
    {
        SeriesStore store;
        const int s = store.ensureSeries(QStringLiteral("x"));
        for (int i = 0; i < SeriesStore::kChunkPoints * 10; ++i)
            store.append(s, i, i);
        // Ten full chunks: 16 bytes a sample plus the block summaries (1/64 of that × 16 B).
        const double perSample = static_cast<double>(store.bytesUsed()) / store.sampleCount(s);
        QVERIFY2(perSample >= 16.0 && perSample < 16.6, qPrintable(QString::number(perSample)));
    }

    void capDropsTheOldestFirst()
    {
        const qint64 cap = 4 * SeriesStore::kChunkPoints * 16;
        SeriesStore store(cap);
        const int old = store.ensureSeries(QStringLiteral("old"));
        const int fresh = store.ensureSeries(QStringLiteral("fresh"));
        for (int i = 0; i < SeriesStore::kChunkPoints * 2; ++i)
            store.append(old, i, 1);
        for (int i = 0; i < SeriesStore::kChunkPoints * 4; ++i)
            store.append(fresh, 1000000 + i, 2);
        QVERIFY(store.bytesUsed() <= cap);
        QVERIFY(store.droppedSamples() > 0);
        // The older series lost its data before the fresher one lost any of its newest points.
        QCOMPARE(store.last(fresh).t, 1000000 + SeriesStore::kChunkPoints * 4 - 1);
        QVERIFY(store.sampleCount(old) < SeriesStore::kChunkPoints * 2);
        QVERIFY(store.totalSamples() == store.sampleCount(old) + store.sampleCount(fresh));
    }

    void loweringTheCapEvicts()
    {
        SeriesStore store;
        const int s = store.ensureSeries(QStringLiteral("s"));
        for (int i = 0; i < SeriesStore::kChunkPoints * 8; ++i)
            store.append(s, i, i);
        const qint64 before = store.bytesUsed();
        store.setCapBytes(before / 2);
        QVERIFY(store.bytesUsed() <= before / 2);
        QCOMPARE(store.last(s).t, SeriesStore::kChunkPoints * 8 - 1); // newest kept
        QVERIFY(store.first(s).t > 0); // oldest gone
    }

    void envelopeIsAtMostTwoPointsPerColumnAndKeepsExtremes()
    {
        SeriesStore store;
        const int s = store.ensureSeries(QStringLiteral("sine"));
        const int n = 1000000;
        for (int i = 0; i < n; ++i)
            store.append(s, i, std::sin(i / 1000.0) * 10.0 + (i == 654321 ? 100.0 : 0.0));
        const int columns = 800;
        const auto env = store.envelope(s, 0, n - 1, columns);
        QVERIFY2(env.size() <= 2 * columns, qPrintable(QString::number(env.size())));
        QVERIFY(env.size() >= columns); // every column has data
        double maxV = -1e9;
        for (int i = 1; i < env.size(); ++i)
            QVERIFY2(env[i].t >= env[i - 1].t, "envelope points stay in time order");
        for (const auto &p : env)
            maxV = std::max(maxV, p.v);
        QVERIFY2(maxV > 100.0, "a one-sample spike survives decimation");
        double lo = 0, hi = 0;
        QVERIFY(store.valueBounds(s, 0, n - 1, &lo, &hi));
        QVERIFY(lo < -9.9 && hi > 100.0);
    }

    void envelopeOfASparseRangeReturnsThePoints()
    {
        SeriesStore store;
        const int s = store.ensureSeries(QStringLiteral("sparse"));
        store.append(s, 100, 1);
        store.append(s, 200, 2);
        store.append(s, 300, 3);
        const auto env = store.envelope(s, 0, 1000, 500);
        QCOMPARE(env.size(), 3);
        QCOMPARE(env[1].v, 2.0);
        QVERIFY(store.envelope(s, 400, 1000, 500).isEmpty());
    }

    void outOfOrderSamplesLandInPlace()
    {
        SeriesStore store;
        const int s = store.ensureSeries(QStringLiteral("late"));
        for (int i = 0; i < 100; ++i)
            store.append(s, i * 10, i);
        store.append(s, 505, -1); // a late backfill point
        const auto all = store.range(s, 0, 10000);
        QCOMPARE(all.size(), 101);
        for (int i = 1; i < all.size(); ++i)
            QVERIFY(all[i].t >= all[i - 1].t);
        double lo = 0, hi = 0;
        QVERIFY(store.valueBounds(s, 500, 510, &lo, &hi));
        QCOMPARE(lo, -1.0);
    }
};

QTEST_GUILESS_MAIN(tst_SeriesStore)
#include "tst_seriesstore.moc"
