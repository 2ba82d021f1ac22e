#pragma once

#include "core/endpoint/deferredcalls.h"
#include "core/endpoint/endpoint.h"
#include "core/link/websocketlink.h"
#include "core/protocols/exosite/exositereplay.h"
#include "core/protocols/exosite/exositeresourcetree.h"
#include "core/protocols/exosite/exositerpc.h"
#include "core/protocols/exosite/exositetree.h"

#include <QHash>
#include <QPointer>

namespace fleetscope::exosite {

// An Exosite One Platform connection (docs/protocols/exosite.md): authenticates once per
// socket with a CIK (or token), browses the ownership tree, subscribes with a history read first
// and then live updates, restores subscriptions after a reconnect (reading the gap), and sends
// composer frames or plain writes (exositeendpointcommands.cpp). The walk (TreeBrowser) and a
// replay (ExositeReplay) find resources; ResourceTree turns them and their points into the model.
//
// Threading: see Endpoint.
class ExositeEndpoint : public Endpoint
{
    Q_OBJECT

public:
    explicit ExositeEndpoint(const EndpointConfig &config, QObject *parent = nullptr);
    ~ExositeEndpoint() override;

    LinkCounters counters() const override { return m_link.counters(); }

    void open() override;
    void close() override;
    void browse() override;
    void subscribe(const QString &path) override;
    void unsubscribe(const QString &path) override;
    void send(const fleetscope::Command &command) override;

    // Replay: frames of a recorded session go through ExositeReplay (replies paired with the
    // recorded calls), never through a socket.
    void replayFrame(const QString &text) override;
    void replayBinaryFrame(const QByteArray &data) override;
    void replaySentFrame(const QString &text) override;

    // How many points a new subscription reads back before live updates.
    static constexpr int kBackfillPoints = 100;

private:
    enum class Phase { Down, Authenticating, Ready };
    struct Subscription
    {
        qint64 subsId = 0;
        qint64 lastTs = 0; // ms of the newest point seen
        bool active = false;
    };

    QString authFrame() const;
    void onOpened();
    void onText(const QString &text);
    void onDropped(int code, const QString &reason);
    void onAuthFrame(const Frame &frame, const QString &raw);
    void handleResponses(const Frame &frame, const QString &raw);
    // Runs `then` once the tree is known (at once when it is): told why not when a browse fails.
    void afterBrowse(DeferredCalls::Call then);
    void startBrowse();
    void onResource(const Resource &resource);
    void startSubscription(const QString &path);
    void subscribeLive(const QString &path);
    void ingest(const QString &path, const QVector<Point> &points, const QString &raw);
    void fail(LinkReason why, const QString &reason, const QString &raw = QString());
    void reportBinaryFrame(const QByteArray &data);
    ExositeReplay *replay();
    bool expandPlaceholders(QString *payload, const QString &rid, QString *error);

    WebSocketLink m_link;
    Rpc m_rpc;
    Phase m_phase = Phase::Down;
    QPointer<TreeBrowser> m_browser;
    bool m_browsed = false;
    DeferredCalls m_afterBrowse;
    ResourceTree m_resources;
    QHash<QString, Subscription> m_subs;
    QHash<QString, QString> m_pathBySubsKey;
    qint64 m_nextSubsId = 1000000; // disjoint from call ids
    ExositeReplay *m_replay = nullptr; // created on the first replayed frame
};

} // namespace fleetscope::exosite
