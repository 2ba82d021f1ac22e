// Each protocol's replay against a live session recorded from its simulator: what the recording
// replays into must be what the live session reported from its socket (the tree, the samples and
// the events), so that an incident can be looked at again. Exosite's is in tst_replayendpoint.
//
// What a replay cannot show is left out of the comparison, and docs/recording.md says so: the
// REST side of CityIO and OpenTera (their table lists, online lists and commands), and the live
// session's own connection bookkeeping (connection lost, timeouts, socket closes).
#include "core/endpoint/protocolregistry.h"
#include "core/recording/recordingreader.h"
#include "core/recording/replayendpoint.h"
#include "core/recording/sessionrecorder.h"
#include "tests/common/testsupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace fleetscope;

namespace {

using SampleKey = QPair<QString, QPair<qint64, double>>;

// Everything an endpoint reported, in comparable form.
struct Seen
{
    QMap<QString, QString> topics; // path -> type
    QVector<SampleKey> samples;
    QStringList events; // severity|path|summary|payload
    QVector<LinkState> states;

    void watch(Endpoint *endpoint, QObject *context)
    {
        QObject::connect(endpoint, &Endpoint::batchReady, context, [this](const EndpointBatch &batch) {
            for (const Topic &t : batch.topics)
                topics.insert(t.path, t.type);
            for (const QString &path : batch.removedTopics)
                topics.remove(path);
            for (const Sample &s : batch.samples)
                samples.append({s.path, {s.t, s.value}});
            for (const Event &e : batch.events)
                events << severityName(e.severity) + QLatin1Char('|') + e.path + QLatin1Char('|') + e.summary
                        + QLatin1Char('|') + e.payload;
        });
        QObject::connect(endpoint, &Endpoint::stateChanged, context,
            [this](const LinkStatus &status) { states.append(status.state); });
    }
    int samplesUnder(const QString &prefix) const
    {
        return static_cast<int>(std::count_if(
            samples.cbegin(), samples.cend(), [&prefix](const SampleKey &s) { return s.first.startsWith(prefix); }));
    }
    int eventsWith(const QString &text) const { return static_cast<int>(events.filter(text).size()); }
};

QStringList without(QStringList events, const QStringList &liveOnly)
{
    events.erase(std::remove_if(events.begin(), events.end(),
                     [&liveOnly](const QString &e) {
                         return std::any_of(liveOnly.cbegin(), liveOnly.cend(),
                             [&e](const QString &phrase) { return e.contains(phrase); });
                     }),
        events.end());
    return events;
}

// The first line that differs, for a readable failure.
QString firstDifference(const QStringList &a, const QStringList &b)
{
    for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (a.at(i) != b.at(i))
            return QStringLiteral("#%1:\n  replayed: %2\n  live:     %3")
                .arg(i)
                .arg(a.at(i).left(300), b.at(i).left(300));
    }
    return QStringLiteral("sizes %1 (replayed) and %2 (live)").arg(a.size()).arg(b.size());
}

QStringList sampleLines(QVector<SampleKey> samples)
{
    std::sort(samples.begin(), samples.end());
    QStringList out;
    for (const SampleKey &s : samples)
        out << QStringLiteral("%1 %2 %3").arg(s.first).arg(s.second.first).arg(s.second.second, 0, 'g', 17);
    return out;
}

} // namespace

class TestProtocolReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void intu();
    void cityio();
    void opentera();

private:
    // Records a live session against `simulator`: `drive` runs it (on an endpoint already
    // recorded and watched); the recording stops when it returns.
    bool record(
        sim::Simulator *simulator, const std::function<bool(Endpoint *, Seen &)> &drive, QString *path, Seen *live);
    bool replay(const QString &path, Seen *replayed);

    ProtocolRegistry m_registry;
    QTemporaryDir m_dir;
};

bool TestProtocolReplay::record(
    sim::Simulator *simulator, const std::function<bool(Endpoint *, Seen &)> &drive, QString *path, Seen *live)
{
    if (m_registry.find(QStringLiteral("exosite")) == nullptr)
        registerBuiltinProtocols(m_registry);
    EndpointConfig config = simulator->clientConfig();
    config.link.pingIntervalMs = 0;
    config.link.initialBackoffMs = 100;
    config.link.maxBackoffMs = 400;
    QString error;
    auto endpoint = m_registry.create(config, &error);
    if (!endpoint) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    *path = m_dir.filePath(simulator->protocol() + QStringLiteral(".fsrec"));
    SessionRecorder recorder(nullptr);
    recorder.addEndpoint(endpoint.get());
    if (!recorder.start(*path, &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    live->watch(endpoint.get(), this);
    const bool ok = drive(endpoint.get(), *live);
    endpoint->flush();
    recorder.stop();
    endpoint->disconnect(this);
    endpoint->close();
    qInfo("%s: live session recorded: %lld frames, %lld bytes; %lld topics, %lld samples, %lld events",
        qPrintable(simulator->protocol()), static_cast<long long>(recorder.framesWritten()),
        static_cast<long long>(recorder.bytesWritten()), static_cast<long long>(live->topics.size()),
        static_cast<long long>(live->samples.size()), static_cast<long long>(live->events.size()));
    return ok;
}

bool TestProtocolReplay::replay(const QString &path, Seen *replayed)
{
    ReplayEndpoint replay(ReplayEndpoint::configFor(path, 0), &m_registry);
    replayed->watch(&replay, this);
    replay.open();
    if (!QTest::qWaitFor([&] { return replayed->states.contains(LinkState::Closed); }, 30000))
        return false;
    replay.disconnect(this);
    if (replayed->states.contains(LinkState::Failed) || replayed->events.isEmpty())
        return false;
    // The replay's own closing line is not the recorded session's.
    if (!replayed->events.last().startsWith(QLatin1String("info||end of recording")))
        return false;
    replayed->events.removeLast();
    return true;
}

void TestProtocolReplay::intu()
{
    // Browse, subscribe to sensors, the log and the blackboard, then a reconnect (resubscription,
    // a new browse) and more updates.
    auto simulator = test::startSimulator(
        QStringLiteral("intu"), {{QStringLiteral("cadenceScale"), 0.05}, {QStringLiteral("fakeChildMs"), 3600000}});
    QVERIFY(simulator);
    QString path;
    Seen live;
    QVERIFY(record(
        simulator.get(),
        [&](Endpoint *endpoint, Seen &seen) {
            QSignalSpy browsed(endpoint, &Endpoint::browseFinished);
            endpoint->open();
            endpoint->browse();
            if (!browsed.wait(15000))
                return false;
            for (const char *topic : {"sensor-System", "log", "blackboard-stream", "pepper-7f3a/sensor-Sonar"})
                endpoint->subscribe(QString::fromLatin1(topic));
            if (!QTest::qWaitFor([&] { return seen.samplesUnder(QStringLiteral("sensor-System/")) >= 6; }, 20000))
                return false;
            simulator->dropAllConnections();
            if (!QTest::qWaitFor([&] { return seen.eventsWith(QStringLiteral("(reconnected)")) == 1; }, 15000))
                return false;
            const int before = seen.samplesUnder(QStringLiteral("sensor-System/"));
            return QTest::qWaitFor(
                [&] { return seen.samplesUnder(QStringLiteral("sensor-System/")) >= before + 6; }, 20000);
        },
        &path, &live));
    QVERIFY(live.eventsWith(QStringLiteral("|resubscribed 4 topics|")) == 1);
    QVERIFY(live.samplesUnder(QStringLiteral("pepper-7f3a/sensor-Sonar/")) > 0);

    Seen replayed;
    QVERIFY(replay(path, &replayed));
    // The tree and the samples (times included: the frames' arrival times are recorded).
    QVERIFY(live.topics.size() > 10);
    QCOMPARE(replayed.topics, live.topics);
    QCOMPARE(replayed.samples, live.samples);
    // The events, but for the live session's own connection bookkeeping.
    const QStringList expected = without(live.events,
        {QStringLiteral("connection lost"), QStringLiteral("no answer to query"),
            QStringLiteral("no authenticate control frame")});
    QVERIFY2(replayed.events == expected, qPrintable(firstDifference(replayed.events, expected)));
}

void TestProtocolReplay::cityio()
{
    // Browse (REST), subscribe to a project (its socket), let grid edits and module output come,
    // drop the socket (LISTEN again) and let more come.
    auto simulator = test::startSimulator(QStringLiteral("cityio"),
        {{QStringLiteral("editMinMs"), 100}, {QStringLiteral("editMaxMs"), 200},
            {QStringLiteral("trafficIntervalMs"), 100}, {QStringLiteral("moduleDelayMinMs"), 20},
            {QStringLiteral("moduleDelayMaxMs"), 40}});
    QVERIFY(simulator);
    QString path;
    Seen live;
    QVERIFY(record(
        simulator.get(),
        [&](Endpoint *endpoint, Seen &seen) {
            QSignalSpy browsed(endpoint, &Endpoint::browseFinished);
            endpoint->open();
            endpoint->browse();
            if (!browsed.wait(15000))
                return false;
            endpoint->subscribe(QStringLiteral("volpe"));
            if (!QTest::qWaitFor(
                    [&] { return seen.eventsWith(QStringLiteral("|volpe/GEOGRIDDATA|grid update")) >= 2; }, 20000))
                return false;
            simulator->dropAllConnections();
            if (!QTest::qWaitFor([&] { return seen.eventsWith(QStringLiteral("LISTEN sent again")) == 1; }, 15000))
                return false;
            const int before = seen.samplesUnder(QStringLiteral("volpe/"));
            return QTest::qWaitFor([&] { return seen.samplesUnder(QStringLiteral("volpe/")) >= before + 20; }, 20000);
        },
        &path, &live));

    // The frames name the project socket they came by.
    RecordingReader reader;
    QVERIFY(reader.open(path));
    RecordingFrame frame;
    QVERIFY(reader.next(&frame));
    QCOMPARE(frame.frame.channel, QStringLiteral("volpe"));

    Seen replayed;
    QVERIFY(replay(path, &replayed));
    // The socket-derived tree: the subscribed project's part (the REST browse named the others).
    QMap<QString, QString> expectedTopics;
    for (auto it = live.topics.cbegin(); it != live.topics.cend(); ++it) {
        if (it.key() == QLatin1String("volpe") || it.key().startsWith(QLatin1String("volpe/")))
            expectedTopics.insert(it.key(), it.value());
    }
    QVERIFY(live.topics.contains(QStringLiteral("corktown"))); // from REST only
    QVERIFY(expectedTopics.size() > 10);
    QCOMPARE(replayed.topics, expectedTopics);
    QVERIFY(live.samples.size() > 20);
    QCOMPARE(replayed.samples, live.samples);
    const QStringList expected = without(live.events, {QStringLiteral("|closed (")});
    QVERIFY2(replayed.events == expected, qPrintable(firstDifference(replayed.events, expected)));
}

void TestProtocolReplay::opentera()
{
    // Device statuses, presence changes and a session; the console's own USER_CONNECTED first. The
    // first session starts after the socket opened, so that the events name all its members.
    auto simulator = test::startSimulator(QStringLiteral("opentera"),
        {{QStringLiteral("statusMs"), 100}, {QStringLiteral("presenceMs"), 150}, {QStringLiteral("sessionMs"), 3000},
            {QStringLiteral("unknownMs"), 0}});
    QVERIFY(simulator);
    QString path;
    Seen live;
    QVERIFY(record(
        simulator.get(),
        [&](Endpoint *endpoint, Seen &seen) {
            // Subscribed before the connection, so that no last value is reported on subscribe.
            endpoint->subscribe(QStringLiteral("devices"));
            QSignalSpy browsed(endpoint, &Endpoint::browseFinished);
            endpoint->open();
            endpoint->browse();
            if (!browsed.wait(15000))
                return false;
            return QTest::qWaitFor(
                [&] {
                    return seen.samplesUnder(QStringLiteral("devices/")) >= 60
                        && seen.eventsWith(QStringLiteral("|sessions/")) >= 2;
                },
                30000);
        },
        &path, &live));
    RecordingReader reader;
    QVERIFY(reader.open(path));
    RecordingFrame first;
    QVERIFY(reader.next(&first));
    const qint64 firstFrameT = first.frame.t;

    Seen replayed;
    QVERIFY(replay(path, &replayed));
    // The tree: what the events named (the online lists named more).
    QVERIFY(replayed.topics.size() > 10);
    for (auto it = replayed.topics.cbegin(); it != replayed.topics.cend(); ++it)
        QVERIFY2(live.topics.value(it.key()) == it.value(), qPrintable(it.key()));
    for (const SampleKey &s : std::as_const(replayed.samples))
        QVERIFY2(replayed.topics.contains(s.first), qPrintable(s.first));
    // The samples: every one the events carried; the live session also had the statuses the
    // online lists held, posted before its socket opened.
    const QStringList replayedSamples = sampleLines(replayed.samples);
    QStringList liveSamples = sampleLines(live.samples);
    QStringList fromLists;
    for (const SampleKey &s : std::as_const(live.samples)) {
        if (s.second.first < firstFrameT)
            fromLists << sampleLines({s});
    }
    for (const QString &line : std::as_const(fromLists))
        liveSamples.removeOne(line);
    QVERIFY(replayedSamples.size() > 40);
    QVERIFY2(replayedSamples == liveSamples, qPrintable(firstDifference(replayedSamples, liveSamples)));
    // The events, the console's own arrival included.
    QVERIFY(live.eventsWith(QStringLiteral("online (this session)")) == 1);
    const QStringList expected = without(live.events,
        {QStringLiteral("connection lost"), QStringLiteral("already logged in"),
            QStringLiteral("could not open the event stream")});
    QVERIFY2(replayed.events == expected, qPrintable(firstDifference(replayed.events, expected)));
}

QTEST_GUILESS_MAIN(TestProtocolReplay)
#include "tst_protocolreplay.moc"
