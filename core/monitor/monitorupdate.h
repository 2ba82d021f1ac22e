#pragma once

#include "core/monitor/alert.h"
#include "core/monitor/device.h"

#include <QMetaType>
#include <QStringList>

namespace fleetscope {

// How many instances a rule has: 0 means its globs match nothing (yet), which the alerts panel
// says.
struct RuleStatus
{
    QString name;
    int instances = 0;
};

// What changed in a monitor since its last update, for DeviceListModel and AlertListModel: at
// most a few a second, whatever the traffic. Plain value; crosses threads by queued signal.
struct MonitorUpdate
{
    DeviceInfoList devices; // new or changed devices
    AlertList alerts; // alerts that changed; a Normal one has left the list
    QStringList removedEndpoints; // their devices and alerts are gone
    QVector<RuleStatus> rules; // every rule's status, when any changed
    bool reset = false; // a whole picture: what the receiver holds is replaced (after new rules)

    bool isEmpty() const
    {
        return devices.isEmpty() && alerts.isEmpty() && removedEndpoints.isEmpty() && rules.isEmpty() && !reset;
    }
};

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::MonitorUpdate)
