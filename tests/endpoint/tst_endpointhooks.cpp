#include "core/endpoint/endpoint.h"
#include "core/link/websocketlink.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace fleetscope;

namespace {

// The smallest adapter: one link (found by the wire tap as a child, never attached explicitly),
// and public access to the reporting the base class does.
class ProbeEndpoint : public Endpoint
{
public:
    explicit ProbeEndpoint(const EndpointConfig &config)
        : Endpoint(config)
        , link(config.link, this)
    {
        connect(&link, &WebSocketLink::opened, this, [this] { link.markReady(); });
    }
    LinkCounters counters() const override { return link.counters(); }
    void open() override { link.open(config().url); }
    void close() override { link.close(); }
    void browse() override { }
    void subscribe(const QString &) override { }
    void unsubscribe(const QString &) override { }
    void send(const Command &command) override { link.sendText(command.payload); }
    using Endpoint::reportEvent;
    using Endpoint::reportSample;
    using Endpoint::reportTopic;
    using Endpoint::reportTopicRemoved;

    WebSocketLink link;
};

Topic topic(const QString &path)
{
    Topic t;
    t.path = path;
    return t;
}

struct Collected
{
    TopicList topics;
    SampleList samples;
    EventList events;
};

void collect(Endpoint *endpoint, Collected *into, QObject *context)
{
    QObject::connect(endpoint, &Endpoint::batchReady, context, [into](const EndpointBatch &batch) {
        into->topics += batch.topics;
        into->samples += batch.samples;
        into->events += batch.events;
    });
}

} // namespace

class TestEndpointHooks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void topicLimit();
    void defaultReplayHooks();
    void wireTapSeesFramesInOrder();
};

void TestEndpointHooks::topicLimit()
{
    EndpointConfig config;
    config.name = QStringLiteral("probe");
    config.maxTopics = 3;
    ProbeEndpoint endpoint(config);
    Collected seen;
    collect(&endpoint, &seen, this);
    endpoint.reportTopic(topic(QStringLiteral("a")));
    endpoint.reportTopic(topic(QStringLiteral("b")));
    endpoint.reportSample(QStringLiteral("b/x"), 1, 1.0); // a derived path counts as a topic
    endpoint.reportTopic(topic(QStringLiteral("c"))); // over the limit
    endpoint.reportSample(QStringLiteral("d"), 2, 2.0); // over the limit
    endpoint.reportSample(QStringLiteral("b/x"), 3, 3.0); // known: still flows
    endpoint.reportTopic(topic(QStringLiteral("a"))); // known: an update still flows
    endpoint.flush();
    QCOMPARE(seen.topics.size(), 3);
    QCOMPARE(seen.samples.size(), 2);
    QCOMPARE(seen.events.size(), 1); // said once
    QCOMPARE(seen.events.first().severity, Severity::Warning);
    QVERIFY(seen.events.first().summary.contains(QLatin1String("topic limit reached")));
    // Room again once a topic goes; the next time the limit is hit it is said again.
    endpoint.reportTopicRemoved(QStringLiteral("a"));
    endpoint.reportTopic(topic(QStringLiteral("c")));
    endpoint.reportTopic(topic(QStringLiteral("e")));
    endpoint.flush();
    QCOMPARE(seen.topics.size(), 4);
    QCOMPARE(seen.events.size(), 2);
}

void TestEndpointHooks::defaultReplayHooks()
{
    ProbeEndpoint endpoint(EndpointConfig {});
    Collected seen;
    collect(&endpoint, &seen, this);
    endpoint.setReplayTime(1700000000123);
    endpoint.replayFrame(QStringLiteral("{\"raw\":1}"));
    endpoint.replayBinaryFrame(QByteArray("\x01\x02", 2));
    endpoint.replaySentFrame(QStringLiteral("ignored"));
    endpoint.setReplayTime(0);
    endpoint.reportEvent(Severity::Info, QString(), QStringLiteral("live"));
    endpoint.flush();
    QCOMPARE(seen.events.size(), 3);
    QCOMPARE(seen.events.at(0).payload, QStringLiteral("{\"raw\":1}"));
    QCOMPARE(seen.events.at(0).t, 1700000000123); // the recorded time, not now
    QCOMPARE(seen.events.at(1).payload, QStringLiteral("2 bytes: 01 02"));
    QVERIFY(seen.events.at(2).t > 1700000000123);
}

void TestEndpointHooks::wireTapSeesFramesInOrder()
{
    QWebSocketServer server(QStringLiteral("echo"), QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QWebSocketServer::newConnection, this, [&server] {
        QWebSocket *socket = server.nextPendingConnection();
        socket->setParent(&server);
        connect(socket, &QWebSocket::textMessageReceived, socket,
            [socket](const QString &text) { socket->sendTextMessage(QStringLiteral("echo:") + text); });
        connect(socket, &QWebSocket::binaryMessageReceived, socket,
            [socket](const QByteArray &data) { socket->sendBinaryMessage(data + "!"); });
    });
    EndpointConfig config;
    config.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.serverPort()));
    config.link.pingIntervalMs = 0;
    ProbeEndpoint endpoint(config);
    QVector<WireFrame> frames;
    connect(&endpoint, &Endpoint::wireFrame, this, [&frames](const WireFrame &frame) { frames.append(frame); });
    endpoint.open();
    QTRY_VERIFY_WITH_TIMEOUT(endpoint.link.state() == LinkState::Ready, 5000);
    endpoint.send(Command {QString(), QStringLiteral("hello"), 0});
    endpoint.link.sendBinary(QByteArray("\x00\x01", 2));
    QTRY_COMPARE_WITH_TIMEOUT(frames.size(), 4, 5000);
    QVERIFY(frames.at(0).direction == WireFrame::Direction::Out);
    QCOMPARE(frames.at(0).text, QStringLiteral("hello"));
    QVERIFY(frames.at(1).direction == WireFrame::Direction::Out && frames.at(1).binary);
    QVERIFY(frames.at(2).direction == WireFrame::Direction::In);
    QCOMPARE(frames.at(2).text, QStringLiteral("echo:hello"));
    QCOMPARE(frames.at(3).data, QByteArray("\x00\x01!", 3));
    QVERIFY(frames.at(0).t > 0 && frames.at(3).t >= frames.at(0).t);
}

QTEST_GUILESS_MAIN(TestEndpointHooks)
#include "tst_endpointhooks.moc"
