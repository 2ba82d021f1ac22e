#pragma once

#include "core/model/event.h"
#include "core/model/presence.h"
#include "core/model/sample.h"
#include "core/model/serveralarm.h"
#include "core/model/topic.h"

#include <QMetaType>
#include <QStringList>

namespace fleetscope {

// What an endpoint reports in one go: topics added or changed, topics removed, samples, events,
// devices' presence as the server tells it and the server's own alarms. Batches cross from the network thread to the GUI thread at most ~30 times a second.
struct EndpointBatch
{
    TopicList topics;
    QStringList removedTopics;
    SampleList samples;
    EventList events;
    PresenceList presence;
    ServerAlarmList alarms;

    bool isEmpty() const
    {
        return topics.isEmpty() && removedTopics.isEmpty() && samples.isEmpty() && events.isEmpty()
            && presence.isEmpty() && alarms.isEmpty();
    }
};

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::EndpointBatch)
