#pragma once

#include "core/endpoint/deferredcalls.h"
#include "core/link/websocketlink.h"
#include "core/protocols/cityio/cityiomessage.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <QVector>

#include <functional>

namespace fleetscope::cityio {

// One CityIO WebSocket: a project's /interface socket (LISTEN sent on every open, a warning when
// no TABLE_SNAPSHOT follows), or the /module or /module/core probe the composer talks through
// (its SUBSCRIBE and registration frames replayed after every reconnect). Decodes each frame once
// and keeps the commands waiting for a reply on this socket.
//
// Owned by CityioEndpoint (one per watched project, one per probe). Threading: its owner's thread.
class CityioChannel : public QObject
{
    Q_OBJECT

public:
    enum class Role { Interface, Module, Core };

    CityioChannel(Role role, const QString &project, const QUrl &url, const LinkOptions &options, int snapshotTimeoutMs,
        QObject *parent = nullptr);
    ~CityioChannel() override;

    Role role() const { return m_role; }
    // The project of an /interface socket; empty for probes.
    QString project() const { return m_project; }
    // Where its events go: the project's path, or "@module" / "@core".
    QString label() const { return labelOf(m_role, m_project); }
    static QString labelOf(Role role, const QString &project);
    QUrl url() const { return m_url; }
    WebSocketLink &link() { return m_link; }

    void open();
    void close();
    // Sends one text frame; false when the socket is not open.
    bool send(const QString &frame);
    // A frame sent again after every reconnect, under `key` (a later frame replaces it); an empty
    // frame removes it. LISTEN is the /interface socket's own.
    void setGreeting(const QString &key, const QString &frame);

    // Live: /interface has its TABLE_SNAPSHOT on the current socket; probes are open.
    bool isLive() const { return m_live; }
    // Runs `then` once the channel is live (at once if it is), or with ok=false when the snapshot
    // does not come in time or the channel closes.
    void whenLive(DeferredCalls::Call then);

    // Waiting for a reply to command `id`: the first message of one of `kinds` (or an ERROR)
    // answers it; after `timeoutMs` replyTimedOut(id).
    void expectReply(quint64 id, const QSet<MessageKind> &kinds, int timeoutMs);
    // The oldest command waiting for `kind` that `accepts` (ERROR answers the oldest of all), or 0.
    quint64 takeReply(MessageKind kind, const std::function<bool(quint64 id)> &accepts = {});
    // Drops the waiters (closed socket); returns their ids.
    QVector<quint64> takeAllReplies();

    // Whether the user subscribed the project (else it was opened for a command).
    bool subscribed = false;

Q_SIGNALS:
    void messageReceived(const fleetscope::cityio::Message &message, const QString &raw, qint64 t);
    void opened();
    void dropped(int closeCode, const QString &reason);
    void stateChanged(const fleetscope::LinkStatus &status);
    void snapshotOverdue();
    void replyTimedOut(quint64 id);

private:
    struct Waiter
    {
        quint64 id = 0;
        QSet<MessageKind> kinds;
        QTimer *timer = nullptr;
    };

    void onOpened();
    void onText(const QString &text);
    void onMessage(const Message &message, const QString &raw);
    void setLive(bool ok, const QString &why);

    Role m_role;
    QString m_project;
    QUrl m_url;
    WebSocketLink m_link;
    int m_snapshotTimeoutMs;
    QTimer m_snapshotTimer;
    bool m_live = false;
    QVector<QPair<QString, QString>> m_greetings; // key, frame (in the order first set)
    DeferredCalls m_whenLive;
    QVector<Waiter> m_waiters;
};

} // namespace fleetscope::cityio
