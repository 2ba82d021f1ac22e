#pragma once

#include "core/endpoint/endpoint.h"
#include "core/link/websocketlink.h"
#include "core/protocols/intu/intumessage.h"
#include "core/protocols/intu/intunodetree.h"
#include "core/protocols/intu/intupayload.h"
#include "core/protocols/intu/intustreamurl.h"
#include "core/protocols/intu/intutree.h"

#include <QHash>
#include <QSet>
#include <QTimer>

namespace fleetscope::intu {

// A console connection to an IBM Watson Intu "Self" node (docs/protocols/intu.md): joins
// the node as a child (`/stream?selfId=..&token=..`), waits for the authenticate control frame,
// browses the node tree by `query`, subscribes by topic path, turns publishes (text, or binary
// header + NUL + bytes) into samples and events, restores its subscriptions after a reconnect,
// and sends composer commands as `publish_at` or raw envelopes. The protocol acknowledges
// nothing: a send is done once it is written; errors come back as `subscribed_failed` and
// `no_route`, which become error events naming the path. The walk (TreeBrowser) and the payload
// decoding (PayloadInterpreter) feed NodeTree, which turns them into the model.
//
// Threading: see Endpoint.
class IntuEndpoint : public Endpoint
{
    Q_OBJECT

public:
    explicit IntuEndpoint(const EndpointConfig &config, QObject *parent = nullptr);
    ~IntuEndpoint() override;

    LinkCounters counters() const override { return m_link.counters(); }
    // The id this console joins with (from the URL or options, else generated once).
    QString selfId() const { return m_target.selfId; }

    void open() override;
    void close() override;
    void browse() override;
    void subscribe(const QString &path) override;
    void unsubscribe(const QString &path) override;
    void send(const fleetscope::Command &command) override;

    // Replay: received frames go through the socket's decoder and dispatch; the frames the session
    // sent say which queries the node answers (the tree), what was subscribed and the console's id.
    // Nothing is ever sent.
    void replayFrame(const QString &text) override;
    void replayBinaryFrame(const QByteArray &data) override;
    void replaySentFrame(const QString &text) override;

    static constexpr int kQueryTimeoutMs = 10000; // the server has none; reference clients use 10 s
    static constexpr int kControlGraceMs = 5000; // a node that sends no control frame is used anyway

private:
    enum class Phase { Down, AwaitingControl, Ready };

    void onOpened();
    void onText(const QString &text);
    void onBinary(const QByteArray &frame);
    void onDropped(int code, const QString &reason);
    void dispatch(const Message &message, const QString &raw, qint64 t);
    void becomeReady(const QString &serverId, const QString &raw);
    void onPublish(const Message &message, qint64 t);
    void onFailure(const Message &message, const QString &raw);
    void onBrowseFinished(bool ok, const QString &detail);
    void resubscribeUnder(const QString &nodePath);
    bool sendFrame(const QString &frame);

    StreamTarget m_target;
    WebSocketLink m_link;
    TreeBrowser m_browser;
    PayloadInterpreter m_interpreter;
    Phase m_phase = Phase::Down;
    bool m_handshakeSeen = false; // an authenticate control frame came before (live or replayed)
    bool m_replaying = false; // fed by the replay hooks: never opened, sends nothing
    bool m_selfIdLearnt = false; // replay: the recorded console's id, from its first sent frame
    bool m_browseWanted = false; // browse() was called: answer with browseFinished()
    bool m_browsed = false;
    QTimer m_controlGrace;
    NodeTree m_nodes;
};

} // namespace fleetscope::intu
