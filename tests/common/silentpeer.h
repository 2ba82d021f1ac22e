#pragma once

#include <QTcpServer>
#include <QTcpSocket>

namespace fleetscope::test {

// A WebSocket peer that completes the opening handshake and then never answers anything, not
// even pings: a dead link as the keepalive must detect it. (QWebSocketServer always pongs.)
class SilentPeer : public QTcpServer
{
    Q_OBJECT

public:
    explicit SilentPeer(QObject *parent = nullptr);
    int handshakes() const { return m_handshakes; }

private:
    void onConnection();
    int m_handshakes = 0;
};

} // namespace fleetscope::test
