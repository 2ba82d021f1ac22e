#include "core/model/seriesstore.h"

#include <QTest>

using namespace fleetscope;

// The series memory cap (docs/limits.md): a server cannot make the console hold more than the cap,
// and reaching it is reported once per episode, never silent.
class TestSeriesStoreLimit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capIsHeldAndReportedOnce();
};

void TestSeriesStoreLimit::capIsHeldAndReportedOnce()
{
    const qint64 cap = 4 * SeriesStore::kChunkPoints * 16;
    SeriesStore store(cap);
    QVector<qint64> reports;
    store.setCapReachedHandler([&](qint64 capBytes) { reports.append(capBytes); });
    const int a = store.ensureSeries(QStringLiteral("ep/a"));
    const int b = store.ensureSeries(QStringLiteral("ep/b"));
    for (int i = 0; i < 3 * SeriesStore::kChunkPoints; ++i) {
        store.append(a, i, i);
        store.append(b, i, -i);
    }
    QVERIFY(store.bytesUsed() <= cap);
    QCOMPARE(reports, QVector<qint64> {cap});
    QVERIFY(store.droppedSamples() > 0);
    // The newest data stayed.
    QCOMPARE(store.last(a).t, 3 * SeriesStore::kChunkPoints - 1);
    // More pressure in the same episode: no second report.
    for (int i = 0; i < SeriesStore::kChunkPoints; ++i)
        store.append(a, 3 * SeriesStore::kChunkPoints + i, i);
    QCOMPARE(reports.size(), 1);
    // A new cap starts a new episode.
    store.setCapBytes(cap / 2);
    QCOMPARE(reports.size(), 2);
    QCOMPARE(reports.last(), cap / 2);
    QVERIFY(store.bytesUsed() <= cap / 2);
}

QTEST_GUILESS_MAIN(TestSeriesStoreLimit)
#include "tst_seriesstorelimit.moc"
