#include "core/protocols/exosite/exositeframe.h"

#include <QTest>

using namespace fleetscope::exosite;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Frame::Kind)

class tst_ExositeFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Every reply shape of docs/protocols/exosite.md#messages: how the frame is classified, and what
    // its first response says.
    void decode_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Frame::Kind>("kind");
        QTest::addColumn<int>("responses");
        QTest::addColumn<QString>("firstId");
        QTest::addColumn<bool>("firstOk");
        QTest::addColumn<QString>("firstFailure");

        QTest::newRow("auth ack") << uR"({"status":"ok"})"_s << Frame::Kind::Status << 0 << u""_s << false << u""_s;
        QTest::newRow("auth refused by status")
            << uR"({"status":"invalid"})"_s << Frame::Kind::Status << 0 << u""_s << false << u""_s;
        QTest::newRow("general error 401") << uR"({"error":{"code":401,"message":"Invalid","context":"auth"}})"_s
                                           << Frame::Kind::RequestError << 0 << u""_s << false << u""_s;
        QTest::newRow("general error without message")
            << uR"({"error":{"code":400}})"_s << Frame::Kind::RequestError << 0 << u""_s << false << u""_s;
        QTest::newRow("read result") << uR"([{"id":1,"status":"ok","result":[[1376709527,64.2]]}])"_s
                                     << Frame::Kind::Responses << 1 << u"1"_s << true << u"ok"_s;
        QTest::newRow("string id, no result")
            << uR"([{"id":"w-7","status":"ok"}])"_s << Frame::Kind::Responses << 1 << u"\"w-7\""_s << true << u"ok"_s;
        QTest::newRow("two responses") << uR"([{"id":1,"status":"ok"},{"id":2,"status":"restricted"}])"_s
                                       << Frame::Kind::Responses << 2 << u"1"_s << true << u"ok"_s;
        QTest::newRow("bare status word") << uR"([{"id":4,"status":"restricted"}])"_s << Frame::Kind::Responses << 1
                                          << u"4"_s << false << u"restricted"_s;
        QTest::newRow("fail with error object")
            << uR"([{"id":4,"status":"fail","error":{"code":501,"message":"Error","context":"arguments"}}])"_s
            << Frame::Kind::Responses << 1 << u"4"_s << false << u"fail Error (501 arguments)"_s;
        QTest::newRow("recordbatch status array")
            << uR"([{"id":13,"status":[[1700000160,"invalid"]]}])"_s << Frame::Kind::Responses << 1 << u"13"_s << false
            << u"partial (1 points refused)"_s;
        QTest::newRow("listing error string") << uR"([{"id":15,"status":"error","result":"bad type"}])"_s
                                              << Frame::Kind::Responses << 1 << u"15"_s << false << u"error bad type"_s;
        QTest::newRow("unwrapped response object") << uR"({"id":9,"status":"ok","result":"abc"})"_s
                                                   << Frame::Kind::Responses << 1 << u"9"_s << true << u"ok"_s;
        QTest::newRow("float id pairs as integer")
            << uR"([{"id":7.0,"status":"ok"}])"_s << Frame::Kind::Responses << 1 << u"7"_s << true << u"ok"_s;
        QTest::newRow("flat subscription update") << uR"([{"id":1000020,"status":"ok","result":[1700000005,21.4]}])"_s
                                                  << Frame::Kind::Responses << 1 << u"1000020"_s << true << u"ok"_s;
        QTest::newRow("nested subscription update")
            << uR"([{"id":1000020,"status":"ok","result":[[1700000005,21.4]]}])"_s << Frame::Kind::Responses << 1
            << u"1000020"_s << true << u"ok"_s;
        QTest::newRow("malformed JSON") << uR"([{"id":1,"status":)"_s << Frame::Kind::Malformed << 0 << u""_s << false
                                        << u""_s;
        QTest::newRow("not JSON at all") << u"Not allowed"_s << Frame::Kind::Malformed << 0 << u""_s << false << u""_s;
        QTest::newRow("array of non-objects") << u"[1,2,3]"_s << Frame::Kind::Malformed << 0 << u""_s << false << u""_s;
        QTest::newRow("object of unknown shape")
            << uR"({"hello":"world"})"_s << Frame::Kind::Malformed << 0 << u""_s << false << u""_s;
    }

    void decode()
    {
        QFETCH(QString, text);
        QFETCH(Frame::Kind, kind);
        QFETCH(int, responses);
        QFETCH(QString, firstId);
        QFETCH(bool, firstOk);
        QFETCH(QString, firstFailure);
        const Frame frame = decodeFrame(text);
        QCOMPARE(frame.kind, kind);
        QCOMPARE(frame.responses.size(), responses);
        if (kind == Frame::Kind::Malformed)
            QVERIFY(!frame.problem.isEmpty());
        if (responses > 0) {
            const Response &r = frame.responses.first();
            QCOMPARE(r.idKey, firstId);
            QCOMPARE(r.ok, firstOk);
            QCOMPARE(r.ok ? r.status : r.failureText(), firstFailure);
        }
    }

    void requestErrorFields()
    {
        const Frame frame = decodeFrame(uR"({"error":{"code":400,"message":"Invalid","context":"calls"}})"_s);
        QCOMPARE(frame.errorCode, 400);
        QCOMPARE(frame.errorMessage, QStringLiteral("Invalid"));
        QCOMPARE(frame.errorContext, QStringLiteral("calls"));
    }

    // Both subscription shapes and read results become the same points.
    void points_data()
    {
        QTest::addColumn<QString>("result");
        QTest::addColumn<int>("count");
        QTest::addColumn<qint64>("firstMs");
        QTest::addColumn<bool>("wellFormed");
        QTest::newRow("flat pair") << u"[1700000005,21.4]"_s << 1 << qint64(1700000005000) << true;
        QTest::newRow("list of pairs") << u"[[1700000005,21.4],[1700000010,21.6]]"_s << 2 << qint64(1700000005000)
                                       << true;
        QTest::newRow("empty") << u"[]"_s << 0 << qint64(0) << true;
        QTest::newRow("string value") << uR"([[1700000005,"idle"]])"_s << 1 << qint64(1700000005000) << true;
        QTest::newRow("milliseconds already") << u"[1700000005123,1]"_s << 1 << qint64(1700000005123) << true;
        QTest::newRow("scientific notation") << u"[1.7e9,1]"_s << 1 << qint64(1700000000000) << true;
        QTest::newRow("not an array") << uR"("oops")"_s << 0 << qint64(0) << false;
        QTest::newRow("pair without value") << u"[[1700000005]]"_s << 0 << qint64(0) << false;
        QTest::newRow("timestamp is text") << uR"([["x",1]])"_s << 0 << qint64(0) << false;
    }

    void points()
    {
        QFETCH(QString, result);
        QFETCH(int, count);
        QFETCH(qint64, firstMs);
        QFETCH(bool, wellFormed);
        const Frame frame = decodeFrame(QStringLiteral(R"([{"id":1,"status":"ok","result":%1}])").arg(result));
        QVector<Point> points;
        QCOMPARE(decodePoints(frame.responses.first().result, &points), wellFormed);
        QCOMPARE(points.size(), count);
        if (count)
            QCOMPARE(points.first().tMs, firstMs);
    }
};

QTEST_GUILESS_MAIN(tst_ExositeFrame)
#include "tst_exositeframe.moc"
