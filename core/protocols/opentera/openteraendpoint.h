#pragma once

#include "core/endpoint/deferredcalls.h"
#include "core/endpoint/endpoint.h"
#include "core/link/websocketlink.h"
#include "core/protocols/opentera/openteraeventmapper.h"
#include "core/protocols/opentera/openterarest.h"
#include "core/protocols/opentera/openteratree.h"
#include "core/util/secretmasker.h"

#include <QTimer>

namespace fleetscope::opentera {

// An OpenTera connection as a user (staff) (docs/protocols/opentera.md): logs in over REST
// (Basic, with_websocket=true), opens the one-shot WebSocket URL it gets, decodes the server's
// one-way event stream, keeps users/, participants/, devices/ and sessions/ from the online lists
// (reloaded after every connection: missed events are not replayed), refreshes the token before
// it expires and logs out on close(). Every reconnect logs in again (the socket URL is
// single-use), so its link runs with adapterReopens. Nothing is ever sent on the socket; commands
// are REST calls. Subscriptions are local: a device's status streams are always decoded, and
// samples are reported for the subscribed paths (a path covers everything beneath it).
//
// Options: "user" (the login), EndpointConfig::secret (the password).
// Threading: see Endpoint.
class OpenTeraEndpoint : public Endpoint
{
    Q_OBJECT

public:
    explicit OpenTeraEndpoint(const EndpointConfig &config, QObject *parent = nullptr);
    ~OpenTeraEndpoint() override;

    LinkCounters counters() const override { return m_link.counters(); }

    void open() override;
    void close() override;
    void browse() override;
    void subscribe(const QString &path) override;
    void unsubscribe(const QString &path) override;
    void send(const fleetscope::Command &command) override;

    // Replay: the recorded event stream goes through the socket's decoder and mapping. The REST
    // side (login, online lists, commands) is not in a recording: a replay's tree holds what the
    // events named, and every device status is sampled (subscriptions are local, unrecorded).
    void replayFrame(const QString &text) override;
    void replayBinaryFrame(const QByteArray &data) override;

    // The close code that means "do not come back" (logout, admin disconnect, disabled account).
    static constexpr int kCloseDisconnectedByServer = 4000;
    // The server's advice: refresh every 15 min (tokens live 60 min, refreshed ones 30 min).
    static constexpr int kRefreshEveryMs = 15 * 60 * 1000;

private:
    void startLogin();
    void onLoginReply(const RestReply &reply);
    void retryLogin(LinkReason why, const QString &reason);
    void failFinal(LinkReason why, const QString &reason);
    void onOpened();
    void onText(const QString &text);
    void onBinary(const QByteArray &data);
    void applyFrame(const Frame &frame, const QString &raw, qint64 rawBytes);
    void startReplay(const Frame &first);
    void onDropped(int code, const QString &reason);
    void startReload();
    void onListReply(EntityKind kind, const RestReply &reply);
    void finishReload();
    void scheduleRefresh();
    void refreshNow();
    // Reports what the mapper gathered: topics unless a reload will report the whole tree, samples
    // of watched paths only.
    void deliver(EndpointBatch batch);
    // Whether a subscription covers `path` (a path covers everything beneath it).
    bool isWatched(const QString &path) const;
    // finishCommand() with the reply's credentials masked.
    void finishMasked(CommandReply reply, const QString &path);

    LinkOptions m_linkOptions;
    WebSocketLink m_link;
    RestClient m_rest;
    EntityTree m_tree;
    EventMapper m_mapper;
    // Masks the credentials REST answers carry (tokens, websocket_url ids: its patterns know them)
    // before they go into an event or a command reply: credentials never appear in events. It is
    // told no secret: no server echoes the password, and masking a word like "admin" everywhere
    // would shred the replies.
    SecretMasker m_masker;
    QTimer m_refreshTimer;
    QString m_user;
    QString m_fullname;
    bool m_loggingIn = false;
    bool m_everOpened = false;
    bool m_closed = false;
    bool m_browseWaiting = false;
    bool m_listsLoaded = false;
    int m_listsPending = 0;
    QStringList m_listProblems;
    EndpointBatch m_reload; // what the reload in flight gathered
    DeferredCalls m_afterReload; // commands waiting for the first lists
    quint64 m_reloadGeneration = 0;
    bool m_replaying = false; // fed by the replay hooks: never opened
};

} // namespace fleetscope::opentera
