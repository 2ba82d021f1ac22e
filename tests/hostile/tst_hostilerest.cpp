// Hostile REST servers against fleetscope-cli as a user runs it (the real binary, the password
// from the environment): a login redirected to another origin must not take the password there;
// an endless body must end in a clear error, not in gigabytes; an OpenTera login must not send its
// one-time socket key anywhere but the server logged in to. Each case fails with exit code 3 and
// says why on stderr (docs/limits.md).
#include "tests/common/hostilehttpserver.h"
#include "tests/common/testsupport.h"

#include <QTcpServer>
#include <QTest>

using namespace fleetscope;
using test::HostileHttpServer;

namespace {

QProcessEnvironment withPassword()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FLEETSCOPE_PASSWORD"), QStringLiteral("s3cret-pw"));
    return environment;
}

QStringList openteraBrowse(const QUrl &url, const QStringList &extra = {})
{
    return QStringList {QStringLiteral("browse"), QStringLiteral("--protocol"), QStringLiteral("opentera"),
               QStringLiteral("--url"), url.toString(), QStringLiteral("--user"), QStringLiteral("admin"),
               QStringLiteral("--timeout"), QStringLiteral("20")}
    + extra;
}

QStringList cityioBrowse(const QUrl &url)
{
    return {QStringLiteral("browse"), QStringLiteral("--protocol"), QStringLiteral("cityio"), QStringLiteral("--url"),
        url.toString(), QStringLiteral("--timeout"), QStringLiteral("20")};
}

QStringList trustTestCa()
{
    return {QStringLiteral("--ca"), test::testDataPath(QStringLiteral("selfsigned.crt"))};
}

QByteArray loginReply(const QString &websocketUrl)
{
    return QStringLiteral(R"({"user_token":"eyJ.e30.sig","user_uuid":"u-1","user_fullname":"Admin",)"
                          R"("websocket_url":"%1"})")
        .arg(websocketUrl)
        .toUtf8();
}

} // namespace

class tst_HostileRest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aRedirectDoesNotCarryThePassword_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::newRow("http to another port") << false;
        QTest::newRow("https to another port") << true;
    }

    void aRedirectDoesNotCarryThePassword()
    {
        QFETCH(bool, tls);
        HostileHttpServer server;
        HostileHttpServer other; // where the redirect points: it must never see the credentials
        if (tls) {
            server.setTls(test::selfSignedServerTls());
            other.setTls(test::selfSignedServerTls());
        }
        QVERIFY(server.listen());
        QVERIFY(other.listen());
        server.redirectTo(other.url(QStringLiteral("/api/user/login?with_websocket=true")));
        other.answerWith(200, loginReply(QStringLiteral("wss://127.0.0.1:1/wss/user?id=1")));

        test::CliRun run(openteraBrowse(server.url(), tls ? trustTestCa() : QStringList()), withPassword());
        QVERIFY(run.run());
        QVERIFY(!server.requests().isEmpty());
        QVERIFY(!server.requests().first().header("authorization").isEmpty()); // the login did go out
        for (const HostileHttpServer::Request &request : other.requests())
            QVERIFY2(request.header("authorization").isEmpty(), request.header("authorization").constData());
        QVERIFY(other.requests().isEmpty());
        QCOMPARE(run.exitCode(), 3);
        QVERIFY2(run.standardError().contains(QLatin1String("redirected to another origin")),
            qPrintable(run.standardError()));
    }

    void anEndlessLoginAnswerEndsInAClearError()
    {
        HostileHttpServer server;
        QVERIFY(server.listen());
        server.answerEndlessly();
        test::CliRun run(openteraBrowse(server.url()), withPassword());
        QVERIFY(run.run());
        QCOMPARE(run.exitCode(), 3);
        QVERIFY2(run.standardError().contains(QLatin1String("passed the 1.0 MiB limit for a login answer")),
            qPrintable(run.standardError()));
        // The client hung up near the cap: the server could not push more than the cap, the
        // socket buffers and its own 1 MiB queue (before: gigabytes until the --timeout).
        QVERIFY2(server.bodyBytesSent() < 32ll << 20, qPrintable(QString::number(server.bodyBytesSent())));
    }

    void anEndlessTableListEndsInAClearError()
    {
        HostileHttpServer server;
        QVERIFY(server.listen());
        server.answerEndlessly();
        test::CliRun run(cityioBrowse(server.url()));
        QVERIFY(run.run());
        QCOMPARE(run.exitCode(), 3);
        QVERIFY2(run.standardError().contains(QLatin1String("passed the 32.0 MiB limit for a listing")),
            qPrintable(run.standardError()));
        QVERIFY2(server.bodyBytesSent() < 96ll << 20, qPrintable(QString::number(server.bodyBytesSent())));
    }

    void aCityioRedirectElsewhereIsNotFollowed()
    {
        HostileHttpServer server;
        HostileHttpServer other;
        QVERIFY(server.listen());
        QVERIFY(other.listen());
        server.redirectTo(other.url(QStringLiteral("/api/table/list/")));
        other.answerWith(200, R"(["volpe"])");
        test::CliRun run(cityioBrowse(server.url()));
        QVERIFY(run.run());
        QCOMPARE(run.exitCode(), 3);
        QVERIFY2(run.standardError().contains(QLatin1String("redirected to another origin")),
            qPrintable(run.standardError()));
        QVERIFY(other.requests().isEmpty());
    }

    void theSocketKeyGoesOnlyWhereTheLoginWent_data()
    {
        QTest::addColumn<bool>("tls");
        // %1: the port of a listener that must stay unvisited; 192.0.2.1 is TEST-NET-1 (RFC 5737):
        // another host, and one that leads nowhere.
        QTest::addColumn<QString>("websocketUrl");
        QTest::addColumn<QString>("reason");
        QTest::newRow("https login, ws:// stream")
            << true << QStringLiteral("ws://127.0.0.1:%1/wss/user?id=0123") << QStringLiteral("plain ws://");
        QTest::newRow("https login, another host")
            << true << QStringLiteral("wss://192.0.2.1:%1/wss/user?id=0123") << QStringLiteral("on another host");
        QTest::newRow("http login, another host")
            << false << QStringLiteral("wss://192.0.2.1:%1/wss/user?id=0123") << QStringLiteral("on another host");
    }

    void theSocketKeyGoesOnlyWhereTheLoginWent()
    {
        QFETCH(bool, tls);
        QFETCH(QString, websocketUrl);
        QFETCH(QString, reason);
        QTcpServer listener; // any connection here would carry the key
        QVERIFY(listener.listen(QHostAddress::Any));
        int visits = 0;
        connect(&listener, &QTcpServer::newConnection, this, [&listener, &visits] {
            while (QTcpSocket *socket = listener.nextPendingConnection()) {
                ++visits;
                socket->close();
            }
        });
        HostileHttpServer server;
        if (tls)
            server.setTls(test::selfSignedServerTls());
        QVERIFY(server.listen());
        server.answerWith(200, loginReply(websocketUrl.arg(listener.serverPort())));
        test::CliRun run(openteraBrowse(server.url(), tls ? trustTestCa() : QStringList()), withPassword());
        QVERIFY(run.run());
        QCOMPARE(run.exitCode(), 3);
        QVERIFY2(run.standardError().contains(reason), qPrintable(run.standardError()));
        QVERIFY2(!run.standardError().contains(QLatin1String("0123")), qPrintable(run.standardError()));
        QCOMPARE(visits, 0);
    }
};

QTEST_GUILESS_MAIN(tst_HostileRest)
#include "tst_hostilerest.moc"
