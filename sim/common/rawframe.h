#pragma once

#include <QByteArray>

class QTcpSocket;

namespace fleetscope::sim {

// Fault injection for simulators: writes one WebSocket frame byte for byte on the TCP connection
// under a server-side WebSocket (HttpFront::transportOf), bypassing QWebSocket's own checks — the way to send what no well-behaved server
// sends, such as a text frame whose payload is not valid UTF-8. Server frames are unmasked.
// `opcode`: 0x1 text, 0x2 binary. False when the connection is not reachable.
//
// Threading: the socket's thread.
bool writeRawFrame(QTcpSocket *transport, quint8 opcode, const QByteArray &payload);

} // namespace fleetscope::sim
