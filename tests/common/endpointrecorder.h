#pragma once

#include "core/endpoint/endpoint.h"

#include <QHash>
#include <QObject>
#include <QVector>

#include <functional>

namespace fleetscope::test {

// Everything an endpoint reports, accumulated the way a panel would, for assertions: its batches
// (topics, removals, samples, events), states, browse outcomes and command replies.
//
// Lives in the endpoint's thread (it is the context of its connections).
class EndpointRecorder : public QObject
{
public:
    explicit EndpointRecorder(Endpoint *endpoint, QObject *parent = nullptr);

    // The topic as last reported at `path` (removals not applied), or an empty Topic.
    Topic topic(const QString &path) const { return tree.value(path); }
    bool hasTopic(const QString &path) const { return tree.contains(path); }

    int countEvents(const std::function<bool(const Event &)> &match) const;
    int countEvents(Severity severity, const QString &path, const QString &summaryPart) const;
    // An event of `severity` whose summary holds `summaryPart`; a null `path` or `payloadPart`
    // matches any.
    bool hasEvent(Severity severity, const QString &summaryPart, const QString &path = QString(),
        const QString &payloadPart = QString()) const;
    // An event at `path` (any severity) whose summary holds `summaryPart`.
    bool hasEventAt(const QString &path, const QString &summaryPart) const;
    QVector<Event> eventsAt(const QString &path) const;

    QVector<Sample> samplesOf(const QString &path) const;
    QVector<double> values(const QString &path) const;
    int samplesAt(const QString &path) const;
    int samplesUnder(const QString &prefix) const;

    int count(LinkState state) const;
    QString lastDetail() const { return states.isEmpty() ? QString() : states.constLast().text(); }
    void clear();

    TopicList topics; // every topic as reported, in order
    QHash<QString, Topic> tree; // the last of each path
    QStringList removed;
    SampleList samples;
    EventList events;
    QVector<LinkStatus> states;
    QVector<CommandReply> replies;
    QVector<QPair<bool, QString>> browses; // ok, detail
};

} // namespace fleetscope::test
