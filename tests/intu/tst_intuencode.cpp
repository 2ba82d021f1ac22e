#include "core/protocols/intu/intuencode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::intu;

// Declared before the test data: moc misreads raw strings that hold \" sequences.
class tst_IntuEncode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requests();
    void commands_data();
    void commands();
};

namespace {
QJsonObject parse(const QString &frame)
{
    return QJsonDocument::fromJson(frame.toUtf8()).object();
}
const QString kMe = QStringLiteral("fleetscope-1");
} // namespace

void tst_IntuEncode::requests()
{
    QCOMPARE(parse(encodeQuery(QStringLiteral("pepper-7f3a/."), QStringLiteral("fs-1"), kMe)),
        QJsonObject({{QStringLiteral("msg"), QStringLiteral("query")},
            {QStringLiteral("targets"), QJsonArray {QStringLiteral("pepper-7f3a/.")}},
            {QStringLiteral("request"), QStringLiteral("fs-1")},
            {QStringLiteral("origin"), QStringLiteral("fleetscope-1/.")}}));
    QCOMPARE(parse(encodeSubscribe({QStringLiteral("log"), QStringLiteral("pepper-7f3a/blackboard-stream")}, kMe)),
        QJsonObject({{QStringLiteral("msg"), QStringLiteral("subscribe")},
            {QStringLiteral("targets"),
                QJsonArray {QStringLiteral("log"), QStringLiteral("pepper-7f3a/blackboard-stream")}},
            {QStringLiteral("origin"), QStringLiteral("fleetscope-1/.")}}));
    QCOMPARE(parse(encodeUnsubscribe({QStringLiteral("log")}, kMe)).value(QLatin1String("msg")).toString(),
        QStringLiteral("unsubscribe"));

    Message query;
    query.origin = QStringLiteral("../.");
    query.request = QStringLiteral("9");
    const QJsonObject answer = parse(encodeQueryAnswer(query, kMe));
    QCOMPARE(answer.value(QLatin1String("msg")).toString(), QStringLiteral("query_response"));
    QCOMPARE(answer.value(QLatin1String("targets")).toArray(), QJsonArray {QStringLiteral(".")});
    QCOMPARE(answer.value(QLatin1String("request")).toString(), QStringLiteral("9"));
    QCOMPARE(answer.value(QLatin1String("name")).toString(), QStringLiteral("Fleetscope"));
    QVERIFY(answer.value(QLatin1String("topics")).toArray().isEmpty());
    query.origin = QStringLiteral("../probe/.");
    QCOMPARE(parse(encodeQueryAnswer(query, kMe)).value(QLatin1String("targets")).toArray(),
        QJsonArray {QStringLiteral("probe/.")});
    query.origin = QStringLiteral("probe/.");
    QVERIFY(encodeQueryAnswer(query, kMe).isEmpty());
}

void tst_IntuEncode::commands_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("payload");
    QTest::addColumn<QString>("expected"); // the frame as compact JSON, or "error: <part of the message>"

    QTest::newRow("plain text: publish_at with the text")
        << QStringLiteral("conversation") << QStringLiteral("what time is it")
        << QStringLiteral(
               R"({"binary":false,"data":"what time is it","msg":"publish_at","origin":"fleetscope-1/.","persisted":false,"targets":["conversation"]})");
    QTest::newRow("JSON object: sent as a string")
        << QStringLiteral("blackboard")
        << QStringLiteral(R"({"event":"add_object","type":"Say","thing":{"Type_":"Say","m_Text":"Hello, I am Intu"}})")
        << QStringLiteral(
               R"({"binary":false,"data":"{\"event\":\"add_object\",\"thing\":{\"Type_\":\"Say\",\"m_Text\":\"Hello, I am Intu\"},\"type\":\"Say\"}","msg":"publish_at","origin":"fleetscope-1/.","persisted":false,"targets":["blackboard"]})");
    QTest::newRow("JSON array: sent as a string")
        << QStringLiteral("notes") << QStringLiteral(" [1, 2] ")
        << QStringLiteral(
               R"({"binary":false,"data":"[1,2]","msg":"publish_at","origin":"fleetscope-1/.","persisted":false,"targets":["notes"]})");
    QTest::newRow("child target")
        << QStringLiteral("pepper-7f3a/conversation") << QStringLiteral("hello pepper")
        << QStringLiteral(
               R"({"binary":false,"data":"hello pepper","msg":"publish_at","origin":"fleetscope-1/.","persisted":false,"targets":["pepper-7f3a/conversation"]})");
    QTest::newRow("raw envelope: origin filled in")
        << QStringLiteral("*") << QStringLiteral(R"({"msg":"query","targets":["pepper-7f3a/."],"request":"2"})")
        << QStringLiteral(R"({"msg":"query","origin":"fleetscope-1/.","request":"2","targets":["pepper-7f3a/."]})");
    QTest::newRow("raw envelope: own origin kept")
        << QString() << QStringLiteral(R"({"msg":"subscribe","targets":["log"],"origin":"intu-console-1/."})")
        << QStringLiteral(R"({"msg":"subscribe","origin":"intu-console-1/.","targets":["log"]})");
    QTest::newRow("raw envelope: object data and numeric request become strings")
        << QStringLiteral("*")
        << QStringLiteral(R"({"msg":"publish_at","targets":["config"],"data":{"event":"get_config"},"request":3})")
        << QStringLiteral(
               R"({"data":"{\"event\":\"get_config\"}","msg":"publish_at","origin":"fleetscope-1/.","request":"3","targets":["config"]})");
    QTest::newRow("raw envelope: targets from the target")
        << QStringLiteral("log") << QStringLiteral(R"({"msg":"unsubscribe"})")
        << QStringLiteral(R"({"msg":"unsubscribe","origin":"fleetscope-1/.","targets":["log"]})");
    QTest::newRow("raw envelope without targets") << QStringLiteral("*") << QStringLiteral(R"({"msg":"subscribe"})")
                                                  << QStringLiteral("error: needs \"targets\"");
    QTest::newRow("raw envelope with a bad msg")
        << QStringLiteral("*") << QStringLiteral(R"({"msg":7,"targets":["log"]})")
        << QStringLiteral("error: \"msg\" must be a string");
    QTest::newRow("broken JSON") << QStringLiteral("blackboard") << QStringLiteral(R"({"event":)")
                                 << QStringLiteral("error: looks like JSON but does not parse");
    QTest::newRow("no target") << QString() << QStringLiteral("hello") << QStringLiteral("error: needs a target");
    QTest::newRow("star is no target") << QStringLiteral("*") << QStringLiteral("hello")
                                       << QStringLiteral("error: needs a target");
    QTest::newRow("too large") << QStringLiteral("notes") << QString(600 * 1024, QLatin1Char('x'))
                               << QStringLiteral("error: under 512 KiB");
}

void tst_IntuEncode::commands()
{
    QFETCH(QString, target);
    QFETCH(QString, payload);
    QFETCH(QString, expected);

    OutgoingCommand out;
    QString error;
    const bool ok = encodeCommand(Command {target, payload, 1}, kMe, &out, &error);
    if (expected.startsWith(QLatin1String("error: "))) {
        QVERIFY2(!ok, qPrintable(out.frame));
        QVERIFY2(error.contains(expected.mid(7)), qPrintable(error));
        return;
    }
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(parse(out.frame), parse(expected));
    QVERIFY(!out.kind.isEmpty());
}

QTEST_GUILESS_MAIN(tst_IntuEncode)
#include "tst_intuencode.moc"
