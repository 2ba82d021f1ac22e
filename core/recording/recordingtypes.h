#pragma once

#include "core/endpoint/wireframe.h"

#include <QString>
#include <QVector>

namespace fleetscope {

// What a recording knows about one recorded endpoint (its URL has secrets removed).
struct RecordingEndpoint
{
    QString name;
    QString protocol;
    QString url;
};

// A recording file's header, without protobuf types (they stay inside core/recording).
struct RecordingInfo
{
    quint32 version = 1;
    qint64 startedMs = 0;
    QString fleetscopeVersion;
    QVector<RecordingEndpoint> endpoints;
};

// One recorded frame: which endpoint it crossed and the frame itself.
struct RecordingFrame
{
    int endpointIndex = 0;
    QString endpoint; // its name
    WireFrame frame;
};

} // namespace fleetscope
