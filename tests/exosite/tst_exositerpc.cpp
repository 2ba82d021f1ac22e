#include "core/protocols/exosite/exositerpc.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace fleetscope::exosite;

class tst_ExositeRpc : public QObject
{
    Q_OBJECT

private:
    QStringList m_sent;
    bool m_socketUp = true;
    Rpc *makeRpc()
    {
        return new Rpc(
            [this](const QString &frame) {
                m_sent << frame;
                return m_socketUp;
            },
            this);
    }
    static QJsonArray callsOf(const QString &frame)
    {
        return QJsonDocument::fromJson(frame.toUtf8()).object().value(QLatin1String("calls")).toArray();
    }

private Q_SLOTS:
    void init()
    {
        m_sent.clear();
        m_socketUp = true;
    }

    void callsQueuedInOneTurnShareAFrame()
    {
        std::unique_ptr<Rpc> rpc(makeRpc());
        rpc->setOpen(true);
        for (int i = 0; i < 30; ++i)
            rpc->call(
                QStringLiteral("read"), QJsonArray {QStringLiteral("rid"), QJsonObject()}, [](const Response &) {});
        QTRY_COMPARE(m_sent.size(), 2); // 25 + 5: at most 25 calls a frame
        QCOMPARE(callsOf(m_sent[0]).size(), Rpc::kMaxCallsPerFrame);
        QCOMPARE(callsOf(m_sent[1]).size(), 5);
        QCOMPARE(rpc->pendingCount(), 30);
    }

    void atMostTenFramesWaitForAnswers()
    {
        std::unique_ptr<Rpc> rpc(makeRpc());
        rpc->setOpen(true);
        int answered = 0;
        for (int i = 0; i < 300; ++i)
            rpc->call(QStringLiteral("read"), QJsonArray {QStringLiteral("rid"), QJsonObject()},
                [&answered](const Response &r) { answered += r.status == QLatin1String("ok"); });
        QTRY_COMPARE(m_sent.size(), Rpc::kMaxFramesOutstanding);
        QCOMPARE(rpc->pendingCount(), 250);
        QCOMPARE(rpc->queuedCount(), 50);
        // The server answers the frames one by one, oldest first; each answer lets one more go.
        int outstandingMax = 0;
        for (int frame = 0; frame < 12; ++frame) {
            QTRY_VERIFY(frame < m_sent.size());
            outstandingMax = std::max(outstandingMax, static_cast<int>(m_sent.size()) - frame);
            QJsonArray replies;
            for (const QJsonValue &call : callsOf(m_sent.at(frame)))
                replies.append(QJsonObject {{QStringLiteral("id"), call.toObject().value(QLatin1String("id"))},
                    {QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("result"), QJsonArray()}});
            for (const Response &r : decodeFrame(QString::fromUtf8(QJsonDocument(replies).toJson())).responses)
                QVERIFY(rpc->dispatch(r));
        }
        QCOMPARE(answered, 300);
        QCOMPARE(m_sent.size(), 12); // 11 frames of 25 and one of 25: 300 calls
        QCOMPARE(outstandingMax, Rpc::kMaxFramesOutstanding);
        QCOMPARE(rpc->pendingCount(), 0);
        QCOMPARE(rpc->queuedCount(), 0);
    }

    void aFailedFrameMakesRoomToo()
    {
        std::unique_ptr<Rpc> rpc(makeRpc());
        rpc->setOpen(true);
        for (int i = 0; i < 11 * Rpc::kMaxCallsPerFrame; ++i)
            rpc->call(QStringLiteral("read"), {}, [](const Response &) {});
        QTRY_COMPARE(m_sent.size(), Rpc::kMaxFramesOutstanding);
        rpc->failOldestFrame(QStringLiteral("request error"), QJsonObject());
        QTRY_COMPARE(m_sent.size(), Rpc::kMaxFramesOutstanding + 1);
        QCOMPARE(rpc->queuedCount(), 0);
        // A dropped socket fails what waits in the queue as well as what is in flight.
        for (int i = 0; i < 2 * Rpc::kMaxCallsPerFrame; ++i)
            rpc->call(QStringLiteral("read"), {}, [](const Response &) {});
        int failed = 0;
        rpc->call(QStringLiteral("read"), {}, [&failed](const Response &r) { failed += !r.ok; });
        QCOMPARE(rpc->queuedCount(), 2 * Rpc::kMaxCallsPerFrame + 1);
        rpc->reset(QStringLiteral("disconnected"));
        QCOMPARE(failed, 1);
        QCOMPARE(rpc->pendingCount(), 0);
    }

    void responsesPairByIdNotPosition()
    {
        std::unique_ptr<Rpc> rpc(makeRpc());
        rpc->setOpen(true);
        QStringList answered;
        const qint64 a = rpc->call(
            QStringLiteral("read"), {}, [&](const Response &r) { answered << QStringLiteral("a:") + r.status; });
        const qint64 b = rpc->call(
            QStringLiteral("write"), {}, [&](const Response &r) { answered << QStringLiteral("b:") + r.status; });
        QTRY_COMPARE(m_sent.size(), 1);
        const Frame reply =
            decodeFrame(QStringLiteral(R"([{"id":%1,"status":"invalid"},{"id":%2,"status":"ok"}])").arg(b).arg(a));
        for (const Response &r : reply.responses)
            QVERIFY(rpc->dispatch(r));
        QCOMPARE(answered, (QStringList {QStringLiteral("b:invalid"), QStringLiteral("a:ok")}));
        QVERIFY(!rpc->dispatch(reply.responses.first())); // answered already: an unknown id now
    }

    void aRequestErrorFailsTheOldestUnansweredFrame()
    {
        std::unique_ptr<Rpc> rpc(makeRpc());
        rpc->setOpen(true);
        QStringList failed;
        rpc->call(QStringLiteral("read"), {}, [&](const Response &r) { failed << r.status; });
        QTRY_COMPARE(m_sent.size(), 1);
        rpc->call(
            QStringLiteral("info"), {}, [&](const Response &r) { failed << QStringLiteral("second:") + r.status; });
        QTRY_COMPARE(m_sent.size(), 2);
        rpc->failOldestFrame(QStringLiteral("request error"), QJsonObject {{QStringLiteral("code"), 400}});
        QCOMPARE(failed, QStringList {QStringLiteral("request error")});
        QCOMPARE(rpc->pendingCount(), 1);
    }

    void lostConnectionFailsEveryPendingCall()
    {
        std::unique_ptr<Rpc> rpc(makeRpc());
        rpc->setOpen(true);
        int failures = 0;
        rpc->call(QStringLiteral("read"), {},
            [&](const Response &r) { failures += r.status == QLatin1String("connection lost"); });
        QTRY_COMPARE(m_sent.size(), 1);
        rpc->call(QStringLiteral("read"), {},
            [&](const Response &r) { failures += r.status == QLatin1String("connection lost"); });
        rpc->reset(QStringLiteral("connection lost"));
        QCOMPARE(failures, 2);
        QCOMPARE(rpc->pendingCount(), 0);
    }

    void callsWaitUntilOpen()
    {
        std::unique_ptr<Rpc> rpc(makeRpc());
        rpc->call(QStringLiteral("lookup"), {}, [](const Response &) {});
        QCoreApplication::processEvents();
        QCOMPARE(m_sent.size(), 0);
        rpc->setOpen(true);
        QCOMPARE(m_sent.size(), 1);
    }

    void unansweredCallsTimeOut()
    {
        std::unique_ptr<Rpc> rpc(makeRpc());
        rpc->setCallTimeout(100);
        rpc->setOpen(true);
        QString status;
        rpc->call(QStringLiteral("read"), {}, [&](const Response &r) { status = r.status; });
        QTRY_COMPARE_WITH_TIMEOUT(status, QStringLiteral("timeout"), 3000);
    }

    void composedFramesKeepTheirIds()
    {
        std::unique_ptr<Rpc> rpc(makeRpc());
        rpc->setOpen(true);
        int replies = 0;
        const QJsonArray calls {
            QJsonObject {{QStringLiteral("id"), QStringLiteral("mine")},
                {QStringLiteral("procedure"), QStringLiteral("read")}, {QStringLiteral("arguments"), QJsonArray()}},
            QJsonObject {
                {QStringLiteral("procedure"), QStringLiteral("write")}, {QStringLiteral("arguments"), QJsonArray()}}};
        QCOMPARE(rpc->sendComposed(calls, [&](const Response &) { ++replies; }), 1); // only the call with an id
        QCOMPARE(m_sent.size(), 1);
        QVERIFY(rpc->isPending(QStringLiteral("\"mine\"")));
        QVERIFY(rpc->dispatch(decodeFrame(QStringLiteral(R"([{"id":"mine","status":"ok"}])")).responses.first()));
        QCOMPARE(replies, 1);
    }
};

QTEST_GUILESS_MAIN(tst_ExositeRpc)
#include "tst_exositerpc.moc"
