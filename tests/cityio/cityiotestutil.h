#pragma once

#include "core/endpoint/endpoint.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>

namespace fleetscope::test {

// Collects what an endpoint reports (topics, samples, events, replies) for assertions.
class Collector : public QObject
{
public:
    explicit Collector(Endpoint *endpoint)
    {
        connect(endpoint, &Endpoint::batchReady, this, [this](const EndpointBatch &batch) {
            topics += batch.topics;
            removed += batch.removedTopics;
            samples += batch.samples;
            events += batch.events;
        });
        connect(endpoint, &Endpoint::commandFinished, this, [this](const CommandReply &reply) { replies += reply; });
        connect(endpoint, &Endpoint::browseFinished, this, [this](bool ok, const QString &) {
            ++browses;
            browseOk = ok;
        });
    }

    int countEvents(const std::function<bool(const Event &)> &match) const
    {
        int n = 0;
        for (const Event &event : events)
            n += match(event) ? 1 : 0;
        return n;
    }
    int countEvents(Severity severity, const QString &path, const QString &summaryPart) const
    {
        return countEvents([&](const Event &e) {
            return e.severity == severity && e.path == path && e.summary.contains(summaryPart);
        });
    }
    QVector<double> values(const QString &path) const
    {
        QVector<double> out;
        for (const Sample &sample : samples) {
            if (sample.path == path)
                out.append(sample.value);
        }
        return out;
    }
    bool hasTopic(const QString &path) const
    {
        for (const Topic &topic : topics) {
            if (topic.path == path)
                return true;
        }
        return false;
    }
    Topic topic(const QString &path) const
    {
        Topic found;
        for (const Topic &topic : topics) {
            if (topic.path == path)
                found = topic;
        }
        return found;
    }
    void clear()
    {
        topics.clear();
        removed.clear();
        samples.clear();
        events.clear();
        replies.clear();
    }

    TopicList topics;
    QStringList removed;
    SampleList samples;
    EventList events;
    QVector<CommandReply> replies;
    int browses = 0;
    bool browseOk = false;
};

inline QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace fleetscope::test
