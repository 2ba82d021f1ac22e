// The REST client's pure parts: login outcomes, the socket URL fix-ups, the token's expiry.
#include "core/protocols/opentera/openterarest.h"

#include <QTest>

#include <algorithm>

using namespace fleetscope::opentera;
using fleetscope::RestFailure;

class tst_OpenTeraRest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loginOutcomes_data();
    void loginOutcomes();
    void socketUrl_data();
    void socketUrl();
    void tokenExpiry();
    void replyText();
};

void tst_OpenTeraRest::loginOutcomes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("detail");
    using K = LoginOutcome::Kind;
    QTest::newRow("success") << 200
                             << QByteArray(R"({"websocket_url":"wss://h:40075/wss/user?id=9f","user_uuid":"u1",)"
                                           R"("user_fullname":"Super Admin","user_token":"t"})")
                             << int(K::Success) << QString();
    QTest::newRow("401 plain text") << 401 << QByteArray("Unauthorized Access") << int(K::Rejected)
                                    << QStringLiteral("authentication rejected by server");
    QTest::newRow("403 already logged in") << 403 << QByteArray("\"User already logged in.\"")
                                           << int(K::AlreadyLoggedIn) << QStringLiteral("already logged in");
    QTest::newRow("403 other") << 403 << QByteArray("\"Forbidden\"") << int(K::Rejected)
                               << QStringLiteral("HTTP 403: Forbidden");
    QTest::newRow("426") << 426
                         << QByteArray(R"({"version_latest":"1.3.0","current_version":"0.1.0","version_error":"x",)"
                                       R"("message":"Client major version too old"})")
                         << int(K::TooOld) << QStringLiteral("Client major version too old");
    QTest::newRow("2fa") << 200 << QByteArray(R"({"message":"2FA required","reason":"2fa","redirect_url":"/x"})")
                         << int(K::NeedsAction) << QStringLiteral("two-factor authentication");
    QTest::newRow("2fa setup") << 200 << QByteArray(R"({"message":"m","reason":"2fa_setup","redirect_url":"/x"})")
                               << int(K::NeedsAction) << QStringLiteral("setting up two-factor");
    QTest::newRow("password change") << 200 << QByteArray(R"({"message":"m","reason":"password_change"})")
                                     << int(K::NeedsAction) << QStringLiteral("password change");
    QTest::newRow("500") << 500 << QByteArray("\"Internal server error when making RPC call.\"") << int(K::Transient)
                         << QStringLiteral("HTTP 500: Internal server error");
    QTest::newRow("no answer") << 0 << QByteArray() << int(K::Transient) << QStringLiteral("no answer to the login");
    // What the transport refused is final: the same login would be refused again.
    QTest::newRow("redirect elsewhere refused")
        << -int(RestFailure::Redirect) << QByteArray() << int(K::Refused) << QStringLiteral("could not log in: ");
    QTest::newRow("body over the cap") << -int(RestFailure::TooLarge) << QByteArray() << int(K::Refused)
                                       << QStringLiteral("could not log in: ");
    QTest::newRow("untrusted certificate")
        << -int(RestFailure::Tls) << QByteArray() << int(K::Refused) << QStringLiteral("could not log in: ");
    QTest::newRow("deadline") << -int(RestFailure::Deadline) << QByteArray() << int(K::Transient)
                              << QStringLiteral("no answer to the login");
}

void tst_OpenTeraRest::loginOutcomes()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QString, detail);
    RestReply reply; // a negative status: no answer, for the RestFailure it names
    reply.status = std::max(status, 0);
    reply.body = body;
    reply.failure = status < 0 ? RestFailure(-status) : RestFailure::None;
    reply.error = status <= 0 ? QStringLiteral("Connection refused") : QString();
    const LoginOutcome outcome = readLoginReply(reply);
    QCOMPARE(int(outcome.kind), kind);
    QVERIFY2(outcome.detail.contains(detail), qPrintable(outcome.detail));
    if (outcome.kind == LoginOutcome::Kind::Success) {
        QCOMPARE(outcome.token, QStringLiteral("t"));
        QCOMPARE(outcome.userUuid, QStringLiteral("u1"));
        QCOMPARE(outcome.userFullname, QStringLiteral("Super Admin"));
    }
}

void tst_OpenTeraRest::socketUrl_data()
{
    QTest::addColumn<QString>("rest");
    QTest::addColumn<QString>("returned");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain http: wss becomes ws")
        << QStringLiteral("http://127.0.0.1:4040") << QStringLiteral("wss://127.0.0.1:4040/wss/user?id=ab")
        << QStringLiteral("ws://127.0.0.1:4040/wss/user?id=ab");
    QTest::newRow("https keeps wss") << QStringLiteral("https://tera.example.org:40075")
                                     << QStringLiteral("wss://tera.example.org:40075/wss/user?id=ab")
                                     << QStringLiteral("wss://tera.example.org:40075/wss/user?id=ab");
    QTest::newRow("loopback host replaced")
        << QStringLiteral("https://tera.example.org:40075") << QStringLiteral("wss://127.0.0.1:4040/wss/user?id=ab")
        << QStringLiteral("wss://tera.example.org:40075/wss/user?id=ab");
    QTest::newRow("localhost replaced, http")
        << QStringLiteral("http://10.0.0.5:4040") << QStringLiteral("wss://localhost:4040/wss/user?id=ab")
        << QStringLiteral("ws://10.0.0.5:4040/wss/user?id=ab");
    QTest::newRow("loopback REST keeps it")
        << QStringLiteral("http://localhost:4040") << QStringLiteral("wss://127.0.0.1:4040/wss/user?id=ab")
        << QStringLiteral("ws://127.0.0.1:4040/wss/user?id=ab");
    QTest::newRow("not a URL") << QStringLiteral("http://h") << QStringLiteral("nonsense") << QString();
    QTest::newRow("not a WebSocket URL") << QStringLiteral("http://h") << QStringLiteral("https://h/x") << QString();
    // The one-time key goes only where the login went.
    QTest::newRow("https login, ws stream: refused")
        << QStringLiteral("https://tera.example.org:40075")
        << QStringLiteral("ws://tera.example.org:40075/wss/user?id=ab") << QString();
    QTest::newRow("https login, another host: refused")
        << QStringLiteral("https://tera.example.org:40075") << QStringLiteral("wss://evil.example.net/wss/user?id=ab")
        << QString();
    QTest::newRow("http login, another host: refused")
        << QStringLiteral("http://10.0.0.5:4040") << QStringLiteral("wss://10.0.0.6:4040/wss/user?id=ab") << QString();
    QTest::newRow("https, same host, another port") << QStringLiteral("https://tera.example.org:40075")
                                                    << QStringLiteral("wss://TERA.example.org:4041/wss/user?id=ab")
                                                    << QStringLiteral("wss://tera.example.org:4041/wss/user?id=ab");
    QTest::newRow("plain http keeps ws") << QStringLiteral("http://127.0.0.1:4040")
                                         << QStringLiteral("ws://127.0.0.1:4040/wss/user?id=ab")
                                         << QStringLiteral("ws://127.0.0.1:4040/wss/user?id=ab");
}

void tst_OpenTeraRest::socketUrl()
{
    QFETCH(QString, rest);
    QFETCH(QString, returned);
    QFETCH(QString, expected);
    QString problem;
    const QUrl url = socketUrlFor(QUrl(rest), returned, &problem);
    QCOMPARE(url.isValid() ? url.toString() : QString(), expected);
    QCOMPARE(problem.isEmpty(), !expected.isEmpty()); // a refusal always says why
}

void tst_OpenTeraRest::tokenExpiry()
{
    // {"alg":"HS256"} . {"exp":1732138167} . signature
    const QString token = QStringLiteral("eyJhbGciOiJIUzI1NiJ9.")
        + QString::fromLatin1(QByteArray(R"({"exp":1732138167,"user_uuid":"u"})")
                                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
        + QStringLiteral(".c2ln");
    QCOMPARE(tokenExpiryMs(token), qint64(1732138167000));
    QCOMPARE(tokenExpiryMs(QStringLiteral("opaque")), qint64(0));
}

void tst_OpenTeraRest::replyText()
{
    RestReply reply;
    reply.status = 403;
    reply.body = "\"Forbidden\"";
    QCOMPARE(reply.describe(), QStringLiteral("HTTP 403: Forbidden"));
    reply.body = "{\"status\":\"started\"}";
    QVERIFY(reply.json().isObject());
    reply.body = "plain\ntext";
    QCOMPARE(reply.bodyText(), QStringLiteral("plain text"));
    QVERIFY(reply.json().isUndefined());
}

QTEST_GUILESS_MAIN(tst_OpenTeraRest)
#include "tst_openterarest.moc"
