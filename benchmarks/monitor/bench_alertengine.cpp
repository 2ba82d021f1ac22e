// What the rules engine costs per sample (issue 14's targets): 1,000 rules evaluated on 100,000
// samples a second use < 10 % of one core; a sample no rule matches costs the same whatever the
// number of rules (O(1): rules are indexed by their literal path prefix and the answer is cached
// per path). Figures are CPU time of this thread. Run: bench_alertengine [-iterations N].
#include "benchmarks/cputime.h"
#include "core/monitor/alertengine.h"
#include "core/monitor/rulesfile.h"

#include <QTest>

using namespace fleetscope;

namespace {

const QString kEp = QStringLiteral("Plant A");

// `count` rules as a fleet would write them: per site thresholds and silence on its pumps, plus a
// few fleet-wide rules ("**/temperature").
RuleSet fleetRules(int count, const QString &sitePrefix = QStringLiteral("site"))
{
    RuleSet rules;
    RuleError error;
    QByteArray json = "{\"version\": 1, \"rules\": [";
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            json += ',';
        const QByteArray site = QStringLiteral("%1-%2").arg(sitePrefix).arg(i % 250).toUtf8();
        switch (i % 4) {
        case 0:
            json += "{\"name\":\"r" + QByteArray::number(i) + "\",\"path\":\"" + site
                + "/*/battery\",\"below\":20,\"clear\":25,\"for\":\"30s\"}";
            break;
        case 1:
            json +=
                "{\"name\":\"r" + QByteArray::number(i) + "\",\"path\":\"" + site + "/*/rpm\",\"outside\":[100,3000]}";
            break;
        case 2:
            json +=
                "{\"name\":\"r" + QByteArray::number(i) + "\",\"path\":\"" + site + "/pump-*\",\"silentFor\":\"5m\"}";
            break;
        default:
            json += "{\"name\":\"r" + QByteArray::number(i) + "\",\"path\":\"" + site
                + "/*/humidity\",\"above\":" + QByteArray::number(60 + i % 30) + "}";
            break;
        }
    }
    json += "]}";
    if (!RulesFile::parse(json, &rules, &error))
        qFatal("%s", qPrintable(error.message()));
    return rules;
}

// 100,000 samples over `paths` distinct paths (sites × devices × metrics), in endpoint-sized
// batches (a 33 ms batch of a 100,000/s endpoint). Values are in range except every
// `excursionEvery`-th sample of a path (0: never), which is out of range for its rule.
QVector<EndpointBatch> traffic(const QString &sitePrefix, int paths, int excursionEvery = 0)
{
    const QStringList metrics = {
        QStringLiteral("battery"), QStringLiteral("rpm"), QStringLiteral("humidity"), QStringLiteral("temperature")};
    const double normal[] = {60, 1500, 40, 22};
    const double excursion[] = {10, 5000, 95, 90};
    QStringList names;
    QVector<int> metricOf;
    for (int i = 0; names.size() < paths; ++i) {
        const int metric = i / 2500 % 4;
        names << QStringLiteral("%1-%2/pump-%3/%4").arg(sitePrefix).arg(i % 250).arg(i / 250 % 10).arg(metrics[metric]);
        metricOf << metric;
    }
    QVector<EndpointBatch> batches;
    EndpointBatch batch;
    for (int i = 0; i < 100000; ++i) {
        const int p = i % paths;
        const int round = i / paths;
        const bool out = excursionEvery > 0 && (round + p) % excursionEvery == 0;
        const double value = (out ? excursion : normal)[metricOf[p]] + (i % 7) * 0.1;
        batch.samples.append(Sample {names[p], i, value});
        if (batch.samples.size() == 3300) {
            batches << batch;
            batch = EndpointBatch();
        }
    }
    batches << batch;
    return batches;
}

} // namespace

class BenchAlertEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thousandRulesOnAHundredThousandSamples_data()
    {
        QTest::addColumn<int>("rules");
        QTest::addColumn<int>("excursionEvery");
        // A fleet in order: a rare excursion fires an alert (and its event) now and then.
        QTest::newRow("1000 rules, 10000 paths, 1 sample in 1000 out of range") << 1000 << 1000;
        // A fleet in trouble: every tenth sample out of range, alerts flapping all the time.
        QTest::newRow("1000 rules, 10000 paths, 1 sample in 10 out of range") << 1000 << 10;
    }

    void thousandRulesOnAHundredThousandSamples()
    {
        QFETCH(int, rules);
        QFETCH(int, excursionEvery);
        ManualClock clock(1700000000000);
        AlertEngine engine(clock);
        engine.setRules(fleetRules(rules));
        engine.setEndpointState(kEp, LinkState::Ready);
        Topic device;
        device.node = NodeKind::Device;
        EndpointBatch devices;
        for (int s = 0; s < 250; ++s) {
            for (int d = 0; d < 10; ++d) {
                device.path = QStringLiteral("site-%1/pump-%2").arg(s).arg(d);
                devices.topics << device;
            }
        }
        engine.applyBatch(kEp, devices);
        const QVector<EndpointBatch> batches = traffic(QStringLiteral("site"), 10000, excursionEvery);
        for (const EndpointBatch &batch : batches) // warm: every path seen once
            engine.applyBatch(kEp, batch);
        engine.takeTransitions();
        double cpu = 0;
        int rounds = 0;
        qint64 transitions = 0;
        QBENCHMARK
        {
            const double cpu0 = bench::threadCpuMs();
            // What the Monitor does per batch, and per update tick (every 8th batch, ~250 ms).
            AlertList keep;
            QVector<AlertKey> forget;
            int n = 0;
            for (const EndpointBatch &batch : batches) {
                clock.advanceMs(33);
                engine.advance();
                engine.applyBatch(kEp, batch);
                transitions += engine.takeTransitions().size();
                engine.takeEvents();
                engine.takePersistence(&keep, &forget);
                if (++n % 8 == 0) {
                    engine.takeChangedAlerts();
                    engine.takeChangedDevices();
                }
            }
            cpu += bench::threadCpuMs() - cpu0;
            ++rounds;
        }
        const double perRound = cpu / rounds;
        qInfo("%d rules, 100,000 samples: %.1f ms CPU = %.1f %% of one core at 100,000 samples/s; %lld transitions "
              "per 100,000 samples, %d alerts active, %d rule instances",
            rules, perRound, perRound / 10.0, transitions / rounds, int(engine.activeAlerts().size()), [&] {
                int n = 0;
                for (const RuleStatus &s : engine.ruleStatus())
                    n += s.instances;
                return n;
            }());
    }

    void unmatchedSampleCostsTheSameWhateverTheRules_data()
    {
        QTest::addColumn<int>("rules");
        QTest::newRow("0 rules") << 0;
        QTest::newRow("1000 rules") << 1000;
        QTest::newRow("10000 rules") << 10000;
    }

    void unmatchedSampleCostsTheSameWhateverTheRules()
    {
        QFETCH(int, rules);
        ManualClock clock(1700000000000);
        AlertEngine engine(clock);
        engine.setRules(fleetRules(rules, QStringLiteral("site")));
        engine.setEndpointState(kEp, LinkState::Ready);
        // Traffic under paths no rule's prefix covers.
        const QVector<EndpointBatch> batches = traffic(QStringLiteral("other"), 10000);
        for (const EndpointBatch &batch : batches)
            engine.applyBatch(kEp, batch);
        double cpu = 0;
        int rounds = 0;
        QBENCHMARK
        {
            const double cpu0 = bench::threadCpuMs();
            for (const EndpointBatch &batch : batches)
                engine.applyBatch(kEp, batch);
            cpu += bench::threadCpuMs() - cpu0;
            ++rounds;
        }
        qInfo("%5d rules: an unmatched sample costs %.0f ns CPU", rules, cpu / rounds * 1e6 / 100000);
    }

    void newPathsAreMatchedThroughTheIndex_data()
    {
        QTest::addColumn<int>("rules");
        QTest::newRow("100 rules") << 100;
        QTest::newRow("1000 rules") << 1000;
        QTest::newRow("10000 rules") << 10000;
    }

    // The first sample of a path is matched against the rules filed along its prefix only.
    void newPathsAreMatchedThroughTheIndex()
    {
        QFETCH(int, rules);
        const RuleSet set = fleetRules(rules);
        const QVector<EndpointBatch> batches = traffic(QStringLiteral("site"), 100000);
        double cpu = 0;
        int rounds = 0;
        QBENCHMARK
        {
            ManualClock clock(1700000000000);
            AlertEngine engine(clock);
            engine.setRules(set);
            engine.setEndpointState(kEp, LinkState::Ready);
            const double cpu0 = bench::threadCpuMs();
            for (const EndpointBatch &batch : batches)
                engine.applyBatch(kEp, batch);
            cpu += bench::threadCpuMs() - cpu0;
            ++rounds;
        }
        qInfo("%5d rules: the first sample of a new path costs %.2f µs CPU", rules, cpu / rounds * 1e3 / 100000);
    }
};

QTEST_GUILESS_MAIN(BenchAlertEngine)
#include "bench_alertengine.moc"
