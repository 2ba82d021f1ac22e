#include "core/util/jsonutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace fleetscope;

class tst_JsonUtil : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numericLeavesFollowTheDesignRule()
    {
        const QJsonDocument doc = QJsonDocument::fromJson(R"({"a":{"b":[1,{"c":2.5},"x",true]},"d/e":3,"n":null})");
        QVector<NumericLeaf> leaves;
        extractNumericLeaves(doc.object(), QStringLiteral("T"), &leaves);
        std::sort(leaves.begin(), leaves.end());
        QCOMPARE(leaves.size(), 3);
        QCOMPARE(leaves[0], NumericLeaf(QStringLiteral("T/a/b/0"), 1.0));
        QCOMPARE(leaves[1], NumericLeaf(QStringLiteral("T/a/b/1/c"), 2.5));
        QCOMPARE(leaves[2], NumericLeaf(QStringLiteral("T/d%2Fe"), 3.0));
        leaves.clear();
        extractNumericLeaves(doc.object(), QStringLiteral("T"), &leaves, true);
        QCOMPARE(leaves.size(), 4); // the bool counts when asked
    }

    void deepNestingIsBounded()
    {
        QByteArray deep;
        for (int i = 0; i < 60; ++i)
            deep += "[";
        deep += "1";
        for (int i = 0; i < 60; ++i)
            deep += "]";
        QVector<NumericLeaf> leaves;
        extractNumericLeaves(QJsonDocument::fromJson(deep).array(), QStringLiteral("T"), &leaves);
        QVERIFY(leaves.isEmpty());
    }

    void oneLineAndNumbers()
    {
        QCOMPARE(oneLine(QStringLiteral("a\n  b\tc"), 120), QStringLiteral("a b c"));
        QCOMPARE(oneLine(QString(200, QLatin1Char('x')), 10).size(), 10);
        double v = 0;
        QVERIFY(parseNumber(QStringLiteral(" 2.5e3 "), &v));
        QCOMPARE(v, 2500.0);
        QVERIFY(!parseNumber(QStringLiteral("nan"), &v));
        QVERIFY(!parseNumber(QStringLiteral("twelve"), &v));
    }
};

QTEST_GUILESS_MAIN(tst_JsonUtil)
#include "tst_jsonutil.moc"
