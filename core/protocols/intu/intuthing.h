#pragma once

#include "core/model/event.h"
#include "core/util/jsonutil.h"

#include <QJsonObject>

namespace fleetscope::intu {

// Blackboard things (IThing and its kinds: Say, Text, Gesture, Health, Failure...) in the
// uniform model, after docs/protocols/intu.md#mapping. Free functions, no state.

// A thing in a few words: `Say: "Hello"`, `Gesture: volume_up`, `Health: System/cpuUsage = 23.5`.
QString describeThing(const QJsonObject &thing);
// The severity of an add_object: info for Text, Say, Goal, Gesture, Health and intents, warning
// for Failure, debug for the rest.
Severity thingAddedSeverity(const QString &type);
// The samples a thing carries, under `base` (the topic that delivered it): Health/<family>/<name>,
// EmotionalState, Text/confidence, MusicBeat/BPM.
void thingSamples(const QString &base, const QJsonObject &thing, QVector<NumericLeaf> *out);

} // namespace fleetscope::intu
