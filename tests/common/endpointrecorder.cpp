#include "tests/common/endpointrecorder.h"

#include <algorithm>

namespace fleetscope::test {

EndpointRecorder::EndpointRecorder(Endpoint *endpoint, QObject *parent)
    : QObject(parent)
{
    connect(endpoint, &Endpoint::batchReady, this, [this](const EndpointBatch &batch) {
        topics += batch.topics;
        for (const Topic &topic : batch.topics)
            tree.insert(topic.path, topic);
        removed += batch.removedTopics;
        samples += batch.samples;
        events += batch.events;
    });
    connect(endpoint, &Endpoint::stateChanged, this, [this](const LinkStatus &status) { states << status; });
    connect(endpoint, &Endpoint::commandFinished, this, [this](const CommandReply &reply) { replies << reply; });
    connect(endpoint, &Endpoint::browseFinished, this, [this](bool ok, const QString &detail) {
        browses.append({ok, detail});
    });
}

int EndpointRecorder::countEvents(const std::function<bool(const Event &)> &match) const
{
    return static_cast<int>(std::count_if(events.cbegin(), events.cend(), match));
}

int EndpointRecorder::countEvents(Severity severity, const QString &path, const QString &summaryPart) const
{
    return countEvents(
        [&](const Event &e) { return e.severity == severity && e.path == path && e.summary.contains(summaryPart); });
}

bool EndpointRecorder::hasEvent(
    Severity severity, const QString &summaryPart, const QString &path, const QString &payloadPart) const
{
    return countEvents([&](const Event &e) {
        return e.severity == severity && e.summary.contains(summaryPart) && (path.isNull() || e.path == path)
            && (payloadPart.isNull() || e.payload.contains(payloadPart));
    }) > 0;
}

bool EndpointRecorder::hasEventAt(const QString &path, const QString &summaryPart) const
{
    return countEvents([&](const Event &e) { return e.path == path && e.summary.contains(summaryPart); }) > 0;
}

QVector<Event> EndpointRecorder::eventsAt(const QString &path) const
{
    QVector<Event> out;
    for (const Event &event : events) {
        if (event.path == path)
            out << event;
    }
    return out;
}

QVector<Sample> EndpointRecorder::samplesOf(const QString &path) const
{
    QVector<Sample> out;
    for (const Sample &sample : samples) {
        if (sample.path == path)
            out << sample;
    }
    return out;
}

QVector<double> EndpointRecorder::values(const QString &path) const
{
    QVector<double> out;
    for (const Sample &sample : samples) {
        if (sample.path == path)
            out << sample.value;
    }
    return out;
}

int EndpointRecorder::samplesAt(const QString &path) const
{
    return static_cast<int>(
        std::count_if(samples.cbegin(), samples.cend(), [&](const Sample &s) { return s.path == path; }));
}

int EndpointRecorder::samplesUnder(const QString &prefix) const
{
    return static_cast<int>(
        std::count_if(samples.cbegin(), samples.cend(), [&](const Sample &s) { return s.path.startsWith(prefix); }));
}

int EndpointRecorder::count(LinkState state) const
{
    return static_cast<int>(
        std::count_if(states.cbegin(), states.cend(), [state](const LinkStatus &s) { return s.state == state; }));
}

void EndpointRecorder::clear()
{
    topics.clear();
    tree.clear();
    removed.clear();
    samples.clear();
    events.clear();
    states.clear();
    replies.clear();
    browses.clear();
}

} // namespace fleetscope::test
