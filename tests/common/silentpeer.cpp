#include "tests/common/silentpeer.h"

#include <QCryptographicHash>

namespace fleetscope::test {

SilentPeer::SilentPeer(QObject *parent)
    : QTcpServer(parent)
{
    connect(this, &QTcpServer::pendingConnectionAvailable, this, &SilentPeer::onConnection);
}

void SilentPeer::onConnection()
{
    while (QTcpSocket *socket = nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            if (socket->property("upgraded").toBool()) {
                socket->readAll(); // swallow pings and everything else
                return;
            }
            const QByteArray request = socket->peek(8192);
            if (!request.contains("\r\n\r\n"))
                return;
            socket->readAll();
            QByteArray key;
            for (const QByteArray &line : request.split('\n')) {
                if (line.toLower().startsWith("sec-websocket-key:"))
                    key = line.mid(line.indexOf(':') + 1).trimmed();
            }
            const QByteArray accept = QCryptographicHash::hash(
                QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"), QCryptographicHash::Sha1)
                                          .toBase64();
            socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Accept: "
                + accept + "\r\n\r\n");
            socket->setProperty("upgraded", true);
            ++m_handshakes;
        });
    }
}

} // namespace fleetscope::test
