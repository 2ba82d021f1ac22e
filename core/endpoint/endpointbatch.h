#pragma once

#include "core/model/event.h"
#include "core/model/sample.h"
#include "core/model/topic.h"

#include <QMetaType>
#include <QStringList>

namespace fleetscope {

// What an endpoint reports in one go: topics added or changed, topics removed, samples and
// events. Batches cross from the network thread to the GUI thread at most ~30 times a second.
struct EndpointBatch
{
    TopicList topics;
    QStringList removedTopics;
    SampleList samples;
    EventList events;

    bool isEmpty() const
    {
        return topics.isEmpty() && removedTopics.isEmpty() && samples.isEmpty() && events.isEmpty();
    }
};

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::EndpointBatch)
