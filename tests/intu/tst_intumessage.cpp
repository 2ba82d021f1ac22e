#include "core/protocols/intu/intumessage.h"

#include <QTest>

using namespace fleetscope::intu;
using Kind = Message::Kind;

Q_DECLARE_METATYPE(fleetscope::intu::Message::Kind)

// Declared before the test data: moc misreads raw strings that hold \" sequences.
class tst_IntuMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesEveryKind_data();
    void decodesEveryKind();
    void readsQueryResponse();
    void readsControlAndFlags();
    void nodePrefixes_data();
    void nodePrefixes();
    void garbageNeverCrashes();
};

namespace {

QByteArray binaryFrame(const QByteArray &header, const QByteArray &bytes)
{
    return header + '\0' + bytes;
}

// The server's own text, as docs/protocols/intu.md#publish describes it.
const QByteArray kLogPublish = R"({
   "binary" : false,
   "data" : "{\n   \"level\" : \"WARN\",\n   \"message\" : \"Topic nosuch not found.\",\n   \"subsystem\" : \"TopicManager\",\n   \"time\" : \"04/16/18 17:19:31.123\"\n}\n",
   "msg" : "publish",
   "origin" : "../.",
   "persisted" : false,
   "targets" : [ "." ],
   "topic" : "log",
   "type" : "application/json"
}
)";

const QByteArray kQueryResponse = R"({
   "children" : [ "intu-console-1", "pepper-7f3a" ],
   "msg" : "query_response",
   "name" : "Willow",
   "origin" : "../.",
   "parentId" : "parent-0001",
   "request" : "1",
   "selfId" : "a3b1c2d4-embodiment",
   "targets" : [ "." ],
   "topics" : [
      { "topicId" : "blackboard-stream", "type" : "application/json" },
      { "topicId" : "conversation", "type" : "text/plain" },
      { "topicId" : "log", "type" : "application/json" },
      { "topicId" : "sensor-Camera", "type" : "image/jpeg" },
      { "topicId" : "sensor-System", "type" : "application/json" }
   ],
   "type" : "Linux",
   "version" : "0.1.460"
}
)";

const QByteArray kSystemHeader = R"({
   "binary" : true,
   "data" : 125,
   "msg" : "publish",
   "origin" : "../.",
   "persisted" : false,
   "targets" : [ "." ],
   "topic" : "sensor-System",
   "type" : "application/json"
}
)";

const QByteArray kHealth =
    R"({"Type_":"HealthData","m_HealthName":"System","m_Content":{"state":"cpuUsage","value":23.5,"error":false,"raiseAlert":false}})";

} // namespace

void tst_IntuMessage::decodesEveryKind_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("binary");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("path"); // publish path, or the failed path of an error reply
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("request");

    QTest::newRow("control frame") << QByteArray("{\n   \"control\" : \"authenticate\",\n   \"selfId\" : "
                                                 "\"a3b1c2d4-embodiment\",\n   \"token\" : \"\"\n}\n")
                                   << false << Kind::Control << QString() << QByteArray() << QString();
    QTest::newRow("query_response (styled, sorted)")
        << kQueryResponse << false << Kind::QueryResponse << QString() << QByteArray() << QStringLiteral("1");
    QTest::newRow("publish: data is double-encoded")
        << kLogPublish << false << Kind::Publish << QStringLiteral("log")
        << QByteArray("{\n   \"level\" : \"WARN\",\n   \"message\" : \"Topic nosuch not found.\",\n   \"subsystem\" : "
                      "\"TopicManager\",\n   \"time\" : \"04/16/18 17:19:31.123\"\n}\n")
        << QString();
    QTest::newRow("publish from a child: origin ../pepper-7f3a/.") << QByteArray(
        R"({"msg":"publish","origin":"../pepper-7f3a/.","targets":["."],"topic":"log","type":"application/json","data":"{}"})")
                                                                   << false << Kind::Publish
                                                                   << QStringLiteral("pepper-7f3a/log")
                                                                   << QByteArray("{}") << QString();
    QTest::newRow("publish from the parent: origin ../../.")
        << QByteArray(R"({"msg":"publish","origin":"../../.","targets":["."],"topic":"log","data":"x"})") << false
        << Kind::Publish << QStringLiteral("../log") << QByteArray("x") << QString();
    QTest::newRow("publish from a grandchild")
        << QByteArray(R"({"msg":"publish","origin":"../pepper-7f3a/arm-1/.","topic":"log","data":"x"})") << false
        << Kind::Publish << QStringLiteral("pepper-7f3a/arm-1/log") << QByteArray("x") << QString();
    QTest::newRow("persisted replay has no binary member") << QByteArray(
        R"({"msg":"publish","origin":"../.","targets":["."],"topic":"notes","type":"text/plain","data":"kept","persisted":true})")
                                                           << false << Kind::Publish << QStringLiteral("notes")
                                                           << QByteArray("kept") << QString();
    QTest::newRow("re-publish of a publish_at, with remote_origin") << QByteArray(
        R"({"msg":"publish","origin":"../.","topic":"conversation","type":"text/plain","data":"hello robot","remote_origin":"intu-console-1/.","persisted":false})")
                                                                    << false << Kind::Publish
                                                                    << QStringLiteral("conversation")
                                                                    << QByteArray("hello robot") << QString();
    QTest::newRow("data as an object (not double-encoded) is kept as JSON text")
        << QByteArray(R"({"msg":"publish","origin":"../.","topic":"config","data":{"event":"x"}})") << false
        << Kind::Publish << QStringLiteral("config") << QByteArray(R"({"event":"x"})") << QString();
    QTest::newRow("binary: styled header + NUL + bytes, JSON sensor")
        << binaryFrame(kSystemHeader, kHealth) << true << Kind::Publish << QStringLiteral("sensor-System") << kHealth
        << QString();
    QTest::newRow("binary: only `data` bytes are taken") << binaryFrame(
        R"({"msg":"publish","origin":"../.","topic":"sensor-Camera","type":"image/jpeg","binary":true,"data":3})",
        QByteArray("\xff\xd8\xff\x00\x01", 5)) << true << Kind::Publish
                                                         << QStringLiteral("sensor-Camera")
                                                         << QByteArray("\xff\xd8\xff", 3) << QString();
    QTest::newRow("binary: payload with NULs inside")
        << binaryFrame(R"({"msg":"publish","origin":"../.","topic":"sensor-Microphone","binary":true,"data":4})",
               QByteArray("\x00\x01\x00\x02", 4))
        << true << Kind::Publish << QStringLiteral("sensor-Microphone") << QByteArray("\x00\x01\x00\x02", 4)
        << QString();
    QTest::newRow("binary: byte count as a string")
        << binaryFrame(R"({"msg":"publish","origin":"../.","topic":"t","binary":true,"data":"2"})", "ab") << true
        << Kind::Publish << QStringLiteral("t") << QByteArray("ab") << QString();
    QTest::newRow("binary: truncated") << binaryFrame(R"({"msg":"publish","topic":"t","data":100})", "short") << true
                                       << Kind::Malformed << QString() << QByteArray() << QString();
    QTest::newRow("binary: no NUL") << QByteArray(R"({"msg":"publish","topic":"t","data":1})") << true
                                    << Kind::Malformed << QString() << QByteArray() << QString();
    QTest::newRow("binary: header is not JSON")
        << binaryFrame("\x89PNG\r\n", "rest") << true << Kind::Malformed << QString() << QByteArray() << QString();
    QTest::newRow("binary: negative count") << binaryFrame(R"({"msg":"publish","data":-1})", "x") << true
                                            << Kind::Malformed << QString() << QByteArray() << QString();
    QTest::newRow("subscribed_failed (the server's spelling)") << QByteArray(
        R"({ "failed_msg" : "subscribe", "msg" : "subscribed_failed", "origin" : "../no-such-topic", "targets" : [ "." ] })")
                                                               << false << Kind::SubscribeFailed
                                                               << QStringLiteral("no-such-topic") << QByteArray()
                                                               << QString();
    QTest::newRow("subscribe_failed (the handler's spelling)")
        << QByteArray(
               R"({"failed_msg":"subscribe","msg":"subscribe_failed","origin":"../no-such-topic","targets":["."]})")
        << false << Kind::SubscribeFailed << QStringLiteral("no-such-topic") << QByteArray() << QString();
    QTest::newRow("subscribed_failed on a child") << QByteArray(
        R"({"failed_msg":"subscribe","msg":"subscribed_failed","origin":"../pepper-7f3a/nosuch","targets":["."]})")
                                                  << false << Kind::SubscribeFailed
                                                  << QStringLiteral("pepper-7f3a/nosuch") << QByteArray() << QString();
    QTest::newRow("no_route: origin minus ../ + orig_msg.targets[0]") << QByteArray(
        R"({ "failed_msg" : "subscribe", "msg" : "no_route", "orig_msg" : { "msg" : "subscribe", "origin" : "intu-console-1/.", "targets" : [ "log" ] }, "origin" : "../ghost-node", "targets" : [ "." ] })")
                                                                      << false << Kind::NoRoute
                                                                      << QStringLiteral("ghost-node/log")
                                                                      << QByteArray() << QString();
    QTest::newRow("no_route of a query carries its request") << QByteArray(
        R"({"failed_msg":"query","msg":"no_route","request":"7","orig_msg":{"msg":"query","request":"7","targets":["."]},"origin":"../ghost-node","targets":["."]})")
                                                             << false << Kind::NoRoute << QStringLiteral("ghost-node")
                                                             << QByteArray() << QStringLiteral("7");
    QTest::newRow("no_route without a parent") << QByteArray(
        R"({"failed_msg":"subscribe","msg":"no_route","orig_msg":{"msg":"subscribe","targets":["log"]},"origin":"../..","targets":["."]})")
                                               << false << Kind::NoRoute << QStringLiteral("../log") << QByteArray()
                                               << QString();
    QTest::newRow("query from another node (request as a number)")
        << QByteArray(R"({"msg":"query","targets":["."],"request":42,"origin":"../."})") << false << Kind::Query
        << QString() << QByteArray() << QStringLiteral("42");
    QTest::newRow("subscribe addressed to the console")
        << QByteArray(R"({"msg":"subscribe","targets":["."],"origin":"../."})") << false << Kind::Subscribe << QString()
        << QByteArray() << QString();
    QTest::newRow("publish_at addressed to the console")
        << QByteArray(R"({"msg":"publish_at","targets":["x"],"origin":"../.","data":"d"})") << false << Kind::PublishAt
        << QString() << QByteArray("d") << QString();
    QTest::newRow("unknown kind") << QByteArray(R"({"msg":"teleport","targets":["."]})") << false << Kind::Unknown
                                  << QString() << QByteArray() << QString();
    QTest::newRow("not JSON") << QByteArray("hello") << false << Kind::Malformed << QString() << QByteArray()
                              << QString();
    QTest::newRow("empty frame") << QByteArray() << false << Kind::Malformed << QString() << QByteArray() << QString();
    QTest::newRow("JSON array") << QByteArray("[1,2]") << false << Kind::Malformed << QString() << QByteArray()
                                << QString();
    QTest::newRow("object without msg or control")
        << QByteArray(R"({"topic":"log"})") << false << Kind::Malformed << QString() << QByteArray() << QString();
}

void tst_IntuMessage::decodesEveryKind()
{
    QFETCH(QByteArray, frame);
    QFETCH(bool, binary);
    QFETCH(Kind, kind);
    QFETCH(QString, path);
    QFETCH(QByteArray, data);
    QFETCH(QString, request);

    const Message message = binary ? decodeBinaryFrame(frame) : decodeTextFrame(frame);
    QCOMPARE(messageKindName(message.kind), messageKindName(kind));
    QCOMPARE(message.frameBytes, frame.size());
    if (kind == Kind::Malformed) {
        QVERIFY(!message.problem.isEmpty());
        return;
    }
    if (kind == Kind::Publish)
        QCOMPARE(publishPath(message), path);
    if (kind == Kind::SubscribeFailed || kind == Kind::NoRoute)
        QCOMPARE(failedPath(message), path);
    if (!data.isNull())
        QCOMPARE(message.data, data);
    QCOMPARE(message.request, request);
    QCOMPARE(message.binaryFrame, binary);
}

void tst_IntuMessage::readsQueryResponse()
{
    const Message m = decodeTextFrame(kQueryResponse);
    QCOMPARE(m.node.selfId, QStringLiteral("a3b1c2d4-embodiment"));
    QCOMPARE(m.node.name, QStringLiteral("Willow"));
    QCOMPARE(m.node.type, QStringLiteral("Linux"));
    QCOMPARE(m.node.version, QStringLiteral("0.1.460"));
    QCOMPARE(m.node.parentId, QStringLiteral("parent-0001"));
    QCOMPARE(m.node.children, (QStringList {QStringLiteral("intu-console-1"), QStringLiteral("pepper-7f3a")}));
    QCOMPARE(m.node.topics.size(), 5);
    QCOMPARE(m.node.topics.at(3).topicId, QStringLiteral("sensor-Camera"));
    QCOMPARE(m.node.topics.at(3).type, QStringLiteral("image/jpeg"));
    QCOMPARE(nodePrefix(m.origin), QString());
}

void tst_IntuMessage::readsControlAndFlags()
{
    const Message control = decodeTextFrame(R"({"control":"authenticate","selfId":"sim-intu-0001","token":""})");
    QCOMPARE(control.control, QStringLiteral("authenticate"));
    QCOMPARE(control.controlSelfId, QStringLiteral("sim-intu-0001"));

    const Message replay =
        decodeTextFrame(R"({"msg":"publish","origin":"../.","topic":"notes","data":"kept","persisted":true})");
    QVERIFY(replay.persisted);
    QVERIFY(!replay.binaryFrame);

    const Message republish = decodeTextFrame(
        R"({"msg":"publish","origin":"../.","topic":"conversation","data":"hi","remote_origin":"intu-console-1/."})");
    QCOMPARE(republish.remoteOrigin, QStringLiteral("intu-console-1/."));

    const Message noRoute = decodeTextFrame(
        R"({"failed_msg":"subscribe","msg":"no_route","orig_msg":{"targets":["log"]},"origin":"../pepper-7f3a/ghost"})");
    QCOMPARE(failedHop(noRoute), QStringLiteral("pepper-7f3a/ghost"));
    QCOMPARE(failedPath(noRoute), QStringLiteral("pepper-7f3a/ghost/log"));
    QCOMPARE(noRoute.failedMsg, QStringLiteral("subscribe"));
}

void tst_IntuMessage::nodePrefixes_data()
{
    QTest::addColumn<QString>("origin");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("the connected node") << QStringLiteral("../.") << QString();
    QTest::newRow("a child") << QStringLiteral("../pepper-7f3a/.") << QStringLiteral("pepper-7f3a/");
    QTest::newRow("the parent") << QStringLiteral("../../.") << QStringLiteral("../");
    QTest::newRow("a sibling via the parent") << QStringLiteral("../../nao/.") << QStringLiteral("../nao/");
    QTest::newRow("no trailing dot (tolerated)") << QStringLiteral("../pepper-7f3a") << QStringLiteral("pepper-7f3a/");
    QTest::newRow("empty") << QString() << QString();
}

void tst_IntuMessage::nodePrefixes()
{
    QFETCH(QString, origin);
    QFETCH(QString, prefix);
    QCOMPARE(nodePrefix(origin), prefix);
}

void tst_IntuMessage::garbageNeverCrashes()
{
    // Random frames, some with a plausible header, through both decoders.
    quint32 seed = 12345;
    auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
    for (int i = 0; i < 3000; ++i) {
        QByteArray frame(static_cast<int>(next() % 200), Qt::Uninitialized);
        for (char &c : frame)
            c = static_cast<char>(next() >> 24);
        if (i % 3 == 0)
            frame.prepend(
                QByteArray(R"({"msg":"publish","topic":"t","data":)") + QByteArray::number(next() % 300) + "}" + '\0');
        const Message a = decodeBinaryFrame(frame);
        const Message b = decodeTextFrame(frame);
        QVERIFY(a.kind == Kind::Malformed || a.kind == Kind::Publish);
        QVERIFY(b.kind == Kind::Malformed || b.kind == Kind::Publish || b.kind == Kind::Unknown);
        if (a.kind == Kind::Publish)
            QVERIFY(a.data.size() <= frame.size());
    }
}

QTEST_GUILESS_MAIN(tst_IntuMessage)
#include "tst_intumessage.moc"
