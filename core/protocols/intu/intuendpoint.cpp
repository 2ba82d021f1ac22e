#include "core/protocols/intu/intuendpoint.h"

#include "core/protocols/intu/intuencode.h"
#include "core/util/jsonutil.h"

#include <QWebSocketProtocol>

namespace fleetscope::intu {

namespace {

LinkOptions withHeaders(LinkOptions options, const StreamTarget &target)
{
    options.headers += target.headers;
    return options;
}

} // namespace

IntuEndpoint::IntuEndpoint(const EndpointConfig &config, QObject *parent)
    : Endpoint(config, parent)
    , m_target(resolveStreamTarget(config, generateSelfId()))
    , m_link(withHeaders(config.link, m_target), this)
    , m_browser([this](const QString &target,
                    const QString &request) { return sendFrame(encodeQuery(target, request, m_target.selfId)); },
          m_target.selfId, kQueryTimeoutMs, this)
{
    attachLink(&m_link);
    m_controlGrace.setParent(this); // moves with the endpoint to its thread
    m_controlGrace.setSingleShot(true);
    connect(&m_controlGrace, &QTimer::timeout, this, [this] {
        if (m_phase != Phase::AwaitingControl)
            return;
        reportEvent(Severity::Warning, QString(),
            QStringLiteral("no authenticate control frame within %1 s; continuing").arg(kControlGraceMs / 1000));
        becomeReady(QString(), QString());
    });
    connect(&m_link, &WebSocketLink::opened, this, &IntuEndpoint::onOpened);
    connect(&m_link, &WebSocketLink::textReceived, this, &IntuEndpoint::onText);
    connect(&m_link, &WebSocketLink::binaryReceived, this, &IntuEndpoint::onBinary);
    connect(&m_link, &WebSocketLink::dropped, this, &IntuEndpoint::onDropped);
    followLink(&m_link);
    connect(&m_browser, &TreeBrowser::nodeAnswered, this, [this](const QString &prefix, const NodeInfo &node) {
        EndpointBatch batch;
        m_nodes.addNode(prefix, node, &batch);
        report(batch);
    });
    connect(&m_browser, &TreeBrowser::childFound, this, [this](const QString &path, const QString &selfId) {
        EndpointBatch batch;
        m_nodes.addChild(path, selfId, &batch);
        report(batch);
    });
    connect(&m_browser, &TreeBrowser::problem, this,
        [this](
            Severity severity, const QString &path, const QString &summary) { reportEvent(severity, path, summary); });
    connect(&m_browser, &TreeBrowser::finished, this, &IntuEndpoint::onBrowseFinished);
}

IntuEndpoint::~IntuEndpoint() = default;

void IntuEndpoint::open()
{
    m_link.open(m_target.url);
}

void IntuEndpoint::close()
{
    m_phase = Phase::Down;
    m_controlGrace.stop();
    m_browser.reset();
    m_link.close();
}

bool IntuEndpoint::sendFrame(const QString &frame)
{
    return !m_replaying && m_phase != Phase::Down && m_link.sendText(frame) >= 0;
}

void IntuEndpoint::onOpened()
{
    // The node answers the upgrade with one control frame; until then nothing is sent.
    m_phase = Phase::AwaitingControl;
    m_controlGrace.start(kControlGraceMs);
}

void IntuEndpoint::onDropped(int code, const QString &reason)
{
    const bool handshaking = m_phase == Phase::AwaitingControl;
    m_phase = Phase::Down;
    m_controlGrace.stop();
    if (m_browser.reset())
        m_browseWanted = true; // browse again once the node is back
    // A node refusing the token sends a close frame whose payload is the bare text
    // "Failed to authenticate." (no status code): do not retry that.
    if (reason.contains(QLatin1String("authenticate"), Qt::CaseInsensitive)
        || (handshaking && code == QWebSocketProtocol::CloseCodeProtocolError)) {
        const QString why = reason.contains(QLatin1String("authenticate"), Qt::CaseInsensitive)
            ? QStringLiteral("authentication rejected by server (%1)").arg(reason)
            : QStringLiteral("authentication rejected by server (closed before the authenticate control frame: %1)")
                  .arg(reason);
        reportEvent(Severity::Error, QString(), why);
        m_link.fail(LinkReason::Credentials, why);
    }
}

void IntuEndpoint::onText(const QString &text)
{
    dispatch(decodeTextFrame(text.toUtf8()), text, receiveTimeMs(&m_link));
}

void IntuEndpoint::onBinary(const QByteArray &frame)
{
    const Message message = decodeBinaryFrame(frame);
    // An undecodable frame is kept whole (hex): it is truncated for display, not for storage.
    dispatch(message,
        message.kind == Message::Kind::Malformed ? hexPreview(frame, static_cast<int>(frame.size()))
                                                 : rawWithData(message.envelope, hexPreview(message.data)),
        receiveTimeMs(&m_link));
}

void IntuEndpoint::replayFrame(const QString &text)
{
    m_replaying = true;
    onText(text);
}

void IntuEndpoint::replayBinaryFrame(const QByteArray &data)
{
    m_replaying = true;
    onBinary(data);
}

void IntuEndpoint::replaySentFrame(const QString &text)
{
    m_replaying = true;
    const Message sent = decodeTextFrame(text.toUtf8());
    if (sent.kind == Message::Kind::Malformed || sent.kind == Message::Kind::Control)
        return;
    // Every frame a console sends carries its origin, "<selfId>/.": the node lists that id among
    // its children, and the tree skips it as the live session did.
    if (!m_selfIdLearnt && sent.origin.endsWith(QLatin1String("/."))) {
        m_selfIdLearnt = true;
        m_target.selfId = sent.origin.left(sent.origin.size() - 2);
        m_browser.setConsoleId(m_target.selfId);
    }
    switch (sent.kind) {
    case Message::Kind::Query:
        // "." is the connected node, "pepper-7f3a/." a child, "../." the parent.
        if (!sent.request.isEmpty() && !sent.targets.isEmpty() && sent.targets.first().endsWith(QLatin1Char('.')))
            m_browser.expectAnswer(sent.request, sent.targets.first().chopped(1));
        break;
    case Message::Kind::Subscribe:
        for (const QString &path : sent.targets)
            addSubscription(path);
        break;
    case Message::Kind::Unsubscribe:
        for (const QString &path : sent.targets)
            removeSubscription(path);
        break;
    default:
        break; // commands and answers to queries: their outcome events belong to the live session
    }
}

void IntuEndpoint::dispatch(const Message &message, const QString &raw, qint64 t)
{
    switch (message.kind) {
    case Message::Kind::Malformed:
        reportEvent(Severity::Error, QString(),
            QStringLiteral("undecodable frame (%1 bytes): %2").arg(message.frameBytes).arg(message.problem), raw);
        break;
    case Message::Kind::Control:
        // The node sends it once per connection: in a replay, each one is a (re)connection.
        if (message.control == QLatin1String("authenticate") && (m_phase != Phase::Ready || m_replaying)) {
            if (m_replaying)
                m_browser.reset(); // the previous socket's queries died with it
            becomeReady(message.controlSelfId, raw);
        } else
            reportEvent(Severity::Debug, QString(), QStringLiteral("control \"%1\"").arg(message.control), raw);
        break;
    case Message::Kind::QueryResponse:
        if (!m_browser.handleResponse(message)) {
            const QString path = TreeBrowser::nodePath(nodePrefix(message.origin));
            reportEvent(Severity::Info, path,
                QStringLiteral("query_response from %1: %2 topics, %3 children")
                    .arg(message.node.selfId)
                    .arg(message.node.topics.size())
                    .arg(message.node.children.size()),
                raw);
        }
        break;
    case Message::Kind::Publish:
        onPublish(message, t);
        break;
    case Message::Kind::SubscribeFailed:
    case Message::Kind::NoRoute:
        onFailure(message, raw);
        break;
    case Message::Kind::Query:
        // Another node (or a tool) asks what this console is: a node without topics.
        if (const QString answer = encodeQueryAnswer(message, m_target.selfId); !answer.isEmpty()) {
            sendFrame(answer);
            reportEvent(
                Severity::Debug, QString(), QStringLiteral("answered a query from %1").arg(message.origin), raw);
        } else {
            reportEvent(Severity::Debug, QString(),
                QStringLiteral("cannot answer a query from %1 (no route back)").arg(message.origin), raw);
        }
        break;
    case Message::Kind::Subscribe:
    case Message::Kind::Unsubscribe:
    case Message::Kind::PublishAt:
        reportEvent(Severity::Debug, QString(),
            QStringLiteral("ignored %1 from %2 (a console owns no topics)").arg(message.msg, message.origin), raw);
        break;
    case Message::Kind::Unknown:
        reportEvent(Severity::Debug, QString(), QStringLiteral("unknown message kind \"%1\"").arg(message.msg), raw);
        break;
    }
}

void IntuEndpoint::becomeReady(const QString &serverId, const QString &raw)
{
    m_phase = Phase::Ready;
    m_controlGrace.stop();
    const bool reconnect = m_handshakeSeen;
    m_handshakeSeen = true;
    const QString who = serverId.isEmpty() ? QStringLiteral("connected as %1").arg(m_target.selfId)
                                           : QStringLiteral("authenticated by %1").arg(serverId);
    reportEvent(Severity::Info, QString(), reconnect ? who + QStringLiteral(" (reconnected)") : who, raw);
    // Subscriptions asked for while down, or dropped by the node with the old socket: one frame.
    if (!subscriptions().isEmpty()) {
        QStringList paths(subscriptions().cbegin(), subscriptions().cend());
        paths.sort();
        sendFrame(encodeSubscribe(paths, m_target.selfId));
        if (reconnect)
            reportEvent(Severity::Debug, QString(), QStringLiteral("resubscribed %1 topics").arg(paths.size()));
    }
    if (m_replaying)
        return; // the recorded session's own queries follow
    m_link.markReady(who);
    if (m_phase == Phase::Ready && !m_browser.isBrowsing() && (m_browseWanted || (reconnect && m_browsed)))
        m_browser.browseAll();
}

void IntuEndpoint::onPublish(const Message &message, qint64 t)
{
    const Interpretation result = m_interpreter.interpret(message, t);
    EndpointBatch batch;
    m_nodes.applyPublish(result, t, &batch);
    report(batch);
    const auto isMe = [this](const QString &path) { return TopicPath::lastSegment(path) == m_target.selfId; };
    if (!result.childConnected.isEmpty() && !isMe(result.childConnected)) {
        reportPresence(PresenceReport {result.childConnected, Presence::Online, QStringLiteral("connected"), t});
        if (m_browsed)
            m_browser.refresh(result.childConnected);
        resubscribeUnder(result.childConnected);
    }
    if (!result.childDisconnected.isEmpty() && !isMe(result.childDisconnected)) {
        EndpointBatch gone;
        if (m_nodes.contains(result.childDisconnected))
            gone.presence.append(
                PresenceReport {result.childDisconnected, Presence::Offline, QStringLiteral("disconnected"), t});
        m_nodes.removeNode(result.childDisconnected, &gone);
        report(gone);
    }
}

void IntuEndpoint::onFailure(const Message &message, const QString &raw)
{
    const QString path = failedPath(message);
    const QString failed = message.failedMsg.isEmpty() ? QStringLiteral("request") : message.failedMsg;
    if (message.kind == Message::Kind::NoRoute) {
        m_browser.handleNoRoute(message);
        reportEvent(Severity::Error, path, QStringLiteral("no route to %1 (%2)").arg(failedHop(message), failed), raw);
        return;
    }
    // The topic does not exist: asking again after a reconnect would fail again.
    if (failed == QLatin1String("subscribe"))
        removeSubscription(path);
    reportEvent(Severity::Error, path, QStringLiteral("%1 failed: unknown topic").arg(failed), raw);
}

void IntuEndpoint::onBrowseFinished(bool ok, const QString &detail)
{
    m_browsed = m_browsed || ok;
    flush();
    if (m_browseWanted) {
        m_browseWanted = false;
        Q_EMIT browseFinished(ok, detail);
    } else if (!ok) {
        reportEvent(Severity::Warning, QString(), QStringLiteral("browse after reconnect failed: %1").arg(detail));
    }
}

void IntuEndpoint::resubscribeUnder(const QString &nodePath)
{
    // A child that (re)connects to its node has forgotten who subscribed to it.
    QStringList paths;
    for (const QString &path : subscriptions()) {
        if (path.startsWith(nodePath + QLatin1Char('/')))
            paths << path;
    }
    if (paths.isEmpty() || m_phase != Phase::Ready)
        return;
    paths.sort();
    sendFrame(encodeSubscribe(paths, m_target.selfId));
}

void IntuEndpoint::browse()
{
    m_browseWanted = true;
    if (m_phase == Phase::Ready && !m_browser.isBrowsing())
        m_browser.browseAll();
}

void IntuEndpoint::subscribe(const QString &path)
{
    if (m_nodes.isFolder(path)) {
        // Watching a node watches each of its topics.
        for (const QString &stream : m_nodes.streamsIn(path))
            subscribe(stream);
        return;
    }
    if (path.isEmpty())
        return;
    if (m_nodes.isDerived(path)) {
        subscribe(TopicPath::parent(path)); // a derived series comes from its topic
        return;
    }
    if (!addSubscription(path))
        return;
    if (m_phase == Phase::Ready)
        sendFrame(encodeSubscribe({path}, m_target.selfId));
}

void IntuEndpoint::unsubscribe(const QString &path)
{
    if (m_nodes.isFolder(path)) {
        for (const QString &stream : m_nodes.streamsIn(path))
            unsubscribe(stream);
        return;
    }
    if (!removeSubscription(path))
        return;
    if (m_phase == Phase::Ready)
        sendFrame(encodeUnsubscribe({path}, m_target.selfId));
}

void IntuEndpoint::send(const Command &command)
{
    const quint64 id = command.id ? command.id : nextCommandId();
    OutgoingCommand out;
    QString error;
    if (!encodeCommand(command, m_target.selfId, &out, &error)) {
        finishCommand(CommandReply::refused(id, error, command.payload), command.target);
        return;
    }
    if (m_phase != Phase::Ready || !sendFrame(out.frame)) {
        finishCommand(CommandReply::failed(id, QStringLiteral("not connected"), out.frame), out.path);
        return;
    }
    // Intu acknowledges nothing: written is done. Errors, if any, arrive as events.
    finishCommand(CommandReply::succeeded(id,
                      QStringLiteral("sent %1 to %2 (the protocol has no acknowledgement)")
                          .arg(out.kind, out.path.isEmpty() ? QStringLiteral("several targets") : out.path),
                      out.frame),
        out.path);
}

} // namespace fleetscope::intu
