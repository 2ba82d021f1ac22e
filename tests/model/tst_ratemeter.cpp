#include "core/model/ratemeter.h"

#include <QTest>

using namespace fleetscope;

// Issue 18.10: a topic updating every 2 s flickered between "1.0/s" and blank. The rate is an
// average over about ten seconds, and the figure shown holds still through arrival jitter.
class tst_RateMeter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTwoSecondsReadsHalfPerSecond()
    {
        RateMeter meter;
        QVector<double> shown;
        for (int second = 0; second < 90; ++second) {
            meter.tick(second % 2 == 0 ? 1 : 0, 1.0);
            shown << meter.shown();
        }
        // Never blank from its second message on, and steady once settled.
        for (int second = 2; second < shown.size(); ++second)
            QVERIFY2(shown[second] > 0.0, qPrintable(QString::number(second)));
        QVERIFY2(qAbs(shown[2] - 0.5) < 0.01, qPrintable(QString::number(shown[2])));
        const double settled = shown.constLast();
        QVERIFY2(settled > 0.4 && settled < 0.6, qPrintable(QString::number(settled)));
        for (int second = 45; second < shown.size(); ++second)
            QCOMPARE(shown[second], settled);
    }

    void jitterDoesNotMoveTheFigure()
    {
        RateMeter meter;
        const int counts[] = {10, 9, 11, 10, 12, 8, 10, 10, 11, 9};
        for (int second = 0; second < 60; ++second)
            meter.tick(counts[second % 10], 1.0);
        const double settled = meter.shown();
        QVERIFY(settled > 9.0 && settled < 11.0);
        for (int second = 0; second < 30; ++second) {
            QVERIFY(!meter.tick(counts[second % 10], 1.0));
            QCOMPARE(meter.shown(), settled);
        }
    }

    void followsARealChangeAndSilence()
    {
        RateMeter meter;
        for (int second = 0; second < 30; ++second)
            meter.tick(10, 1.0);
        QVERIFY(qAbs(meter.shown() - 10.0) < 0.5);
        for (int second = 0; second < 30; ++second)
            meter.tick(50, 1.0);
        QVERIFY2(meter.shown() > 40.0, qPrintable(QString::number(meter.shown())));
        int quiet = 0;
        while (meter.shown() > 0.0 && quiet < 60) {
            meter.tick(0, 1.0);
            ++quiet;
        }
        QCOMPARE(meter.shown(), 0.0);
        QVERIFY2(quiet <= 5, qPrintable(QString::number(quiet)));
    }

    void theLevelIsSetAtOnceFromTheSecondTick()
    {
        RateMeter meter;
        QVERIFY(!meter.tick(25, 1.0)); // starts the clock
        QCOMPARE(meter.shown(), 0.0);
        QVERIFY(meter.tick(25, 1.0));
        QCOMPARE(meter.shown(), 25.0);
    }

    // What the demo showed: an Exosite dataport updating once a second read "69/s", the 100 points
    // of history its subscription reads first counted as one second's messages.
    void aBacklogIsNotARate()
    {
        RateMeter meter;
        meter.tick(100, 1.0);
        for (int second = 0; second < 5; ++second) {
            meter.tick(1, 1.0);
            QVERIFY2(qAbs(meter.shown() - 1.0) < 0.05, qPrintable(QString::number(meter.shown())));
        }
        // After a silence the next burst (a reconnect's catch-up) starts the clock again.
        while (meter.shown() > 0.0)
            meter.tick(0, 1.0);
        meter.tick(300, 1.0);
        QCOMPARE(meter.shown(), 0.0);
        meter.tick(2, 1.0);
        QCOMPARE(meter.shown(), 2.0);
    }

    void aSlowTopicIsMeasuredFromItsSecondMessage()
    {
        RateMeter meter;
        meter.tick(1, 1.0);
        for (int second = 1; second < 30; ++second)
            meter.tick(0, 1.0);
        QCOMPARE(meter.shown(), 0.0);
        meter.tick(1, 1.0);
        QVERIFY2(qAbs(meter.shown() - 1.0 / 30) < 1e-9, qPrintable(QString::number(meter.shown())));
        for (int second = 1; second < 29; ++second)
            meter.tick(0, 1.0);
        QVERIFY(meter.shown() > 0.0); // quiet for less than three of its intervals
    }
};

QTEST_GUILESS_MAIN(tst_RateMeter)
#include "tst_ratemeter.moc"
