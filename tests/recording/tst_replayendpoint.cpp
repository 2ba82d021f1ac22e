#include "core/endpoint/protocolregistry.h"
#include "core/recording/recordingwriter.h"
#include "core/recording/replayendpoint.h"
#include "core/recording/sessionrecorder.h"
#include "tests/common/testsupport.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;

namespace {

// Everything an endpoint reported, in comparable form.
struct Seen
{
    QMap<QString, QString> topics; // path -> type
    QVector<QPair<QString, QPair<qint64, double>>> samples;
    QStringList events; // severity|path|summary|payload
    QVector<LinkState> states;

    void watch(Endpoint *endpoint, QObject *context)
    {
        QObject::connect(endpoint, &Endpoint::batchReady, context, [this](const EndpointBatch &batch) {
            for (const Topic &t : batch.topics)
                topics.insert(t.path, t.type);
            for (const Sample &s : batch.samples)
                samples.append({s.path, {s.t, s.value}});
            for (const Event &e : batch.events)
                events << severityName(e.severity) + QLatin1Char('|') + e.path + QLatin1Char('|') + e.summary
                        + QLatin1Char('|') + e.payload;
        });
        QObject::connect(endpoint, &Endpoint::stateChanged, context,
            [this](const LinkStatus &status) { states.append(status.state); });
    }
};

QString writeRecording(const QTemporaryDir &dir, const QString &protocol, const QVector<WireFrame> &frames)
{
    const QString path = dir.filePath(QStringLiteral("synthetic.fsrec"));
    RecordingWriter writer(nullptr);
    QString error;
    RecordingInfo info;
    info.startedMs = frames.isEmpty() ? 0 : frames.first().t;
    info.endpoints = {{QStringLiteral("recorded"), protocol, QStringLiteral("ws://127.0.0.1:1/ws")}};
    if (!writer.open(path, info, &error))
        return QString();
    for (const WireFrame &frame : frames)
        writer.write(0, frame);
    return path;
}

WireFrame inbound(qint64 t, const QString &text)
{
    WireFrame f;
    f.t = t;
    f.text = text;
    return f;
}

} // namespace

class TestReplayEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replaysARecordedSession();
    void pacesAtTheRecordedSpeed();
    void damagedRecordingPlaysUpToTheDamage();
    void isReadOnly();
    void refusesWhatItCannotReplay_data();
    void refusesWhatItCannotReplay();
};

void TestReplayEndpoint::replaysARecordedSession()
{
    // Record a live Exosite session: browse, subscribe to a truck, let updates come.
    auto simulator = test::startSimulator(QStringLiteral("exosite"));
    QVERIFY(simulator);
    ProtocolRegistry registry;
    registerBuiltinProtocols(registry);
    QString error;
    auto live = registry.create(simulator->clientConfig(), &error);
    QVERIFY(live);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("live.fsrec"));
    SessionRecorder recorder(nullptr);
    recorder.addEndpoint(live.get());
    QVERIFY(recorder.start(path, &error));
    Seen original;
    original.watch(live.get(), this);
    QSignalSpy browsed(live.get(), &Endpoint::browseFinished);
    live->open();
    live->browse();
    QVERIFY(browsed.wait(10000));
    live->subscribe(QStringLiteral("truck-01"));
    live->subscribe(QStringLiteral("ambient"));
    // History first, then live updates: wait for both, so that the replay covers subscription
    // updates (paired by subs_id) as well as read results (paired by call id).
    QTRY_VERIFY_WITH_TIMEOUT(
        original.events.filter(QStringLiteral("debug|truck-01/temperature|subscribed")).size() == 1, 20000);
    auto temperatures = [&original] {
        return std::count_if(original.samples.cbegin(), original.samples.cend(),
            [](const auto &s) { return s.first == QLatin1String("truck-01/temperature"); });
    };
    const auto afterHistory = temperatures();
    QTRY_VERIFY_WITH_TIMEOUT(temperatures() >= afterHistory + 2, 20000);
    live->flush();
    recorder.stop();
    live->disconnect(this);
    live->close();

    // Replay it as fast as possible: the same tree, samples and events come back.
    auto config = ReplayEndpoint::configFor(path, 0);
    ReplayEndpoint replay(config, &registry);
    Seen replayed;
    replayed.watch(&replay, this);
    replay.open();
    QTRY_VERIFY_WITH_TIMEOUT(replayed.states.contains(LinkState::Closed), 20000);
    QVERIFY(replayed.states.contains(LinkState::Ready));
    QVERIFY(!replayed.states.contains(LinkState::Failed));

    QVERIFY(original.topics.size() > 20);
    QCOMPARE(replayed.topics, original.topics);
    QCOMPARE(replayed.samples, original.samples);
    QStringList events = replayed.events;
    QVERIFY(events.last().startsWith(QLatin1String("info||end of recording")));
    events.removeLast();
    QStringList expected = original.events;
    // The live session may have reported its own closing; the recording ends before that.
    expected.erase(std::remove_if(expected.begin(), expected.end(),
                       [](const QString &e) { return e.contains(QLatin1String("connection lost")); }),
        expected.end());
    QCOMPARE(events, expected);
    QCOMPARE(replay.subscriptions().contains(QStringLiteral("truck-01/temperature")), true);
}

void TestReplayEndpoint::pacesAtTheRecordedSpeed()
{
    // Two frames ten seconds apart, of a protocol this build has no adapter for: Endpoint's default
    // replay hook shows them as info events with the raw frame.
    QTemporaryDir dir;
    const qint64 t0 = 1700000000000;
    const QString path = writeRecording(dir, QStringLiteral("carrier-pigeon"),
        {inbound(t0, QStringLiteral("first")), inbound(t0 + 10000, QStringLiteral("second"))});
    QVERIFY(!path.isEmpty());
    ProtocolRegistry registry;
    registerBuiltinProtocols(registry);

    ReplayEndpoint realTime(ReplayEndpoint::configFor(path, 1.0), &registry);
    Seen seen;
    seen.watch(&realTime, this);
    realTime.open();
    QTRY_VERIFY_WITH_TIMEOUT(seen.events.filter(QStringLiteral("|first")).size() == 1, 5000);
    realTime.flush();
    // Real time: the second frame is ten seconds away, so it has not been played.
    QVERIFY(seen.events.filter(QStringLiteral("|second")).isEmpty());
    QVERIFY(seen.events.filter(QStringLiteral("no adapter for protocol")).size() == 1);
    realTime.close();
    QCOMPARE(realTime.state(), LinkState::Closed);

    // A thousand times faster, the ten seconds take ten milliseconds.
    ReplayEndpoint fast(ReplayEndpoint::configFor(path, 1000.0), &registry);
    Seen fastSeen;
    fastSeen.watch(&fast, this);
    fast.open();
    QTRY_VERIFY_WITH_TIMEOUT(fastSeen.states.contains(LinkState::Closed), 5000);
    QCOMPARE(fastSeen.events.filter(QStringLiteral("|replayed frame|first")).size(), 1);
    QCOMPARE(fastSeen.events.filter(QStringLiteral("|replayed frame|second")).size(), 1);
}

void TestReplayEndpoint::damagedRecordingPlaysUpToTheDamage()
{
    QTemporaryDir dir;
    QVector<WireFrame> frames;
    for (int i = 0; i < 10; ++i)
        frames.append(inbound(1000 + i, QStringLiteral("frame %1").arg(i)));
    const QString path = writeRecording(dir, QStringLiteral("none"), frames);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(file.size() - 3)); // the last frame is cut short
    file.close();
    ProtocolRegistry registry;
    ReplayEndpoint replay(ReplayEndpoint::configFor(path, 0), &registry);
    Seen seen;
    seen.watch(&replay, this);
    replay.open();
    QTRY_VERIFY_WITH_TIMEOUT(seen.states.contains(LinkState::Closed), 5000);
    QCOMPARE(seen.events.filter(QStringLiteral("|replayed frame|frame ")).size(), 9);
    const QStringList damage = seen.events.filter(QStringLiteral("error||the recording is damaged"));
    QCOMPARE(damage.size(), 1);
    QVERIFY2(damage.first().contains(QLatin1String("cut short")), qPrintable(damage.first()));
}

void TestReplayEndpoint::isReadOnly()
{
    QTemporaryDir dir;
    const QString path =
        writeRecording(dir, QStringLiteral("exosite"), {inbound(1, QStringLiteral("{\"status\":\"ok\"}"))});
    ProtocolRegistry registry;
    registerBuiltinProtocols(registry);
    ReplayEndpoint replay(ReplayEndpoint::configFor(path, 0), &registry);
    QSignalSpy finished(&replay, &Endpoint::commandFinished);
    replay.send(Command {QStringLiteral("truck-01/setpoint"), QStringLiteral("21"), 7});
    QCOMPARE(finished.size(), 1);
    const auto reply = finished.first().first().value<CommandReply>();
    QCOMPARE(reply.id, quint64(7));
    QVERIFY(!reply.ok);
    QVERIFY(reply.refusedLocally);
}

void TestReplayEndpoint::refusesWhatItCannotReplay_data()
{
    QTest::addColumn<bool>("missingFile");
    QTest::addColumn<QString>("recordedEndpoint");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("no such file") << true << QString() << QStringLiteral("cannot read");
    QTest::newRow("no such endpoint") << false << QStringLiteral("elsewhere")
                                      << QStringLiteral("no endpoint named \"elsewhere\" (it has: recorded)");
}

void TestReplayEndpoint::refusesWhatItCannotReplay()
{
    QFETCH(bool, missingFile);
    QFETCH(QString, recordedEndpoint);
    QFETCH(QString, phrase);
    QTemporaryDir dir;
    const QString path = missingFile ? dir.filePath(QStringLiteral("missing.fsrec"))
                                     : writeRecording(dir, QStringLiteral("none"), {inbound(1, QStringLiteral("x"))});
    ProtocolRegistry registry;
    ReplayEndpoint replay(ReplayEndpoint::configFor(path, 0, recordedEndpoint), &registry);
    replay.open();
    QCOMPARE(replay.state(), LinkState::Failed);
    QVERIFY2(replay.status().text().contains(phrase), qPrintable(replay.status().text()));
}

QTEST_GUILESS_MAIN(TestReplayEndpoint)
#include "tst_replayendpoint.moc"
