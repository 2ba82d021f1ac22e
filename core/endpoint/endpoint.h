#pragma once

#include "core/endpoint/endpointbatch.h"
#include "core/endpoint/endpointconfig.h"
#include "core/endpoint/wireframe.h"
#include "core/link/linkstate.h"
#include "core/model/command.h"
#include "core/model/event.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace fleetscope {

class TlsPolicy;
class WebSocketLink;

// One connection to one server, in the uniform model: every protocol adapter implements this and
// nothing above core sees a protocol type. An endpoint reports what it learns as batches of
// topics, samples and events (at most every `batchIntervalMs`, never one signal per message),
// its state, and the outcome of commands.
//
// The base does the work every adapter shares (docs/architecture.md, "Adding a protocol"): the one
// door for what the protocol's model classes build (report()), the topic limit, the subscriptions
// the user asked for, a command's outcome (finishCommand()), following a socket's state with the
// "connection lost" warning (followLink()), and the frames of session recordings (attachLink()).
// Its state is its own: adapters reach it through these calls.
//
// Threading: an Endpoint and everything it owns live in one thread (the workspace's network
// thread, or the CLI's main thread). Call its slots from other threads through queued
// connections (QMetaObject::invokeMethod); its signals are delivered queued to receivers there.
class Endpoint : public QObject
{
    Q_OBJECT

public:
    explicit Endpoint(const EndpointConfig &config, QObject *parent = nullptr);
    ~Endpoint() override;

    const EndpointConfig &config() const { return m_config; }
    QString name() const { return m_config.name; }
    LinkState state() const { return m_status.state; }
    const LinkStatus &status() const { return m_status; }
    virtual LinkCounters counters() const = 0;
    // Subscriptions the user asked for (and a replay found), kept across reconnects.
    const QSet<QString> &subscriptions() const { return m_subscriptions; }

    void setBatchInterval(int ms) { m_batchIntervalMs = ms; }

    // Replay (ReplayEndpoint drives these on an adapter that is never opened): a recorded frame
    // the server sent, fed through the adapter's decoder as if its socket had delivered it, so that
    // its topics, samples and events appear again. The default reports the frame as an info event.
    virtual void replayFrame(const QString &text);
    virtual void replayBinaryFrame(const QByteArray &data);
    // A frame the recorded session sent at this point: context for adapters whose replies only
    // make sense next to their request (JSON-RPC ids). The default ignores it.
    virtual void replaySentFrame(const QString &text);
    // The recorded time of the frame being replayed: events reported without a time of their own
    // carry it instead of the wall clock. 0: live.
    void setReplayTime(qint64 ms) { m_replayTimeMs = ms; }
    // The recorded channel of the frame being replayed (WireFrame::channel; see attachLink()).
    void setReplayChannel(const QString &channel) { m_replayChannel = channel; }

public Q_SLOTS:
    // Connects and authenticates; state goes Connecting → Connected → Ready (or Failed).
    virtual void open() = 0;
    // Disconnects on the user's request (logs out where the protocol has it); state Closed.
    virtual void close() = 0;
    // Fills the topic tree; browseFinished() follows.
    virtual void browse() = 0;
    // Watches a topic; kept across reconnects until unsubscribe().
    virtual void subscribe(const QString &path) = 0;
    virtual void unsubscribe(const QString &path) = 0;
    // Validates and sends a command; commandFinished() carries the outcome with the same id.
    virtual void send(const fleetscope::Command &command) = 0;
    // Emits what is pending now instead of at the next batch tick.
    void flush();

Q_SIGNALS:
    void stateChanged(const fleetscope::LinkStatus &status);
    void batchReady(const fleetscope::EndpointBatch &batch);
    void browseFinished(bool ok, const QString &detail);
    void commandFinished(const fleetscope::CommandReply &reply);
    // An untrusted certificate was accepted (LinkOptions::insecure) and pinned: from now on only
    // this one is accepted at `where` ("host:port"). The desktop keeps it with the profile
    // (LinkOptions::pinnedCertificates); a warning event says it too.
    void certificatePinned(const QString &where, const QString &fingerprint);
    // Every WebSocket frame in and out of the endpoint's links, for session recordings. Emitted
    // only while something is connected to it; the links are found among the endpoint's children
    // when the first receiver connects (adapters may also attachLink() explicitly).
    void wireFrame(const fleetscope::WireFrame &frame);

protected:
    // The one door for what an adapter learnt: topics (new or changed), removed topics, samples,
    // events, presence reports and server alarms, in that order. Topic and sample paths pass the topic limit; events carry the
    // endpoint's name, and those without a time the replayed frame's time, else now. The protocol's
    // model classes fill an EndpointBatch (no socket, testable alone); the adapter hands it here.
    void report(const EndpointBatch &batch);
    // The same for one item (notes of the session itself: connected, subscribed, a refused frame).
    void reportTopic(const Topic &topic);
    void reportTopicRemoved(const QString &path);
    void reportSample(const QString &path, qint64 t, double value);
    void reportEvent(Severity severity, const QString &path, const QString &summary, const QString &payload = QString(),
        qint64 t = 0);
    // What the server says about a device's connection, and an alarm the server raises itself
    // (docs/architecture.md#devices-presence-and-alerts-coremonitor). Without a time of their own
    // they carry the replayed frame's time, else now.
    void reportPresence(const PresenceReport &report);
    void reportAlarm(const ServerAlarm &alarm);
    void setStatus(const LinkStatus &status);
    // Whether the endpoint was Ready once since it was made (a later handshake is a reconnection).
    bool wasEverReady() const { return m_everReady; }
    // The adapter's one socket is the endpoint's connection: its states become the endpoint's. With
    // `warnOnLoss`, a connection lost after the endpoint was ready (a Reconnecting status with a
    // problem) is also a warning event, "connection lost: …"; adapters that say more about a drop
    // (in their WebSocketLink::dropped handler) pass false. Adapters with several sockets, or a step
    // before the socket (a REST check), set their state themselves.
    void followLink(WebSocketLink *link, bool warnOnLoss = true);

    // Subscriptions: true when the set changed.
    bool addSubscription(const QString &path);
    bool removeSubscription(const QString &path);
    bool isSubscribed(const QString &path) const { return m_subscriptions.contains(path); }

    quint64 nextCommandId() { return ++m_lastCommandId; }
    // The endpoint's TLS policy: adapters hand it to their REST clients (attachLink() gives it to
    // links), so that a certificate pinned by one connection holds for all of them.
    std::shared_ptr<TlsPolicy> tlsPolicy() const { return m_tls; }
    // A command's outcome, the same way in every adapter: an event at `path` (info when it
    // succeeded, else `failure`) holding the detail and the reply, then commandFinished().
    void finishCommand(const CommandReply &reply, const QString &path, Severity failure = Severity::Error);
    // Adapters call this for each WebSocketLink they own (in their constructor, or when they create
    // one): it takes the endpoint's TLS policy, its frames reach wireFrame(), and a connection
    // closed because the server's input was refused (invalid UTF-8, a message over the size limit,
    // a protocol violation) becomes an error event saying why. An adapter with several sockets names each `channel`: recordings keep the
    // name with every frame, and replay hands it back through replayChannel().
    void attachLink(WebSocketLink *link, const QString &channel = QString());
    // The arrival time of the frame being handled, for protocols whose messages carry no time of
    // their own: during a replay its recorded time, else the time `link` delivered it (the time a
    // recording stores for it), else now. Call it only while handling a received frame.
    qint64 receiveTimeMs(const WebSocketLink *link) const;
    // During a replay, the channel the frame being replayed was recorded on (empty: the only one,
    // or a recording without channels).
    QString replayChannel() const { return m_replayChannel; }
    void connectNotify(const QMetaMethod &signal) override;

private:
    void scheduleFlush();
    // `t` when it is a time, else the replayed frame's time, else now.
    qint64 timeOr(qint64 t) const;
    void attachChildLinks();
    void emitWire(WireFrame::Direction direction, const QString &text, const QByteArray &data, bool binary, qint64 t,
        const QString &channel);
    // False (and a warning event, once) when `path` is new and the topic limit is reached.
    bool admitPath(const QString &path);

    EndpointConfig m_config;
    std::shared_ptr<TlsPolicy> m_tls;
    LinkStatus m_status;
    bool m_everReady = false;
    QSet<QString> m_subscriptions;
    EndpointBatch m_pending;
    QTimer m_flushTimer;
    int m_batchIntervalMs = 33;
    quint64 m_lastCommandId = 0;
    qint64 m_replayTimeMs = 0;
    QString m_replayChannel;
    QSet<QString> m_knownPaths;
    bool m_topicLimitReported = false;
    QSet<WebSocketLink *> m_links;
};

qint64 nowMs();

} // namespace fleetscope
