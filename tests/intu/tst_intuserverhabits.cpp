#include "sim/intu/intusimulator.h"
#include "tests/common/testsupport.h"
#include "tests/intu/intuconsole.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Habits of the real Intu server (watson-intu/self TopicManager.cpp, BlackBoard.cpp,
// SensorManager.cpp) that the simulator reproduces for issue 20, seen by raw consoles on a real
// socket: docs/protocols/intu.md#quirks.

using namespace fleetscope;
using fleetscope::sim::intu::IntuSdkClient;
using fleetscope::sim::intu::IntuSimulator;
using fleetscope::test::IntuConsole;
using fleetscope::test::intuMessage;

namespace {

QVariantMap quiet(const QVariantMap &extra = {})
{
    QVariantMap options {{QStringLiteral("generator"), false}};
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        options.insert(it.key(), it.value());
    return options;
}

QJsonObject publishAt(const QString &target, const QJsonObject &data, const QString &origin)
{
    QJsonObject message = intuMessage(QStringLiteral("publish_at"), {target}, origin);
    message.insert(QStringLiteral("data"), QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
    message.insert(QStringLiteral("binary"), false);
    message.insert(QStringLiteral("persisted"), false);
    return message;
}

} // namespace

class tst_IntuServerHabits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sdkProxySensorIsListedWithItsBinaryType()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet({{QStringLiteral("sdkClient"), true}}));
        QVERIFY(simulator);
        IntuConsole c(QStringLiteral("console-a"));
        QVERIFY(c.open(simulator.get()));
        QJsonObject query = intuMessage(QStringLiteral("query"), {QStringLiteral(".")}, c.origin());
        query.insert(QStringLiteral("request"), QStringLiteral("1"));
        c.send(query);
        const QJsonObject answer = c.waitForMsg(QStringLiteral("query_response"));
        QVERIFY(answer.value(QLatin1String("children")).toArray().contains(QStringLiteral("python-sdk-4d2e")));
        QString type;
        for (const QJsonValue &topic : answer.value(QLatin1String("topics")).toArray()) {
            if (topic.toObject().value(QLatin1String("topicId")).toString() == IntuSdkClient::topicId())
                type = topic.toObject().value(QLatin1String("type")).toString();
        }
        QCOMPARE(type, IntuSdkClient::binaryType());
    }

    // What a Qt console meets: the re-published binary publish_at is a text frame that is not
    // UTF-8, and QWebSocket closes the connection with 1007.
    void forwardedBinaryPublishIsATextFrameQtRefuses()
    {
        auto simulator = test::startSimulator(
            QStringLiteral("intu"), quiet({{QStringLiteral("sdkClient"), true}, {QStringLiteral("sdkChunkMs"), 20}}));
        QVERIFY(simulator);
        IntuConsole c(QStringLiteral("console-a"));
        QVERIFY(c.open(simulator.get()));
        c.send(intuMessage(QStringLiteral("subscribe"), {IntuSdkClient::topicId()}, c.origin()));
        QTRY_COMPARE(c.socket.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(c.socket.closeCode(), QWebSocketProtocol::CloseCodeWrongDatatype);
        QVERIFY(c.binaries.isEmpty());
    }

    void leavingSdkClientTakesItsProxyTopicAlong()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet({{QStringLiteral("sdkClient"), true}}));
        QVERIFY(simulator);
        auto *sim = static_cast<IntuSimulator *>(simulator.get());
        QVERIFY(sim->root()->hasTopic(IntuSdkClient::topicId()));
        sim->sdkClient()->leave();
        QVERIFY(!sim->root()->hasTopic(IntuSdkClient::topicId()));
    }

    // RemoteSubscriber::OnEvent: `type` added, set_object_state without the thing, data_changed
    // with it; the stream's data_changed is bare; event_mask filters.
    void typeSubscribersGetTheServersShapes()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        auto *sim = static_cast<IntuSimulator *>(simulator.get());
        IntuConsole c(QStringLiteral("console-a"));
        QVERIFY(c.open(simulator.get()));
        c.send(intuMessage(QStringLiteral("subscribe"), {QStringLiteral("blackboard-stream")}, c.origin()));
        c.send(publishAt(QStringLiteral("blackboard"),
            {{QStringLiteral("event"), QStringLiteral("subscribe_to_type")},
                {QStringLiteral("type"), QStringLiteral("Health")}, {QStringLiteral("event_mask"), 0x1 | 0x4 | 0x20}},
            c.origin()));
        QTRY_VERIFY(!c.waitForMsg(QStringLiteral("publish"), QStringLiteral("blackboard-stream")).isEmpty());
        auto *board = sim->body(IntuSimulator::kRootId)->blackboard();
        const QString guid = board->add(QJsonObject {{QStringLiteral("Type_"), QStringLiteral("Health")},
            {QStringLiteral("m_HealthFamily"), QStringLiteral("System")},
            {QStringLiteral("m_HealthName"), QStringLiteral("cpu")}, {QStringLiteral("m_fHealthValue"), 12.5}});
        board->setState(guid, QStringLiteral("COMPLETED"));
        board->setImportance(guid, 0.5); // not in the mask
        board->setData(guid, QJsonObject {{QStringLiteral("level"), 3}});

        const auto onBlackboard = [&](const QString &event) {
            return c.waitFor([&](const QJsonObject &frame) {
                const QJsonObject data =
                    QJsonDocument::fromJson(frame.value(QLatin1String("data")).toString().toUtf8()).object();
                return frame.value(QLatin1String("topic")).toString() == QLatin1String("blackboard")
                    && data.value(QLatin1String("event")).toString() == event;
            });
        };
        const auto dataOf = [](const QJsonObject &frame) {
            return QJsonDocument::fromJson(frame.value(QLatin1String("data")).toString().toUtf8()).object();
        };
        const QJsonObject added = dataOf(onBlackboard(QStringLiteral("add_object")));
        QCOMPARE(added.value(QLatin1String("type")).toString(), QStringLiteral("Health"));
        QCOMPARE(added.value(QLatin1String("thing")).toObject().value(QLatin1String("GUID_")).toString(), guid);
        const QJsonObject state = dataOf(onBlackboard(QStringLiteral("set_object_state")));
        QCOMPARE(state.value(QLatin1String("thing_guid")).toString(), guid);
        QVERIFY(!state.contains(QLatin1String("thing")));
        const QJsonObject changed = dataOf(onBlackboard(QStringLiteral("data_changed")));
        QCOMPARE(changed.value(QLatin1String("thing"))
                     .toObject()
                     .value(QLatin1String("m_Data"))
                     .toObject()
                     .value(QLatin1String("level")),
            QJsonValue(3));
        QVERIFY(onBlackboard(QStringLiteral("set_object_importance")).isEmpty());
        const QJsonObject bare = c.waitFor([&](const QJsonObject &frame) {
            return frame.value(QLatin1String("topic")).toString() == QLatin1String("blackboard-stream")
                && dataOf(frame).value(QLatin1String("event")).toString() == QLatin1String("data_changed");
        });
        QCOMPARE(dataOf(bare).keys(), QStringList {QStringLiteral("event")});
    }

    // HandleNoRoute: a publish that finds its subscriber gone drops that subscriber silently.
    void failedPublishDropsTheSubscriber()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        auto *sim = static_cast<IntuSimulator *>(simulator.get());
        auto *pepper = sim->body(QStringLiteral("pepper-7f3a"))->node();
        IntuConsole keeper(QStringLiteral("console-k"));
        QVERIFY(keeper.open(simulator.get()));
        keeper.send(intuMessage(QStringLiteral("subscribe"), {QStringLiteral("pepper-7f3a/log")}, keeper.origin()));
        {
            IntuConsole c(QStringLiteral("console-a"));
            QVERIFY(c.open(simulator.get()));
            c.send(intuMessage(QStringLiteral("subscribe"), {QStringLiteral("pepper-7f3a/log")}, c.origin()));
            QTRY_COMPARE(pepper->subscriberCount(QStringLiteral("log")), 2);
            c.socket.close();
            QTRY_COMPARE(sim->connectionCount(), 1);
        }
        QCOMPARE(pepper->subscriberCount(QStringLiteral("log")), 2); // pepper has not noticed yet
        pepper->log(sim::intu::IntuLogLevel::Status, QStringLiteral("Test"), QStringLiteral("anyone there?"));
        QCOMPARE(pepper->subscriberCount(QStringLiteral("log")), 1);
        QVERIFY(!keeper.waitForMsg(QStringLiteral("publish"), QStringLiteral("log")).isEmpty());
    }

    // A restarted child comes back without subscribers; only topic-manager subscribers hear it.
    void restartedChildForgetsItsSubscribers()
    {
        auto simulator = test::startSimulator(QStringLiteral("intu"), quiet());
        QVERIFY(simulator);
        auto *sim = static_cast<IntuSimulator *>(simulator.get());
        auto *pepper = sim->body(QStringLiteral("pepper-7f3a"))->node();
        IntuConsole c(QStringLiteral("console-a"));
        QVERIFY(c.open(simulator.get()));
        c.send(intuMessage(QStringLiteral("subscribe"),
            {QStringLiteral("pepper-7f3a/log"), QStringLiteral("topic-manager")}, c.origin()));
        QTRY_COMPARE(pepper->subscriberCount(QStringLiteral("log")), 1);
        sim->restartChild(QStringLiteral("pepper-7f3a"));
        QCOMPARE(pepper->subscriberCount(QStringLiteral("log")), 0);
        const QJsonObject connected = c.waitFor([](const QJsonObject &frame) {
            return frame.value(QLatin1String("topic")).toString() == QLatin1String("topic-manager")
                && frame.value(QLatin1String("data")).toString().contains(QLatin1String("\"connected\""))
                && frame.value(QLatin1String("data")).toString().contains(QLatin1String("pepper-7f3a"));
        });
        QVERIFY(!connected.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_IntuServerHabits)
#include "tst_intuserverhabits.moc"
