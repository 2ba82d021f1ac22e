// Silence deadlines for 100,000 devices (issue 14's target: no per-tick scan; idle CPU < 1 % of
// a core). The monitor sleeps until the earliest deadline in its heap; activity only notes a time.
// Figures: the cost of a round of activity from every device, the idle CPU of a live Monitor over
// a few seconds, and the cost of 100,000 silences coming due at once. Run: bench_silencedeadlines.
#include "benchmarks/cputime.h"
#include "core/monitor/monitor.h"
#include "core/monitor/rulesfile.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTest>
#include <QTimer>

using namespace fleetscope;

namespace {

constexpr int kDevices = 100000;
const QString kEp = QStringLiteral("Fleet");

EndpointBatch deviceTopics()
{
    EndpointBatch batch;
    Topic topic;
    topic.node = NodeKind::Device;
    for (int i = 0; i < kDevices; ++i) {
        topic.path = QStringLiteral("dev-%1").arg(i);
        batch.topics << topic;
    }
    return batch;
}

EndpointBatch activity()
{
    EndpointBatch batch;
    for (int i = 0; i < kDevices; ++i)
        batch.samples << Sample {QStringLiteral("dev-%1/battery").arg(i), i, 80};
    return batch;
}

RuleSet silenceRule(const char *interval)
{
    RuleSet rules;
    RuleError error;
    const QByteArray json =
        QByteArray("{\"version\":1,\"rules\":[{\"name\":\"silent\",\"path\":\"dev-*\",\"silentFor\":\"") + interval
        + "\"}]}";
    if (!RulesFile::parse(json, &rules, &error))
        qFatal("%s", qPrintable(error.message()));
    return rules;
}

} // namespace

class BenchSilenceDeadlines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void activityAndExpiry()
    {
        ManualClock clock(1700000000000);
        AlertEngine engine(clock);
        engine.setRules(silenceRule("1m"));
        engine.setEndpointState(kEp, LinkState::Ready);
        const EndpointBatch devices = deviceTopics();
        const EndpointBatch round = activity();
        engine.applyBatch(kEp, devices);
        engine.applyBatch(kEp, round);
        bench::measure("activity of 100,000 devices", 5, [&] {
            clock.advanceMs(1000);
            engine.applyBatch(kEp, round);
        });
        qInfo("deadlines filed: %zu (at most one per device and one per silence alert)", engine.pendingDeadlines());
        bench::measure("100,000 silences coming due", 1, [&] {
            clock.advanceMs(61000);
            engine.advance();
        });
        qInfo(
            "alerts firing: %d, deadlines left: %zu", int(engine.takeTransitions().size()), engine.pendingDeadlines());
    }

    void idleMonitorWithAHundredThousandDevices()
    {
        Monitor monitor;
        monitor.setRules(silenceRule("10m"));
        monitor.setEndpointState(kEp, LinkState::Ready);
        monitor.applyBatch(kEp, deviceTopics());
        monitor.applyBatch(kEp, activity());
        monitor.flushUpdate();
        QTest::qWait(500); // let the first update go
        // An event loop that only waits (QTest::qWait polls every few ms; this does not).
        const double cpu0 = bench::processCpuMs();
        QElapsedTimer wall;
        wall.start();
        QEventLoop loop;
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        loop.exec();
        const double cpu = bench::processCpuMs() - cpu0;
        qInfo("next deadline in %.0f s; %zu filed",
            static_cast<double>(monitor.engine().nextDeadline() - QDateTime::currentMSecsSinceEpoch()) / 1000.0,
            monitor.engine().pendingDeadlines());
        qInfo("idle monitor with %d devices under a silence rule: %.1f ms CPU in %.1f s = %.3f %% of one core",
            kDevices, cpu, static_cast<double>(wall.elapsed()) / 1000.0,
            cpu / static_cast<double>(wall.elapsed()) * 100.0);
    }
};

QTEST_GUILESS_MAIN(BenchSilenceDeadlines)
#include "bench_silencedeadlines.moc"
