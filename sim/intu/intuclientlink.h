#pragma once

#include "sim/intu/intunode.h"

#include <QPointer>
#include <QWebSocket>

namespace fleetscope::sim::intu {

// A console's WebSocket as a child connection of the node it joined: delivers routed messages
// as the server writes them (styled JSON text frames; binary publishes as styled header + NUL +
// bytes, never fragmented) and hands the client's frames to the node. A publish or publish_at
// whose `data` is not a string is refused: with `strict` the socket closes with 1011 (the real
// server dies on it), otherwise the message is dropped with an ERRO log record.
//
// Threading: the simulator's thread. Owns the socket.
class IntuClientLink : public QObject, public IntuPeer
{
    Q_OBJECT

public:
    IntuClientLink(QWebSocket *socket, const QString &selfId, IntuNode *node, bool strict, QObject *parent = nullptr);
    ~IntuClientLink() override;

    QString peerId() const override { return m_selfId; }
    void deliver(const IntuEnvelope &message) override;
    QWebSocket *socket() const { return m_socket; }

    // Serialises a routed message into the frame the server would send.
    static QByteArray encodeFrame(const IntuEnvelope &message, bool *binary);

Q_SIGNALS:
    void received(const QJsonObject &message);
    void closed();

private:
    void onText(const QString &text);
    void onBinary(const QByteArray &frame);
    void accept(IntuEnvelope message);

    QPointer<QWebSocket> m_socket;
    QString m_selfId;
    IntuNode *m_node;
    bool m_strict;
};

} // namespace fleetscope::sim::intu
