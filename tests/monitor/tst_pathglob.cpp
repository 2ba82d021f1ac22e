// Rule globs: '*' within a segment, '**' across segments (docs/architecture.md#devices-presence-and-alerts-coremonitor).
#include "core/monitor/pathglob.h"
#include "core/monitor/ruleindex.h"

#include <QTest>

using namespace fleetscope;

class tst_PathGlob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("match");
        QTest::newRow("literal") << "a/b"
                                 << "a/b" << true;
        QTest::newRow("literal longer") << "a/b"
                                        << "a/b/c" << false;
        QTest::newRow("star one segment") << "*/battery"
                                          << "robot-3/battery" << true;
        QTest::newRow("star not across") << "*/battery"
                                         << "site/robot-3/battery" << false;
        QTest::newRow("star needs a segment") << "*/battery"
                                              << "battery" << false;
        QTest::newRow("part star") << "pump-*"
                                   << "pump-12" << true;
        QTest::newRow("part star mismatch") << "pump-*"
                                            << "pumps-12" << false;
        QTest::newRow("inner star") << "a*z"
                                    << "abcz" << true;
        QTest::newRow("inner star backtracks") << "a*bc"
                                               << "abcbc" << true;
        QTest::newRow("star star any depth") << "**/battery"
                                             << "x/y/z/battery" << true;
        QTest::newRow("star star zero segments") << "**/battery"
                                                 << "battery" << true;
        QTest::newRow("star star middle") << "site/**/flow"
                                          << "site/a/b/flow" << true;
        QTest::newRow("star star middle none") << "site/**/flow"
                                               << "site/flow" << true;
        QTest::newRow("star star middle miss") << "site/**/flow"
                                               << "site/a/b/flows" << false;
        QTest::newRow("star star end") << "devices/**"
                                       << "devices/a/b" << true;
        QTest::newRow("everything") << "**"
                                    << "a/b/c" << true;
        QTest::newRow("two star stars") << "**/x/**/y"
                                        << "a/x/b/c/y" << true;
        QTest::newRow("percent encoded") << "a%2Fb/*"
                                         << "a%2Fb/c" << true;
    }

    void matches()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, match);
        PathGlob glob;
        QString why;
        QVERIFY2(PathGlob::compile(pattern, &glob, &why), qPrintable(why));
        QCOMPARE(glob.matches(path), match);
    }

    void endpointNamesAreOneSegment()
    {
        const PathGlob glob = PathGlob::forName(QStringLiteral("Plant*"));
        QVERIFY(glob.matches(u"Plant A"));
        QVERIFY(glob.matches(u"Plant/B")); // a '/' in a name is just a character
        QVERIFY(!glob.matches(u"HQ"));
    }

    void literalPrefix()
    {
        PathGlob glob;
        QString why;
        QVERIFY(PathGlob::compile(QStringLiteral("site-a/pumps/*/flow"), &glob, &why));
        QCOMPARE(glob.literalPrefix(), QStringList({QStringLiteral("site-a"), QStringLiteral("pumps")}));
        QVERIFY(PathGlob::compile(QStringLiteral("**/flow"), &glob, &why));
        QVERIFY(glob.literalPrefix().isEmpty());
    }

    void indexFindsExactlyTheMatchingRules()
    {
        RuleSet rules;
        auto add = [&rules](const char *pattern) {
            AlertRule rule;
            QString why;
            QVERIFY(PathGlob::compile(QString::fromLatin1(pattern), &rule.path, &why));
            rules << rule;
        };
        add("site-a/pumps/*/flow"); // 0
        add("site-a/**"); // 1
        add("**/flow"); // 2
        add("site-b/x"); // 3
        add("*/pumps/*/flow"); // 4
        RuleIndex index;
        index.build(rules, {0, 1, 2, 3, 4});
        QVarLengthArray<int, 4> out;
        index.match(rules, u"site-a/pumps/p1/flow", &out);
        QCOMPARE(QVector<int>(out.begin(), out.end()), QVector<int>({0, 1, 2, 4}));
        index.match(rules, u"site-b/x", &out);
        QCOMPARE(QVector<int>(out.begin(), out.end()), QVector<int>({3}));
        index.match(rules, u"elsewhere/temp", &out);
        QVERIFY(out.isEmpty());
        // Every rule agrees with its own glob, whatever the index says.
        for (const char *path : {"site-a", "site-a/pumps", "a/pumps/b/flow", "flow", "site-b/x/y"}) {
            index.match(rules, QString::fromLatin1(path), &out);
            QVector<int> expected;
            for (int r = 0; r < rules.size(); ++r) {
                if (rules[r].path.matches(QString::fromLatin1(path)))
                    expected << r;
            }
            QCOMPARE(QVector<int>(out.begin(), out.end()), expected);
        }
    }
};

QTEST_GUILESS_MAIN(tst_PathGlob)
#include "tst_pathglob.moc"
