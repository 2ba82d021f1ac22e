#include "sim/common/rawframe.h"

#include <QTcpSocket>

#include <QtEndian>

namespace fleetscope::sim {

bool writeRawFrame(QTcpSocket *transport, quint8 opcode, const QByteArray &payload)
{
    QTcpSocket *tcp = transport;
    if (!tcp || tcp->state() != QAbstractSocket::ConnectedState)
        return false;
    QByteArray frame;
    frame.append(static_cast<char>(0x80 | (opcode & 0x0F))); // FIN + opcode
    const auto size = static_cast<quint64>(payload.size());
    if (size < 126) {
        frame.append(static_cast<char>(size));
    } else if (size <= 0xFFFF) {
        frame.append(static_cast<char>(126));
        char length[2];
        qToBigEndian(static_cast<quint16>(size), length);
        frame.append(length, 2);
    } else {
        frame.append(static_cast<char>(127));
        char length[8];
        qToBigEndian(size, length);
        frame.append(length, 8);
    }
    frame.append(payload);
    return tcp->write(frame) == frame.size();
}

} // namespace fleetscope::sim
