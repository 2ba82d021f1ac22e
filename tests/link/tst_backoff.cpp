#include "core/link/backoff.h"

#include <QTest>

using fleetscope::Backoff;

class tst_Backoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstRetryWithinOneSecond()
    {
        for (quint32 seed = 1; seed < 200; ++seed) {
            Backoff backoff(500, 30000, seed);
            const int first = backoff.nextDelayMs();
            QVERIFY2(first > 0 && first <= 1000, qPrintable(QString::number(first)));
        }
    }

    void growsExponentiallyUpToTheCap()
    {
        Backoff backoff(500, 30000, 7);
        int previousBase = 0;
        QVector<int> delays;
        for (int i = 0; i < 12; ++i)
            delays << backoff.nextDelayMs();
        // Jitter is ±20 %, so every delay sits within 20 % of initial·2ⁿ (capped).
        for (int i = 0; i < delays.size(); ++i) {
            const double base = std::min(30000.0, 500.0 * (1 << i));
            QVERIFY2(delays[i] >= base * 0.8 - 1 && delays[i] <= std::min(30000.0, base * 1.2) + 1,
                qPrintable(QStringLiteral("attempt %1: %2 ms").arg(i).arg(delays[i])));
            QVERIFY(base >= previousBase);
            previousBase = static_cast<int>(base);
        }
        QVERIFY(delays.last() <= 30000);
        QVERIFY(delays.last() >= 24000);
    }

    void userSettableCap()
    {
        Backoff backoff(500, 4000, 3);
        for (int i = 0; i < 20; ++i)
            QVERIFY(backoff.nextDelayMs() <= 4000);
    }

    void resetStartsOver()
    {
        Backoff backoff(500, 30000, 11);
        for (int i = 0; i < 8; ++i)
            backoff.nextDelayMs();
        QVERIFY(backoff.nextDelayMs() > 10000);
        backoff.reset();
        QCOMPARE(backoff.attempts(), 0);
        QVERIFY(backoff.nextDelayMs() <= 1000);
    }

    void jitterSpreadsRetries()
    {
        QSet<int> firsts;
        for (quint32 seed = 1; seed < 50; ++seed)
            firsts.insert(Backoff(500, 30000, seed).nextDelayMs());
        QVERIFY2(firsts.size() > 10, "clients that lost the same server must not all retry at once");
    }
};

QTEST_GUILESS_MAIN(tst_Backoff)
#include "tst_backoff.moc"
