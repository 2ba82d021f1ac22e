#include "core/monitor/rulebacktest.h"

#include "core/monitor/alertengine.h"

#include <QHash>

#include <algorithm>

namespace fleetscope {

BacktestResult backtestRule(
    const AlertRule &rule, const QString &endpoint, SampleList samples, qint64 fromMs, qint64 toMs)
{
    std::stable_sort(samples.begin(), samples.end(), [](const Sample &a, const Sample &b) { return a.t < b.t; });
    ManualClock clock(fromMs);
    AlertEngine engine(clock);
    engine.setRules({rule});
    engine.setEndpointState(endpoint, LinkState::Ready);
    // Every path the series have is known from the start (a silent one counts as silent).
    EndpointBatch topics;
    QSet<QString> paths;
    for (const Sample &sample : std::as_const(samples)) {
        if (!paths.contains(sample.path)) {
            paths.insert(sample.path);
            Topic topic;
            topic.path = sample.path;
            topics.topics << topic;
        }
    }
    engine.applyBatch(endpoint, topics);

    auto advanceTo = [&](qint64 t) {
        while (engine.nextDeadline() >= 0 && engine.nextDeadline() <= t) {
            clock.setNowMs(std::max(clock.nowMs(), engine.nextDeadline()));
            engine.advance();
        }
        clock.setNowMs(std::max(clock.nowMs(), t));
        engine.advance();
    };
    EndpointBatch batch;
    for (qsizetype i = 0; i < samples.size();) {
        const qint64 t = samples[i].t;
        if (t > toMs)
            break;
        batch.samples.clear();
        for (; i < samples.size() && samples[i].t == t; ++i)
            batch.samples.append(samples[i]);
        if (t < fromMs)
            continue;
        advanceTo(t);
        engine.applyBatch(endpoint, batch);
    }
    advanceTo(toMs);

    BacktestResult result;
    result.transitions = engine.takeTransitions();
    QHash<AlertKey, qint64> firingSince;
    for (const AlertTransition &transition : std::as_const(result.transitions)) {
        if (transition.kind == AlertTransition::Kind::Firing) {
            ++result.firings;
            firingSince.insert(transition.alert.key, transition.t);
        } else {
            ++result.resolutions;
            result.firingMs += transition.t - firingSince.take(transition.alert.key);
        }
    }
    for (const qint64 since : std::as_const(firingSince))
        result.firingMs += toMs - since;
    const QVector<RuleStatus> status = engine.ruleStatus();
    result.pathsMatched = status.isEmpty() ? 0 : status.first().instances;
    return result;
}

} // namespace fleetscope
