// How fast the Intu adapter turns frames into the uniform model, per message kind, and how fast
// the simulator writes them (StyledWriter JSON). No sockets: decode and mapping only.
#include "core/protocols/intu/intumessage.h"
#include "core/protocols/intu/intupayload.h"
#include "sim/intu/styledjson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace fleetscope::intu;
using fleetscope::sim::intu::styledJson;

namespace {

QByteArray envelope(const QString &topic, const QString &type, const QByteArray &data)
{
    return styledJson(QJsonObject {{QStringLiteral("binary"), false}, {QStringLiteral("data"), QString::fromUtf8(data)},
        {QStringLiteral("msg"), QStringLiteral("publish")},
        {QStringLiteral("origin"), QStringLiteral("../pepper-7f3a/.")}, {QStringLiteral("persisted"), false},
        {QStringLiteral("targets"), QJsonArray {QStringLiteral(".")}}, {QStringLiteral("topic"), topic},
        {QStringLiteral("type"), type}});
}

QByteArray binary(const QString &topic, const QString &type, const QByteArray &bytes)
{
    return styledJson(QJsonObject {{QStringLiteral("binary"), true}, {QStringLiteral("data"), bytes.size()},
               {QStringLiteral("msg"), QStringLiteral("publish")}, {QStringLiteral("origin"), QStringLiteral("../.")},
               {QStringLiteral("persisted"), false}, {QStringLiteral("targets"), QJsonArray {QStringLiteral(".")}},
               {QStringLiteral("topic"), topic}, {QStringLiteral("type"), type}})
        + '\0' + bytes;
}

QByteArray logFrame()
{
    return envelope(QStringLiteral("log"), QStringLiteral("application/json"),
        styledJson(QJsonObject {{QStringLiteral("level"), QStringLiteral("STAT")},
            {QStringLiteral("message"), QStringLiteral("Sensor System is active.")},
            {QStringLiteral("subsystem"), QStringLiteral("SensorManager")},
            {QStringLiteral("time"), QStringLiteral("04/16/18 17:19:31.123")}}));
}

QByteArray systemFrame()
{
    return binary(QStringLiteral("sensor-System"), QStringLiteral("application/json"),
        styledJson(QJsonObject {{QStringLiteral("Type_"), QStringLiteral("HealthData")},
            {QStringLiteral("m_HealthName"), QStringLiteral("System")},
            {QStringLiteral("m_Content"),
                QJsonObject {{QStringLiteral("state"), QStringLiteral("cpuUsage")}, {QStringLiteral("value"), 23.5},
                    {QStringLiteral("error"), false}, {QStringLiteral("raiseAlert"), false}}}}));
}

QByteArray snapshotFrame(int things)
{
    QJsonArray children;
    for (int i = 0; i < things; ++i)
        children.append(
            QJsonObject {{QStringLiteral("Type_"), i % 2 ? QStringLiteral("Health") : QStringLiteral("Say")},
                {QStringLiteral("GUID_"), QStringLiteral("guid-%1").arg(i)},
                {QStringLiteral("m_HealthFamily"), QStringLiteral("System")},
                {QStringLiteral("m_HealthName"), QStringLiteral("cpuUsage")}, {QStringLiteral("m_fHealthValue"), i},
                {QStringLiteral("m_Text"), QStringLiteral("hello")}, {QStringLiteral("m_Children"), QJsonArray()}});
    const QJsonObject root {
        {QStringLiteral("Type_"), QStringLiteral("IThing")}, {QStringLiteral("m_Children"), children}};
    return envelope(QStringLiteral("blackboard-stream"), QStringLiteral("application/json"),
        styledJson(QJsonObject {{QStringLiteral("event"), QStringLiteral("recv_state")},
            {QStringLiteral("state"),
                QJsonObject {{QStringLiteral("Type_"), QStringLiteral("BlackBoard")},
                    {QStringLiteral("m_spPerceptionRoot"), root}}}}));
}

} // namespace

class bench_IntuDecode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodeLogFrame()
    {
        const QByteArray frame = logFrame();
        QBENCHMARK
        {
            const Message m = decodeTextFrame(frame);
            QVERIFY(m.kind == Message::Kind::Publish);
        }
    }

    void logFrameToEvent()
    {
        const QByteArray frame = logFrame();
        PayloadInterpreter interpreter;
        QBENCHMARK
        {
            const Interpretation r = interpreter.interpret(decodeTextFrame(frame), 1);
            QVERIFY(r.events.size() == 1);
        }
    }

    void binaryHealthFrameToSample()
    {
        const QByteArray frame = systemFrame();
        PayloadInterpreter interpreter;
        QBENCHMARK
        {
            const Interpretation r = interpreter.interpret(decodeBinaryFrame(frame), 1);
            QVERIFY(r.samples.size() == 1);
        }
    }

    void cameraFrame14k()
    {
        const QByteArray frame =
            binary(QStringLiteral("sensor-Camera"), QStringLiteral("image/jpeg"), QByteArray(14233, 'x'));
        PayloadInterpreter interpreter;
        qint64 t = 0;
        QBENCHMARK
        {
            interpreter.interpret(decodeBinaryFrame(frame), t += 200);
        }
    }

    void microphoneChunk()
    {
        const QByteArray frame = binary(QStringLiteral("sensor-Microphone"),
            QStringLiteral("audio/L16;rate=16000;channels=1"), QByteArray(3200, '\x10'));
        PayloadInterpreter interpreter;
        QBENCHMARK
        {
            QVERIFY(interpreter.interpret(decodeBinaryFrame(frame), 1).samples.size() == 1);
        }
    }

    void blackboardSnapshot64()
    {
        const QByteArray frame = snapshotFrame(64);
        PayloadInterpreter interpreter;
        QBENCHMARK
        {
            QVERIFY(interpreter.interpret(decodeTextFrame(frame), 1).samples.size() == 32);
        }
    }

    void styledWriterLogEnvelope()
    {
        QByteArray out;
        QBENCHMARK
        {
            out = logFrame(); // the record, then the envelope: two StyledWriter passes
        }
        QVERIFY(out.endsWith("}\n"));
    }
};

QTEST_GUILESS_MAIN(bench_IntuDecode)
#include "bench_intudecode.moc"
