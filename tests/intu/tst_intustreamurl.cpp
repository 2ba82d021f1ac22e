#include "core/protocols/intu/intustreamurl.h"

#include <QTest>
#include <QUrlQuery>

using namespace fleetscope;
using namespace fleetscope::intu;

class tst_IntuStreamUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolves_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QVariantMap>("options");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("tokenHeader");

        QTest::newRow("bare stream URL: generated id, empty token")
            << QStringLiteral("ws://robot:9443/stream") << QVariantMap() << QString()
            << QStringLiteral("ws://robot:9443/stream?selfId=GEN&token=") << QString();
        QTest::newRow("host only: /stream added")
            << QStringLiteral("ws://robot:9443") << QVariantMap() << QString()
            << QStringLiteral("ws://robot:9443/stream?selfId=GEN&token=") << QString();
        QTest::newRow("the URL's own ids are kept")
            << QStringLiteral("ws://h/stream?selfId=intu-console-1&orgId=o1&groupId=g1&token=") << QVariantMap()
            << QString() << QStringLiteral("ws://h/stream?selfId=intu-console-1&token=&orgId=o1&groupId=g1")
            << QString();
        QTest::newRow("options override the URL")
            << QStringLiteral("ws://h/stream?selfId=a&orgId=o1")
            << QVariantMap {{QStringLiteral("selfId"), QStringLiteral("b")},
                   {QStringLiteral("orgId"), QStringLiteral("o2")}, {QStringLiteral("groupId"), QStringLiteral("g2")}}
            << QString() << QStringLiteral("ws://h/stream?selfId=b&token=&orgId=o2&groupId=g2") << QString();
        QTest::newRow("any spelling of the keys")
            << QStringLiteral("ws://h/stream?SELFID=x&Token=t") << QVariantMap() << QString()
            << QStringLiteral("ws://h/stream?selfId=x&token=t") << QString();
        QTest::newRow("a secret token goes in a header, never in the URL")
            << QStringLiteral("ws://h/stream?token=old") << QVariantMap() << QStringLiteral("s3cret")
            << QStringLiteral("ws://h/stream?selfId=GEN") << QStringLiteral("s3cret");
        QTest::newRow("wss and other query items survive")
            << QStringLiteral("wss://h:9443/stream?x=1") << QVariantMap() << QString()
            << QStringLiteral("wss://h:9443/stream?x=1&selfId=GEN&token=") << QString();
    }

    void resolves()
    {
        QFETCH(QString, url);
        QFETCH(QVariantMap, options);
        QFETCH(QString, secret);
        QFETCH(QString, expected);
        QFETCH(QString, tokenHeader);

        EndpointConfig config;
        config.url = QUrl(url);
        config.options = options;
        config.secret = secret;
        const StreamTarget target = resolveStreamTarget(config, QStringLiteral("GEN"));
        QCOMPARE(target.url.toString(), expected);
        QCOMPARE(target.selfId, QUrlQuery(target.url).queryItemValue(QStringLiteral("selfId")));
        if (tokenHeader.isEmpty()) {
            QVERIFY(target.headers.isEmpty());
        } else {
            QCOMPARE(target.headers.size(), 1);
            QCOMPARE(target.headers.first().first, QByteArray("token"));
            QCOMPARE(target.headers.first().second, tokenHeader.toUtf8());
            QVERIFY(!target.url.toString().contains(secret));
        }
    }

    void generatedIdsAreUnique()
    {
        const QString a = generateSelfId();
        const QString b = generateSelfId();
        QVERIFY(a.startsWith(QLatin1String("fleetscope-")));
        QCOMPARE(a.size(), 11 + 36);
        QVERIFY(a != b);
    }
};

QTEST_GUILESS_MAIN(tst_IntuStreamUrl)
#include "tst_intustreamurl.moc"
