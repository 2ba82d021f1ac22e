#pragma once

#include <QMetaType>
#include <QString>

namespace fleetscope {

// The life of a connection as users see it in the endpoints list and in `kind:"state"` lines.
// Connected = the socket is open; Ready = the adapter finished its handshake (auth, login).
enum class LinkState { Idle, Connecting, Connected, Ready, Reconnecting, Closed, Failed };

QString linkStateName(LinkState state);

// Traffic counters of a link, kept across reconnects.
struct LinkCounters
{
    quint64 framesIn = 0;
    quint64 framesOut = 0;
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    quint32 reconnects = 0;
};

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::LinkState)
Q_DECLARE_METATYPE(fleetscope::LinkCounters)
