#include "core/protocols/intu/intupayload.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QtEndian>

using namespace fleetscope;
using namespace fleetscope::intu;

// Declared before the test data: moc misreads raw strings that hold \" sequences.
class tst_IntuPayload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapsPayloads_data();
    void mapsPayloads();
    void rawPayloadHasDataDecoded();
    void networkStateChanges();
    void cameraFramesGiveFps();
    void microphoneGivesRms();
    void topicManagerNamesTheChildFolder();
    void setStateRemembersTheType();
};

namespace {

Message publish(const QString &origin, const QString &topic, const QString &type, const QByteArray &data)
{
    Message m;
    m.kind = Message::Kind::Publish;
    m.msg = QStringLiteral("publish");
    m.origin = origin;
    m.topic = topic;
    m.type = type;
    m.data = data;
    m.envelope = QJsonObject {{QStringLiteral("msg"), QStringLiteral("publish")}, {QStringLiteral("origin"), origin},
        {QStringLiteral("topic"), topic}, {QStringLiteral("type"), type}};
    return m;
}

QStringList eventsOf(const Interpretation &r)
{
    QStringList out;
    for (const auto &note : r.events)
        out << severityName(note.severity) + QLatin1Char('|') + note.path + QLatin1Char('|') + note.summary;
    return out;
}

QStringList samplesOf(const Interpretation &r)
{
    QStringList out;
    for (const auto &sample : r.samples)
        out << sample.first + QLatin1Char('=') + QString::number(sample.second, 'g', 6);
    out.sort();
    return out;
}

QByteArray logRecord(const char *level)
{
    return QByteArray(R"({"level":")") + level
        + R"(","message":"Topic nosuch not found.","subsystem":"TopicManager","time":"04/16/18 17:19:31.123"})";
}

QByteArray health(const char *name, const QByteArray &content)
{
    return QByteArray(R"({"Type_":"HealthData","m_HealthName":")") + name + R"(","m_Content":)" + content + "}";
}

const QString kJson = QStringLiteral("application/json");
const QString kText = QStringLiteral("text/plain");
const QString kHere = QStringLiteral("../.");
const QString kPepper = QStringLiteral("../pepper-7f3a/.");

} // namespace

void tst_IntuPayload::mapsPayloads_data()
{
    QTest::addColumn<QString>("origin");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QStringList>("samples");

    const QString warnSummary = QStringLiteral("|log|[TopicManager] Topic nosuch not found.");
    const struct
    {
        const char *level;
        const char *severity;
    } levels[] = {{"DEBL", "debug"}, {"DEBM", "debug"}, {"DEBH", "debug"}, {"STAT", "info"}, {"WARN", "warning"},
        {"ERRO", "error"}, {"CRIT", "error"}, {"TRCE", "info"}};
    for (const auto &level : levels)
        QTest::addRow("log %s → %s", level.level, level.severity)
            << kHere << QStringLiteral("log") << kJson << logRecord(level.level)
            << QStringList {QLatin1String(level.severity) + warnSummary} << QStringList();
    QTest::newRow("log of a child") << kPepper << QStringLiteral("log") << kJson << logRecord("WARN")
                                    << QStringList {QStringLiteral(
                                           "warning|pepper-7f3a/log|[TopicManager] Topic nosuch not found.")}
                                    << QStringList();
    QTest::newRow("log record as it comes, pretty-printed")
        << kHere << QStringLiteral("log") << kJson
        << QByteArray("{\n   \"level\" : \"STAT\",\n   \"message\" : \"Sensor System is active.\",\n   \"subsystem\" : "
                      "\"SensorManager\",\n   \"time\" : \"04/16/18 17:19:31.123\"\n}\n")
        << QStringList {QStringLiteral("info|log|[SensorManager] Sensor System is active.")} << QStringList();

    QTest::newRow("topic-manager connected")
        << kHere << QStringLiteral("topic-manager") << kJson
        << QByteArray(R"({"event":"connected","selfId":"pepper-7f3a","parent":false})")
        << QStringList {QStringLiteral("info|topic-manager|child connected: pepper-7f3a")} << QStringList();
    QTest::newRow("topic-manager disconnected")
        << kHere << QStringLiteral("topic-manager") << kJson
        << QByteArray(R"({"event":"disconnected","selfId":"nao-2c91"})")
        << QStringList {QStringLiteral("info|topic-manager|child disconnected: nao-2c91")} << QStringList();

    QTest::newRow("conversation: text, trimmed")
        << kHere << QStringLiteral("conversation") << kText << QByteArray("  what time is it \n")
        << QStringList {QStringLiteral("info|conversation|what time is it")} << QStringList();
    QTest::newRow("conversation: JSON-quoted by the dashboard")
        << kHere << QStringLiteral("conversation") << kText << QByteArray("\"hello robot\"")
        << QStringList {QStringLiteral("info|conversation|hello robot")} << QStringList();
    QTest::newRow("conversation of a child")
        << kPepper << QStringLiteral("conversation") << kText << QByteArray("hello pepper")
        << QStringList {QStringLiteral("info|pepper-7f3a/conversation|hello pepper")} << QStringList();
    QTest::newRow("conversation: empty") << kHere << QStringLiteral("conversation") << kText << QByteArray(" ")
                                         << QStringList {QStringLiteral("debug|conversation|(empty)")} << QStringList();

    const QString bb = QStringLiteral("blackboard-stream");
    QTest::newRow("add_object Say")
        << kHere << bb << kJson
        << QByteArray(
               R"({"event":"add_object","parent":"p","thing":{"Type_":"Say","GUID_":"9d1c5e","m_Text":"Hello"}})")
        << QStringList {QStringLiteral("info|blackboard-stream|add Say: \"Hello\"")} << QStringList();
    QTest::newRow("add_object Text: confidence sample")
        << kHere << bb << kJson
        << QByteArray(
               R"({"event":"add_object","thing":{"Type_":"Text","m_Text":"what time is it","m_fConfidence":0.87}})")
        << QStringList {QStringLiteral("info|blackboard-stream|add Text: \"what time is it\" (0.87)")}
        << QStringList {QStringLiteral("blackboard-stream/Text/confidence=0.87")};
    QTest::newRow("add_object Failure is a warning")
        << kHere << bb << kJson
        << QByteArray(
               R"({"event":"add_object","thing":{"Type_":"Failure","m_Name":"GestureFailed","m_Info":"no gesture"}})")
        << QStringList {QStringLiteral("warning|blackboard-stream|add Failure: GestureFailed: no gesture")}
        << QStringList();
    QTest::newRow("add_object Gesture")
        << kHere << bb << kJson
        << QByteArray(R"({"event":"add_object","thing":{"Type_":"Gesture","m_Type":"volume_up","m_Params":{}}})")
        << QStringList {QStringLiteral("info|blackboard-stream|add Gesture: volume_up")} << QStringList();
    QTest::newRow("add_object Health: sample per family/name")
        << kPepper << bb << kJson
        << QByteArray(
               R"({"event":"add_object","thing":{"Type_":"Health","m_HealthFamily":"Power","m_HealthName":"battery/main","m_fHealthValue":81.5}})")
        << QStringList {QStringLiteral("info|pepper-7f3a/blackboard-stream|add Health: Power/battery/main = 81.5")}
        << QStringList {QStringLiteral("pepper-7f3a/blackboard-stream/Health/Power/battery%2Fmain=81.5")};
    QTest::newRow("add_object EmotionalState")
        << kHere << bb << kJson
        << QByteArray(R"({"event":"add_object","thing":{"Type_":"EmotionalState","m_Data":{"m_EmotionalState":0.52}}})")
        << QStringList {QStringLiteral("debug|blackboard-stream|add EmotionalState: 0.52")}
        << QStringList {QStringLiteral("blackboard-stream/EmotionalState=0.52")};
    QTest::newRow("data_changed from subscribe_to_type carries the thing")
        << kHere << QStringLiteral("blackboard") << kJson
        << QByteArray(
               R"({"event":"data_changed","type":"EmotionalState","parent":"p1","thing":{"Type_":"EmotionalState","GUID_":"e1e1e1","m_Data":{"m_EmotionalState":0.61}}})")
        << QStringList {QStringLiteral("debug|blackboard|data EmotionalState: 0.61")}
        << QStringList {QStringLiteral("blackboard/EmotionalState=0.61")};
    QTest::newRow("data_changed on the stream is bare")
        << kHere << bb << kJson << QByteArray(R"({"event":"data_changed"})")
        << QStringList {QStringLiteral("debug|blackboard-stream|data changed")} << QStringList();
    QTest::newRow("guid_changed names the old and new guid")
        << kHere << QStringLiteral("blackboard") << kJson
        << QByteArray(R"({"event":"guid_changed","type":"Person","thing_guid":"9f9f9f","prev_guid":"1a1a1a"})")
        << QStringList {QStringLiteral("debug|blackboard|thing 1a1a… is now 9f9f…")} << QStringList();
    QTest::newRow("add_object MusicBeat")
        << kHere << bb << kJson
        << QByteArray(R"({"event":"add_object","thing":{"Type_":"MusicBeat","m_Data":{"BPM":120}}})")
        << QStringList {QStringLiteral("debug|blackboard-stream|add MusicBeat: 120 BPM")}
        << QStringList {QStringLiteral("blackboard-stream/MusicBeat/BPM=120")};
    QTest::newRow("add_object intent is info")
        << kHere << bb << kJson << QByteArray(R"({"event":"add_object","thing":{"Type_":"QuestionIntent"}})")
        << QStringList {QStringLiteral("info|blackboard-stream|add QuestionIntent")} << QStringList();
    QTest::newRow("add_object other is debug")
        << kHere << bb << kJson << QByteArray(R"({"event":"add_object","thing":{"Type_":"Person","m_Name":"Ann"}})")
        << QStringList {QStringLiteral("debug|blackboard-stream|add Person: Ann")} << QStringList();
    QTest::newRow("set_object_state FAILED is a warning")
        << kHere << bb << kJson
        << QByteArray(
               R"({"event":"set_object_state","thing_guid":"9d1c5e7a","state":"FAILED","thing":{"Type_":"Gesture","GUID_":"9d1c5e7a"}})")
        << QStringList {QStringLiteral("warning|blackboard-stream|Gesture 9d1c… → FAILED")} << QStringList();
    QTest::newRow("set_object_state COMPLETED is debug")
        << kHere << bb << kJson
        << QByteArray(
               R"({"event":"set_object_state","thing_guid":"9d1c5e7a","state":"COMPLETED","thing":{"Type_":"Say"}})")
        << QStringList {QStringLiteral("debug|blackboard-stream|Say 9d1c… → COMPLETED")} << QStringList();
    QTest::newRow("set_object_state of an unknown thing")
        << kHere << bb << kJson << QByteArray(R"({"event":"set_object_state","thing_guid":"abcdef","state":"ABORTED"})")
        << QStringList {QStringLiteral("warning|blackboard-stream|thing abcd… → ABORTED")} << QStringList();
    QTest::newRow("remove_object") << kHere << bb << kJson
                                   << QByteArray(R"({"event":"remove_object","thing_guid":"abcdef"})")
                                   << QStringList {QStringLiteral("debug|blackboard-stream|remove thing abcd…")}
                                   << QStringList();
    QTest::newRow("set_object_importance")
        << kHere << bb << kJson
        << QByteArray(R"({"event":"set_object_importance","thing_guid":"abcdef","importance":0.5})")
        << QStringList {QStringLiteral("debug|blackboard-stream|importance thing abcd… = 0.5")} << QStringList();
    QTest::newRow("recv_state snapshot walked once")
        << kHere << bb << kJson << QByteArray(R"({"event":"recv_state","state":{"Type_":"BlackBoard",
            "m_spPerceptionRoot":{"Type_":"IThing","m_Children":[
                {"Type_":"Health","m_HealthFamily":"System","m_HealthName":"cpuUsage","m_fHealthValue":40,"m_Children":[
                    {"Type_":"Text","m_fConfidence":0.7}]}]},
            "m_spCogntiveRoot":{"Type_":"IThing","m_Children":[{"Type_":"Say","m_Text":"hi"}]},
            "m_spModelsRoot":{"Type_":"IThing","m_Children":[]}}})")
        << QStringList {QStringLiteral("debug|blackboard-stream|snapshot: 3 things")}
        << QStringList {QStringLiteral("blackboard-stream/Health/System/cpuUsage=40"),
               QStringLiteral("blackboard-stream/Text/confidence=0.7")};
    QTest::newRow("a type event addressed to us on blackboard")
        << kHere << QStringLiteral("blackboard") << kJson
        << QByteArray(R"({"event":"add_object","thing":{"Type_":"Text","m_Text":"hi","m_fConfidence":0.9}})")
        << QStringList {QStringLiteral("info|blackboard|add Text: \"hi\" (0.9)")}
        << QStringList {QStringLiteral("blackboard/Text/confidence=0.9")};

    QTest::newRow("config result, success")
        << kHere << QStringLiteral("config") << kJson
        << QByteArray(R"({"event":"libs_list","libs":[{"name":"platform_linux","disabled":false}],"success":true})")
        << QStringList {QStringLiteral("info|config|libs_list (success)")} << QStringList();
    QTest::newRow("config result, failure is an error")
        << kHere << QStringLiteral("config") << kJson << QByteArray(R"({"event":"log_level","success":false})")
        << QStringList {QStringLiteral("error|config|log_level (failed)")} << QStringList();
    QTest::newRow("config_sent") << kHere << QStringLiteral("config") << kJson
                                 << QByteArray(R"({"event":"config_sent","config":{"m_Name":"Willow"}})")
                                 << QStringList {QStringLiteral("info|config|config_sent")} << QStringList();

    QTest::newRow("HealthData value → sample by the state's first word")
        << kHere << QStringLiteral("sensor-System") << kJson
        << health("System", R"({"state":"cpuUsage","value":23.5,"error":false,"raiseAlert":false})") << QStringList()
        << QStringList {QStringLiteral("sensor-System/cpuUsage=23.5")};
    QTest::newRow("HealthData lastReboot <date>")
        << kHere << QStringLiteral("sensor-System") << kJson
        << health("System", R"({"state":"lastReboot Mon Apr 16 09:12:03 2018","value":184,"error":false})")
        << QStringList() << QStringList {QStringLiteral("sensor-System/lastReboot=184")};
    QTest::newRow("HealthData of a child")
        << kPepper << QStringLiteral("sensor-System") << kJson
        << health("System", R"({"state":"freeMemory","value":61.2})") << QStringList()
        << QStringList {QStringLiteral("pepper-7f3a/sensor-System/freeMemory=61.2")};
    QTest::newRow("HealthData error is an error event")
        << kHere << QStringLiteral("sensor-System") << kJson
        << health("System", R"({"state":"diskUsage","value":99,"error":true,"raiseAlert":true})")
        << QStringList {QStringLiteral("error|sensor-System|System diskUsage")}
        << QStringList {QStringLiteral("sensor-System/diskUsage=99")};
    QTest::newRow("HealthData raiseAlert is a warning")
        << kHere << QStringLiteral("sensor-System") << kJson
        << health("System", R"({"state":"cpuUsage","value":58,"error":false,"raiseAlert":true})")
        << QStringList {QStringLiteral("warning|sensor-System|System cpuUsage")}
        << QStringList {QStringLiteral("sensor-System/cpuUsage=58")};
    QTest::newRow("HealthData UP → 1") << kHere << QStringLiteral("sensor-Network") << kJson
                                       << health("RemoteNetwork", R"({"state":"UP","error":false,"raiseAlert":false})")
                                       << QStringList()
                                       << QStringList {QStringLiteral("sensor-Network/RemoteNetwork=1")};
    QTest::newRow("HealthData DOWN → 0 and a warning")
        << kHere << QStringLiteral("sensor-Network") << kJson
        << health("RemoteNetwork", R"({"state":"DOWN","error":false,"raiseAlert":false})")
        << QStringList {QStringLiteral("warning|sensor-Network|RemoteNetwork DOWN")}
        << QStringList {QStringLiteral("sensor-Network/RemoteNetwork=0")};
    QTest::newRow("Sonar: numeric members")
        << kPepper << QStringLiteral("sensor-Sonar") << kJson
        << QByteArray(R"({"m_fDistance":0.82,"m_fAzimuthalAngle":0,"m_fElevationAngle":0})") << QStringList()
        << QStringList {QStringLiteral("pepper-7f3a/sensor-Sonar/m_fAzimuthalAngle=0"),
               QStringLiteral("pepper-7f3a/sensor-Sonar/m_fDistance=0.82"),
               QStringLiteral("pepper-7f3a/sensor-Sonar/m_fElevationAngle=0")};
    QTest::newRow("touch: strings ignored, bools as 1/0")
        << kHere << QStringLiteral("sensor-Touch") << kJson
        << QByteArray(R"({"m_SensorName":"HeadFront","m_fEngaged":1.0,"m_Content":{"pressed":true}})") << QStringList()
        << QStringList {QStringLiteral("sensor-Touch/m_fEngaged=1"), QStringLiteral("sensor-Touch/pressed=1")};
    QTest::newRow("sensor without numbers is an event")
        << kHere << QStringLiteral("sensor-Face") << kJson << QByteArray(R"({"name":"Ann"})")
        << QStringList {QStringLiteral("info|sensor-Face|{\"name\":\"Ann\"}")} << QStringList();

    QTest::newRow("JSON type with binary garbage: error, hex kept")
        << kHere << QStringLiteral("sensor-System") << kJson << QByteArray("\xff\x00\xfe\x01", 4)
        << QStringList {QStringLiteral(
               "error|sensor-System|undecodable application/json payload on sensor-System (4 bytes)")}
        << QStringList();
    QTest::newRow("unknown binary type: size and hex")
        << kHere << QStringLiteral("blob") << QStringLiteral("application/octet-stream")
        << QByteArray("\x00\x01\x02\xff", 4)
        << QStringList {QStringLiteral("info|blob|binary payload (4 bytes, application/octet-stream)")}
        << QStringList();
    QTest::newRow("unknown type but JSON: decoded by content")
        << kHere << QStringLiteral("fleetscope-notes") << QString() << QByteArray(R"({"a":{"b":[1,2.5]}})")
        << QStringList()
        << QStringList {QStringLiteral("fleetscope-notes/a/b/0=1"), QStringLiteral("fleetscope-notes/a/b/1=2.5")};
    QTest::newRow("other JSON topic: numeric leaves")
        << kHere << QStringLiteral("weather") << kJson << QByteArray(R"({"temp":21.5,"city":"Montreal"})")
        << QStringList() << QStringList {QStringLiteral("weather/temp=21.5")};
    QTest::newRow("other JSON topic without numbers: an event")
        << kHere << QStringLiteral("status") << kJson << QByteArray(R"({"mode":"idle"})")
        << QStringList {QStringLiteral("info|status|{\"mode\":\"idle\"}")} << QStringList();
    QTest::newRow("other text topic") << kHere << QStringLiteral("notes") << kText << QByteArray("remember")
                                      << QStringList {QStringLiteral("info|notes|remember")} << QStringList();
    QTest::newRow("camera frame: no event") << kHere << QStringLiteral("sensor-Camera") << QStringLiteral("image/jpeg")
                                            << QByteArray("\xff\xd8\xff\xd9", 4) << QStringList() << QStringList();
}

void tst_IntuPayload::mapsPayloads()
{
    QFETCH(QString, origin);
    QFETCH(QString, topic);
    QFETCH(QString, type);
    QFETCH(QByteArray, data);
    QFETCH(QStringList, events);
    QFETCH(QStringList, samples);

    PayloadInterpreter interpreter;
    const Interpretation r = interpreter.interpret(publish(origin, topic, type, data), 1000);
    QCOMPARE(eventsOf(r), events);
    QCOMPARE(samplesOf(r), samples);
    QCOMPARE(r.raw.isEmpty(), events.isEmpty());
}

void tst_IntuPayload::rawPayloadHasDataDecoded()
{
    PayloadInterpreter interpreter;
    const Interpretation r =
        interpreter.interpret(publish(QStringLiteral("../."), QStringLiteral("log"), kJson, logRecord("WARN")), 1);
    const QJsonObject raw = QJsonDocument::fromJson(r.raw.toUtf8()).object();
    QCOMPARE(raw.value(QLatin1String("topic")).toString(), QStringLiteral("log"));
    QCOMPARE(
        raw.value(QLatin1String("data")).toObject().value(QLatin1String("level")).toString(), QStringLiteral("WARN"));

    const Interpretation binary = interpreter.interpret(
        publish(QStringLiteral("../."), QStringLiteral("blob"), QString(), QByteArray("\x00\x01", 2)), 1);
    QVERIFY(binary.raw.contains(QLatin1String("2 bytes: 00 01")));
}

void tst_IntuPayload::networkStateChanges()
{
    PayloadInterpreter interpreter;
    const auto network = [&](const char *state) {
        return eventsOf(
            interpreter.interpret(publish(QStringLiteral("../."), QStringLiteral("sensor-Network"), kJson,
                                      health("RemoteNetwork", QByteArray(R"({"state":")") + state + R"("})")),
                1));
    };
    QCOMPARE(network("UP"), QStringList());
    QCOMPARE(network("DOWN"), QStringList {QStringLiteral("warning|sensor-Network|RemoteNetwork DOWN")});
    QCOMPARE(network("DOWN"), QStringList()); // only the change is news
    QCOMPARE(network("UP"), QStringList {QStringLiteral("info|sensor-Network|RemoteNetwork UP")});
    QCOMPARE(network("UP"), QStringList());
}

void tst_IntuPayload::cameraFramesGiveFps()
{
    PayloadInterpreter interpreter;
    const Message frame = publish(QStringLiteral("../."), QStringLiteral("sensor-Camera"), QStringLiteral("image/jpeg"),
        QByteArray("\xff\xd8", 2));
    QStringList out;
    for (qint64 t = 0; t <= 2000; t += 200)
        out += samplesOf(interpreter.interpret(frame, 10000 + t));
    QCOMPARE(out, (QStringList {QStringLiteral("sensor-Camera/fps=5"), QStringLiteral("sensor-Camera/fps=5")}));
}

void tst_IntuPayload::microphoneGivesRms()
{
    QByteArray pcm(3200, Qt::Uninitialized);
    for (int i = 0; i < 1600; ++i)
        qToLittleEndian<qint16>(i % 2 ? 16384 : -16384, pcm.data() + 2 * i);
    PayloadInterpreter interpreter;
    const Interpretation r = interpreter.interpret(publish(QStringLiteral("../."), QStringLiteral("sensor-Microphone"),
                                                       QStringLiteral("audio/L16;rate=16000;channels=1"), pcm),
        1);
    QCOMPARE(samplesOf(r), QStringList {QStringLiteral("sensor-Microphone/rms=0.5")});
    QVERIFY(r.events.isEmpty());
}

void tst_IntuPayload::topicManagerNamesTheChildFolder()
{
    PayloadInterpreter interpreter;
    const Interpretation joined =
        interpreter.interpret(publish(QStringLiteral("../pepper-7f3a/."), QStringLiteral("topic-manager"), kJson,
                                  R"({"event":"connected","selfId":"arm-1","parent":false})"),
            1);
    QCOMPARE(joined.childConnected, QStringLiteral("pepper-7f3a/arm-1"));
    const Interpretation left = interpreter.interpret(publish(QStringLiteral("../."), QStringLiteral("topic-manager"),
                                                          kJson, R"({"event":"disconnected","selfId":"nao-2c91"})"),
        1);
    QCOMPARE(left.childDisconnected, QStringLiteral("nao-2c91"));
    const Interpretation parent =
        interpreter.interpret(publish(QStringLiteral("../."), QStringLiteral("topic-manager"), kJson,
                                  R"({"event":"connected","selfId":"gw","parent":true})"),
            1);
    QVERIFY(parent.childConnected.isEmpty());
    QCOMPARE(eventsOf(parent), QStringList {QStringLiteral("info|topic-manager|parent connected: gw")});
}

void tst_IntuPayload::setStateRemembersTheType()
{
    PayloadInterpreter interpreter;
    const QString bb = QStringLiteral("blackboard-stream");
    interpreter.interpret(
        publish(QStringLiteral("../."), bb, kJson,
            R"({"event":"add_object","thing":{"Type_":"Gesture","GUID_":"77aa0000","m_Type":"dance"}})"),
        1);
    const Interpretation r =
        interpreter.interpret(publish(QStringLiteral("../."), bb, kJson,
                                  R"({"event":"set_object_state","thing_guid":"77aa0000","state":"UNAVAILABLE"})"),
            1);
    QCOMPARE(eventsOf(r), QStringList {QStringLiteral("warning|blackboard-stream|Gesture 77aa… → UNAVAILABLE")});
}

QTEST_GUILESS_MAIN(tst_IntuPayload)
#include "tst_intupayload.moc"
