#include "sim/intu/styledjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using fleetscope::sim::intu::styledJson;

// Declared before the test data: moc misreads raw strings that hold \" sequences.
class tst_StyledJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesLikeJsoncpp_data();
    void writesLikeJsoncpp();
    void reproducesTheReferenceLogPublish();
    void roundTrips();
};

namespace {
QJsonValue json(const QByteArray &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}
} // namespace

void tst_StyledJson::writesLikeJsoncpp_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("control frame") << json(R"({"token":"","selfId":"a3b1","control":"authenticate"})")
                                   << QByteArray("{\n   \"control\" : \"authenticate\",\n   \"selfId\" : \"a3b1\",\n   "
                                                 "\"token\" : \"\"\n}\n");
    QTest::newRow("short array on one line")
        << json(R"({"targets":["."]})") << QByteArray("{\n   \"targets\" : [ \".\" ]\n}\n");
    QTest::newRow("empty containers") << json(R"({"a":[],"b":{}})")
                                      << QByteArray("{\n   \"a\" : [],\n   \"b\" : {}\n}\n");
    QTest::newRow("numbers, bools, null") << json(R"({"c":14233,"d":23.5,"e":0.1,"f":true,"g":null,"h":-3})")
                                          << QByteArray("{\n   \"c\" : 14233,\n   \"d\" : 23.5,\n   \"e\" : "
                                                        "0.10000000000000001,\n   \"f\" : true,\n   \"g\" : null,\n   "
                                                        "\"h\" : -3\n}\n");
    QTest::newRow("escapes") << json(R"({"s":"a\"b\\c\nd\te\u0001/é"})")
                             << QByteArray("{\n   \"s\" : \"a\\\"b\\\\c\\nd\\te\\u0001/\xc3\xa9\"\n}\n");
    QTest::newRow("nested object")
        << json(R"({"m_Content":{"value":1,"state":"UP"},"Type_":"HealthData"})")
        << QByteArray("{\n   \"Type_\" : \"HealthData\",\n   \"m_Content\" : {\n      \"state\" : \"UP\",\n      "
                      "\"value\" : 1\n   }\n}\n");
    QTest::newRow("array of objects, one a line")
        << json(R"({"topics":[{"topicId":"log","type":"application/json"},{"topicId":"x","type":"t"}]})")
        << QByteArray("{\n   \"topics\" : [\n      {\n         \"topicId\" : \"log\",\n         \"type\" : "
                      "\"application/json\"\n      },\n      {\n         \"topicId\" : \"x\",\n         \"type\" : "
                      "\"t\"\n      }\n   ]\n}\n");
    QTest::newRow("a long array of scalars breaks lines")
        << json(R"({"children":["intu-console-0001","pepper-7f3a-0001","nao-2c91-0001","visitor-5e21-0001"]})")
        << QByteArray("{\n   \"children\" : [\n      \"intu-console-0001\",\n      \"pepper-7f3a-0001\",\n      "
                      "\"nao-2c91-0001\",\n      \"visitor-5e21-0001\"\n   ]\n}\n");
    QTest::newRow("top-level array") << json(R"([1,2])") << QByteArray("[ 1, 2 ]\n");
}

void tst_StyledJson::writesLikeJsoncpp()
{
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(styledJson(value), expected);
}

void tst_StyledJson::reproducesTheReferenceLogPublish()
{
    // docs/protocols/intu.md#publish, byte for byte: the record is styled, then styled again
    // as the envelope's `data` string.
    const QJsonObject record {{QStringLiteral("level"), QStringLiteral("WARN")},
        {QStringLiteral("message"), QStringLiteral("Topic nosuch not found.")},
        {QStringLiteral("subsystem"), QStringLiteral("TopicManager")},
        {QStringLiteral("time"), QStringLiteral("04/16/18 17:19:31.123")}};
    const QJsonObject envelope {{QStringLiteral("binary"), false},
        {QStringLiteral("data"), QString::fromUtf8(styledJson(record))},
        {QStringLiteral("msg"), QStringLiteral("publish")}, {QStringLiteral("origin"), QStringLiteral("../.")},
        {QStringLiteral("persisted"), false}, {QStringLiteral("targets"), QJsonArray {QStringLiteral(".")}},
        {QStringLiteral("topic"), QStringLiteral("log")}, {QStringLiteral("type"), QStringLiteral("application/json")}};
    const QByteArray expected = R"({
   "binary" : false,
   "data" : "{\n   \"level\" : \"WARN\",\n   \"message\" : \"Topic nosuch not found.\",\n   \"subsystem\" : \"TopicManager\",\n   \"time\" : \"04/16/18 17:19:31.123\"\n}\n",
   "msg" : "publish",
   "origin" : "../.",
   "persisted" : false,
   "targets" : [ "." ],
   "topic" : "log",
   "type" : "application/json"
}
)";
    QCOMPARE(styledJson(envelope), expected);
}

void tst_StyledJson::roundTrips()
{
    const QJsonValue value = json(R"({"a":[1,"x",{"b":[true,false,null]}],"c":{"d":"e\nf"}})");
    QCOMPARE(QJsonDocument::fromJson(styledJson(value)).object(), value.toObject());
}

QTEST_GUILESS_MAIN(tst_StyledJson)
#include "tst_styledjson.moc"
