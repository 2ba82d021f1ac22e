// "Test against the last hour": a rule run over series in memory fires as it would have live.
#include "core/monitor/rulebacktest.h"
#include "core/monitor/rulesfile.h"

#include <QJsonDocument>
#include <QTest>

using namespace fleetscope;

namespace {

AlertRule ruleFrom(const QByteArray &json)
{
    AlertRule rule;
    RuleError error;
    if (!RulesFile::parseRule(QJsonDocument::fromJson(json).object(), 0, &rule, &error))
        qFatal("bad test rule: %s", qPrintable(error.message()));
    return rule;
}

} // namespace

class tst_RuleBacktest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsFiringsOverAnHour()
    {
        const qint64 start = 1700000000000;
        SampleList samples;
        // Two batteries, one sample a minute for an hour: robot-1 dips under 20 twice for 5 min
        // (and once for 1 min, shorter than `for`); robot-2 never.
        for (int m = 0; m < 60; ++m) {
            const bool dip = (m >= 10 && m < 15) || (m >= 40 && m < 45) || m == 30;
            samples << Sample {QStringLiteral("robot-1/battery"), start + m * 60000, dip ? 15.0 : 50.0};
            samples << Sample {QStringLiteral("robot-2/battery"), start + m * 60000, 60.0};
        }
        const AlertRule rule =
            ruleFrom(R"({"name": "low", "path": "*/battery", "below": 20, "clear": 25, "for": "2m"})");
        const BacktestResult result = backtestRule(rule, QStringLiteral("ep"), samples, start, start + 3600000);
        QCOMPARE(result.firings, 2);
        QCOMPARE(result.resolutions, 2);
        QCOMPARE(result.pathsMatched, 2);
        // Fires 2 min into each dip, resolves at its end: 3 min each.
        QCOMPARE(result.firingMs, qint64(2 * 3 * 60000));
        QCOMPARE(result.transitions[0].t, start + 12 * 60000);
    }

    void silenceInTheSeries()
    {
        const qint64 start = 1700000000000;
        SampleList samples;
        for (int s = 0; s < 600; s += 10) {
            if (s < 200 || s > 320)
                samples << Sample {QStringLiteral("pump/flow"), start + s * 1000, 1.0};
        }
        const AlertRule rule = ruleFrom(R"({"name": "quiet", "path": "pump/flow", "silentFor": "1m"})");
        const BacktestResult result = backtestRule(rule, QStringLiteral("ep"), samples, start, start + 600000);
        QCOMPARE(result.firings, 1); // from 190 s + 60 s until 330 s
        QCOMPARE(result.firingMs, qint64(80000));
    }

    void aGlobMatchingNoSeriesSaysSo()
    {
        SampleList samples {Sample {QStringLiteral("a/b"), 1700000000000, 1}};
        const BacktestResult result = backtestRule(ruleFrom(R"({"name": "x", "path": "c/x*", "above": 0})"),
            QStringLiteral("ep"), samples, 1700000000000, 1700000100000);
        QCOMPARE(result.pathsMatched, 0);
        QCOMPARE(result.firings, 0);
    }
};

QTEST_GUILESS_MAIN(tst_RuleBacktest)
#include "tst_rulebacktest.moc"
