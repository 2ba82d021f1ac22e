#include "core/recording/recordingreader.h"
#include "core/recording/recordingwriter.h"
#include "core/util/secretmasker.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;

namespace {
WireFrame textFrame(qint64 t, WireFrame::Direction direction, const QString &text)
{
    WireFrame f;
    f.t = t;
    f.direction = direction;
    f.text = text;
    return f;
}
} // namespace

class TestRecordingWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void endpointsAddedLater();
    void masksSecrets();
    void isCompact();
    void unwritablePathIsAnError();
};

void TestRecordingWriter::roundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.fsrec"));
    RecordingInfo info;
    info.startedMs = 1700000000000;
    info.endpoints = {{QStringLiteral("HQ"), QStringLiteral("exosite"), QStringLiteral("wss://m2.exosite.com/ws")},
        {QStringLiteral("Lab"), QStringLiteral("intu"), QStringLiteral("ws://lab:9443/stream")}};
    WireFrame binary;
    binary.t = 1700000000500;
    binary.binary = true;
    binary.data = QByteArray("\x00\xff\x10 raw", 7);
    {
        RecordingWriter writer(nullptr);
        QString error;
        QVERIFY2(writer.open(path, info, &error), qPrintable(error));
        QVERIFY(writer.write(0, textFrame(1700000000100, WireFrame::Direction::Out, QStringLiteral("{\"calls\":[]}"))));
        QVERIFY(writer.write(1, textFrame(1700000000050, WireFrame::Direction::In, QStringLiteral("héllo ✓"))));
        QVERIFY(writer.write(0, binary));
        QVERIFY(!writer.write(2, binary)); // no such endpoint
        QCOMPARE(writer.framesWritten(), 3);
    }
    RecordingReader reader;
    QVERIFY2(reader.open(path), qPrintable(reader.error()));
    QCOMPARE(reader.info().startedMs, info.startedMs);
    QCOMPARE(reader.info().endpoints.size(), 2);
    QCOMPARE(reader.info().endpoints.at(1).protocol, QStringLiteral("intu"));
    RecordingFrame frame;
    QVERIFY(reader.next(&frame));
    QCOMPARE(frame.endpoint, QStringLiteral("HQ"));
    QCOMPARE(frame.frame.t, 1700000000100);
    QVERIFY(frame.frame.direction == WireFrame::Direction::Out);
    QCOMPARE(frame.frame.text, QStringLiteral("{\"calls\":[]}"));
    QVERIFY(reader.next(&frame));
    QCOMPARE(frame.endpoint, QStringLiteral("Lab"));
    QCOMPARE(frame.frame.t, 1700000000050); // time may go back between endpoints
    QCOMPARE(frame.frame.text, QStringLiteral("héllo ✓"));
    QVERIFY(frame.frame.direction == WireFrame::Direction::In);
    QVERIFY(reader.next(&frame));
    QVERIFY(frame.frame.binary);
    QCOMPARE(frame.frame.data, binary.data);
    QCOMPARE(frame.frame.t, binary.t);
    QVERIFY(!reader.next(&frame));
    QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));
    QCOMPARE(reader.framesRead(), 3);
}

void TestRecordingWriter::endpointsAddedLater()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("b.fsrec"));
    {
        RecordingWriter writer(nullptr);
        QString error;
        QVERIFY(writer.open(path, RecordingInfo {1, 1000, QString(), {}}, &error));
        QCOMPARE(writer.addEndpoint({QStringLiteral("late"), QStringLiteral("exosite"), QString()}), 0);
        QVERIFY(writer.write(0, textFrame(2000, WireFrame::Direction::In, QStringLiteral("x"))));
    }
    RecordingReader reader;
    QVERIFY(reader.open(path));
    QCOMPARE(reader.info().endpoints.size(), 0);
    RecordingFrame frame;
    QVERIFY(reader.next(&frame));
    QCOMPARE(frame.endpoint, QStringLiteral("late"));
    QCOMPARE(reader.info().endpoints.size(), 1);
    QCOMPARE(frame.frame.t, 2000);
}

void TestRecordingWriter::masksSecrets()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.fsrec"));
    const QString cik = QStringLiteral("bef3c7f91ac3562e6a2212345678901234567890");
    auto masker = std::make_shared<SecretMasker>();
    masker->addSecret(cik);
    {
        RecordingWriter writer(masker);
        QString error;
        RecordingInfo info;
        info.endpoints = {{QStringLiteral("HQ"), QStringLiteral("intu"),
            QStringLiteral("ws://h:9443/stream?selfId=me&token=tok-12345")}};
        QVERIFY(writer.open(path, info, &error));
        writer.write(0, textFrame(1, WireFrame::Direction::Out, QStringLiteral(R"({"auth":{"cik":"%1"}})").arg(cik)));
        WireFrame binary;
        binary.binary = true;
        binary.data = QByteArray("\x0a\x28") + cik.toLatin1();
        writer.write(0, binary);
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.contains(cik.toLatin1()));
    QVERIFY(!bytes.contains("tok-12345"));
    RecordingReader reader;
    QVERIFY(reader.open(path));
    QVERIFY(reader.info().endpoints.first().url.contains(QLatin1String("selfId=me")));
    RecordingFrame frame;
    QVERIFY(reader.next(&frame));
    QCOMPARE(frame.frame.text, QStringLiteral(R"({"auth":{"cik":"***"}})"));
    QVERIFY(reader.next(&frame));
    QCOMPARE(frame.frame.data.size(), 42); // masked byte for byte: the framing survives
}

void TestRecordingWriter::isCompact()
{
    // A typical subscription update costs its payload plus a few bytes of framing.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("d.fsrec"));
    const QString update = QStringLiteral(R"([{"id":1000001,"status":"ok","result":[1700000000,21.5]}])");
    qint64 headerBytes = 0;
    {
        RecordingWriter writer(nullptr);
        QString error;
        RecordingInfo info;
        info.startedMs = 1700000000000;
        info.endpoints = {{QStringLiteral("HQ Exosite"), QStringLiteral("exosite"), QStringLiteral("wss://h/ws")}};
        QVERIFY(writer.open(path, info, &error));
        headerBytes = writer.bytesWritten();
        for (int i = 0; i < 1000; ++i)
            writer.write(0, textFrame(1700000000000 + i * 1000, WireFrame::Direction::In, update));
    }
    const double perFrame = (QFileInfo(path).size() - headerBytes) / 1000.0;
    QVERIFY2(perFrame <= update.size() + 8, qPrintable(QString::number(perFrame)));
}

void TestRecordingWriter::unwritablePathIsAnError()
{
    RecordingWriter writer(nullptr);
    QString error;
    QVERIFY(!writer.open(QStringLiteral("/nonexistent-dir/x.fsrec"), RecordingInfo(), &error));
    QVERIFY(error.contains(QLatin1String("cannot write")));
}

QTEST_GUILESS_MAIN(TestRecordingWriter)
#include "tst_recordingwriter.moc"
