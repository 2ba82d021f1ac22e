#pragma once

#include "core/endpoint/endpointconfig.h"

#include <QHostAddress>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

namespace fleetscope::sim {

// A faithful local server of one protocol, for tests, `fleetscope-sim` and the console's demo
// mode. It listens on a loopback port, serves a live world, and says how a client connects.
//
// Threading: the thread it was created in (tests and fleetscope-sim: the main thread).
class Simulator : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual QString protocol() const = 0;
    // Port 0 picks a free one.
    virtual bool listen(const QHostAddress &address, quint16 port, QString *error) = 0;
    virtual quint16 port() const = 0;
    // What a client uses to connect: URL, options and the secret (the simulator's own test key).
    virtual EndpointConfig clientConfig() const = 0;
    // Paths worth charting in demo mode.
    virtual QStringList demoSeries() const { return {}; }
    // Lines for `fleetscope-sim`: the URL, the key, an example command.
    virtual QStringList describe() const = 0;
    // Fault injection: abort every client connection without a close frame.
    virtual void dropAllConnections() = 0;
    virtual int connectionCount() const = 0;
    // Fault injection for hostile-input tests: sends `payload` as one raw WebSocket frame (text,
    // or binary) to every connected client, byte for byte, even when it is not valid UTF-8.
    // Returns how many clients it went to; 0 when the simulator does not support it.
    enum class RawFrameKind { Text, Binary };
    virtual int injectRawFrame(const QByteArray &payload, RawFrameKind kind)
    {
        Q_UNUSED(payload);
        Q_UNUSED(kind);
        return 0;
    }
};

} // namespace fleetscope::sim
