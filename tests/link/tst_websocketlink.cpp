#include "core/link/websocketlink.h"
#include "tests/common/silentpeer.h"
#include "tests/common/testsupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace fleetscope;

namespace {

// A plain echo-free WebSocket server that keeps its sockets so tests can drop them.
class Server : public QObject
{
public:
    explicit Server(QWebSocketServer::SslMode mode = QWebSocketServer::NonSecureMode)
        : server(QStringLiteral("test"), mode)
    {
        QObject::connect(&server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = server.nextPendingConnection()) {
                sockets << socket;
                ++accepted;
                QObject::connect(
                    socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) { received << text; });
            }
        });
    }
    QUrl url(const QString &scheme = QStringLiteral("ws")) const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2/").arg(scheme).arg(server.serverPort()));
    }
    void dropAll()
    {
        for (QWebSocket *socket : std::as_const(sockets))
            socket->abort();
        sockets.clear();
    }
    QWebSocketServer server;
    QList<QWebSocket *> sockets;
    QStringList received;
    int accepted = 0;
};

// A server whose "handshake" passes and which then closes the connection: it closes every socket
// on its first message while `closing` is set.
class ClosingServer : public QObject
{
public:
    ClosingServer()
        : server(QStringLiteral("closing"), QWebSocketServer::NonSecureMode)
    {
        QObject::connect(&server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = server.nextPendingConnection()) {
                sockets << socket;
                QObject::connect(socket, &QWebSocket::textMessageReceived, this, [this, socket] {
                    if (closing)
                        socket->close();
                });
            }
        });
    }
    QWebSocketServer server;
    QList<QWebSocket *> sockets;
    bool closing = true;
};

LinkOptions fastOptions()
{
    LinkOptions options;
    options.connectTimeoutMs = 5000;
    options.pingIntervalMs = 0;
    options.initialBackoffMs = 100;
    options.maxBackoffMs = 400;
    return options;
}

} // namespace

class tst_WebSocketLink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<LinkState>(); }

    void connectsAndReportsStates()
    {
        Server server;
        QVERIFY(server.server.listen(QHostAddress::LocalHost));
        WebSocketLink link(fastOptions());
        QSignalSpy states(&link, &WebSocketLink::stateChanged);
        QSignalSpy opened(&link, &WebSocketLink::opened);
        link.open(server.url());
        QTRY_COMPARE(opened.count(), 1);
        QCOMPARE(link.state(), LinkState::Connected);
        link.markReady(QStringLiteral("hello done"));
        QCOMPARE(link.state(), LinkState::Ready);
        QCOMPARE(states.first().first().value<LinkStatus>().state, LinkState::Connecting);

        QVERIFY(link.sendText(QStringLiteral("ping me")) > 0);
        QTRY_COMPARE(server.received.size(), 1);
        QCOMPARE(link.counters().framesOut, 1u);
        server.sockets.first()->sendTextMessage(QStringLiteral("{\"x\":1}"));
        QSignalSpy text(&link, &WebSocketLink::textReceived);
        QTRY_COMPARE(text.count(), 1);
        QCOMPARE(link.counters().framesIn, 1u);
        QCOMPARE(link.counters().bytesIn, 7u);

        link.close();
        QCOMPARE(link.state(), LinkState::Closed);
    }

    void reconnectsWithBackoffAfterADrop()
    {
        Server server;
        QVERIFY(server.server.listen(QHostAddress::LocalHost));
        WebSocketLink link(fastOptions());
        QSignalSpy opened(&link, &WebSocketLink::opened);
        QSignalSpy dropped(&link, &WebSocketLink::dropped);
        link.open(server.url());
        QTRY_COMPARE(opened.count(), 1);
        link.markReady();

        server.dropAll();
        QTRY_COMPARE(dropped.count(), 1);
        QCOMPARE(link.state(), LinkState::Reconnecting);
        QVERIFY(link.retryInMs() >= 0);
        QVERIFY(link.retryInMs() <= 1000); // the first retry comes within a second
        // The pending retry is data; its wording is only for display.
        QVERIFY(link.status().isProblem());
        QVERIFY(link.status().retryInMs >= link.retryInMs());
        QVERIFY2(link.status().text().endsWith(
                     QStringLiteral("; retry in %1 s").arg(link.status().retryInMs / 1000.0, 0, 'f', 1)),
            qPrintable(link.status().text()));
        QTRY_COMPARE(opened.count(), 2);
        QCOMPARE(server.accepted, 2);
        QCOMPARE(link.counters().reconnects, 1u);

        // Drops keep being survived, each after a (growing, capped) delay.
        link.markReady();
        server.dropAll();
        QTRY_COMPARE(opened.count(), 3);
        QCOMPARE(link.counters().reconnects, 2u);
    }

    void retriesWhileTheServerIsDown()
    {
        Server server;
        QVERIFY(server.server.listen(QHostAddress::LocalHost));
        const QUrl url = server.url();
        const quint16 port = server.server.serverPort();
        WebSocketLink link(fastOptions());
        QSignalSpy opened(&link, &WebSocketLink::opened);
        link.open(url);
        QTRY_COMPARE(opened.count(), 1);
        link.markReady();
        server.server.close();
        server.dropAll();
        QTRY_VERIFY(link.counters().reconnects >= 3); // several failed attempts, no give-up
        QCOMPARE(link.state(), LinkState::Reconnecting);
        QVERIFY(server.server.listen(QHostAddress::LocalHost, port));
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 2, 5000);
    }

    void firstFailureIsFinalWhenAsked()
    {
        Server server;
        QVERIFY(server.server.listen(QHostAddress::LocalHost));
        const QUrl url = server.url();
        server.server.close();
        LinkOptions options = fastOptions();
        options.retryFirstConnect = false;
        WebSocketLink link(options);
        link.open(url);
        QTRY_COMPARE(link.state(), LinkState::Failed);
        QCOMPARE(link.status().reason, LinkReason::Network);
        QVERIFY2(link.status().text().contains(QLatin1String("refused"), Qt::CaseInsensitive),
            qPrintable(link.status().text()));
    }

    void adapterFailureStopsReconnecting()
    {
        Server server;
        QVERIFY(server.server.listen(QHostAddress::LocalHost));
        WebSocketLink link(fastOptions());
        QSignalSpy opened(&link, &WebSocketLink::opened);
        connect(&link, &WebSocketLink::dropped, &link,
            [&link] { link.fail(LinkReason::Dismissed, QStringLiteral("server said goodbye")); });
        link.open(server.url());
        QTRY_COMPARE(opened.count(), 1);
        server.dropAll();
        QTRY_COMPARE(link.state(), LinkState::Failed);
        QCOMPARE(link.status().reason, LinkReason::Dismissed);
        QCOMPARE(link.status().text(), QStringLiteral("server said goodbye"));
        QCOMPARE(link.retryInMs(), -1);
    }

    void detectsADeadLinkWithinTwoPingIntervals()
    {
        test::SilentPeer peer;
        QVERIFY(peer.listen(QHostAddress::LocalHost));
        LinkOptions options = fastOptions();
        options.pingIntervalMs = 300;
        WebSocketLink link(options);
        QSignalSpy opened(&link, &WebSocketLink::opened);
        QSignalSpy dropped(&link, &WebSocketLink::dropped);
        link.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(peer.serverPort())));
        QTRY_COMPARE(opened.count(), 1);
        QElapsedTimer sinceOpen;
        sinceOpen.start();
        // Two intervals, plus scheduling slack on a loaded machine.
        QTRY_COMPARE_WITH_TIMEOUT(dropped.count(), 1, 2 * options.pingIntervalMs + 400);
        QVERIFY2(dropped.first().at(1).toString().contains(QLatin1String("keepalive")),
            qPrintable(dropped.first().at(1).toString()));
        QVERIFY(sinceOpen.elapsed() >= options.pingIntervalMs); // not before a ping went unanswered
        QTRY_VERIFY(peer.handshakes() >= 2); // and it reconnects
    }

    void aLivePeerIsNotMistakenForDead()
    {
        Server server;
        QVERIFY(server.server.listen(QHostAddress::LocalHost));
        LinkOptions options = fastOptions();
        options.pingIntervalMs = 100;
        WebSocketLink link(options);
        QSignalSpy opened(&link, &WebSocketLink::opened);
        QSignalSpy dropped(&link, &WebSocketLink::dropped);
        link.open(server.url());
        QTRY_COMPARE(opened.count(), 1);
        // Ten ping intervals pass, every ping answered: still connected.
        QSignalSpy never(&link, &WebSocketLink::reopenDue);
        QVERIFY(!never.wait(1000));
        QCOMPARE(dropped.count(), 0);
        QCOMPARE(link.state(), LinkState::Connected);
    }

    void aServerThatClosesAfterReadyIsRetriedEverSlower()
    {
        // The adapter's handshake passes (markReady) and the server closes at once, again and
        // again: the delays must keep growing (they started over at every Ready: ~2 reconnects a
        // second forever).
        ClosingServer server;
        QVERIFY(server.server.listen(QHostAddress::LocalHost));
        LinkOptions options = fastOptions();
        options.maxBackoffMs = 10000;
        WebSocketLink link(options);
        QObject::connect(&link, &WebSocketLink::opened, &link, [&link] {
            link.markReady(QStringLiteral("handshake done"));
            link.sendText(QStringLiteral("hello"));
        });
        QVector<int> delays;
        QObject::connect(&link, &WebSocketLink::stateChanged, &link, [&delays](const LinkStatus &status) {
            if (status.state == LinkState::Reconnecting && status.retryInMs > 0)
                delays << status.retryInMs;
        });
        link.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.server.serverPort())));
        QTRY_VERIFY_WITH_TIMEOUT(delays.size() >= 4, 10000);
        link.close();
        // 100, 200, 400, 800 ms with ±20 % jitter: each longer than the one before.
        for (int i = 1; i < 4; ++i)
            QVERIFY2(delays.at(i) > delays.at(i - 1), qPrintable(QString::number(delays.at(i))));
        QVERIFY2(delays.at(3) >= 600, qPrintable(QString::number(delays.at(3))));
        QCOMPARE(link.retryAttempts(), 4);
    }

    void aStableLinkStartsTheBackoffOver()
    {
        ClosingServer server;
        QVERIFY(server.server.listen(QHostAddress::LocalHost));
        LinkOptions options = fastOptions();
        options.maxBackoffMs = 10000;
        options.stableAfterMs = 300;
        WebSocketLink link(options);
        QSignalSpy opened(&link, &WebSocketLink::opened);
        QObject::connect(&link, &WebSocketLink::opened, &link, [&link] {
            link.markReady();
            link.sendText(QStringLiteral("hello"));
        });
        link.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.server.serverPort())));
        QTRY_VERIFY_WITH_TIMEOUT(link.retryAttempts() >= 3, 10000);
        server.closing = false; // the next connection stays up
        QTRY_COMPARE_WITH_TIMEOUT(link.state(), LinkState::Ready, 5000);
        QVERIFY(link.retryAttempts() >= 3); // not yet: Ready alone proves nothing
        QTRY_COMPARE(link.retryAttempts(), 0); // after stableAfterMs of Ready
        // The next drop is retried after the initial delay again.
        QVector<int> delays;
        QObject::connect(&link, &WebSocketLink::stateChanged, &link, [&delays](const LinkStatus &status) {
            if (status.state == LinkState::Reconnecting && status.retryInMs > 0)
                delays << status.retryInMs;
        });
        server.sockets.last()->abort();
        QTRY_COMPARE(delays.size(), 1);
        QVERIFY2(delays.first() <= 120, qPrintable(QString::number(delays.first())));
    }

    void connectTimeout()
    {
        // A TCP listener that never answers the upgrade: the connect times out, then retries.
        QTcpServer mute;
        QVERIFY(mute.listen(QHostAddress::LocalHost));
        LinkOptions options = fastOptions();
        options.connectTimeoutMs = 300;
        options.retryFirstConnect = false;
        WebSocketLink link(options);
        link.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(mute.serverPort())));
        QTRY_COMPARE_WITH_TIMEOUT(link.state(), LinkState::Failed, 3000);
        QCOMPARE(link.status().reason, LinkReason::Timeout);
        QVERIFY2(link.status().text().contains(QLatin1String("timed out")), qPrintable(link.status().text()));
    }
};

QTEST_GUILESS_MAIN(tst_WebSocketLink)
#include "tst_websocketlink.moc"
