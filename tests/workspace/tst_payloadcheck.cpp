#include "core/workspace/payloadcheck.h"

#include <QTest>

using namespace fleetscope;

// The composer's check: valid JSON (placeholders standing in as values) passes; anything else is
// refused with the line and column where it goes wrong, in the text as typed.
class tst_PayloadCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void check_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");

        QTest::newRow("object") << QStringLiteral(R"({"a":1})") << true << 0 << 0;
        QTest::newRow("array") << QStringLiteral("[1, 2]") << true << 0 << 0;
        QTest::newRow("number") << QStringLiteral("21.5") << true << 0 << 0;
        QTest::newRow("string") << QStringLiteral(R"("on")") << true << 0 << 0;
        QTest::newRow("placeholders") << QStringLiteral(
            R"({"calls":[{"id":${id},"arguments":["${rid}",{"starttime":${now-3600}}]}]})")
                                      << true << 0 << 0;
        QTest::newRow("placeholder value") << QStringLiteral("${value}") << true << 0 << 0;
        QTest::newRow("missing comma, line 2") << QStringLiteral("{\n  \"a\": 1\n  \"b\": 2\n}") << false << 3 << 3;
        QTest::newRow("after a placeholder") << QStringLiteral(R"({"id":${id} "x":1})") << false << 1 << 13;
        QTest::newRow("unquoted word") << QStringLiteral("hello") << false << 1 << 1;
        QTest::newRow("two values") << QStringLiteral("1, 2") << false << 1 << 5;
        QTest::newRow("empty") << QStringLiteral("  ") << false << 1 << 1;
        QTest::newRow("unterminated") << QStringLiteral("{\"a\":") << false << 1 << 6;
        QTest::newRow("non-ASCII before the error") << QStringLiteral("{\"é\":1 \"b\":2}") << false << 1 << 8;
        QTest::newRow("trailing comma") << QStringLiteral("[1,\n 2,\n]") << false << 3 << 1;
        QTest::newRow("bad literal in a scalar") << QStringLiteral("tru") << false << 1 << 1;
    }

    void check()
    {
        QFETCH(QString, payload);
        QFETCH(bool, ok);
        QFETCH(int, line);
        QFETCH(int, column);
        const PayloadProblem problem = checkPayload(payload);
        QCOMPARE(problem.ok, ok);
        if (ok)
            return;
        QVERIFY(!problem.message.isEmpty());
        QCOMPARE(problem.line, line);
        QCOMPARE(problem.column, column);
        QVERIFY(problem.position >= 0 && problem.position <= payload.size());
    }

    void prettyKeepsTextAndPlaceholders()
    {
        // (No raw string here: moc's lexer stumbles on \" inside one.)
        const QString compact =
            QStringLiteral("{\"calls\":[{\"id\":${id},\"procedure\":\"read\",\"arguments\":[\"${rid}\",{}],"
                           "\"s\":\"a, {b}: \\\"c\\\"\"}],\"n\":-1.50e3}");
        const QString pretty = prettyPayload(compact);
        QCOMPARE(pretty,
            QStringLiteral("{\n"
                           "  \"calls\": [\n"
                           "    {\n"
                           "      \"id\": ${id},\n"
                           "      \"procedure\": \"read\",\n"
                           "      \"arguments\": [\n"
                           "        \"${rid}\",\n"
                           "        {}\n"
                           "      ],\n"
                           "      \"s\": \"a, {b}: \\\"c\\\"\"\n"
                           "    }\n"
                           "  ],\n"
                           "  \"n\": -1.50e3\n"
                           "}"));
        QVERIFY(checkPayload(pretty).ok);
        QCOMPARE(prettyPayload(QStringLiteral("21.5")), QStringLiteral("21.5"));
        QCOMPARE(prettyPayload(pretty), pretty); // stable
    }

    // Protocols that send text as it is (Intu, Exosite values): text passes, spaces and all, and
    // only what opens like JSON is held to JSON.
    void textOrJson_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");

        QTest::newRow("sentence") << QStringLiteral("what time is it") << true << 0 << 0;
        QTest::newRow("quotes and colons") << QStringLiteral("say \"hi\": now, {later}") << true << 0 << 0;
        QTest::newRow("number") << QStringLiteral("21.5") << true << 0 << 0;
        QTest::newRow("object") << QStringLiteral("{\"event\":\"get_config\"}") << true << 0 << 0;
        QTest::newRow("broken object") << QStringLiteral("  {\"event\" \"x\"}") << false << 1 << 12;
        QTest::newRow("broken array") << QStringLiteral("[1,\n 2,\n]") << false << 3 << 1;
        QTest::newRow("empty") << QStringLiteral(" ") << false << 1 << 1;
    }

    void textOrJson()
    {
        QFETCH(QString, payload);
        QFETCH(bool, ok);
        QFETCH(int, line);
        QFETCH(int, column);
        const PayloadProblem problem = checkPayload(payload, PayloadSyntax::TextOrJson);
        QCOMPARE(problem.ok, ok);
        if (ok)
            return;
        QCOMPARE(problem.line, line);
        QCOMPARE(problem.column, column);
    }

    void prettyLeavesTextAlone()
    {
        for (const QString &text : {QStringLiteral("what time is it"), QStringLiteral("  hello pepper, {you}: ok "),
                 QStringLiteral("\"on\""), QStringLiteral("a\n  b")})
            QCOMPARE(prettyPayload(text), text);
    }
};

QTEST_GUILESS_MAIN(tst_PayloadCheck)
#include "tst_payloadcheck.moc"
