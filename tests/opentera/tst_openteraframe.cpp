// Frame decoding without a socket: protobuf JSON text frames in every form the server (or a test
// switch) sends, binary TeraMessages, and what is not a TeraEvent.
#include "core/protocols/opentera/openteraframe.h"

#include "opentera/deviceevent.pb.h"
#include "opentera/teraevent.pb.h"
#include "opentera/teramessage.pb.h"
#include "opentera/userevent.pb.h"

#include <QTest>

using namespace fleetscope::opentera;

class tst_OpenTeraFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textFrames_data();
    void textFrames();
    void headerAndRawPayload();
    void sessionFields();
    void binaryFrames();
};

namespace {

QString kindName(WireEvent::Kind kind)
{
    switch (kind) {
    case WireEvent::Kind::User:
        return QStringLiteral("User");
    case WireEvent::Kind::Participant:
        return QStringLiteral("Participant");
    case WireEvent::Kind::Device:
        return QStringLiteral("Device");
    case WireEvent::Kind::JoinSession:
        return QStringLiteral("JoinSession");
    case WireEvent::Kind::LeaveSession:
        return QStringLiteral("LeaveSession");
    case WireEvent::Kind::StopSession:
        return QStringLiteral("StopSession");
    case WireEvent::Kind::JoinSessionReply:
        return QStringLiteral("JoinSessionReply");
    case WireEvent::Kind::Archive:
        return QStringLiteral("Archive");
    case WireEvent::Kind::Database:
        return QStringLiteral("Database");
    case WireEvent::Kind::Unknown:
        return QStringLiteral("Unknown");
    case WireEvent::Kind::Invalid:
        return QStringLiteral("Invalid");
    }
    return QString();
}

// "Kind CODE uuid name" per event: what a row expects.
QStringList describe(const Frame &frame)
{
    QStringList out;
    for (const WireEvent &e : frame.events) {
        QStringList parts {kindName(e.kind)};
        if ((e.kind == WireEvent::Kind::Unknown || e.kind == WireEvent::Kind::Invalid) && !e.typeName.isEmpty())
            parts << e.typeName;
        if (!e.codeName.isEmpty())
            parts << e.codeName;
        if (!e.uuid.isEmpty())
            parts << e.uuid;
        if (!e.name.isEmpty())
            parts << e.name;
        out << parts.join(QLatin1Char(' '));
    }
    return out;
}

QString envelope(const QString &events, const QString &extraHeader = QString())
{
    return QStringLiteral(R"({"message": {"@type": "type.googleapis.com/opentera.protobuf.TeraEvent",
        "header": {"version": 1, "time": 1732134567.5, "topic": "module.TeraServer.UserManagerModule.events"%1},
        "events": [%2]}})")
        .arg(extraHeader, events);
}

} // namespace

void tst_OpenTeraFrame::textFrames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QStringList>("events");

    const int events = int(Frame::Kind::Events);
    // The spec's example, verbatim: pretty-printed, indent 2.
    QTest::newRow("pretty-printed camelCase")
        << QStringLiteral(
               "{\n  \"message\": {\n    \"@type\": \"type.googleapis.com/opentera.protobuf.TeraEvent\",\n"
               "    \"header\": {\n      \"version\": 1,\n      \"time\": 1732134567.123456,\n"
               "      \"topic\": \"module.TeraServer.UserManagerModule.events\"\n    },\n    \"events\": [\n      {\n"
               "        \"@type\": \"type.googleapis.com/opentera.protobuf.UserEvent\",\n"
               "        \"userUuid\": \"b7a2f3c0-1111-4a4a-9c9c-000000000001\",\n        \"type\": "
               "\"USER_CONNECTED\",\n"
               "        \"userFullname\": \"Super Admin\"\n      }\n    ]\n  }\n}\n")
        << events
        << QStringList {QStringLiteral("User USER_CONNECTED b7a2f3c0-1111-4a4a-9c9c-000000000001 Super Admin")};
    QTest::newRow("two events in one frame") << envelope(QStringLiteral(
        R"({"@type":"type.googleapis.com/opentera.protobuf.ParticipantEvent","participantUuid":"p1","type":"PARTICIPANT_CONNECTED","participantName":"P-0042","participantProjectName":"Rehab pilot","participantSiteName":"Sherbrooke"},
                  {"@type":"type.googleapis.com/opentera.protobuf.DeviceEvent","deviceUuid":"d1","type":"DEVICE_CONNECTED","deviceName":"Robot-01","deviceStatus":""})"))
                                             << events
                                             << QStringList {
                                                    QStringLiteral("Participant PARTICIPANT_CONNECTED p1 P-0042"),
                                                    QStringLiteral("Device DEVICE_CONNECTED d1 Robot-01")};
    QTest::newRow("unknown @type does not break the frame")
        << envelope(QStringLiteral(
               R"({"@type":"type.googleapis.com/opentera.protobuf.SomethingNew","x":{"y":[1,2]}},
                  {"@type":"type.googleapis.com/opentera.protobuf.DeviceEvent","deviceUuid":"d1","type":"DEVICE_DISCONNECTED","deviceName":"Robot-01"})"))
        << events
        << QStringList {QStringLiteral("Unknown type.googleapis.com/opentera.protobuf.SomethingNew"),
               QStringLiteral("Device DEVICE_DISCONNECTED d1 Robot-01")};
    QTest::newRow("type of another package is unknown")
        << envelope(QStringLiteral(R"({"@type":"type.googleapis.com/other.UserEvent","userUuid":"u1"})")) << events
        << QStringList {QStringLiteral("Unknown type.googleapis.com/other.UserEvent")};
    QTest::newRow("enum numbers") << envelope(QStringLiteral(
        R"({"@type":"type.googleapis.com/opentera.protobuf.DeviceEvent","deviceUuid":"d1","type":7,"deviceName":"Robot-01","deviceStatus":""},
                  {"@type":"type.googleapis.com/opentera.protobuf.JoinSessionReplyEvent","sessionUuid":"s1","joinReply":3})"))
                                  << events
                                  << QStringList {QStringLiteral("Device DEVICE_STATUS_CHANGED d1 Robot-01"),
                                         QStringLiteral("JoinSessionReply REPLY_BUSY s1")};
    QTest::newRow("snake_case keys") << envelope(QStringLiteral(
        R"({"@type":"type.googleapis.com/opentera.protobuf.UserEvent","user_uuid":"u1","type":"USER_JOINED_SESSION","user_fullname":"Super Admin"},
                  {"@type":"type.googleapis.com/opentera.protobuf.ArchiveEvent","archive_uuid":"a1","owner_uuid":"u1","status":2,"archive_url":""})"))
                                     << events
                                     << QStringList {QStringLiteral("User USER_JOINED_SESSION u1 Super Admin"),
                                            QStringLiteral("Archive STATUS_COMPLETED a1")};
    QTest::newRow("unknown enum name kept") << envelope(QStringLiteral(
        R"({"@type":"type.googleapis.com/opentera.protobuf.UserEvent","userUuid":"u1","type":"USER_TELEPORTED"})"))
                                            << events << QStringList {QStringLiteral("User USER_TELEPORTED u1")};
    QTest::newRow("deprecated and unknown values")
        << envelope(QStringLiteral(
               R"({"@type":"type.googleapis.com/opentera.protobuf.UserEvent","userUuid":"u1","type":"USER_ADDED"},
                  {"@type":"type.googleapis.com/opentera.protobuf.UserEvent","userUuid":"u2","type":"USER_UNKNOWN"})"))
        << events << QStringList {QStringLiteral("User USER_ADDED u1"), QStringLiteral("User USER_UNKNOWN u2")};
    QTest::newRow("unknown fields tolerated") << envelope(QStringLiteral(
        R"({"@type":"type.googleapis.com/opentera.protobuf.StopSessionEvent","sessionUuid":"s1","serviceUuid":"v1","newField":true})"))
                                              << events << QStringList {QStringLiteral("StopSession s1")};
    QTest::newRow("database event") << envelope(QStringLiteral(
        R"({"@type":"type.googleapis.com/opentera.protobuf.DatabaseEvent","type":"DB_DELETE","objectType":"TeraDevice","objectValue":"{}"})"))
                                    << events << QStringList {QStringLiteral("Database DB_DELETE")};
    QTest::newRow("wrongly typed field: that event only")
        << envelope(QStringLiteral(
               R"({"@type":"type.googleapis.com/opentera.protobuf.UserEvent","userUuid":{"x":1}},
                  {"@type":"type.googleapis.com/opentera.protobuf.StopSessionEvent","sessionUuid":"s1"})"))
        << events << QStringList {QStringLiteral("Invalid UserEvent"), QStringLiteral("StopSession s1")};
    QTest::newRow("element not an object")
        << envelope(QStringLiteral("42")) << events << QStringList {QStringLiteral("Invalid")};
    QTest::newRow("bare TeraEvent") << QStringLiteral(
        R"({"header":{"version":1},"events":[{"@type":"type.googleapis.com/opentera.protobuf.StopSessionEvent","sessionUuid":"s1"}]})")
                                    << events << QStringList {QStringLiteral("StopSession s1")};
    QTest::newRow("no events") << envelope(QString()) << events << QStringList();
    QTest::newRow("refusal text") << QStringLiteral("Not allowed to send message") << int(Frame::Kind::Text)
                                  << QStringList();
    QTest::newRow("truncated JSON") << envelope(QString()).left(60) << int(Frame::Kind::Undecodable) << QStringList();
    QTest::newRow("another message type")
        << QStringLiteral(R"({"message":{"@type":"type.googleapis.com/opentera.protobuf.ServerCommand","type":1}})")
        << int(Frame::Kind::Unexpected) << QStringList();
    // Wrong-type frames are undecodable (an error event); only a TeraMessage of another type is
    // a warning (a newer server).
    QTest::newRow("JSON array") << QStringLiteral("[1,2]") << int(Frame::Kind::Undecodable) << QStringList();
    QTest::newRow("unrelated object") << QStringLiteral(R"({"hello":"world"})") << int(Frame::Kind::Undecodable)
                                      << QStringList();
    QTest::newRow("JSON number") << QStringLiteral("42") << int(Frame::Kind::Undecodable) << QStringList();
    QTest::newRow("other text") << QStringLiteral("<html>502 Bad Gateway</html>") << int(Frame::Kind::Undecodable)
                                << QStringList();
}

void tst_OpenTeraFrame::textFrames()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QStringList, events);
    const Frame frame = decodeTextFrame(text);
    QCOMPARE(int(frame.kind), kind);
    QCOMPARE(describe(frame), events);
    if (frame.kind == Frame::Kind::Undecodable || frame.kind == Frame::Kind::Unexpected)
        QVERIFY(!frame.problem.isEmpty());
}

void tst_OpenTeraFrame::headerAndRawPayload()
{
    const Frame frame =
        decodeTextFrame(envelope(QStringLiteral(R"({"@type":"type.googleapis.com/opentera.protobuf.SomethingNew","x":1},
                          {"@type":"type.googleapis.com/opentera.protobuf.DeviceEvent","deviceUuid":"d1","type":"DEVICE_STATUS_CHANGED","deviceStatus":"{\"status\": \"{}\", \"timestamp\": 5}"})")));
    QCOMPARE(frame.version, 1u);
    QCOMPARE(frame.time, 1732134567.5);
    QCOMPARE(frame.topic, QStringLiteral("module.TeraServer.UserManagerModule.events"));
    QCOMPARE(frame.events.size(), 2);
    // The unknown event keeps its JSON, for the warning's payload.
    QVERIFY(frame.events.at(0).raw.contains(QLatin1String("\"x\":1")));
    QCOMPARE(frame.events.at(1).deviceStatus, QStringLiteral(R"({"status": "{}", "timestamp": 5})"));
    QVERIFY(isDeprecatedCode(WireEvent::Kind::Device, 4));
    QVERIFY(!isDeprecatedCode(WireEvent::Kind::Device, 7));
}

void tst_OpenTeraFrame::sessionFields()
{
    const Frame frame = decodeTextFrame(envelope(QStringLiteral(
        R"({"@type":"type.googleapis.com/opentera.protobuf.JoinSessionEvent","sessionUrl":"https://h/x","sessionCreatorName":"Super Admin","sessionUuid":"s1","sessionParticipants":["p1"],"sessionUsers":["u1","u2"],"sessionDevices":[],"joinMsg":"Join!","sessionParameters":"{}","serviceUuid":"v1"},
           {"@type":"type.googleapis.com/opentera.protobuf.LeaveSessionEvent","sessionUuid":"s1","leavingParticipants":["p1"],"leavingUsers":[],"leavingDevices":["d1"]})")));
    QCOMPARE(frame.events.size(), 2);
    const WireEvent &join = frame.events.at(0);
    QCOMPARE(join.kind, WireEvent::Kind::JoinSession);
    QCOMPARE(join.name, QStringLiteral("Super Admin"));
    QCOMPARE(join.users, (QStringList {QStringLiteral("u1"), QStringLiteral("u2")}));
    QCOMPARE(join.participants, QStringList {QStringLiteral("p1")});
    QCOMPARE(join.serviceUuid, QStringLiteral("v1"));
    const WireEvent &leave = frame.events.at(1);
    QCOMPARE(leave.devices, QStringList {QStringLiteral("d1")});
}

void tst_OpenTeraFrame::binaryFrames()
{
    namespace pb = ::opentera::protobuf;
    pb::TeraEvent event;
    event.mutable_header()->set_version(1);
    event.mutable_header()->set_time(1732134567.25);
    event.mutable_header()->set_topic("module.TeraServer.UserManagerModule.events");
    pb::DeviceEvent device;
    device.set_device_uuid("d1");
    device.set_type(pb::DeviceEvent::DEVICE_STATUS_CHANGED);
    device.set_device_name("Robot-01");
    device.set_device_status(R"({"status": "{\"battery\": 50}", "timestamp": 1})");
    event.add_events()->PackFrom(device);
    google::protobuf::Any *unknown = event.add_events();
    unknown->set_type_url("type.googleapis.com/opentera.protobuf.SomethingNew");
    unknown->set_value("\x08\x01");
    pb::UserEvent user;
    user.set_user_uuid("u1");
    user.set_type(pb::UserEvent::USER_CONNECTED);
    event.add_events()->PackFrom(user);
    pb::TeraMessage message;
    message.mutable_message()->PackFrom(event);

    const Frame frame = decodeBinaryFrame(QByteArray::fromStdString(message.SerializeAsString()));
    QCOMPARE(frame.kind, Frame::Kind::Events);
    QCOMPARE(frame.time, 1732134567.25);
    QCOMPARE(describe(frame),
        (QStringList {QStringLiteral("Device DEVICE_STATUS_CHANGED d1 Robot-01"),
            QStringLiteral("Unknown type.googleapis.com/opentera.protobuf.SomethingNew"),
            QStringLiteral("User USER_CONNECTED u1")}));
    QCOMPARE(frame.events.at(0).deviceStatus, QStringLiteral(R"({"status": "{\"battery\": 50}", "timestamp": 1})"));
    QVERIFY(frame.events.at(0).raw.contains(QLatin1String("\"deviceName\":\"Robot-01\"")));

    pb::TeraMessage notAnEvent;
    notAnEvent.mutable_message()->PackFrom(user);
    QCOMPARE(
        decodeBinaryFrame(QByteArray::fromStdString(notAnEvent.SerializeAsString())).kind, Frame::Kind::Unexpected);
    QCOMPARE(decodeBinaryFrame(QByteArray("\xff\xff\xff\xff\x0f garbage", 14)).kind, Frame::Kind::Undecodable);
    QCOMPARE(decodeBinaryFrame(QByteArray()).kind, Frame::Kind::Unexpected); // an empty TeraMessage
}

QTEST_GUILESS_MAIN(tst_OpenTeraFrame)
#include "tst_openteraframe.moc"
