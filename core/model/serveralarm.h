#pragma once

#include <QMetaType>
#include <QString>
#include <QVector>

#include <limits>

namespace fleetscope {

// How bad an alert is. Wider than an event's Severity: a critical alert is logged as an error
// event whose payload says "critical".
enum class AlertSeverity { Info = 0, Warning = 1, Error = 2, Critical = 3 };

QString alertSeverityName(AlertSeverity severity);
bool alertSeverityFromName(const QString &name, AlertSeverity *severity);

// An alarm the server itself raises (an Exosite datarule whose value turns 1, an OpenTera status
// field that says "error"): an adapter reports it active and later inactive, and the monitor shows
// it as an alert whose rule is `name` (the source: "datarule overheat", "OpenTera device status").
struct ServerAlarm
{
    QString path; // the topic that carries the alarm
    QString name; // names the source; one alert per name and path
    bool active = false;
    AlertSeverity severity = AlertSeverity::Error;
    QString summary; // the server's words
    double value = std::numeric_limits<double>::quiet_NaN(); // the alarm's value where it has one
    qint64 t = 0; // ms since the epoch (0: when it arrives)
};

using ServerAlarmList = QVector<ServerAlarm>;

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::ServerAlarm)
