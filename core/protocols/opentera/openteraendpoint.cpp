#include "core/protocols/opentera/openteraendpoint.h"

#include "core/protocols/opentera/openteracommand.h"
#include "core/protocols/opentera/openteraframe.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace fleetscope::opentera {

namespace {

LinkOptions reopening(LinkOptions options)
{
    options.adapterReopens = true; // the socket URL is single-use: every retry logs in again
    return options;
}

const char *const kListPaths[] = {
    "/api/user/users/online",
    "/api/user/participants/online?with_projects=1&with_sites=1",
    "/api/user/devices/online",
};
const EntityKind kListKinds[] = {EntityKind::User, EntityKind::Participant, EntityKind::Device};

} // namespace

OpenTeraEndpoint::OpenTeraEndpoint(const EndpointConfig &config, QObject *parent)
    : Endpoint(config, parent)
    , m_linkOptions(reopening(config.link))
    , m_link(m_linkOptions, this)
    , m_rest(config.url, config.link, tlsPolicy(), this)
    , m_mapper(&m_tree)
    , m_user(config.option(QStringLiteral("user")))
{
    m_refreshTimer.setParent(this); // moves with the endpoint to its thread
    attachLink(&m_link);
    connect(&m_link, &WebSocketLink::opened, this, &OpenTeraEndpoint::onOpened);
    connect(&m_link, &WebSocketLink::textReceived, this, &OpenTeraEndpoint::onText);
    connect(&m_link, &WebSocketLink::binaryReceived, this, &OpenTeraEndpoint::onBinary);
    connect(&m_link, &WebSocketLink::dropped, this, &OpenTeraEndpoint::onDropped);
    followLink(&m_link, false); // onDropped() says more about a lost connection
    connect(&m_link, &WebSocketLink::reopenDue, this, &OpenTeraEndpoint::startLogin);
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &OpenTeraEndpoint::refreshNow);
}

OpenTeraEndpoint::~OpenTeraEndpoint() = default;

void OpenTeraEndpoint::open()
{
    m_closed = false;
    startLogin();
}

void OpenTeraEndpoint::startLogin()
{
    if (m_closed || m_loggingIn)
        return;
    m_loggingIn = true;
    m_refreshTimer.stop();
    m_rest.abortAll(); // calls of the previous connection no longer matter
    ++m_reloadGeneration;
    m_listsPending = 0;
    const QString where = config().url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    setStatus({m_everOpened ? LinkState::Reconnecting : LinkState::Connecting, LinkReason::None,
        QStringLiteral("logging in as %1 at %2").arg(m_user, where)});
    m_rest.login(m_user, config().secret, [this](const RestReply &reply) { onLoginReply(reply); });
}

void OpenTeraEndpoint::onLoginReply(const RestReply &reply)
{
    m_loggingIn = false;
    if (m_closed)
        return;
    const LoginOutcome outcome = readLoginReply(reply);
    switch (outcome.kind) {
    case LoginOutcome::Kind::Success: {
        m_rest.setToken(outcome.token);
        m_fullname = outcome.userFullname;
        m_mapper.setSelfUuid(outcome.userUuid);
        scheduleRefresh();
        QString problem;
        const QUrl url = socketUrlFor(config().url, outcome.websocketUrl, &problem);
        if (!url.isValid()) {
            failFinal(LinkReason::BadServer, problem);
            return;
        }
        m_link.open(url);
        return;
    }
    case LoginOutcome::Kind::Rejected:
        failFinal(LinkReason::Credentials, QStringLiteral("authentication failed: %1").arg(outcome.detail));
        return;
    case LoginOutcome::Kind::Refused:
        failFinal(reply.linkReason(), outcome.detail);
        return;
    case LoginOutcome::Kind::TooOld:
    case LoginOutcome::Kind::NeedsAction:
        failFinal(LinkReason::Refused, QStringLiteral("login failed: %1").arg(outcome.detail));
        return;
    case LoginOutcome::Kind::AlreadyLoggedIn:
        // It means "wait": the server has not noticed a dead socket of this user yet (up to
        // ~40 s), so even a first connection retries (a CLI's --timeout still bounds it).
        if (!m_linkOptions.reconnect) {
            failFinal(LinkReason::Refused, outcome.detail);
            return;
        }
        reportEvent(Severity::Warning, QString(), QStringLiteral("already logged in, retrying"),
            m_masker.mask(QString::fromUtf8(reply.body)));
        m_link.scheduleReconnect(LinkReason::Refused, outcome.detail);
        return;
    case LoginOutcome::Kind::Transient:
        retryLogin(reply.status == 0 ? reply.linkReason() : LinkReason::BadServer, outcome.detail);
        return;
    }
}

void OpenTeraEndpoint::retryLogin(LinkReason why, const QString &reason)
{
    if (!m_linkOptions.reconnect || (!m_everOpened && !m_linkOptions.retryFirstConnect)) {
        failFinal(why, reason);
        return;
    }
    m_link.scheduleReconnect(why, reason);
}

void OpenTeraEndpoint::failFinal(LinkReason why, const QString &reason)
{
    reportEvent(Severity::Error, QString(), m_masker.mask(reason));
    m_refreshTimer.stop();
    m_link.fail(why, reason);
}

void OpenTeraEndpoint::onOpened()
{
    m_everOpened = true;
    // The reload starts before Ready is announced, so that a browse() made on Ready waits for it.
    startReload();
    m_link.markReady(m_fullname.isEmpty() ? QStringLiteral("logged in as %1").arg(m_user)
                                          : QStringLiteral("logged in as %1").arg(m_fullname));
}

void OpenTeraEndpoint::onDropped(int code, const QString &reason)
{
    ++m_reloadGeneration; // lists still loading belong to the lost connection
    m_listsPending = 0;
    if (code == kCloseDisconnectedByServer) {
        m_refreshTimer.stop();
        m_rest.setToken(QString()); // the server disabled it
        const QString why = QStringLiteral("disconnected by server (logout/admin)");
        reportEvent(Severity::Error, QString(), why, reason);
        m_link.fail(LinkReason::Dismissed, why);
        return;
    }
    const bool retrying = m_linkOptions.reconnect && (m_everOpened || m_linkOptions.retryFirstConnect);
    if (code >= 0)
        reportEvent(Severity::Warning, QString(),
            retrying ? QStringLiteral("connection lost, retrying") : QStringLiteral("connection lost"), reason);
    else if (retrying)
        reportEvent(Severity::Warning, QString(), QStringLiteral("could not open the event stream, retrying"), reason);
}

void OpenTeraEndpoint::onText(const QString &text)
{
    const Frame frame = decodeTextFrame(text);
    applyFrame(frame, text, frame.kind == Frame::Kind::Undecodable ? text.toUtf8().size() : 0);
}

void OpenTeraEndpoint::onBinary(const QByteArray &data)
{
    const Frame frame = decodeBinaryFrame(data);
    // Not an event: the whole frame in hex (truncated for display, not for storage).
    applyFrame(frame, frame.kind == Frame::Kind::Events ? QString() : hexPreview(data, static_cast<int>(data.size())),
        data.size());
}

void OpenTeraEndpoint::applyFrame(const Frame &frame, const QString &raw, qint64 rawBytes)
{
    EndpointBatch batch;
    m_mapper.applyFrame(frame, raw, rawBytes, receiveTimeMs(&m_link), &batch);
    deliver(batch);
}

void OpenTeraEndpoint::startReplay(const Frame &first)
{
    if (m_replaying)
        return;
    m_replaying = true;
    // Who logged in came with the REST login, which a recording does not hold; but a socket's
    // first frame is the user's own USER_CONNECTED (docs/protocols/opentera.md#quirks), so a recording
    // that starts with the session names its user.
    if (first.kind == Frame::Kind::Events && !first.events.isEmpty()) {
        const WireEvent &event = first.events.first();
        if (event.kind == WireEvent::Kind::User && event.code == 1)
            m_mapper.setSelfUuid(event.uuid);
    }
}

void OpenTeraEndpoint::replayFrame(const QString &text)
{
    const Frame frame = decodeTextFrame(text);
    startReplay(frame);
    applyFrame(frame, text, frame.kind == Frame::Kind::Undecodable ? text.toUtf8().size() : 0);
}

void OpenTeraEndpoint::replayBinaryFrame(const QByteArray &data)
{
    const Frame frame = decodeBinaryFrame(data);
    startReplay(frame);
    applyFrame(frame, frame.kind == Frame::Kind::Events ? QString() : hexPreview(data, static_cast<int>(data.size())),
        data.size());
}

void OpenTeraEndpoint::deliver(EndpointBatch batch)
{
    // While a reload is in flight its end reports the whole tree: topics are not repeated.
    if (m_listsPending != 0)
        batch.topics.clear();
    // Subscriptions are local: only the watched status streams are sampled.
    batch.samples.erase(std::remove_if(batch.samples.begin(), batch.samples.end(),
                            [this](const Sample &sample) { return !isWatched(sample.path); }),
        batch.samples.end());
    report(batch);
}

bool OpenTeraEndpoint::isWatched(const QString &path) const
{
    if (m_replaying)
        return true; // what the live session watched was never on the wire
    for (const QString &subscription : subscriptions()) {
        if (path == subscription || path.startsWith(subscription + QLatin1Char('/')))
            return true;
    }
    return false;
}

void OpenTeraEndpoint::startReload()
{
    const quint64 generation = ++m_reloadGeneration;
    m_reload = EndpointBatch();
    m_listProblems.clear();
    m_listsPending = 3;
    m_mapper.beginReload();
    for (int i = 0; i < 3; ++i) {
        const EntityKind kind = kListKinds[i];
        m_rest.call(
            "GET", QString::fromLatin1(kListPaths[i]), QByteArray(),
            [this, generation, kind](const RestReply &reply) {
                if (generation == m_reloadGeneration)
                    onListReply(kind, reply);
            },
            RestKind::Listing);
    }
}

void OpenTeraEndpoint::onListReply(EntityKind kind, const RestReply &reply)
{
    const QJsonValue list = reply.json();
    if (reply.ok() && list.isArray()) {
        m_mapper.applyOnlineList(kind, list.toArray(), &m_reload);
    } else {
        const QString folder = EntityTree::folderOf(kind);
        const QString problem = reply.ok() ? QStringLiteral("the online list is not a JSON array") : reply.describe();
        m_listProblems << folder + QStringLiteral(": ") + problem;
        reportEvent(Severity::Error, folder, m_masker.mask(problem), m_masker.mask(QString::fromUtf8(reply.body)));
    }
    if (--m_listsPending == 0)
        finishReload();
}

void OpenTeraEndpoint::finishReload()
{
    // Pruning needs all three lists: after a failed one, absent entities may just be unlisted.
    if (m_listProblems.isEmpty())
        m_mapper.endReload(&m_reload);
    EndpointBatch batch = std::exchange(m_reload, EndpointBatch());
    batch.topics = m_tree.allTopics();
    deliver(batch);
    m_listsLoaded = true;
    m_afterReload.run(true);
    if (m_browseWaiting) {
        m_browseWaiting = false;
        flush();
        Q_EMIT browseFinished(m_listProblems.isEmpty(),
            m_listProblems.isEmpty() ? QStringLiteral("%1 topics").arg(batch.topics.size())
                                     : m_listProblems.join(QLatin1String("; ")));
    }
}

void OpenTeraEndpoint::browse()
{
    m_browseWaiting = true;
    if (m_listsPending == 0 && m_link.state() == LinkState::Ready)
        startReload();
}

void OpenTeraEndpoint::subscribe(const QString &path)
{
    addSubscription(path);
    // A status stream has a last value already: give it now rather than at the next status.
    for (const StatusStream &stream : m_tree.streams()) {
        if (stream.lastT > 0 && (stream.path == path || stream.path.startsWith(path + QLatin1Char('/'))))
            reportSample(stream.path, stream.lastT, stream.lastValue);
    }
}

void OpenTeraEndpoint::unsubscribe(const QString &path)
{
    removeSubscription(path);
}

void OpenTeraEndpoint::scheduleRefresh()
{
    int delay = kRefreshEveryMs;
    if (const qint64 expiry = tokenExpiryMs(m_rest.token()); expiry > 0) {
        const qint64 remaining = expiry - nowMs();
        delay = static_cast<int>(std::clamp<qint64>(remaining * 3 / 4, 1000, kRefreshEveryMs));
    }
    m_refreshTimer.start(delay);
}

void OpenTeraEndpoint::refreshNow()
{
    if (m_rest.token().isEmpty())
        return;
    m_rest.refreshToken([this](const RestReply &reply) {
        if (m_closed)
            return;
        if (reply.ok()) {
            scheduleRefresh();
            return;
        }
        reportEvent(Severity::Warning, QString(),
            m_masker.mask(QStringLiteral("token refresh failed: %1").arg(reply.describe())),
            m_masker.mask(QString::fromUtf8(reply.body)));
        m_refreshTimer.start(60 * 1000);
    });
}

void OpenTeraEndpoint::finishMasked(CommandReply reply, const QString &path)
{
    // A reply may hold credentials (refresh_token's new token and websocket_url): never in events.
    reply.detail = m_masker.mask(reply.detail);
    reply.payload = m_masker.mask(reply.payload);
    finishCommand(reply, path);
}

void OpenTeraEndpoint::send(const Command &incoming)
{
    Command command = incoming;
    if (command.id == 0)
        command.id = nextCommandId();
    const LinkState current = state(); // the endpoint's: Connecting already while logging in
    const bool connecting = current != LinkState::Idle && current != LinkState::Failed && current != LinkState::Closed;
    if (!m_listsLoaded && connecting && !m_closed) {
        // ${uuid:<path>} needs the tree: wait for the lists.
        m_afterReload.add([this, command](bool loaded, const QString &why) {
            if (loaded)
                send(command);
            else
                finishMasked(CommandReply::failed(command.id, why), QString());
        });
        return;
    }
    RestCommand call;
    QString error;
    if (!parseCommand(
            command, [this](const QString &path) { return m_tree.uuidAt(path); }, &call, &error)) {
        finishMasked(CommandReply::refused(command.id, error), QString());
        return;
    }
    if (m_rest.token().isEmpty()) {
        finishMasked(CommandReply::failed(command.id, QStringLiteral("not connected")), call.entityPath);
        return;
    }
    const quint64 id = command.id;
    const QString path = call.entityPath;
    auto done = [this, id, path](const RestReply &reply) {
        // The sessions manager answers 200 {"status":"error","error_text":..} when a service fails.
        const QJsonObject object = reply.json().toObject();
        const bool ok = reply.ok() && object.value(QLatin1String("status")).toString() != QLatin1String("error");
        QString detail = reply.describe();
        if (object.contains(QLatin1String("error_text")))
            detail += QStringLiteral(" (%1)").arg(object.value(QLatin1String("error_text")).toString());
        finishMasked(CommandReply {id, ok, false, detail, QString::fromUtf8(reply.body)}, path);
    };
    if (call.method == "GET" && call.pathAndQuery.startsWith(QLatin1String("/api/user/refresh_token"))) {
        // The old token dies at once: refresh through the client so that it keeps the new one.
        m_rest.refreshToken(done);
        return;
    }
    m_rest.call(call.method, call.pathAndQuery, call.body, done);
}

void OpenTeraEndpoint::close()
{
    m_closed = true;
    m_refreshTimer.stop();
    m_rest.abortAll();
    m_rest.logout();
    ++m_reloadGeneration;
    m_listsPending = 0;
    m_afterReload.run(false, QStringLiteral("closed"));
    const bool idle = m_link.state() == LinkState::Idle;
    m_link.close();
    if (idle)
        setStatus({LinkState::Closed, LinkReason::None, QStringLiteral("closed")});
    if (m_browseWaiting) {
        m_browseWaiting = false;
        Q_EMIT browseFinished(false, QStringLiteral("closed"));
    }
}

} // namespace fleetscope::opentera
