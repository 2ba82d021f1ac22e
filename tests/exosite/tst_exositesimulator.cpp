#include "sim/exosite/exositesimulator.h"
#include "tests/common/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace fleetscope;
using namespace Qt::StringLiterals;
using sim::exosite::ExositeSimulator;
using sim::exosite::ExositeWorld;

namespace {

// A bare client speaking the wire protocol, to check the simulator against docs/protocols/exosite.md
// independently of Fleetscope's adapter.
class RawClient : public QObject
{
public:
    explicit RawClient(quint16 port, const QString &path = QStringLiteral("/ws"))
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &t) { frames << t; });
        QObject::connect(&socket, &QWebSocket::disconnected, this, [this] { closed = true; });
        socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(port).arg(path)));
    }
    bool waitOpen()
    {
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000);
    }
    void send(const QString &text) { socket.sendTextMessage(text); }
    void send(const QJsonObject &o) { send(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact))); }
    // The next frame, parsed (waits on the socket's signal).
    QJsonDocument next()
    {
        if (frames.isEmpty()) {
            QSignalSpy spy(&socket, &QWebSocket::textMessageReceived);
            if (!spy.wait(5000))
                return {};
        }
        return QJsonDocument::fromJson(frames.takeFirst().toUtf8());
    }
    QJsonObject call(const QJsonObject &call)
    {
        send(QJsonObject {{QStringLiteral("calls"), QJsonArray {call}}});
        return next().array().at(0).toObject();
    }
    QWebSocket socket;
    QStringList frames;
    bool closed = false;
};

QJsonObject call(const QJsonValue &id, const QString &procedure, const QJsonArray &args)
{
    QJsonObject c {{QStringLiteral("procedure"), procedure}, {QStringLiteral("arguments"), args}};
    if (!id.isUndefined())
        c.insert(QStringLiteral("id"), id);
    return c;
}

QJsonObject alias(const QString &name)
{
    return QJsonObject {{QStringLiteral("alias"), name}};
}

QString rootCik()
{
    return ExositeWorld::cikFor(QString());
}

} // namespace

class tst_ExositeSimulator : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ExositeSimulator> m_sim;
    QVariantMap m_options {{QStringLiteral("generator"), false}};

    std::unique_ptr<RawClient> authed(const QString &cik = rootCik())
    {
        auto client = std::make_unique<RawClient>(m_sim->port());
        client->waitOpen();
        client->send(QJsonObject {{QStringLiteral("auth"), QJsonObject {{QStringLiteral("cik"), cik}}}});
        const QJsonObject ack = client->next().object();
        if (ack.value(QLatin1String("status")).toString() != QLatin1String("ok"))
            qWarning("auth not ok");
        return client;
    }

private Q_SLOTS:
    void init()
    {
        m_sim.reset(
            static_cast<ExositeSimulator *>(test::startSimulator(QStringLiteral("exosite"), m_options).release()));
        QVERIFY(m_sim);
    }

    void servesWsWithAndWithoutTrailingSlash()
    {
        RawClient a(m_sim->port(), QStringLiteral("/ws"));
        RawClient b(m_sim->port(), QStringLiteral("/ws/"));
        QVERIFY(a.waitOpen());
        QVERIFY(b.waitOpen());
        RawClient other(m_sim->port(), QStringLiteral("/nope"));
        QTRY_VERIFY(other.socket.error() != QAbstractSocket::UnknownSocketError || other.closed);
        QVERIFY(other.socket.state() != QAbstractSocket::ConnectedState);
    }

    void authOkIsABareObject()
    {
        auto client = std::make_unique<RawClient>(m_sim->port());
        QVERIFY(client->waitOpen());
        client->send(QJsonObject {{QStringLiteral("auth"), QJsonObject {{QStringLiteral("cik"), rootCik()}}}});
        const QJsonDocument ack = client->next();
        QVERIFY(ack.isObject());
        QCOMPARE(ack.object(), QJsonObject({{QStringLiteral("status"), QStringLiteral("ok")}}));
    }

    void badCredentialsGet401AndAClose()
    {
        RawClient client(m_sim->port());
        QVERIFY(client.waitOpen());
        client.send(QJsonObject {
            {QStringLiteral("auth"), QJsonObject {{QStringLiteral("cik"), QString(40, QLatin1Char('0'))}}}});
        const QJsonObject error = client.next().object().value(QLatin1String("error")).toObject();
        QCOMPARE(error.value(QLatin1String("code")).toInt(), 401);
        QCOMPARE(error.value(QLatin1String("context")).toString(), QStringLiteral("auth"));
        QTRY_VERIFY(client.closed);
    }

    void authFailureStatusVariant()
    {
        m_sim.reset(static_cast<ExositeSimulator *>(test::startSimulator(QStringLiteral("exosite"),
            {{QStringLiteral("generator"), false}, {QStringLiteral("authFailure"), QStringLiteral("status")}})
                                                        .release()));
        RawClient client(m_sim->port());
        QVERIFY(client.waitOpen());
        client.send(
            QJsonObject {{QStringLiteral("auth"), QJsonObject {{QStringLiteral("cik"), QStringLiteral("bad")}}}});
        QCOMPARE(client.next().object().value(QLatin1String("status")).toString(), QStringLiteral("invalid"));
    }

    void actingAsADescendantClient()
    {
        auto client = std::make_unique<RawClient>(m_sim->port());
        QVERIFY(client->waitOpen());
        client->send(QJsonObject {{QStringLiteral("auth"),
            QJsonObject {{QStringLiteral("cik"), rootCik()},
                {QStringLiteral("client_id"), ExositeWorld::ridFor(QStringLiteral("truck-01"))}}}});
        QCOMPARE(client->next().object().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        // Aliases now resolve among truck-01's children.
        const QJsonObject r = client->call(
            call(1, QStringLiteral("lookup"), {alias(QString()), QStringLiteral("alias"), QStringLiteral("rpm")}));
        QCOMPARE(r.value(QLatin1String("result")).toString(), ExositeWorld::ridFor(QStringLiteral("truck-01/rpm")));
    }

    void pipelinedCallsAreAnsweredAfterTheAck()
    {
        RawClient client(m_sim->port());
        QVERIFY(client.waitOpen());
        client.send(QJsonObject {{QStringLiteral("auth"), QJsonObject {{QStringLiteral("cik"), rootCik()}}}});
        client.send(QJsonObject {{QStringLiteral("calls"),
            QJsonArray {call(1, QStringLiteral("lookup"), {alias(QString()), QStringLiteral("alias"), QString()})}}});
        QCOMPARE(client.next().object().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        const QJsonArray reply = client.next().array();
        QCOMPARE(reply.at(0).toObject().value(QLatin1String("result")).toString(), ExositeWorld::ridFor(QString()));
    }

    void oneArrayPerFrameInCallOrderIdsEchoedAndIdlessSkipped()
    {
        auto client = authed();
        client->send(QJsonObject {{QStringLiteral("calls"),
            QJsonArray {
                call(QStringLiteral("w-7"), QStringLiteral("read"), {alias(QStringLiteral("ambient")), QJsonObject()}),
                call(QJsonValue(QJsonValue::Undefined), QStringLiteral("write"),
                    {alias(QStringLiteral("ambient")), 20.5}),
                call(3, QStringLiteral("lookup"),
                    {alias(QString()), QStringLiteral("alias"), QStringLiteral("nope")})}}});
        const QJsonArray reply = client->next().array();
        QCOMPARE(reply.size(), 2);
        QCOMPARE(reply.at(0).toObject().value(QLatin1String("id")).toString(), QStringLiteral("w-7"));
        QCOMPARE(reply.at(1).toObject().value(QLatin1String("id")).toInt(), 3);
        QCOMPARE(reply.at(1).toObject().value(QLatin1String("status")).toString(), QStringLiteral("invalid"));
        QVERIFY(!reply.at(1).toObject().contains(QLatin1String("error"))); // a bare status word

        // A frame where no call has an id gets no frame back: the next frame answers the next request.
        client->send(QJsonObject {{QStringLiteral("calls"),
            QJsonArray {call(QJsonValue(QJsonValue::Undefined), QStringLiteral("write"),
                {alias(QStringLiteral("humidity")), 40})}}});
        const QJsonObject r =
            client->call(call(9, QStringLiteral("read"), {alias(QStringLiteral("humidity")), QJsonObject()}));
        QCOMPARE(r.value(QLatin1String("id")).toInt(), 9);
        QCOMPARE(r.value(QLatin1String("result")).toArray().at(0).toArray().at(1).toDouble(), 40.0);
    }

    void wholeRequestErrors_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("context");
        QTest::newRow("not JSON") << u"{nope"_s << -1 << u""_s;
        QTest::newRow("calls not a list") << uR"({"calls":{"id":1}})"_s << 400 << u"calls"_s;
        QTest::newRow("call without procedure") << uR"({"calls":[{"id":1,"arguments":[]}]})"_s << 400 << u"procedure"_s;
        QTest::newRow("call without arguments")
            << uR"({"calls":[{"id":1,"procedure":"read"}]})"_s << 400 << u"arguments"_s;
    }
    void wholeRequestErrors()
    {
        QFETCH(QString, frame);
        QFETCH(int, code);
        QFETCH(QString, context);
        auto client = authed();
        client->send(frame);
        const QJsonObject error = client->next().object().value(QLatin1String("error")).toObject();
        QCOMPARE(error.value(QLatin1String("code")).toInt(), code);
        QCOMPARE(error.value(QLatin1String("context")).toString(), context);
    }

    void unknownProcedureFails501()
    {
        auto client = authed();
        const QJsonObject r = client->call(call(1, QStringLiteral("teleport"), {alias(QString())}));
        QCOMPARE(r.value(QLatin1String("status")).toString(), QStringLiteral("fail"));
        QCOMPARE(r.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toInt(), 501);
    }

    void restrictedOutsideTheHierarchyAndLockedClients()
    {
        auto truck = authed(ExositeWorld::cikFor(QStringLiteral("truck-01")));
        const QJsonObject outside = truck->call(
            call(1, QStringLiteral("read"), {ExositeWorld::ridFor(QStringLiteral("ambient")), QJsonObject()}));
        QCOMPARE(outside.value(QLatin1String("status")).toString(), QStringLiteral("restricted"));
        auto root = authed();
        const QJsonObject locked = root->call(
            call(2, QStringLiteral("read"), {ExositeWorld::ridFor(QStringLiteral("truck-06/rpm")), QJsonObject()}));
        QCOMPARE(locked.value(QLatin1String("status")).toString(), QStringLiteral("locked"));
        auto lockedClient = authed(ExositeWorld::cikFor(QStringLiteral("truck-06")));
        QCOMPARE(lockedClient
                     ->call(call(3, QStringLiteral("listing"),
                         {alias(QString()), QJsonArray {QStringLiteral("dataport")}, QJsonObject()}))
                     .value(QLatin1String("status"))
                     .toString(),
            QStringLiteral("locked"));
    }

    void readDefaultsWindowAndSelections()
    {
        auto client = authed();
        const QString rid = ExositeWorld::ridFor(QStringLiteral("truck-01/temperature"));
        // {} → the latest point only.
        QCOMPARE(client->call(call(1, QStringLiteral("read"), {rid, QJsonObject()}))
                     .value(QLatin1String("result"))
                     .toArray()
                     .size(),
            1);
        const qint64 now = ExositeWorld::nowSeconds();
        const QJsonArray asc =
            client
                ->call(call(2, QStringLiteral("read"),
                    {rid,
                        QJsonObject {{QStringLiteral("starttime"), now - 600},
                            {QStringLiteral("sort"), QStringLiteral("asc")}, {QStringLiteral("limit"), 1000}}}))
                .value(QLatin1String("result"))
                .toArray();
        QVERIFY(asc.size() >= 9 && asc.size() <= 11); // one a minute
        QVERIFY(asc.first().toArray().at(0).toInteger() >= now - 600);
        QVERIFY(asc.first().toArray().at(0).toInteger() < asc.last().toArray().at(0).toInteger());
        const QJsonArray sliced = client
                                      ->call(call(3, QStringLiteral("read"),
                                          {rid,
                                              QJsonObject {{QStringLiteral("starttime"), now - 86400},
                                                  {QStringLiteral("selection"), QStringLiteral("givenwindow")},
                                                  {QStringLiteral("limit"), 24}}}))
                                      .value(QLatin1String("result"))
                                      .toArray();
        QVERIFY2(sliced.size() >= 23 && sliced.size() <= 24, qPrintable(QString::number(sliced.size())));
        const QJsonArray none = client
                                    ->call(call(4, QStringLiteral("read"),
                                        {rid,
                                            QJsonObject {{QStringLiteral("starttime"), now + 100},
                                                {QStringLiteral("endtime"), now + 200}}}))
                                    .value(QLatin1String("result"))
                                    .toArray();
        QVERIFY(none.isEmpty());
    }

    void writeIsServerStampedAndConvertsNumericStrings()
    {
        auto client = authed();
        QCOMPARE(
            client->call(call(1, QStringLiteral("write"), {alias(QStringLiteral("ambient")), QStringLiteral("42")}))
                .value(QLatin1String("status"))
                .toString(),
            QStringLiteral("ok"));
        const QJsonArray latest =
            client->call(call(2, QStringLiteral("read"), {alias(QStringLiteral("ambient")), QJsonObject()}))
                .value(QLatin1String("result"))
                .toArray()
                .at(0)
                .toArray();
        QCOMPARE(latest.at(1).toDouble(), 42.0);
        QVERIFY(qAbs(latest.at(0).toInteger() - ExositeWorld::nowSeconds()) <= 1);
        QCOMPARE(
            client->call(call(3, QStringLiteral("write"), {alias(QStringLiteral("ambient")), QStringLiteral("warm")}))
                .value(QLatin1String("status"))
                .toString(),
            QStringLiteral("invalid"));
    }

    void recordbatchRejectsBadPointsWithAStatusArray()
    {
        auto client = authed();
        const QJsonObject r = client->call(call(1, QStringLiteral("recordbatch"),
            {ExositeWorld::ridFor(QStringLiteral("ambient")),
                QJsonArray {QJsonArray {-120, 20.0}, QJsonArray {-60, QStringLiteral("x")}}}));
        QVERIFY(r.value(QLatin1String("status")).isArray());
        QCOMPARE(r.value(QLatin1String("status")).toArray().size(), 1);
    }

    void infoKeysAliasesAndTheFalseQuirk()
    {
        auto client = authed();
        const QString root = ExositeWorld::ridFor(QString());
        const QJsonObject info =
            client->call(call(1, QStringLiteral("info"), {root, QJsonObject {{QStringLiteral("aliases"), true}}}))
                .value(QLatin1String("result"))
                .toObject();
        QCOMPARE(info.keys(), QStringList {QStringLiteral("aliases")});
        QCOMPARE(info.value(QLatin1String("aliases"))
                     .toObject()
                     .value(ExositeWorld::ridFor(QStringLiteral("truck-01")))
                     .toArray()
                     .at(0)
                     .toString(),
            QStringLiteral("truck-01"));
        const QJsonObject empty =
            client
                ->call(call(2, QStringLiteral("info"),
                    {root, QJsonObject {{QStringLiteral("basic"), true}, {QStringLiteral("storage"), false}}}))
                .value(QLatin1String("result"))
                .toObject();
        QVERIFY(empty.isEmpty());
        // truck-01/temperature's aliases are not visible to the root (not its direct owner).
        const QJsonObject grandchild = client
                                           ->call(call(3, QStringLiteral("info"),
                                               {ExositeWorld::ridFor(QStringLiteral("truck-01/temperature")),
                                                   QJsonObject {{QStringLiteral("aliases"), true}}}))
                                           .value(QLatin1String("result"))
                                           .toObject();
        QCOMPARE(grandchild.value(QLatin1String("aliases")).toString(), QStringLiteral("undefined"));
    }

    void legacyArgumentForms()
    {
        auto client = authed();
        const QJsonArray lists =
            client
                ->call(call(1, QStringLiteral("listing"),
                    QJsonArray() << QJsonArray {QStringLiteral("client"), QStringLiteral("dataport")}))
                .value(QLatin1String("result"))
                .toArray();
        QCOMPARE(lists.size(), 2); // a list of lists in type order
        QCOMPARE(lists.at(0).toArray().size(), 6);
        QCOMPARE(lists.at(1).toArray().size(), 3);
        QCOMPARE(client->call(call(2, QStringLiteral("lookup"), {QStringLiteral("alias"), QString()}))
                     .value(QLatin1String("result"))
                     .toString(),
            ExositeWorld::ridFor(QString()));
        const QJsonObject badType = client->call(call(
            3, QStringLiteral("listing"), {alias(QString()), QJsonArray {QStringLiteral("robot")}, QJsonObject()}));
        QCOMPARE(badType.value(QLatin1String("status")).toString(), QStringLiteral("error"));
        QVERIFY(badType.value(QLatin1String("result")).isString());
    }

    void subscribeAckThenBacklogOneFramePerPointThenLive()
    {
        auto client = authed();
        const QString rid = ExositeWorld::ridFor(QStringLiteral("ambient"));
        // Since just before the third newest history point: three points of backlog. (From the
        // data, not the clock: the history ends at the second the simulator started.)
        const QJsonArray newest =
            client->call(call(19, QStringLiteral("read"), {rid, QJsonObject {{QStringLiteral("limit"), 3}}}))
                .value(QLatin1String("result"))
                .toArray();
        QCOMPARE(newest.size(), 3);
        const qint64 since = newest.at(2).toArray().at(0).toInteger() - 1;
        client->send(QJsonObject {{QStringLiteral("calls"),
            QJsonArray {call(20, QStringLiteral("subscribe"),
                {rid, QJsonObject {{QStringLiteral("since"), since}, {QStringLiteral("subs_id"), 1000020}}})}}});
        const QJsonObject ack = client->next().array().at(0).toObject();
        QCOMPARE(ack.value(QLatin1String("id")).toInt(), 20);
        QVERIFY(!ack.contains(QLatin1String("result")));
        int backlog = 0;
        qint64 lastTs = since;
        while (backlog < 3) {
            const QJsonArray frame = client->next().array();
            QCOMPARE(frame.size(), 1);
            const QJsonObject update = frame.at(0).toObject();
            QCOMPARE(update.value(QLatin1String("id")).toInt(), 1000020);
            const QJsonArray pair = update.value(QLatin1String("result")).toArray();
            QVERIFY(!pair.at(0).isArray()); // a flat pair, as the real server sends
            QVERIFY(pair.at(0).toInteger() > lastTs);
            lastTs = pair.at(0).toInteger();
            ++backlog;
        }
        m_sim->world().write(rid, 19.5);
        const QJsonArray live = client->next().array().at(0).toObject().value(QLatin1String("result")).toArray();
        QCOMPARE(live.at(1).toDouble(), 19.5);
        // Unsubscribe with the bare-array legacy form and no RID.
        client->send(QStringLiteral(R"([{"id":21,"procedure":"unsubscribe","arguments":[{"subs_id":1000020}]}])"));
        QCOMPARE(
            client->next().array().at(0).toObject().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QTRY_COMPARE(m_sim->subscriptionCount(), 0);
    }

    void nestedUpdateSwitch()
    {
        m_sim.reset(static_cast<ExositeSimulator *>(test::startSimulator(QStringLiteral("exosite"),
            {{QStringLiteral("generator"), false},
                {QStringLiteral("nested"), true}}).release()));
        auto client = authed();
        const QString rid = ExositeWorld::ridFor(QStringLiteral("humidity"));
        client->call(call(1, QStringLiteral("subscribe"), {rid, QJsonObject()}));
        m_sim->world().write(rid, 55.0);
        const QJsonObject update = client->next().array().at(0).toObject();
        QCOMPARE(update.value(QLatin1String("id")).toInt(), 1); // no subs_id: the call id
        QVERIFY(update.value(QLatin1String("result")).toArray().at(0).isArray());
    }

    void subscriptionsDieWithTheSocket()
    {
        auto client = authed();
        client->call(call(1, QStringLiteral("subscribe"), {alias(QStringLiteral("ambient")), QJsonObject()}));
        QCOMPARE(m_sim->subscriptionCount(), 1);
        client->socket.abort();
        QTRY_COMPARE(m_sim->connectionCount(), 0);
        QCOMPARE(m_sim->subscriptionCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_ExositeSimulator)
#include "tst_exositesimulator.moc"
