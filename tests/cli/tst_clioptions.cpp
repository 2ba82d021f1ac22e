#include "app/cli/clioptions.h"

#include <QTest>

#include <cstring>

using namespace fleetscope;
using namespace fleetscope::cli;

class tst_CliOptions : public QObject
{
    Q_OBJECT

private:
    static QStringList args(std::initializer_list<const char *> list)
    {
        QStringList out {QStringLiteral("fleetscope-cli")};
        for (const char *a : list)
            out << QString::fromLatin1(a);
        return out;
    }

private Q_SLOTS:
    void watchWithEverything()
    {
        qputenv("FLEETSCOPE_TOKEN", "tok");
        CliOptions o;
        QString error;
        bool exitNow = false;
        QVERIFY2(
            parseCliOptions(args({"watch", "--protocol", "intu", "--url", "ws://h:9443/stream?selfId=a", "--self-id",
                                "console", "--subscribe", "log", "--subscribe", "sensor-System", "--for", "2.5",
                                "--count", "10", "--insecure", "--max-backoff", "5", "--ping", "10"}),
                &o, &error, &exitNow),
            qPrintable(error));
        QCOMPARE(o.command, CliOptions::Command::Watch);
        QCOMPARE(o.endpoint.protocol, QStringLiteral("intu"));
        QCOMPARE(o.endpoint.options.value(QStringLiteral("selfId")).toString(), QStringLiteral("console"));
        QCOMPARE(o.endpoint.secret, QStringLiteral("tok"));
        QCOMPARE(o.subscribe, (QStringList {QStringLiteral("log"), QStringLiteral("sensor-System")}));
        QCOMPARE(o.forSeconds, 2.5);
        QCOMPARE(o.count, 10);
        QVERIFY(o.endpoint.link.insecure);
        QCOMPARE(o.endpoint.link.maxBackoffMs, 5000);
        QCOMPARE(o.endpoint.link.pingIntervalMs, 10000);
        QVERIFY(!o.endpoint.link.retryFirstConnect);
        qunsetenv("FLEETSCOPE_TOKEN");
    }

    void projectIsAlsoASubscription()
    {
        CliOptions o;
        QString error;
        bool exitNow = false;
        QVERIFY(parseCliOptions(args({"watch", "--protocol", "cityio", "--url", "http://h:8080", "--project", "volpe"}),
            &o, &error, &exitNow));
        QCOMPARE(o.subscribe, QStringList {QStringLiteral("volpe")});
        QCOMPARE(o.endpoint.options.value(QStringLiteral("project")).toString(), QStringLiteral("volpe"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << args({"--protocol", "exosite", "--url", "ws://h/ws"})
                                    << QStringLiteral("one command");
        QTest::newRow("no protocol") << args({"browse", "--url", "ws://h/ws"}) << QStringLiteral("--protocol");
        QTest::newRow("send without payload")
            << args({"send", "--protocol", "exosite", "--url", "ws://h/ws", "--target", "a"})
            << QStringLiteral("--payload");
        QTest::newRow("bad count") << args({"watch", "--protocol", "exosite", "--url", "ws://h/ws", "--count", "many"})
                                   << QStringLiteral("--count");
        QTest::newRow("missing CA file") << args({"browse", "--protocol", "exosite", "--url", "wss://h/ws", "--ca",
            "/no/such.pem"}) << QStringLiteral("no such file");
        QTest::newRow("unknown option") << args({"browse", "--protocol", "exosite", "--url", "ws://h/ws",
            "--frobnicate"}) << QStringLiteral("frobnicate");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        CliOptions o;
        QString error;
        bool exitNow = false;
        QVERIFY(!parseCliOptions(arguments, &o, &error, &exitNow));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void secretsAreScrubbedFromArgv()
    {
        char a0[] = "fleetscope-cli", a1[] = "--cik", a2[] = "0123456789abcdef", a3[] = "--token=s3cret",
             a4[] = "--url", a5[] = "ws://x";
        char *argv[] = {a0, a1, a2, a3, a4, a5};
        scrubSecretsFromArgv(6, argv);
        QCOMPARE(QByteArray(argv[2]), QByteArray(16, 'x'));
        QCOMPARE(QByteArray(argv[3]), QByteArray("--token=xxxxxx"));
        QCOMPARE(QByteArray(argv[5]), QByteArray("ws://x"));
    }
};

QTEST_GUILESS_MAIN(tst_CliOptions)
#include "tst_clioptions.moc"
