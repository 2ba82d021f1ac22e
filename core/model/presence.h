#pragma once

#include <QMetaType>
#include <QString>
#include <QVector>

namespace fleetscope {

// What a server says about a device's connection, where its protocol has it (OpenTera's
// connect/disconnect events, Intu's children appearing and disappearing, Exosite's locked clients).
// Unknown: the server does not say.
enum class Presence { Unknown, Online, Offline };

QString presenceName(Presence presence);

// An adapter's report that the device at `path` (a Topic with node Device) is online or offline,
// with the server's words for why. `t` is ms since the epoch (0: when it arrives).
struct PresenceReport
{
    QString path;
    Presence presence = Presence::Unknown;
    QString detail;
    qint64 t = 0;
};

using PresenceList = QVector<PresenceReport>;

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::PresenceReport)
