#pragma once

#include <QVariantMap>

namespace fleetscope::sim::intu {

// How often the simulated instances produce live data (docs/protocols/intu.md#simulator), in ms.
// Every field can be set by a simulator option of the same name; "cadenceScale" multiplies all
// the defaults (tests use 0.05 to get minutes of life in seconds); "cadence"="reference" uses
// the real System sensor's 60 s; "generator"=false turns live data off (replies still happen).
struct IntuCadence
{
    int systemMs = 2000;
    int networkMs = 10000;
    int networkDownMinMs = 10000;
    int networkDownMaxMs = 30000;
    int sonarMs = 200;
    int touchMs = 3000;
    int logMinMs = 100;
    int logMaxMs = 1000;
    int logBurst = 1; // records per chatter tick (benchmarks flood with more)
    int dialogMinMs = 5000;
    int dialogMaxMs = 15000;
    int healthThingMs = 30000;
    int emotionMs = 10000;
    int cameraMs = 200;
    int microphoneMs = 100;
    int fakeChildMs = 180000;
    int sayStepMs = 400; // a Say goes ADDED → PROCESSING → COMPLETED in steps of this
    int pingMs = 15000; // keepalive PING to every client (not scaled)
    bool live = true;

    static IntuCadence fromOptions(const QVariantMap &options);
};

} // namespace fleetscope::sim::intu
