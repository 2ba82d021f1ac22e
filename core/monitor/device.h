#pragma once

#include "core/model/presence.h"

#include <QMetaType>
#include <QString>
#include <QVector>

namespace fleetscope {

// A device's state in the Devices panel (docs/architecture.md#devices-presence-and-alerts-coremonitor): online (heard from
// within its expected interval, or the server says so), silent (no activity for longer than its
// expected interval — learned from its own cadence or set by a silentFor rule), offline (the
// server says so) or unknown (never heard from, no word from the server, or its endpoint is down).
enum class DeviceState { Unknown, Online, Silent, Offline };
QString deviceStateName(DeviceState state);

// A value a device reports that people want at a glance (battery, temperature, ...).
struct DeviceKeyValue
{
    QString name; // the sample path below the device: "battery", "sensors/temperature"
    double value = 0;
    qint64 t = 0;
};

// One device as the Devices panel shows it: a snapshot the monitor sends when it changed. Plain
// value; any thread.
struct DeviceInfo
{
    QString endpoint;
    QString path; // the device's topic path
    QString name; // the topic's display name, else its last path segment (decoded)
    QString type; // the protocol's type string
    DeviceState state = DeviceState::Unknown;
    qint64 stateSince = 0;
    qint64 lastSeen = 0; // the latest activity anywhere under the path; 0: never
    Presence presence = Presence::Unknown; // what the server last said
    QString presenceDetail;
    qint64 expectedIntervalMs = 0; // silent after this long without activity; 0: not known yet
    bool intervalFromRule = false; // set by a silentFor rule rather than learned
    quint64 messages = 0; // samples and events under the path since it was first seen
    double rate = 0; // of those, per second, over the last update interval
    QVector<DeviceKeyValue> keyValues; // at most three

    bool isProblem() const { return state == DeviceState::Silent || state == DeviceState::Offline; }
};

using DeviceInfoList = QVector<DeviceInfo>;

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::DeviceInfo)
