#pragma once

#include "core/endpoint/deferredcalls.h"
#include "core/endpoint/endpoint.h"
#include "core/link/backoff.h"
#include "core/protocols/cityio/cityiochannel.h"
#include "core/protocols/cityio/cityiocommand.h"
#include "core/protocols/cityio/cityiorest.h"
#include "core/protocols/cityio/cityiotree.h"
#include "core/protocols/cityio/cityiourls.h"

#include <QHash>

#include <functional>

namespace fleetscope::cityio {

// A CityIO broker (docs/protocols/cityio.md): from one base URL, REST under /api (the table
// list is the reachability check and the browse) and one /interface WebSocket per watched project
// (LISTEN on every open). Snapshots, grid updates and module output fill the tree as they arrive;
// commands go to a project's socket, the /module or /module/core probe, or REST.
//
// Options (EndpointConfig::options): "snapshotTimeoutMs" (default 10000: warn when LISTEN gets no
// TABLE_SNAPSHOT), "replyTimeoutMs" (default 10000: a command's documented reply).
//
// Threading: see Endpoint.
class CityioEndpoint : public Endpoint
{
    Q_OBJECT

public:
    explicit CityioEndpoint(const EndpointConfig &config, QObject *parent = nullptr);
    ~CityioEndpoint() override;

    LinkCounters counters() const override;

    void open() override;
    void close() override;
    void browse() override;
    void subscribe(const QString &path) override;
    void unsubscribe(const QString &path) override;
    void send(const fleetscope::Command &command) override;

    // Replay: each frame goes to the decoding of the socket it was recorded on (the recording's
    // channel: the project, "@module" or "@core"); a LISTEN the session sent marks the project's
    // socket (re)opening. The REST calls (table list, headers, composer commands) are not in a
    // recording, and nothing is sent.
    void replayFrame(const QString &text) override;
    void replayBinaryFrame(const QByteArray &data) override;
    void replaySentFrame(const QString &text) override;

    // The sockets open now (tests look at them): project names, "@module", "@core".
    QStringList channels() const { return m_channels.keys(); }

    static constexpr int kDefaultTimeoutMs = 10000;
    // The sockets that are not a project's: module indicators, core modules.
    static constexpr QLatin1String kModuleChannel {"@module", 7};
    static constexpr QLatin1String kCoreChannel {"@core", 5};

private:
    struct PendingCommand
    {
        QString path;
        QString type;
        bool soft = false;
        QJsonArray sentGrid; // UPDATE_GRID: the echo to wait for
    };

    // GET table/list: the reachability check before Ready (retried with backoff when transient).
    void checkServer();
    void onServerChecked(const RestReply &reply);
    // Runs `then` once the REST check passed (at once when it has), or with why not.
    void whenReady(DeferredCalls::Call then);
    void fetchProjects(std::function<void(bool ok, const RestReply &reply, const QStringList &projects)> then,
        bool legacyPath = false);
    CityioChannel *channel(const QString &key, bool create);
    void dropChannel(const QString &key, const QString &why);
    void onMessage(CityioChannel *channel, const Message &message, const QString &raw, qint64 t);
    // What a message on a socket means (topics, samples, events); returns its summary.
    QString apply(
        CityioChannel::Role role, const QString &project, const Message &message, const QString &raw, qint64 t);
    // The socket a replayed frame belongs to: its recorded channel, else (recordings without
    // channels) the table the message names, else the project last listened to.
    QString replayKey(const Message &message) const;
    void replayMessage(const Message &message, const QString &raw);
    static CityioChannel::Role roleOf(const QString &key);
    void onChannelState(CityioChannel *channel, const LinkStatus &status);
    void onDropped(CityioChannel *channel, int code, const QString &reason);
    void onSnapshotOverdue(CityioChannel *channel);
    void onReplyTimedOut(quint64 id);
    void updateState();
    void failAll(const LinkStatus &failure);
    void sendOnChannel(quint64 id, PreparedCommand prepared, const QString &path);
    void sendRest(quint64 id, const PreparedCommand &prepared);
    // Forgets the command's bookkeeping (its reply waiter, a socket opened just for it), then
    // finishCommand().
    void settleCommand(const CommandReply &reply, const QString &path, Severity failure = Severity::Error);
    bool isSubscribed(const QString &project) const;
    void closeIfTransient(const QString &project);
    static QString projectOf(const QString &path);
    static QStringList projectNames(const QJsonDocument &list);

    // Members that are QObjects have the endpoint as parent, so that they follow it to the
    // network thread.
    CityioUrls m_urls;
    CityioRest m_rest;
    CityioTree m_tree;
    QHash<QString, CityioChannel *> m_channels; // by project, "@module", "@core"
    QHash<quint64, PendingCommand> m_commands; // waiting for their reply
    QHash<quint64, QString> m_commandChannels; // in flight on a project socket, by id
    DeferredCalls m_whenReady;
    QStringList m_projects;
    Backoff m_backoff;
    QTimer m_retryTimer;
    QString m_readyDetail;
    LinkCounters m_closedCounters; // of channels already gone
    bool m_ready = false; // the REST check passed since the last open()
    QSet<QString> m_replayListened; // replay: projects whose LISTEN went out
    QString m_replayLastListen;
    int m_snapshotTimeoutMs;
    int m_replyTimeoutMs;
};

} // namespace fleetscope::cityio
