// How fast OpenTera frames decode: the server's pretty-printed JSON (per-event protobuf parsing,
// dispatching on "@type") against a plain QJsonDocument parse of the same text, binary frames,
// and decode + mapping to samples/events as the endpoint does it.
#include "core/protocols/opentera/openteraeventmapper.h"
#include "core/protocols/opentera/openteraframe.h"
#include "sim/opentera/openteraframes.h"

#include "opentera/deviceevent.pb.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace fleetscope;
namespace ot = fleetscope::opentera;
namespace simot = fleetscope::sim::opentera;

namespace {

simot::OutEvent statusEvent(int i)
{
    auto message = std::make_shared<::opentera::protobuf::DeviceEvent>();
    message->set_device_uuid(
        QStringLiteral("d1a0c3e2-0000-4000-8000-%1").arg(i % 4, 12, 10, QLatin1Char('0')).toStdString());
    message->set_type(::opentera::protobuf::DeviceEvent::DEVICE_STATUS_CHANGED);
    message->set_device_name(QStringLiteral("Robot-%1").arg(i % 4, 2, 10, QLatin1Char('0')).toStdString());
    const QJsonObject status {{QStringLiteral("battery"), 87.5 - i * 0.1}, {QStringLiteral("charging"), false},
        {QStringLiteral("rssi"), -61}, {QStringLiteral("cpu_temp"), 48.2}, {QStringLiteral("latency_ms"), 35},
        {QStringLiteral("motors"),
            QJsonObject {{QStringLiteral("left_temp"), 41.0}, {QStringLiteral("right_temp"), 40.5}}}};
    const QJsonObject wrapped {
        {QStringLiteral("status"), simot::pythonJson(status)}, {QStringLiteral("timestamp"), 1732134567.0 + i}};
    message->set_device_status(simot::pythonJson(wrapped).toStdString());
    return simot::OutEvent {
        QStringLiteral("module.TeraServer.UserManagerModule.events"), message, {}, {}, {}, simot::Subject::Device, {}};
}

QVector<simot::OutEvent> events(int n)
{
    QVector<simot::OutEvent> out;
    for (int i = 0; i < n; ++i)
        out << statusEvent(i);
    return out;
}

} // namespace

class bench_OpenTeraFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textFrame_data();
    void textFrame();
    void qjsonOnlyBaseline_data();
    void qjsonOnlyBaseline();
    void binaryFrame_data();
    void binaryFrame();
    void decodeAndMap();
};

void bench_OpenTeraFrame::textFrame_data()
{
    QTest::addColumn<int>("eventCount");
    QTest::newRow("1 status event (the server's frame)") << 1;
    QTest::newRow("10 status events") << 10;
    QTest::newRow("30 status events") << 30;
}

void bench_OpenTeraFrame::textFrame()
{
    QFETCH(int, eventCount);
    const QString text = simot::jsonFrame(events(eventCount), 1732134567.123456, {});
    QCOMPARE(ot::decodeTextFrame(text).events.size(), eventCount);
    QBENCHMARK
    {
        const ot::Frame frame = ot::decodeTextFrame(text);
        Q_UNUSED(frame);
    }
}

void bench_OpenTeraFrame::qjsonOnlyBaseline_data()
{
    textFrame_data();
}

void bench_OpenTeraFrame::qjsonOnlyBaseline()
{
    QFETCH(int, eventCount);
    const QString text = simot::jsonFrame(events(eventCount), 1732134567.123456, {});
    QBENCHMARK
    {
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        Q_UNUSED(doc);
    }
}

void bench_OpenTeraFrame::binaryFrame_data()
{
    textFrame_data();
}

void bench_OpenTeraFrame::binaryFrame()
{
    QFETCH(int, eventCount);
    const QByteArray data = simot::binaryFrame(events(eventCount), 1732134567.123456);
    QCOMPARE(ot::decodeBinaryFrame(data).events.size(), eventCount);
    QBENCHMARK
    {
        const ot::Frame frame = ot::decodeBinaryFrame(data);
        Q_UNUSED(frame);
    }
}

void bench_OpenTeraFrame::decodeAndMap()
{
    // The endpoint's whole path for one status frame: decode, double-decode the status, 7 samples.
    QStringList texts;
    for (int i = 0; i < 64; ++i)
        texts << simot::jsonFrame({statusEvent(i)}, 1732134567.0 + i, {});
    ot::EntityTree tree;
    ot::EventMapper mapper(&tree);
    int i = 0;
    QBENCHMARK
    {
        const QString &text = texts.at(i++ % texts.size());
        EndpointBatch batch;
        mapper.applyFrame(ot::decodeTextFrame(text), text, 0, 1732134567000, &batch);
    }
}

QTEST_GUILESS_MAIN(bench_OpenTeraFrame)
#include "bench_openteraframe.moc"
