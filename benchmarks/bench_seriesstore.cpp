// SeriesStore: append cost, and the envelope a chart asks for each tick.
#include "core/model/seriesstore.h"

#include <QTest>

#include <cmath>

using fleetscope::SeriesStore;

class bench_SeriesStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendMillion()
    {
        QBENCHMARK
        {
            SeriesStore store;
            const int s = store.ensureSeries(QStringLiteral("s"));
            for (int i = 0; i < 1000000; ++i)
                store.append(s, i, i * 0.5);
        }
    }

    void envelopeEightSeriesOfAMillion()
    {
        SeriesStore store(1ll << 30);
        QVector<int> series;
        for (int k = 0; k < 8; ++k) {
            series << store.ensureSeries(QStringLiteral("s%1").arg(k));
            for (int i = 0; i < 1000000; ++i)
                store.append(series.last(), i, std::sin(i / (500.0 + k)));
        }
        qsizetype points = 0;
        QBENCHMARK
        {
            for (int s : std::as_const(series))
                points += store.envelope(s, 0, 999999, 1600).size();
        }
        QVERIFY(points > 0);
    }
};

QTEST_GUILESS_MAIN(bench_SeriesStore)
#include "bench_seriesstore.moc"
