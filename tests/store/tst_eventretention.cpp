// The retention limits as a user types and reads them: sizes in fleetscope-cli's --keep-size and
// the settings dialog's summary.
#include "core/store/eventretention.h"

#include <QTest>

using namespace fleetscope;

class TestEventRetention : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseByteSize_data();
    void parseByteSize();
    void formatByteSize_data();
    void formatByteSize();
    void describe();
};

void TestEventRetention::parseByteSize_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("bytes");
    const qint64 k = 1024, m = k * k, g = m * k;
    QTest::newRow("zero") << QStringLiteral("0") << true << qint64(0);
    QTest::newRow("bytes") << QStringLiteral("1048576") << true << m;
    QTest::newRow("b suffix") << QStringLiteral("2048B") << true << 2 * k;
    QTest::newRow("K") << QStringLiteral("500K") << true << 500 * k;
    QTest::newRow("M") << QStringLiteral("500M") << true << 500 * m;
    QTest::newRow("MB spaced") << QStringLiteral(" 300 MB ") << true << 300 * m;
    QTest::newRow("GiB fraction") << QStringLiteral("1.5GiB") << true << g + g / 2;
    QTest::newRow("lower case") << QStringLiteral("2g") << true << 2 * g;
    QTest::newRow("T") << QStringLiteral("1T") << true << g * k;
    QTest::newRow("negative") << QStringLiteral("-5M") << false << qint64(0);
    QTest::newRow("unknown unit") << QStringLiteral("5X") << false << qint64(0);
    QTest::newRow("words") << QStringLiteral("lots") << false << qint64(0);
    QTest::newRow("empty") << QString() << false << qint64(0);
    QTest::newRow("fraction of a byte") << QStringLiteral("1.5") << false << qint64(0);
    QTest::newRow("overflow") << QStringLiteral("99999999999T") << false << qint64(0);
}

void TestEventRetention::parseByteSize()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, bytes);
    qint64 parsed = -1;
    QCOMPARE(fleetscope::parseByteSize(text, &parsed), ok);
    if (ok)
        QCOMPARE(parsed, bytes);
    else
        QCOMPARE(parsed, -1); // untouched
}

void TestEventRetention::formatByteSize_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("bytes") << qint64(900) << QStringLiteral("900 B");
    QTest::newRow("KiB") << qint64(12 * 1024) << QStringLiteral("12 KiB");
    QTest::newRow("MiB fraction") << qint64(1536 * 1024) << QStringLiteral("1.5 MiB");
    QTest::newRow("GiB") << qint64(1024ll * 1024 * 1024) << QStringLiteral("1 GiB");
}

void TestEventRetention::formatByteSize()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(fleetscope::formatByteSize(bytes), text);
}

void TestEventRetention::describe()
{
    QCOMPARE(describeRetention(EventRetention()), QStringLiteral("30 days, at most 1 GiB"));
    QCOMPARE(describeRetention({1, 0}), QStringLiteral("1 day"));
    QCOMPARE(describeRetention({0, 500ll << 20}), QStringLiteral("at most 500 MiB"));
    QCOMPARE(describeRetention({0, 0}), QStringLiteral("no limit"));
}

QTEST_APPLESS_MAIN(TestEventRetention)
#include "tst_eventretention.moc"
