// The REST request policy every REST client shares, against hostile servers on 127.0.0.1:
// redirects stay within their origin (a credential never reaches another port or host), a body is
// capped as it arrives (an endless body ends in a clear error with memory near the cap), every
// request has an absolute deadline (a trickle that keeps the silence timeout quiet still ends).
#include "core/net/resttransport.h"
#include "core/net/tlspolicy.h"
#include "tests/common/hostilehttpserver.h"

#include <QNetworkRequest>
#include <QTest>

using namespace fleetscope;
using test::HostileHttpServer;

namespace {

LinkOptions quickOptions()
{
    LinkOptions options;
    options.connectTimeoutMs = 5000;
    return options;
}

// Sends one request and waits for its outcome.
RestResponse fetch(RestTransport &transport, const QUrl &url, RestKind kind = RestKind::Data,
    const QByteArray &authorization = QByteArray())
{
    QNetworkRequest request(url);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    RestResponse outcome;
    bool done = false;
    transport.send(request, "GET", QByteArray(), kind, [&](const RestResponse &response) {
        outcome = response;
        done = true;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 30000))
        qWarning("no outcome within 30 s");
    return outcome;
}

} // namespace

class tst_RestTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersComeWhole()
    {
        HostileHttpServer server;
        QVERIFY(server.listen());
        const QByteArray body(300 * 1024, 'a'); // several reads
        server.answerWith(200, body);
        RestTransport transport(quickOptions(), nullptr);
        const RestResponse response = fetch(transport, server.url(QStringLiteral("/x")));
        QCOMPARE(response.failure, RestFailure::None);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, body);
        QCOMPARE(transport.pending(), 0);
    }

    void followsARedirectWithinItsOrigin()
    {
        HostileHttpServer server;
        QVERIFY(server.listen());
        server.redirectTo(server.url(QStringLiteral("/moved")), "/old");
        server.answerWith(200, R"(["here"])", "/moved");
        RestTransport transport(quickOptions(), nullptr);
        const RestResponse response =
            fetch(transport, server.url(QStringLiteral("/old")), RestKind::Listing, "Basic x");
        QCOMPARE(response.failure, RestFailure::None);
        QCOMPARE(response.body, QByteArray(R"(["here"])"));
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(server.requests().at(1).header("authorization"), QByteArray("Basic x"));
    }

    void refusesARedirectToAnotherOrigin_data()
    {
        QTest::addColumn<QString>("elsewhere"); // %1: the other server's port
        QTest::newRow("another port") << QStringLiteral("http://127.0.0.1:%1/api/user/login");
        QTest::newRow("another host") << QStringLiteral("http://localhost:%1/api/user/login");
    }

    void refusesARedirectToAnotherOrigin()
    {
        QFETCH(QString, elsewhere);
        HostileHttpServer server;
        HostileHttpServer other; // what the credentials must never reach
        QVERIFY(server.listen());
        QVERIFY(other.listen());
        server.redirectTo(QUrl(elsewhere.arg(other.port())));
        other.answerWith(200, "{}");
        RestTransport transport(quickOptions(), nullptr);
        const RestResponse response = fetch(
            transport, server.url(QStringLiteral("/api/user/login")), RestKind::Session, "Basic YWRtaW46YWRtaW4=");
        QCOMPARE(response.failure, RestFailure::Redirect);
        QCOMPARE(response.status, 0);
        QVERIFY2(response.error.contains(QLatin1String("redirected to another origin")), qPrintable(response.error));
        QVERIFY(!response.transient());
        QCOMPARE(server.requests().size(), 1);
        QVERIFY(other.requests().isEmpty());
    }

    void capsAnEndlessBodyAsItArrives()
    {
        HostileHttpServer server;
        QVERIFY(server.listen());
        server.answerEndlessly();
        RestTransport transport(quickOptions(), nullptr);
        const RestLimit limit = transport.options().rest.session;
        const RestResponse response =
            fetch(transport, server.url(QStringLiteral("/api/user/login")), RestKind::Session);
        QCOMPARE(response.failure, RestFailure::TooLarge);
        QVERIFY2(response.error.contains(QLatin1String("passed the 1.0 MiB limit for a login answer")),
            qPrintable(response.error));
        QVERIFY(response.body.isEmpty());
        // What the client held: the cap and at most one read past it.
        QVERIFY2(response.bytesReceived > limit.maxBodyBytes, qPrintable(QString::number(response.bytesReceived)));
        QVERIFY2(response.bytesReceived < limit.maxBodyBytes + (2 << 20),
            qPrintable(QString::number(response.bytesReceived)));
        // The request was aborted: its connection closed and the server stopped.
        QTRY_COMPARE(server.closedConnections(), 1);
        QVERIFY2(server.bodyBytesSent() < 64ll << 20, qPrintable(QString::number(server.bodyBytesSent())));
    }

    void refusesAnAnnouncedOversizeBody()
    {
        HostileHttpServer server;
        QVERIFY(server.listen());
        LinkOptions options = quickOptions();
        options.rest.listing.maxBodyBytes = 1000;
        server.answerWith(200, QByteArray(5000, 'x'));
        RestTransport transport(options, nullptr);
        const RestResponse response = fetch(transport, server.url(QStringLiteral("/list")), RestKind::Listing);
        QCOMPARE(response.failure, RestFailure::TooLarge);
        QVERIFY2(response.error.contains(QLatin1String("limit for a listing")), qPrintable(response.error));
        // The same body is fine for a kind with room for it.
        QCOMPARE(fetch(transport, server.url(QStringLiteral("/data")), RestKind::Data).failure, RestFailure::None);
    }

    void aTrickleEndsAtTheDeadline()
    {
        HostileHttpServer server;
        QVERIFY(server.listen());
        server.trickle(50); // much more often than the 5 s silence timeout
        LinkOptions options = quickOptions();
        options.rest.listing.deadlineMs = 600;
        RestTransport transport(options, nullptr);
        const RestResponse response = fetch(transport, server.url(QStringLiteral("/list")), RestKind::Listing);
        QCOMPARE(response.failure, RestFailure::Deadline);
        QVERIFY2(response.error.contains(QLatin1String("no complete answer to GET /list within 0.6 s")),
            qPrintable(response.error));
        QVERIFY(response.transient());
        QVERIFY(response.bytesReceived > 0);
        QTRY_COMPARE(server.closedConnections(), 1);
    }

    void cancelledRequestsStaySilent()
    {
        HostileHttpServer server;
        QVERIFY(server.listen());
        server.trickle(50);
        RestTransport transport(quickOptions(), nullptr);
        int calls = 0;
        transport.send(QNetworkRequest(server.url(QStringLiteral("/a"))), "GET", QByteArray(), RestKind::Data,
            [&calls](const RestResponse &) { ++calls; });
        QTRY_COMPARE(server.requests().size(), 1);
        QCOMPARE(transport.pending(), 1);
        transport.cancelAll();
        QCOMPARE(transport.pending(), 0);
        QTRY_COMPARE(server.closedConnections(), 1);
        QCOMPARE(calls, 0);
    }

    void origins_data()
    {
        QTest::addColumn<QUrl>("a");
        QTest::addColumn<QUrl>("b");
        QTest::addColumn<bool>("same");
        const auto u = [](const char *text) { return QUrl(QString::fromLatin1(text)); };
        QTest::newRow("path differs") << u("https://h/a") << u("https://h/b?x=1") << true;
        QTest::newRow("default port spelled") << u("https://h/a") << u("https://h:443/b") << true;
        QTest::newRow("host case") << u("http://Host:8080/") << u("http://host:8080/x") << true;
        QTest::newRow("port") << u("http://h:8080/") << u("http://h:8081/") << false;
        QTest::newRow("scheme") << u("https://h/") << u("http://h/") << false;
        QTest::newRow("scheme, same port") << u("https://h:8443/") << u("http://h:8443/") << false;
        QTest::newRow("host") << u("https://h/") << u("https://h.evil/") << false;
    }

    void origins()
    {
        QFETCH(QUrl, a);
        QFETCH(QUrl, b);
        QFETCH(bool, same);
        QCOMPARE(RestTransport::sameOrigin(a, b), same);
    }
};

QTEST_GUILESS_MAIN(tst_RestTransport)
#include "tst_resttransport.moc"
