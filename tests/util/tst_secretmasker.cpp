#include "core/util/secretmasker.h"

#include <QTest>

using namespace fleetscope;

class TestSecretMasker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void masks_data();
    void masks();
    void leavesOrdinaryTextAlone_data();
    void leavesOrdinaryTextAlone();
    void binaryKeepsItsLength();
    void shortSecretsAreIgnored();
    void maskUrl();
};

void TestSecretMasker::masks_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mustVanish");
    QTest::addColumn<QString>("mustStay");

    const QString cik = QStringLiteral("bef3c7f91ac3562e6a2212345678901234567890");
    QTest::newRow("exosite auth frame") << cik << QStringLiteral(R"({"auth":{"cik":"%1"}})").arg(cik) << cik
                                        << QStringLiteral(R"({"auth":{"cik":"***"}})");
    QTest::newRow("known secret in prose, upper case")
        << cik << QStringLiteral("key %1 refused").arg(cik.toUpper()) << cik.toUpper() << QStringLiteral("refused");
    QTest::newRow("known secret percent-encoded")
        << QStringLiteral("p@ss w/rd!") << QStringLiteral("GET /login?x=p%40ss%20w%2Frd%21") << QStringLiteral("p%40ss")
        << QStringLiteral("/login?x=");
    QTest::newRow("known secret json-escaped")
        << QStringLiteral("qu\"ote\\back") << QStringLiteral("{\"note\":\"qu\\\"ote\\\\back\"}")
        << QStringLiteral("qu\\\"ote") << QStringLiteral("{\"note\":\"***\"}");
    QTest::newRow("token member, unknown value")
        << QString() << QStringLiteral(R"({"user_token":"abc.def-123","user_fullname":"Ann"})")
        << QStringLiteral("abc.def-123") << QStringLiteral("Ann");
    QTest::newRow("password member") << QString() << QStringLiteral(R"({"password" : "hunter22"})")
                                     << QStringLiteral("hunter22") << QStringLiteral(R"("password" : "***")");
    QTest::newRow("exosite info key") << QString() << QStringLiteral(R"([{"id":3,"result":{"key":"0011aabb"}}])")
                                      << QStringLiteral("0011aabb") << QStringLiteral(R"("id":3)");
    QTest::newRow("query token") << QString() << QStringLiteral("ws://h:9443/stream?selfId=a1&token=s3cr3t&orgId=o")
                                 << QStringLiteral("s3cr3t") << QStringLiteral("selfId=a1&token=***&orgId=o");
    QTest::newRow("user info password") << QString() << QStringLiteral("https://ann:pa55word@host/api")
                                        << QStringLiteral("pa55word") << QStringLiteral("https://ann:***@host/api");
    QTest::newRow("authorization header") << QString() << QStringLiteral("Authorization: OpenTera abcdef123456")
                                          << QStringLiteral("abcdef123456") << QStringLiteral("OpenTera ***");
    QTest::newRow("jwt anywhere") << QString()
                                  << QStringLiteral("refresh with eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.c2lnbmF0dXJl now")
                                  << QStringLiteral("eyJzdWIiOjF9") << QStringLiteral("refresh with *** now");
    QTest::newRow("opentera websocket_url id")
        << QString()
        << QStringLiteral("{\"websocket_url\":\"wss:/"
                          "/o.example.org:40075/wss/user?id=9f3c00e1aa\",\"user_uuid\":\"b7a2\"}")
        << QStringLiteral("9f3c00e1aa") << QStringLiteral("/wss/user?id=***");
}

void TestSecretMasker::masks()
{
    QFETCH(QString, secret);
    QFETCH(QString, text);
    QFETCH(QString, mustVanish);
    QFETCH(QString, mustStay);
    SecretMasker masker;
    masker.addSecret(secret);
    const QString masked = masker.mask(text);
    QVERIFY2(!masked.contains(mustVanish, Qt::CaseInsensitive), qPrintable(masked));
    QVERIFY2(masked.contains(mustStay), qPrintable(masked));
    QVERIFY2(masked.contains(SecretMasker::kMask), qPrintable(masked));
}

void TestSecretMasker::leavesOrdinaryTextAlone_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("update") << QStringLiteral(R"([{"id":1000001,"status":"ok","result":[1700000000,21.5]}])");
    QTest::newRow("keyboard is not a key") << QStringLiteral(R"({"keyboard":"us","monkey":"george"})");
    QTest::newRow("prose") << QStringLiteral("authenticated as Fleet HQ");
    QTest::newRow("email address") << QStringLiteral("mail ops@example.org about it");
}

void TestSecretMasker::leavesOrdinaryTextAlone()
{
    QFETCH(QString, text);
    SecretMasker masker;
    masker.addSecret(QStringLiteral("bef3c7f91ac3562e6a2212345678901234567890"));
    QCOMPARE(masker.mask(text), text);
}

void TestSecretMasker::binaryKeepsItsLength()
{
    SecretMasker masker;
    masker.addSecret(QStringLiteral("topsecret"));
    const QByteArray data = QByteArray("\x0a\x09topsecret\x12\x02ok topsecret", 24);
    const QByteArray masked = masker.maskBytes(data);
    QCOMPARE(masked.size(), data.size());
    QVERIFY(!masked.contains("topsecret"));
    QVERIFY(masked.startsWith(QByteArray("\x0a\x09*********\x12\x02ok ", 16)));
}

void TestSecretMasker::shortSecretsAreIgnored()
{
    SecretMasker masker;
    masker.addSecret(QStringLiteral("ab"));
    QVERIFY(masker.secretsForTest().isEmpty());
    QCOMPARE(masker.mask(QStringLiteral("absolutely")), QStringLiteral("absolutely"));
}

void TestSecretMasker::maskUrl()
{
    SecretMasker masker;
    const QString masked = masker.maskUrl(QUrl(QStringLiteral("ws://h:9443/stream?selfId=me&token=zzz999")));
    QVERIFY(!masked.contains(QLatin1String("zzz999")));
    QVERIFY(masked.contains(QLatin1String("selfId=me")));
}

QTEST_GUILESS_MAIN(TestSecretMasker)
#include "tst_secretmasker.moc"
