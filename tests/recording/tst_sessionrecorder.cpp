#include "core/endpoint/endpoint.h"
#include "core/endpoint/protocolregistry.h"
#include "core/recording/recordingexport.h"
#include "core/recording/recordingreader.h"
#include "core/recording/sessionrecorder.h"
#include "core/store/eventstore.h"
#include "core/util/secretmasker.h"
#include "tests/common/testsupport.h"

#include <QDir>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;

class TestSessionRecorder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordsEveryFrameAndNoSecret();
    void endpointAddedWhileRecording();
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

QTEST_GUILESS_MAIN(TestSessionRecorder)
#include "tst_sessionrecorder.moc"
