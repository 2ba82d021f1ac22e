#include "core/model/topic.h"

#include <QTest>

using namespace fleetscope;

class tst_TopicPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodeRoundTrip_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("segment");
        QTest::newRow("plain") << QStringLiteral("temperature") << QStringLiteral("temperature");
        QTest::newRow("slash") << QStringLiteral("a/b") << QStringLiteral("a%2Fb");
        QTest::newRow("percent") << QStringLiteral("100%") << QStringLiteral("100%25");
        QTest::newRow("both") << QStringLiteral("%2F/") << QStringLiteral("%252F%2F");
    }
    void encodeRoundTrip()
    {
        QFETCH(QString, label);
        QFETCH(QString, segment);
        QCOMPARE(TopicPath::encodeSegment(label), segment);
        QCOMPARE(TopicPath::decodeSegment(segment), label);
    }

    void joinParentLast()
    {
        QCOMPARE(TopicPath::join(QString(), QStringLiteral("a")), QStringLiteral("a"));
        QCOMPARE(TopicPath::join(QStringLiteral("a"), QStringLiteral("b")), QStringLiteral("a/b"));
        QCOMPARE(TopicPath::parent(QStringLiteral("a/b/c")), QStringLiteral("a/b"));
        QCOMPARE(TopicPath::parent(QStringLiteral("a")), QString());
        QCOMPARE(TopicPath::lastSegment(QStringLiteral("a/b/c")), QStringLiteral("c"));
        QCOMPARE(TopicPath::split(QString()), QStringList());
    }
};

QTEST_GUILESS_MAIN(tst_TopicPath)
#include "tst_topicpath.moc"
