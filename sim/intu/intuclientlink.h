#pragma once

#include "sim/intu/intunode.h"

#include <QPointer>
#include <QWebSocket>

#include <functional>

namespace fleetscope::sim::intu {

// A console's WebSocket as a child connection of the node it joined: delivers routed messages
// as the server writes them (styled JSON text frames; binary publishes as styled header + NUL +
// bytes, never fragmented; a re-published binary publish_at as a text frame carrying the raw
// bytes, not UTF-8, written past QWebSocket by the raw writer) and hands the client's frames to
// the node. A publish or publish_at
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
    // Writes a text frame byte for byte (QWebSocket only sends valid UTF-8); false when it could not.
    void setRawTextWriter(std::function<bool(const QByteArray &)> writer) { m_rawText = std::move(writer); }

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
    std::function<bool(const QByteArray &)> m_rawText;
};

} // namespace fleetscope::sim::intu
