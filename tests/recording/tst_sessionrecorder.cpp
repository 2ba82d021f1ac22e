#include "core/endpoint/endpoint.h"
#include "core/endpoint/protocolregistry.h"
#include "core/recording/recordingexport.h"
#include "core/recording/recordingreader.h"
#include "core/recording/sessionrecorder.h"
#include "core/store/eventstore.h"
#include "core/util/secretmasker.h"
#include "sim/opentera/openterasimulator.h"
#include "tests/common/testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace fleetscope;

namespace {

// Where a session leaves text behind: the events as reported (in memory), the recording file,
// its export, and the event database's files.
struct Traces
{
    EventList events;
    QByteArray recording;
    QString exported;
    QVector<QPair<QString, QByteArray>> database;
    int frames = 0;
};

// Records a session of `config` into a recording and an event database (both through `masker`,
// as the CLI and the app set them up) while `drive` runs it, then collects the traces.
bool recordSession(const EndpointConfig &config, const std::shared_ptr<SecretMasker> &masker, const QString &folder,
    const std::function<bool(Endpoint *, const EventList &events, const int &samples)> &drive, Traces *traces)
{
    ProtocolRegistry registry;
    registerBuiltinProtocols(registry);
    QString error;
    auto endpoint = registry.create(config, &error);
    if (!endpoint) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    const QString path = QDir(folder).filePath(QStringLiteral("session.fsrec"));
    SessionRecorder recorder(masker);
    recorder.addEndpoint(endpoint.get());
    if (!recorder.start(path, &error))
        return false;
    EventStore store(masker);
    EventStoreOptions storeOptions;
    storeOptions.path = QDir(folder).filePath(QStringLiteral("events.sqlite"));
    store.open(storeOptions);
    QObject context;
    QObject::connect(endpoint.get(), &Endpoint::batchReady, &store, &EventStore::appendBatch);
    int samples = 0;
    QObject::connect(endpoint.get(), &Endpoint::batchReady, &context, [&](const EndpointBatch &batch) {
        samples += static_cast<int>(batch.samples.size());
        traces->events += batch.events;
    });
    const bool ok = drive(endpoint.get(), traces->events, samples);
    endpoint->flush();
    endpoint->close();
    endpoint->flush();
    recorder.stop();
    store.close();
    if (!ok || store.committedCount() == 0)
        return false;

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    traces->recording = file.readAll();
    RecordingReader reader;
    if (!reader.open(path))
        return false;
    QStringList exported {QString::fromUtf8(
        QJsonDocument(RecordingExport::header(reader.info(), masker.get())).toJson(QJsonDocument::Compact))};
    RecordingFrame frame;
    while (reader.next(&frame)) {
        exported << QString::fromUtf8(
            QJsonDocument(RecordingExport::frame(frame, reader.info(), masker.get())).toJson(QJsonDocument::Compact));
        ++traces->frames;
    }
    traces->exported = exported.join(QLatin1Char('\n'));
    const QDir dir(folder);
    for (const QString &name : dir.entryList({QStringLiteral("events.sqlite*")}, QDir::Files)) {
        QFile db(dir.filePath(name));
        if (db.open(QIODevice::ReadOnly))
            traces->database.append({name, db.readAll()});
    }
    return reader.error().isEmpty() && !traces->database.isEmpty();
}

// Where `secret` shows up in the traces; empty when nowhere.
QString whereIs(const QString &secret, const Traces &traces)
{
    for (const Event &event : traces.events) {
        if (event.summary.contains(secret) || event.payload.contains(secret))
            return QStringLiteral("the event \"%1\"").arg(event.summary);
    }
    if (traces.recording.contains(secret.toUtf8()))
        return QStringLiteral("the recording");
    if (traces.exported.contains(secret))
        return QStringLiteral("the export");
    for (const auto &[name, bytes] : traces.database) {
        if (bytes.contains(secret.toUtf8()))
            return QStringLiteral("the event database (%1)").arg(name);
    }
    return QString();
}

} // namespace

class TestSessionRecorder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordsEveryFrameAndNoSecret();
    void endpointAddedWhileRecording();
    void intuTokenNowhere_data();
    void intuTokenNowhere();
    void openteraSecretsNowhere();
};

void TestSessionRecorder::recordsEveryFrameAndNoSecret()
{
    auto simulator = test::startSimulator(QStringLiteral("exosite"));
    QVERIFY(simulator);
    const EndpointConfig config = simulator->clientConfig();
    const QString cik = config.secret;
    QVERIFY(cik.size() == 40);
    ProtocolRegistry registry;
    registerBuiltinProtocols(registry);
    QString error;
    auto endpoint = registry.create(config, &error);
    QVERIFY(endpoint);

    auto masker = std::make_shared<SecretMasker>();
    masker->addSecret(cik);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("session.fsrec"));
    const QString dbPath = dir.filePath(QStringLiteral("events.sqlite"));
    SessionRecorder recorder(masker);
    recorder.addEndpoint(endpoint.get());
    QVERIFY2(recorder.start(path, &error), qPrintable(error));
    EventStore store(masker);
    EventStoreOptions storeOptions;
    storeOptions.path = dbPath;
    store.open(storeOptions);
    connect(endpoint.get(), &Endpoint::batchReady, &store, &EventStore::appendBatch);

    int samples = 0;
    connect(endpoint.get(), &Endpoint::batchReady, this,
        [&](const EndpointBatch &batch) { samples += static_cast<int>(batch.samples.size()); });
    QSignalSpy browsed(endpoint.get(), &Endpoint::browseFinished);
    endpoint->open();
    endpoint->browse();
    QVERIFY(browsed.wait(10000));
    endpoint->subscribe(QStringLiteral("truck-01"));
    QTRY_VERIFY_WITH_TIMEOUT(samples > 10, 15000);
    endpoint->close();
    recorder.stop();
    store.close();
    const LinkCounters counters = endpoint->counters();

    // Every frame in and out is there, in order, starting with the (masked) auth frame.
    RecordingReader reader;
    QVERIFY2(reader.open(path), qPrintable(reader.error()));
    QCOMPARE(reader.info().endpoints.size(), 1);
    QCOMPARE(reader.info().endpoints.first().protocol, QStringLiteral("exosite"));
    RecordingFrame frame;
    quint64 in = 0, out = 0;
    QStringList exported;
    QVERIFY(reader.next(&frame));
    QVERIFY(frame.frame.direction == WireFrame::Direction::Out);
    QVERIFY2(frame.frame.text.contains(QLatin1String(R"("cik":"***")")), qPrintable(frame.frame.text));
    do {
        (frame.frame.direction == WireFrame::Direction::In ? in : out) += 1;
        exported << QString::fromUtf8(
            QJsonDocument(RecordingExport::frame(frame, reader.info(), masker.get())).toJson(QJsonDocument::Compact));
    } while (reader.next(&frame));
    QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));
    QCOMPARE(in, counters.framesIn);
    QCOMPARE(out, counters.framesOut);

    // The CIK is nowhere: not in the recording, its export, nor the event database's files.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(cik.toLatin1()));
    QVERIFY(!exported.join(QLatin1Char('\n')).contains(cik, Qt::CaseInsensitive));
    const QDir folder(dir.path());
    int dbFiles = 0;
    for (const QString &name : folder.entryList({QStringLiteral("events.sqlite*")}, QDir::Files)) {
        QFile db(folder.filePath(name));
        QVERIFY(db.open(QIODevice::ReadOnly));
        QVERIFY2(!db.readAll().contains(cik.toLatin1()), qPrintable(name));
        ++dbFiles;
    }
    QVERIFY(dbFiles >= 1);
    QVERIFY(store.committedCount() > 0);
}

void TestSessionRecorder::endpointAddedWhileRecording()
{
    auto simulator = test::startSimulator(QStringLiteral("exosite"));
    QVERIFY(simulator);
    ProtocolRegistry registry;
    registerBuiltinProtocols(registry);
    QString error;
    EndpointConfig config = simulator->clientConfig();
    config.name = QStringLiteral("late");
    auto endpoint = registry.create(config, &error);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("late.fsrec"));
    SessionRecorder recorder(nullptr);
    QVERIFY(recorder.start(path, &error));
    recorder.addEndpoint(endpoint.get());
    QSignalSpy state(endpoint.get(), &Endpoint::stateChanged);
    endpoint->open();
    QTRY_VERIFY_WITH_TIMEOUT(endpoint->state() == LinkState::Ready, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.framesWritten() >= 2, 5000);
    recorder.stop();
    RecordingReader reader;
    QVERIFY(reader.open(path));
    RecordingFrame frame;
    QVERIFY(reader.next(&frame));
    QCOMPARE(frame.endpoint, QStringLiteral("late"));
    QCOMPARE(reader.info().endpoints.first().protocol, QStringLiteral("exosite"));
}

void TestSessionRecorder::intuTokenNowhere_data()
{
    QTest::addColumn<bool>("inUrl");
    // --token (FLEETSCOPE_TOKEN): the secret, sent as a header; the masker knows it.
    QTest::newRow("token as the secret") << false;
    // A stream URL pasted with its token: no one told the masker, its patterns must catch it.
    QTest::newRow("token in the URL") << true;
}

void TestSessionRecorder::intuTokenNowhere()
{
    QFETCH(bool, inUrl);
    const QString token = QStringLiteral("intu-tok-7Hq2ZxP9wLm4");
    auto simulator = test::startSimulator(QStringLiteral("intu"),
        {{QStringLiteral("token"), token}, {QStringLiteral("cadenceScale"), 0.05},
            {QStringLiteral("fakeChildMs"), 3600000}});
    QVERIFY(simulator);
    EndpointConfig config = simulator->clientConfig();
    QCOMPARE(config.secret, token);
    auto masker = std::make_shared<SecretMasker>();
    if (inUrl) {
        config.secret.clear();
        config.url.setQuery(QStringLiteral("token=") + token);
    } else {
        masker->addSecret(config.secret);
    }
    QTemporaryDir dir;
    Traces traces;
    QVERIFY(recordSession(
        config, masker, dir.path(),
        [](Endpoint *endpoint, const EventList &, const int &samples) {
            QSignalSpy browsed(endpoint, &Endpoint::browseFinished);
            endpoint->open();
            endpoint->browse();
            if (!browsed.wait(15000) || endpoint->state() != LinkState::Ready)
                return false;
            endpoint->subscribe(QStringLiteral("sensor-System"));
            endpoint->subscribe(QStringLiteral("log"));
            return QTest::qWaitFor([&] { return samples > 10; }, 15000);
        },
        &traces));
    QVERIFY(traces.frames > 10);
    const QString where = whereIs(token, traces);
    QVERIFY2(where.isEmpty(), qPrintable(QStringLiteral("the token is in ") + where));
    if (inUrl)
        QVERIFY(traces.exported.contains(QLatin1String("token=***")));
}

void TestSessionRecorder::openteraSecretsNowhere()
{
    // A password that is not the login, so that finding it means finding the password.
    const QString password = QStringLiteral("Tera-Pa55-q8Xv");
    auto simulator = test::startSimulator(QStringLiteral("opentera"),
        {{QStringLiteral("passwords"), QVariantMap {{QStringLiteral("admin"), password}}},
            {QStringLiteral("statusMs"), 100}, {QStringLiteral("presenceMs"), 1000000},
            {QStringLiteral("sessionMs"), 10000000}, {QStringLiteral("unknownMs"), 0}});
    QVERIFY(simulator);
    auto *opentera = qobject_cast<sim::opentera::OpenTeraSimulator *>(simulator.get());
    QVERIFY(opentera);
    EndpointConfig config = simulator->clientConfig();
    QCOMPARE(config.secret, password);
    config.link.initialBackoffMs = 100;
    config.link.maxBackoffMs = 400;
    auto masker = std::make_shared<SecretMasker>();
    masker->addSecret(config.secret);
    QTemporaryDir dir;
    Traces traces;
    QVERIFY(recordSession(
        config, masker, dir.path(),
        [&](Endpoint *endpoint, const EventList &events, const int &samples) {
            endpoint->subscribe(QStringLiteral("devices"));
            QSignalSpy browsed(endpoint, &Endpoint::browseFinished);
            endpoint->open();
            endpoint->browse();
            if (!browsed.wait(15000) || !QTest::qWaitFor([&] { return samples > 10; }, 15000))
                return false;
            // A second login (a new token and socket key), then a composer command whose reply is
            // a fresh token: all of them credentials.
            simulator->dropAllConnections();
            if (!QTest::qWaitFor([&] { return opentera->accounts().issuedSecrets().size() >= 4; }, 15000)
                || !QTest::qWaitFor([&] { return endpoint->state() == LinkState::Ready; }, 15000))
                return false;
            QSignalSpy replied(endpoint, &Endpoint::commandFinished);
            endpoint->send(Command {QStringLiteral("GET /api/user/refresh_token"), QString(), 0});
            if (!replied.wait(10000) || !replied.first().first().value<CommandReply>().ok)
                return false;
            const int before = samples;
            return QTest::qWaitFor([&] { return samples > before + 5; }, 15000) && !events.isEmpty();
        },
        &traces));
    QStringList secrets {password};
    secrets += opentera->accounts().issuedSecrets();
    QVERIFY2(secrets.size() >= 6, qPrintable(secrets.join(QLatin1Char(' ')))); // 3 tokens, 2 keys, password
    for (const QString &secret : std::as_const(secrets)) {
        const QString where = whereIs(secret, traces);
        QVERIFY2(where.isEmpty(), qPrintable(QStringLiteral("%1… is in %2").arg(secret.left(12), where)));
    }
    // The reply was reported, its token masked.
    bool masked = false;
    for (const Event &event : std::as_const(traces.events))
        masked = masked || event.payload.contains(QLatin1String(R"("refresh_token":"***")"));
    QVERIFY(masked);
}

QTEST_GUILESS_MAIN(TestSessionRecorder)
#include "tst_sessionrecorder.moc"
