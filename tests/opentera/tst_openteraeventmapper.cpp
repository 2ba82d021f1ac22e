// The mapping to the uniform model (docs/protocols/opentera.md#mapping), from plain frames and
// online lists: events (severity, path, summary), samples of the double-encoded device status,
// topics, labels, and the reload's pruning.
#include "core/protocols/opentera/openteradevicestatus.h"
#include "core/protocols/opentera/openteraeventmapper.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::opentera;

class tst_OpenTeraEventMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void events_data();
    void events();
    void deviceStatusSamples();
    void statusTimestamps_data();
    void statusTimestamps();
    void decodeStatus_data();
    void decodeStatus();
    void labelsAndTopics();
    void sessions();
    void onlineListsAndReload();
    void undecodableFrames();
};

namespace {

constexpr double kTime = 1732134567.5;

QString frame(const QStringList &events)
{
    return QStringLiteral(R"({"message":{"@type":"type.googleapis.com/opentera.protobuf.TeraEvent",)"
                          R"("header":{"version":1,"time":1732134567.5,"topic":"t"},"events":[%1]}})")
        .arg(events.join(QLatin1Char(',')));
}

QString wireEvent(const char *type, const QString &fields)
{
    return QStringLiteral(R"({"@type":"type.googleapis.com/opentera.protobuf.%1",%2})")
        .arg(QString::fromLatin1(type), fields);
}

QString statusText(const QString &inner, double timestamp)
{
    // As the server builds it: JSON text whose "status" is JSON text again.
    const QJsonObject outer {{QStringLiteral("status"), inner}, {QStringLiteral("timestamp"), timestamp}};
    return QString::fromUtf8(QJsonDocument(outer).toJson(QJsonDocument::Compact));
}

QString quoted(const QString &text)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QStringList lines(const EventList &events)
{
    QStringList out;
    for (const Event &e : events)
        out << QStringLiteral("%1|%2|%3").arg(severityName(e.severity), e.path, e.summary);
    return out;
}

EndpointBatch apply(EventMapper &mapper, const QString &text)
{
    EndpointBatch batch;
    mapper.applyFrame(decodeTextFrame(text), text, text.toUtf8().size(), QDateTime::currentMSecsSinceEpoch(), &batch);
    return batch;
}

} // namespace

void tst_OpenTeraEventMapper::events_data()
{
    QTest::addColumn<QStringList>("frameEvents");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("own USER_CONNECTED is no notification")
        << QStringList {wireEvent("UserEvent",
               QStringLiteral(R"("userUuid":"self","type":"USER_CONNECTED","userFullname":"Super Admin")"))}
        << QStringList {QStringLiteral("debug|users/Super Admin|Super Admin online (this session)")};
    QTest::newRow("presence")
        << QStringList {wireEvent("UserEvent",
                            QStringLiteral(R"("userUuid":"u2","type":"USER_CONNECTED","userFullname":"Site Admin")")),
               wireEvent("UserEvent",
                   QStringLiteral(R"("userUuid":"u2","type":"USER_DISCONNECTED","userFullname":"Site Admin")")),
               wireEvent("ParticipantEvent",
                   QStringLiteral(
                       R"("participantUuid":"p1","type":"PARTICIPANT_CONNECTED","participantName":"P-0042")")),
               wireEvent("ParticipantEvent",
                   QStringLiteral(
                       R"("participantUuid":"p1","type":"PARTICIPANT_DISCONNECTED","participantName":"P-0042")")),
               wireEvent("DeviceEvent",
                   QStringLiteral(
                       R"("deviceUuid":"d1","type":"DEVICE_CONNECTED","deviceName":"Robot-01","deviceStatus":"")")),
               wireEvent("DeviceEvent",
                   QStringLiteral(R"("deviceUuid":"d1","type":"DEVICE_DISCONNECTED","deviceName":"Robot-01")"))}
        << QStringList {QStringLiteral("info|users/Site Admin|Site Admin online"),
               QStringLiteral("info|users/Site Admin|Site Admin offline"),
               QStringLiteral("info|participants/P-0042|P-0042 online"),
               QStringLiteral("info|participants/P-0042|P-0042 offline"),
               QStringLiteral("info|devices/Robot-01|Robot-01 online"),
               QStringLiteral("warning|devices/Robot-01|Robot-01 offline")};
    QTest::newRow("busy") << QStringList {wireEvent("ParticipantEvent",
                                              QStringLiteral(
                                                  R"("participantUuid":"p1","type":5,"participantName":"P-0042")")),
        wireEvent(
            "DeviceEvent", QStringLiteral(R"("deviceUuid":"d1","type":"DEVICE_LEFT_SESSION","deviceName":"Robot-01")"))}
                          << QStringList {QStringLiteral("info|participants/P-0042|P-0042 joined a session"),
                                 QStringLiteral("info|devices/Robot-01|Robot-01 left a session")};
    QTest::newRow("deprecated, unknown values, database")
        << QStringList {wireEvent(
                            "UserEvent", QStringLiteral(R"("userUuid":"u3","type":"USER_ADDED","userFullname":"New")")),
               wireEvent("ParticipantEvent", QStringLiteral(R"("participantUuid":"p9","type":"PARTICIPANT_UNKNOWN")")),
               wireEvent("DeviceEvent", QStringLiteral(R"("deviceUuid":"d9","type":42)")),
               wireEvent("DatabaseEvent",
                   QStringLiteral(R"("type":"DB_UPDATE","objectType":"TeraDevice","objectValue":"{}")"))}
        << QStringList {QStringLiteral("debug||New USER_ADDED"),
               QStringLiteral("warning||unrecognised ParticipantEvent type PARTICIPANT_UNKNOWN"),
               QStringLiteral("warning||unrecognised DeviceEvent type 42"),
               QStringLiteral("debug||TeraDevice DB_UPDATE")};
    QTest::newRow("unknown @type, the rest goes on")
        << QStringList {wireEvent("FancyNewEvent", QStringLiteral(R"("x":1)")),
               wireEvent("ArchiveEvent",
                   QStringLiteral(R"("archiveUuid":"77aa0000-1","ownerUuid":"self","status":"STATUS_COMPLETED")")),
               wireEvent("ArchiveEvent", QStringLiteral(R"("archiveUuid":"77aa0000-2","status":"STATUS_CANCELLED")"))}
        << QStringList {QStringLiteral("warning||unrecognised type.googleapis.com/opentera.protobuf.FancyNewEvent"),
               QStringLiteral("info||archive 77aa0000 STATUS_COMPLETED"),
               QStringLiteral("warning||archive 77aa0000 STATUS_CANCELLED")};
    QTest::newRow("status change") << QStringList {wireEvent("DeviceEvent",
        QStringLiteral(R"("deviceUuid":"d1","type":"DEVICE_STATUS_CHANGED","deviceName":"Robot-01","deviceStatus":%1)")
            .arg(quoted(statusText(QStringLiteral(R"({"battery": 87.5, "charging": false})"), 1732134560.0))))}
                                   << QStringList {
                                          QStringLiteral("debug|devices/Robot-01|battery=87.5 charging=false")};
}

void tst_OpenTeraEventMapper::events()
{
    QFETCH(QStringList, frameEvents);
    QFETCH(QStringList, expected);
    EntityTree tree;
    EventMapper mapper(&tree);
    mapper.setSelfUuid(QStringLiteral("self"));
    const EndpointBatch batch = apply(mapper, frame(frameEvents));
    QCOMPARE(lines(batch.events), expected);
    for (const Event &e : batch.events) {
        QCOMPARE(e.t, qint64(kTime * 1000)); // header.time
        QVERIFY(e.payload.contains(QLatin1String("@type"))); // the events[] element is kept
    }
}

void tst_OpenTeraEventMapper::deviceStatusSamples()
{
    EntityTree tree;
    EventMapper mapper(&tree);
    const QString inner = QStringLiteral(
        R"({"battery": 87.5, "charging": true, "rssi": -61, "motors": {"left_temp": 41.0}, "mode": "auto", "errors": [1, 2], "gps": null})");
    const QString text = frame({wireEvent("DeviceEvent",
        QStringLiteral(R"("deviceUuid":"d1","type":"DEVICE_STATUS_CHANGED","deviceName":"Robot-01","deviceStatus":%1)")
            .arg(quoted(statusText(inner, 1732134560.25))))});
    EndpointBatch batch = apply(mapper, text);
    QStringList samples;
    for (const Sample &s : std::as_const(batch.samples)) {
        QCOMPARE(s.t, qint64(1732134560250));
        samples << QStringLiteral("%1=%2").arg(s.path).arg(s.value);
    }
    samples.sort();
    QCOMPARE(samples,
        (QStringList {QStringLiteral("devices/Robot-01/battery=87.5"), QStringLiteral("devices/Robot-01/charging=1"),
            QStringLiteral("devices/Robot-01/motors/left_temp=41"), QStringLiteral("devices/Robot-01/rssi=-61")}));
    QStringList streams;
    for (const Topic &t : std::as_const(batch.topics)) {
        if (t.node == NodeKind::Stream)
            streams << t.path + QLatin1Char(':') + t.type;
    }
    streams.sort();
    QCOMPARE(streams,
        (QStringList {QStringLiteral("devices/Robot-01/battery:number"),
            QStringLiteral("devices/Robot-01/charging:bool"),
            QStringLiteral("devices/Robot-01/motors/left_temp:number"),
            QStringLiteral("devices/Robot-01/rssi:number")}));
    QVERIFY(batch.events.first().payload.contains(QLatin1String("status: {\"battery\":87.5")));

    // The same status again (a reload, a repeated frame) gives no new samples.
    QCOMPARE(apply(mapper, text).samples.size(), 0);
    // A status that is not an object: shown, not sampled.
    const EndpointBatch plain = apply(mapper,
        frame({wireEvent("DeviceEvent",
            QStringLiteral(R"("deviceUuid":"d1","type":7,"deviceStatus":%1)")
                .arg(quoted(statusText(QStringLiteral("idle"), 5))))}));
    QCOMPARE(plain.samples.size(), 0);
    QCOMPARE(plain.events.first().summary, QStringLiteral("idle"));
}

void tst_OpenTeraEventMapper::statusTimestamps_data()
{
    QTest::addColumn<double>("timestamp");
    QTest::addColumn<double>("headerTime");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("seconds") << 1732134560.5 << 1.0 << qint64(1732134560500);
    QTest::newRow("already ms") << 1732134560500.0 << 1.0 << qint64(1732134560500);
    QTest::newRow("missing: header time") << 0.0 << 1732134567.5 << qint64(1732134567500);
    QTest::newRow("neither: now") << 0.0 << 0.0 << qint64(42);
}

void tst_OpenTeraEventMapper::statusTimestamps()
{
    QFETCH(double, timestamp);
    QFETCH(double, headerTime);
    QFETCH(qint64, expected);
    QCOMPARE(statusTimeMs(timestamp, headerTime, 42), expected);
}

void tst_OpenTeraEventMapper::decodeStatus_data()
{
    QTest::addColumn<QJsonValue>("outer");
    QTest::addColumn<bool>("present");
    QTest::addColumn<bool>("decoded");
    QTest::addColumn<QString>("value");
    QTest::addColumn<double>("timestamp");
    QTest::newRow("double-encoded text") << QJsonValue(statusText(QStringLiteral(R"({"battery": 50})"), 7)) << true
                                         << true << QStringLiteral(R"({"battery":50})") << 7.0;
    QTest::newRow("REST list: outer already an object") << QJsonValue(QJsonObject {
        {QStringLiteral("status"), QStringLiteral(R"({"battery": 50})")}, {QStringLiteral("timestamp"), 8}})
                                                        << true << true << QStringLiteral(R"({"battery":50})") << 8.0;
    QTest::newRow("inner already an object")
        << QJsonValue(QJsonObject {{QStringLiteral("status"), QJsonObject {{QStringLiteral("a"), 1}}}}) << true << true
        << QStringLiteral(R"({"a":1})") << 0.0;
    QTest::newRow("empty in DEVICE_CONNECTED") << QJsonValue(QString()) << false << false << QString() << 0.0;
    QTest::newRow("null until posted") << QJsonValue() << false << false << QString() << 0.0;
    QTest::newRow("not JSON") << QJsonValue(QStringLiteral("{broken")) << true << false << QStringLiteral("{broken")
                              << 0.0;
    QTest::newRow("unwrapped object") << QJsonValue(QStringLiteral(R"({"battery": 3})")) << true << true
                                      << QStringLiteral(R"({"battery":3})") << 0.0;
    QTest::newRow("timestamp as text") << QJsonValue(QStringLiteral(R"({"status": "{}", "timestamp": "9.5"})")) << true
                                       << true << QStringLiteral("{}") << 9.5;
}

void tst_OpenTeraEventMapper::decodeStatus()
{
    QFETCH(QJsonValue, outer);
    QFETCH(bool, present);
    QFETCH(bool, decoded);
    QFETCH(QString, value);
    QFETCH(double, timestamp);
    const DeviceStatus status = decodeDeviceStatus(outer);
    QCOMPARE(status.present, present);
    QCOMPARE(status.decoded, decoded);
    if (present)
        QCOMPARE(status.value.isObject()
                ? QString::fromUtf8(QJsonDocument(status.value.toObject()).toJson(QJsonDocument::Compact))
                : status.value.toString(),
            value);
    QCOMPARE(status.timestamp, timestamp);
}

void tst_OpenTeraEventMapper::labelsAndTopics()
{
    EntityTree tree;
    EventMapper mapper(&tree);
    const EndpointBatch batch = apply(mapper,
        frame({wireEvent(
                   "DeviceEvent", QStringLiteral(R"("deviceUuid":"aaaaaaaa-1","type":1,"deviceName":"Robot-01")")),
            wireEvent("DeviceEvent", QStringLiteral(R"("deviceUuid":"bbbbbbbb-2","type":1,"deviceName":"Robot-01")")),
            wireEvent("DeviceEvent", QStringLiteral(R"("deviceUuid":"cccccccc-3","type":1,"deviceName":"Lab/Bench")")),
            wireEvent(
                "DeviceEvent", QStringLiteral(R"("deviceUuid":"aaaaaaaa-1","type":2,"deviceName":"Robot-01")"))}));
    QStringList paths;
    for (const Topic &t : batch.topics)
        paths << t.path;
    QCOMPARE(paths,
        (QStringList {QStringLiteral("devices/Robot-01"), QStringLiteral("devices/Robot-01~bbbbbbbb"),
            QStringLiteral("devices/Lab%2FBench"), QStringLiteral("devices/Robot-01")}));
    const Topic last = batch.topics.last();
    QCOMPARE(last.type, QStringLiteral("opentera.device"));
    QCOMPARE(last.node, NodeKind::Device);
    QVERIFY(!last.subscribable);
    QCOMPARE(last.meta.value(QStringLiteral("uuid")).toString(), QStringLiteral("aaaaaaaa-1"));
    QVERIFY(!last.meta.value(QStringLiteral("online")).toBool());
    QCOMPARE(tree.uuidAt(QStringLiteral("devices/Robot-01~bbbbbbbb")), QStringLiteral("bbbbbbbb-2"));
}

void tst_OpenTeraEventMapper::sessions()
{
    EntityTree tree;
    EventMapper mapper(&tree);
    apply(mapper,
        frame({wireEvent(
            "ParticipantEvent", QStringLiteral(R"("participantUuid":"p1","type":1,"participantName":"P-0042")"))}));
    const EndpointBatch join = apply(mapper,
        frame({wireEvent("JoinSessionEvent",
            QStringLiteral(
                R"("sessionUuid":"s1","sessionCreatorName":"Super Admin","sessionParticipants":["p1"],"sessionUsers":["u1"],"sessionDevices":["d1"])"))}));
    QCOMPARE(lines(join.events), QStringList {QStringLiteral("info|sessions/s1|invited by Super Admin (3)")});
    QCOMPARE(join.topics.first().type, QStringLiteral("opentera.session"));
    const EndpointBatch rest = apply(mapper,
        frame({wireEvent("LeaveSessionEvent",
                   QStringLiteral(R"("sessionUuid":"s1","leavingParticipants":["p1"],"leavingDevices":["d1"])")),
            wireEvent("JoinSessionReplyEvent",
                QStringLiteral(R"("sessionUuid":"s1","participantUuid":"p1","joinReply":"REPLY_BUSY")")),
            wireEvent("JoinSessionReplyEvent",
                QStringLiteral(R"("sessionUuid":"s1","userUuid":"u1","joinReply":"REPLY_ACCEPTED")")),
            wireEvent("StopSessionEvent", QStringLiteral(R"("sessionUuid":"s1")"))}));
    QCOMPARE(lines(rest.events),
        (QStringList {QStringLiteral("info|sessions/s1|left: P-0042, d1"),
            QStringLiteral("warning|sessions/s1|P-0042 replied REPLY_BUSY"),
            QStringLiteral("info|sessions/s1|u1 replied REPLY_ACCEPTED"), QStringLiteral("info|sessions/s1|stopped")}));
    QCOMPARE(rest.removedTopics, QStringList {QStringLiteral("sessions/s1")});
}

void tst_OpenTeraEventMapper::onlineListsAndReload()
{
    EntityTree tree;
    EventMapper mapper(&tree);
    const QJsonArray users =
        QJsonDocument::fromJson(R"([{"user_uuid":"u1","user_name":"Super Admin","user_online":true,"user_busy":false},
        {"user_uuid":"u2","user_firstname":"Site","user_lastname":"Admin","user_online":true}])")
            .array();
    const QJsonArray participants =
        QJsonDocument::fromJson(R"([{"participant_uuid":"p1","participant_name":"P-0042","project_name":"Rehab pilot",
        "site_name":"Sherbrooke","participant_online":false,"participant_busy":true}])")
            .array();
    const QJsonArray devices = QJsonDocument::fromJson(
        R"([{"device_uuid":"d1","device_name":"Robot-01","device_online":true,"device_busy":false,
        "device_status":{"online":true,"busy":false,"status":{"status":"{\"battery\": 87.5}","timestamp":1732134567.0}}},
        {"device_uuid":"d2","device_name":"Robot-02","device_online":true,"device_status":{"online":true,"busy":false,"status":null}}])")
                                   .array();
    EndpointBatch first;
    mapper.beginReload();
    mapper.applyOnlineList(EntityKind::User, users, &first);
    mapper.applyOnlineList(EntityKind::Participant, participants, &first);
    mapper.applyOnlineList(EntityKind::Device, devices, &first);
    mapper.endReload(&first);
    QCOMPARE(first.samples.size(), 1);
    QCOMPARE(first.samples.first().path, QStringLiteral("devices/Robot-01/battery"));
    QCOMPARE(first.samples.first().t, qint64(1732134567000));
    QCOMPARE(tree.find(QStringLiteral("u2"))->path, QStringLiteral("users/Site Admin"));
    QVERIFY(tree.find(QStringLiteral("p1"))->busy);
    QCOMPARE(tree.find(QStringLiteral("p1"))->meta.value(QStringLiteral("project_name")).toString(),
        QStringLiteral("Rehab pilot"));
    QVERIFY(first.removedTopics.isEmpty());

    // Second reload: Robot-02 and Site Admin are gone (online before: now offline, kept);
    // a third reload prunes them, with their streams.
    EndpointBatch second;
    mapper.beginReload();
    mapper.applyOnlineList(EntityKind::User, QJsonArray {users.at(0)}, &second);
    mapper.applyOnlineList(EntityKind::Participant, participants, &second);
    mapper.applyOnlineList(EntityKind::Device, QJsonArray {devices.at(0)}, &second);
    mapper.endReload(&second);
    QVERIFY(second.removedTopics.isEmpty());
    QVERIFY(second.samples.isEmpty()); // the same status: no duplicate
    QVERIFY(!tree.find(QStringLiteral("d2"))->online);
    EndpointBatch third;
    mapper.beginReload();
    mapper.applyOnlineList(EntityKind::User, QJsonArray {users.at(0)}, &third);
    mapper.applyOnlineList(EntityKind::Participant, participants, &third);
    mapper.applyOnlineList(EntityKind::Device, QJsonArray(), &third);
    mapper.endReload(&third);
    QStringList removed = third.removedTopics;
    removed.sort();
    QCOMPARE(removed, (QStringList {QStringLiteral("devices/Robot-02"), QStringLiteral("users/Site Admin")}));
    QVERIFY(tree.find(QStringLiteral("d1"))); // online until this reload: offline now, kept
    QVERIFY(!tree.find(QStringLiteral("d1"))->online);
}

void tst_OpenTeraEventMapper::undecodableFrames()
{
    EntityTree tree;
    EventMapper mapper(&tree);
    const QString truncated = frame({}).left(40);
    EndpointBatch batch = apply(mapper, truncated);
    QCOMPARE(batch.events.size(), 1);
    QVERIFY2(
        lines(batch.events).first().startsWith(QLatin1String("error||undecodable frame (40 bytes): not valid JSON")),
        qPrintable(lines(batch.events).first()));
    QCOMPARE(batch.events.first().payload, truncated);
    batch = apply(mapper, QStringLiteral("Not allowed to send message"));
    QCOMPARE(lines(batch.events), QStringList {QStringLiteral("warning||Not allowed to send message")});
    // Other text, and JSON that is no TeraMessage, are errors holding the frame.
    for (const QString &wrong : {QStringLiteral("<html>502 Bad Gateway</html>"), QStringLiteral("42"),
             QStringLiteral("[1,2,3]"), QStringLiteral(R"({"status":17})")}) {
        batch = apply(mapper, wrong);
        QCOMPARE(batch.events.size(), 1);
        const QString line = lines(batch.events).first();
        QVERIFY2(line.startsWith(QStringLiteral("error||undecodable frame (%1 bytes): ").arg(wrong.toUtf8().size())),
            qPrintable(line));
        QCOMPARE(batch.events.first().payload, wrong);
    }
}

QTEST_GUILESS_MAIN(tst_OpenTeraEventMapper)
#include "tst_openteraeventmapper.moc"
