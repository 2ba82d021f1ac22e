#pragma once

#include <QJsonValue>
#include <QString>
#include <QVector>

namespace fleetscope::opentera {

// A device's status as OpenTera carries it (docs/protocols/opentera.md#quirks): in events the
// text {"status":"<JSON text>","timestamp":n} whose "status" is again JSON text of what the
// device posted; in the REST online list the outer level is already an object.
struct DeviceStatus
{
    bool present = false; // false for "" (DEVICE_CONNECTED) or null (never posted)
    bool decoded = false; // present and both levels parsed; `value` may still be a non-object
    QJsonValue value; // what the device posted (or the raw text when it is not JSON)
    double timestamp = 0.0; // the device's timestamp (seconds, or ms above 10^11); 0 when missing
    QString problem; // present but not decodable: why
};

// `outer` is the deviceStatus text of an event, or device_status.status of the online list.
DeviceStatus decodeDeviceStatus(const QJsonValue &outer);

// One sampled field of a status: numbers and booleans (as 1/0) in nested objects, keys joined
// with '/' and percent-encoded as path segments. Strings, arrays and nulls are not sampled.
struct StatusField
{
    QString path; // relative to the device, e.g. "motors/left_temp"
    double value = 0.0;
    bool isBool = false;
};
QVector<StatusField> statusFields(const QJsonValue &status);

// "battery=87.5 charging=false" from the first `maxFields` top-level entries.
QString statusSummary(const QJsonValue &status, int maxFields = 5);

// A sample's time: the status timestamp (seconds, or ms when above 10^11), else the frame
// header's time (seconds), else `fallbackMs`.
qint64 statusTimeMs(double timestamp, double headerTime, qint64 fallbackMs);

} // namespace fleetscope::opentera
