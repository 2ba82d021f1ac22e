#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace fleetscope {

// One WebSocket frame as it crossed the wire, in or out of an endpoint: what session recordings
// capture (Endpoint::wireFrame) and replay feeds back (Endpoint::replayFrame).
struct WireFrame
{
    enum class Direction { In, Out };
    qint64 t = 0; // ms since the epoch
    Direction direction = Direction::In;
    bool binary = false;
    QString text; // text frames
    QByteArray data; // binary frames
    // Which of the endpoint's sockets it crossed, for adapters that own several (CityIO: one per
    // project); empty for the others. Replay hands it back (Endpoint::replayChannel()).
    QString channel;
};

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::WireFrame)
