// The rules file (docs/architecture.md#devices-presence-and-alerts-coremonitor): what it accepts, and for every mistake the
// rule index, the key and why — a file with a mistake is refused whole.
#include "core/monitor/duration.h"
#include "core/monitor/rulesfile.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;

class tst_RulesFile : public QObject
{
    Q_OBJECT

private:
    static QByteArray withRules(const QByteArray &rules)
    {
        return QByteArrayLiteral("{\"version\": 1, \"rules\": [") + rules + QByteArrayLiteral("]}");
    }

private Q_SLOTS:
    void theDesignExampleIsAccepted()
    {
        // ("devices/\u002a" is "devices/*" in JSON: moc would read a slash-star as a comment.)
        const QByteArray json = R"({"version": 1, "rules": [
  {"name": "battery low", "path": "*/battery", "below": 20, "clear": 25, "for": "30s", "severity": "warning"},
  {"name": "pump silent", "endpoint": "Plant*", "path": "pump-*", "silentFor": "2m", "severity": "error"},
  {"name": "robot offline", "path": "devices/\u002a", "offlineFor": "1m", "severity": "error"},
  {"name": "endpoint down", "endpointDownFor": "5m", "severity": "critical"},
  {"name": "motor fault", "event": {"minSeverity": "error", "text": "fault"}, "severity": "critical"}
]})";
        RuleSet rules;
        RuleError error;
        QVERIFY2(RulesFile::parse(json, &rules, &error), qPrintable(error.message()));
        QCOMPARE(rules.size(), 5);
        QCOMPARE(rules[0].condition, RuleCondition::Below);
        QCOMPARE(rules[0].threshold, 20.0);
        QCOMPARE(rules[0].clear, 25.0);
        QCOMPARE(rules[0].forMs, qint64(30000));
        QVERIFY(rules[0].path.matches(u"robot-3/battery"));
        QVERIFY(!rules[0].path.matches(u"site/robot-3/battery"));
        QCOMPARE(rules[1].condition, RuleCondition::SilentFor);
        QCOMPARE(rules[1].intervalMs, qint64(120000));
        QVERIFY(rules[1].endpoint.matches(u"Plant A"));
        QVERIFY(!rules[1].endpoint.matches(u"HQ"));
        QCOMPARE(rules[1].severity, AlertSeverity::Error);
        QCOMPARE(rules[2].condition, RuleCondition::OfflineFor);
        QVERIFY(rules[2].path.matches(u"devices/robot-7"));
        QCOMPARE(rules[3].condition, RuleCondition::EndpointDownFor);
        QCOMPARE(rules[3].severity, AlertSeverity::Critical);
        QVERIFY(rules[3].endpoint.matches(u"anything"));
        QCOMPARE(rules[4].condition, RuleCondition::Event);
        QCOMPARE(rules[4].eventMinSeverity, Severity::Error);
        QCOMPARE(rules[4].eventText, QStringLiteral("fault"));
    }

    void hysteresisDefaultsToTheThreshold()
    {
        RuleSet rules;
        RuleError error;
        QVERIFY(RulesFile::parse(withRules(R"({"name": "hot", "path": "**/temp", "above": 80})"), &rules, &error));
        QCOMPARE(rules[0].clear, 80.0);
        QVERIFY(rules[0].triggers(80.5));
        QVERIFY(!rules[0].triggers(80));
        QVERIFY(rules[0].clears(80));
        QCOMPARE(rules[0].severity, AlertSeverity::Warning);
        QVERIFY(RulesFile::parse(
            withRules(R"({"name": "band", "path": "p", "outside": [10, 20], "clear": [12, 18]})"), &rules, &error));
        QVERIFY(rules[0].triggers(9.9));
        QVERIFY(rules[0].triggers(20.1));
        QVERIFY(!rules[0].triggers(15));
        QVERIFY(!rules[0].clears(11));
        QVERIFY(rules[0].clears(12));
    }

    void everyMistakeNamesIndexAndKey_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("why");

        const QByteArray ok = R"({"name": "ok", "path": "a", "above": 1})";
        auto row = [&](const char *name, const QByteArray &rule, const char *key, const char *why) {
            QTest::newRow(name) << withRules(ok + "," + rule) << 1 << QString::fromLatin1(key)
                                << QString::fromLatin1(why);
        };
        row("no name", R"({"path": "a", "above": 1})", "name", "is required");
        row("empty name", R"({"name": " ", "path": "a", "above": 1})", "name", "is required");
        row("duplicate name", R"({"name": "ok", "path": "b", "above": 1})", "name", "already the name of rules[0]");
        row("no condition", R"({"name": "x", "path": "a"})", "", "has no condition");
        row("two conditions", R"({"name": "x", "path": "a", "above": 1, "below": 0})", "below",
            "exactly one condition");
        row("unknown key", R"({"name": "x", "path": "a", "above": 1, "fro": "3s"})", "fro", "unknown key");
        row("above not a number", R"({"name": "x", "path": "a", "above": "80"})", "above", "must be a number");
        row("outside not a pair", R"({"name": "x", "path": "a", "outside": [1]})", "outside", "[low, high]");
        row("outside reversed", R"({"name": "x", "path": "a", "outside": [5, 1]})", "outside", "is above high");
        row("clear above above", R"({"name": "x", "path": "a", "above": 80, "clear": 85})", "clear", "at most");
        row("clear below below", R"({"name": "x", "path": "a", "below": 20, "clear": 15})", "clear", "at least");
        row("clear outside the band", R"({"name": "x", "path": "a", "outside": [10, 20], "clear": [5, 18]})", "clear",
            "within");
        row("clear on silence", R"({"name": "x", "path": "a", "silentFor": "1m", "clear": 3})", "clear",
            "above, below and outside only");
        row("for on silence", R"({"name": "x", "path": "a", "silentFor": "1m", "for": "1m"})", "for",
            "states its own duration");
        row("bad duration", R"({"name": "x", "path": "a", "above": 1, "for": "30 parsecs"})", "for",
            "is not a duration");
        row("negative duration", R"({"name": "x", "path": "a", "above": 1, "for": -3})", "for", "not negative");
        row("zero silence", R"({"name": "x", "path": "a", "silentFor": 0})", "silentFor", "longer than 0");
        row("no path", R"({"name": "x", "below": 3})", "path", "is required");
        row("path on endpointDown", R"({"name": "x", "path": "a", "endpointDownFor": "5m"})", "path", "no path");
        // (moc reads "//" in a raw string as a comment: an ordinary string literal here.)
        row("bad glob",
            "{\"name\": \"x\", \"path\": \"a/"
            "/b\", \"above\": 1}",
            "path", "empty segment");
        row("glob star star inside", R"({"name": "x", "path": "a**", "above": 1})", "path", "whole segment");
        row("path not a string", R"({"name": "x", "path": 3, "above": 1})", "path", "must be a string");
        row("bad severity", R"({"name": "x", "path": "a", "above": 1, "severity": "fatal"})", "severity",
            "info, warning, error, critical");
        row("event not an object", R"({"name": "x", "event": "fault"})", "event", "must be an object");
        row("event unknown key", R"({"name": "x", "event": {"txt": "fault"}})", "event.txt", "unknown key");
        row("event bad severity", R"({"name": "x", "event": {"minSeverity": "loud"}})", "event.minSeverity",
            "debug, info, warning, error");
        row("clearAfter on value", R"({"name": "x", "path": "a", "above": 1, "clearAfter": "1m"})", "clearAfter",
            "event rules only");
        row("endpoint empty", R"({"name": "x", "path": "a", "above": 1, "endpoint": ""})", "endpoint", "non-empty");
        row("not an object", R"(42)", "", "must be an object");

        QTest::newRow("not JSON") << QByteArray("{\"version\": 1, \"rules\": [") << -1 << QString() << "not JSON";
        QTest::newRow("no version") << QByteArray(R"({"rules": []})") << -1 << "version"
                                    << "must be 1";
        QTest::newRow("version 2") << QByteArray(R"({"version": 2, "rules": []})") << -1 << "version"
                                   << "must be 1";
        QTest::newRow("rules not an array") << QByteArray(R"({"version": 1, "rules": {}})") << -1 << "rules"
                                            << "must be an array";
        QTest::newRow("unknown top key") << QByteArray(R"({"version": 1, "rules": [], "rule": []})") << -1 << "rule"
                                         << "unknown key";
    }

    void everyMistakeNamesIndexAndKey()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, index);
        QFETCH(QString, key);
        QFETCH(QString, why);
        RuleSet rules;
        rules.append(AlertRule()); // a refused file leaves what the caller had
        RuleError error;
        QVERIFY(!RulesFile::parse(json, &rules, &error));
        QCOMPARE(rules.size(), 1);
        QCOMPARE(error.index, index);
        QCOMPARE(error.key, key);
        QVERIFY2(error.why.contains(why), qPrintable(error.why));
        if (index >= 0)
            QVERIFY2(error.message().startsWith(QStringLiteral("rules[%1]").arg(index)), qPrintable(error.message()));
        if (!key.isEmpty())
            QVERIFY2(error.message().contains(QStringLiteral("\"%1\"").arg(key)), qPrintable(error.message()));
    }

    void durations_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("ms") << QJsonValue(QStringLiteral("500ms")) << qint64(500);
        QTest::newRow("s") << QJsonValue(QStringLiteral("30s")) << qint64(30000);
        QTest::newRow("m") << QJsonValue(QStringLiteral("5m")) << qint64(300000);
        QTest::newRow("h") << QJsonValue(QStringLiteral("2h")) << qint64(7200000);
        QTest::newRow("fraction") << QJsonValue(QStringLiteral("1.5s")) << qint64(1500);
        QTest::newRow("number") << QJsonValue(2.5) << qint64(2500);
        QTest::newRow("no unit") << QJsonValue(QStringLiteral("30")) << qint64(-1);
        QTest::newRow("days") << QJsonValue(QStringLiteral("2d")) << qint64(-1);
        QTest::newRow("beyond a year") << QJsonValue(QStringLiteral("9000h")) << qint64(-1);
        QTest::newRow("bool") << QJsonValue(true) << qint64(-1);
    }

    void durations()
    {
        QFETCH(QJsonValue, value);
        QFETCH(qint64, ms);
        qint64 out = -1;
        QString why;
        QCOMPARE(Duration::parse(value, &out, &why), ms >= 0);
        if (ms >= 0)
            QCOMPARE(out, ms);
        else
            QVERIFY(!why.isEmpty());
    }

    void savedFileReadsBackTheSame()
    {
        const QByteArray json = R"({"version": 1, "rules": [
  {"name": "battery low", "path": "*/battery", "below": 20, "clear": 25, "for": "30s", "severity": "warning"},
  {"name": "band", "endpoint": "Plant*", "path": "**/flow", "outside": [1, 9], "clear": [2, 8]},
  {"name": "pump silent", "path": "pump-*", "silentFor": "90s", "severity": "error"},
  {"name": "down", "endpointDownFor": 300, "severity": "critical"},
  {"name": "fault", "description": "motor faults", "event": {"minSeverity": "error", "text": "fault"}, "clearAfter": "10m"}
]})";
        RuleSet rules;
        RuleError error;
        QVERIFY(RulesFile::parse(json, &rules, &error));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alerts.json"));
        QString saveError;
        QVERIFY2(RulesFile::save(path, rules, &saveError), qPrintable(saveError));
        QCOMPARE(QFile(path).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        RuleSet again;
        QVERIFY2(RulesFile::load(path, &again, &error), qPrintable(error.message()));
        QCOMPARE(again.size(), rules.size());
        for (int i = 0; i < rules.size(); ++i)
            QCOMPARE(again[i].toJson(), rules[i].toJson());
        QCOMPARE(again[1].clearLow, 2.0);
        QCOMPARE(again[3].intervalMs, qint64(300000));
        QCOMPARE(again[4].clearAfterMs, qint64(600000));
        QCOMPARE(again[4].description, QStringLiteral("motor faults"));
    }

    void unreadableFileSaysSo()
    {
        RuleSet rules;
        RuleError error;
        QVERIFY(!RulesFile::load(QStringLiteral("/nonexistent/alerts.json"), &rules, &error));
        QCOMPARE(error.index, -1);
        QVERIFY2(error.message().contains(QLatin1String("cannot read")), qPrintable(error.message()));
    }
};

QTEST_GUILESS_MAIN(tst_RulesFile)
#include "tst_rulesfile.moc"
