#include "core/recording/recordingreader.h"
#include "core/recording/recordingwriter.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;

// The reader faces truncated, damaged and foreign files: it yields what it can and stops with an
// error, never crashing (it is also a fuzz target: fuzz/targets/recordingreader.cpp).
class TestRecordingReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void truncatedAnywhere();
    void damagedAnywhere();
    void notARecording_data();
    void notARecording();
    void hugeSizePrefixAllocatesNothing();
    void undeclaredEndpoint();

private:
    static int readAll(const QByteArray &bytes, QString *error, bool *headerOk);
    QByteArray m_good;
    int m_goodFrames = 0;
};

int TestRecordingReader::readAll(const QByteArray &bytes, QString *error, bool *headerOk)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    RecordingReader reader;
    *headerOk = reader.open(&buffer);
    int frames = 0;
    RecordingFrame frame;
    while (*headerOk && reader.next(&frame))
        ++frames;
    *error = reader.error();
    return frames;
}

void TestRecordingReader::initTestCase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("good.fsrec"));
    RecordingWriter writer(nullptr);
    QString error;
    RecordingInfo info;
    info.startedMs = 1700000000000;
    info.endpoints = {{QStringLiteral("HQ"), QStringLiteral("exosite"), QStringLiteral("ws://127.0.0.1/ws")}};
    QVERIFY(writer.open(path, info, &error));
    for (int i = 0; i < 20; ++i) {
        WireFrame f;
        f.t = info.startedMs + i * 250;
        f.direction = i % 3 ? WireFrame::Direction::In : WireFrame::Direction::Out;
        f.binary = i % 7 == 0;
        f.text = QStringLiteral(R"([{"id":%1,"status":"ok","result":[1700000000,%2]}])").arg(i).arg(i * 1.5);
        f.data = QByteArray(i, 'b');
        QVERIFY(writer.write(0, f));
    }
    writer.close();
    m_goodFrames = 20;
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_good = file.readAll();
}

void TestRecordingReader::truncatedAnywhere()
{
    // Every possible cut: the frames before the cut come back, then a clear error (or a clean end
    // when the cut falls between two frames).
    int previous = 0;
    for (qsizetype cut = 0; cut < m_good.size(); ++cut) {
        QString error;
        bool headerOk = false;
        const int frames = readAll(m_good.left(cut), &error, &headerOk);
        QVERIFY(frames <= m_goodFrames);
        QVERIFY2(frames >= previous, "a longer prefix yielded fewer frames");
        previous = frames;
        if (headerOk && frames < m_goodFrames && error.isEmpty()) {
            // A clean end is only possible exactly between frames: one byte more must not be one.
            QString next;
            readAll(m_good.left(cut + 1), &next, &headerOk);
            QVERIFY2(!next.isEmpty() && next.contains(QLatin1String("cut short")), qPrintable(next));
        }
        if (!headerOk)
            QVERIFY(!error.isEmpty());
    }
    QString error;
    bool headerOk = false;
    QCOMPARE(readAll(m_good, &error, &headerOk), m_goodFrames);
    QVERIFY(error.isEmpty());
}

void TestRecordingReader::damagedAnywhere()
{
    // Flip each byte in turn: never a crash, never more frames than written, and an error or a
    // frame count that shows something was read.
    for (qsizetype at = 0; at < m_good.size(); ++at) {
        QByteArray damaged = m_good;
        damaged[at] = static_cast<char>(damaged.at(at) ^ 0x5A);
        QString error;
        bool headerOk = false;
        const int frames = readAll(damaged, &error, &headerOk);
        QVERIFY(frames <= m_goodFrames + 1); // a flipped length can split one frame into two
        if (!error.isEmpty())
            QVERIFY(error.contains(QLatin1String("byte")) || !headerOk);
    }
}

void TestRecordingReader::notARecording_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty file");
    QTest::newRow("text") << QByteArray("hello, world\n") << QStringLiteral("not a Fleetscope recording");
    QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n", 8) << QStringLiteral("not a Fleetscope recording");
    // A well-formed protobuf message that is not a recording header.
    QTest::newRow("other protobuf") << QByteArray("\x04\x08\x01\x10\x02", 5)
                                    << QStringLiteral("not a Fleetscope recording");
    // A header from a later format version.
    QByteArray v2 = QByteArray("\x08\x02", 2) + QByteArray("\x2a\x14") + QByteArray("fleetscope-recording");
    QTest::newRow("version 2") << (QByteArray(1, static_cast<char>(v2.size())) + v2) << QStringLiteral("version 2");
}

void TestRecordingReader::notARecording()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, phrase);
    QString error;
    bool headerOk = true;
    QCOMPARE(readAll(bytes, &error, &headerOk), 0);
    QVERIFY(!headerOk);
    QVERIFY2(error.contains(phrase), qPrintable(error));
}

void TestRecordingReader::hugeSizePrefixAllocatesNothing()
{
    // A size prefix claiming 200 MiB in a 40-byte file: refused as truncation, nothing allocated.
    QByteArray bytes = m_good.left(1 + static_cast<unsigned char>(m_good.at(0))); // the header
    bytes += QByteArray("\x80\x80\x80\x64", 4); // varint 200 MiB
    bytes += QByteArray(30, 'x');
    QString error;
    bool headerOk = false;
    QCOMPARE(readAll(bytes, &error, &headerOk), 0);
    QVERIFY(headerOk);
    QVERIFY2(error.contains(QLatin1String("cut short")), qPrintable(error));
    // And a prefix over the limit is damage outright.
    bytes.chop(34);
    bytes += QByteArray("\xff\xff\xff\xff\x0f", 5);
    readAll(bytes, &error, &headerOk);
    QVERIFY2(error.contains(QLatin1String("damaged size prefix")), qPrintable(error));
}

void TestRecordingReader::undeclaredEndpoint()
{
    // A frame naming endpoint #3 in a recording of one endpoint.
    const QByteArray header = m_good.left(1 + static_cast<unsigned char>(m_good.at(0)));
    const QByteArray frame("\x10\x03\x22\x01x", 5); // endpoint=3, text="x"
    QString error;
    bool headerOk = false;
    QCOMPARE(readAll(header + QByteArray(1, static_cast<char>(frame.size())) + frame, &error, &headerOk), 0);
    QVERIFY2(error.contains(QLatin1String("endpoint #3")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestRecordingReader)
#include "tst_recordingreader.moc"
