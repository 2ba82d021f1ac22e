#include "core/protocols/cityio/cityioendpoint.h"

#include "core/util/jsonutil.h"

#include <QJsonArray>
#include <QJsonObject>

namespace fleetscope::cityio {

namespace {
int optionMs(const EndpointConfig &config, const char *key)
{
    bool ok = false;
    const int ms = config.options.value(QLatin1String(key)).toInt(&ok);
    return ok && ms > 0 ? ms : CityioEndpoint::kDefaultTimeoutMs;
}

void add(LinkCounters *sum, const LinkCounters &more)
{
    sum->framesIn += more.framesIn;
    sum->framesOut += more.framesOut;
    sum->bytesIn += more.bytesIn;
    sum->bytesOut += more.bytesOut;
    sum->reconnects += more.reconnects;
}
} // namespace

CityioEndpoint::CityioEndpoint(const EndpointConfig &config, QObject *parent)
    : Endpoint(config, parent)
    , m_urls(config.url)
    , m_rest(m_urls, config.link, tlsPolicy(), this)
    , m_backoff(config.link.initialBackoffMs, config.link.maxBackoffMs)
    , m_retryTimer(this)
    , m_snapshotTimeoutMs(optionMs(config, "snapshotTimeoutMs"))
    , m_replyTimeoutMs(optionMs(config, "replyTimeoutMs"))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { checkServer(); });
}

CityioEndpoint::~CityioEndpoint()
{
    for (CityioChannel *channel : std::as_const(m_channels)) {
        channel->disconnect(this);
        delete channel;
    }
}

LinkCounters CityioEndpoint::counters() const
{
    LinkCounters sum = m_closedCounters;
    for (CityioChannel *channel : m_channels)
        add(&sum, channel->link().counters());
    return sum;
}

QString CityioEndpoint::projectOf(const QString &path)
{
    return TopicPath::decodeSegment(TopicPath::split(path).value(0));
}

QStringList CityioEndpoint::projectNames(const QJsonDocument &list)
{
    // Names; older servers listed table URLs (".../api/table/volpe"), and some objects.
    QStringList names;
    for (const QJsonValue &entry : list.array()) {
        QString name =
            entry.isObject() ? entry.toObject().value(QLatin1String("tableName")).toString() : entry.toString();
        if (name.contains(QLatin1Char('/'))) {
            const QStringList parts = name.split(QLatin1Char('/'), Qt::SkipEmptyParts);
            name = parts.isEmpty() ? QString() : parts.constLast();
        }
        if (!name.isEmpty())
            names << name;
    }
    return names;
}

// --- connection -------------------------------------------------------------------------------

void CityioEndpoint::open()
{
    if (!m_urls.isValid()) {
        setStatus({LinkState::Failed, LinkReason::BadConfig, m_urls.problem()});
        return;
    }
    m_ready = false;
    m_retryTimer.stop();
    setStatus({LinkState::Connecting, LinkReason::None,
        QStringLiteral("connecting to %1").arg(m_urls.base().toDisplayString())});
    checkServer();
}

void CityioEndpoint::checkServer()
{
    fetchProjects([this](bool, const RestReply &reply, const QStringList &) { onServerChecked(reply); });
}

void CityioEndpoint::fetchProjects(
    std::function<void(bool, const RestReply &, const QStringList &)> then, bool legacyPath)
{
    // The current path first; servers up to 2021 only know the plural form.
    m_rest.get(
        legacyPath ? QStringLiteral("tables/list/") : QStringLiteral("table/list/"),
        [this, then, legacyPath](const RestReply &reply) {
            if (reply.status == 404 && !legacyPath) {
                fetchProjects(then, true);
                return;
            }
            const bool ok = reply.isSuccess() && reply.isJson && reply.json.isArray();
            then(ok, reply, ok ? projectNames(reply.json) : QStringList());
        },
        RestKind::Listing);
}

void CityioEndpoint::onServerChecked(const RestReply &reply)
{
    const QString base = m_urls.base().toDisplayString();
    if (reply.isSuccess() && reply.isJson && reply.json.isArray()) {
        m_projects = projectNames(reply.json);
        m_ready = true;
        m_backoff.reset();
        m_readyDetail = QStringLiteral("CityIO at %1: %2 projects").arg(base).arg(m_projects.size());
        setStatus({LinkState::Ready, LinkReason::None, m_readyDetail});
        QSet<QString> projects;
        for (const QString &path : subscriptions())
            projects.insert(projectOf(path));
        for (const QString &project : std::as_const(projects))
            channel(project, true)->subscribed = true;
        m_whenReady.run(true);
        return;
    }
    const bool transient = reply.transient();
    const LinkReason reason = reply.status == 0 ? reply.linkReason() : LinkReason::BadServer;
    const LinkOptions &link = config().link;
    if (transient && link.reconnect && (wasEverReady() || link.retryFirstConnect)) {
        const int delay = m_backoff.nextDelayMs();
        m_retryTimer.start(delay);
        setStatus({wasEverReady() ? LinkState::Reconnecting : LinkState::Connecting, reason,
            QStringLiteral("%1: %2").arg(base, reply.describe()), delay});
        return;
    }
    QString why;
    if (transient || reply.failure != RestFailure::None)
        why = QStringLiteral("cannot reach CityIO at %1: %2").arg(base, reply.describe());
    else
        why = QStringLiteral("%1 does not answer like CityIO (GET %2 gave %3); give the base URL, e.g. "
                             "http://localhost:8080 or https://cityio.media.mit.edu/cityio")
                  .arg(base, m_urls.api(reply.path).path(), oneLine(reply.describe(), 80));
    reportEvent(Severity::Error, QString(), why, QString::fromUtf8(reply.body.left(2000)));
    failAll({LinkState::Failed, reason, why});
}

void CityioEndpoint::whenReady(DeferredCalls::Call then)
{
    if (m_ready)
        then(true, QString());
    else if (state() == LinkState::Connecting || state() == LinkState::Reconnecting)
        m_whenReady.add(std::move(then));
    else
        then(false, QStringLiteral("not connected"));
}

void CityioEndpoint::failAll(const LinkStatus &failure)
{
    const QString reason = failure.text();
    m_ready = false;
    m_retryTimer.stop();
    m_rest.cancelAll();
    const QStringList keys = m_channels.keys();
    for (const QString &key : keys)
        dropChannel(key, reason);
    m_whenReady.run(false, reason);
    setStatus(failure);
}

void CityioEndpoint::close()
{
    m_ready = false;
    m_retryTimer.stop();
    m_rest.cancelAll();
    const QStringList keys = m_channels.keys();
    for (const QString &key : keys)
        dropChannel(key, QStringLiteral("closed"));
    m_whenReady.run(false, QStringLiteral("closed"));
    if (state() != LinkState::Idle)
        setStatus({LinkState::Closed, LinkReason::None, QStringLiteral("closed")});
}

void CityioEndpoint::updateState()
{
    if (!m_ready)
        return;
    for (CityioChannel *channel : std::as_const(m_channels)) {
        LinkStatus status = channel->link().status();
        if (status.state == LinkState::Reconnecting) {
            status.detail = channel->label() + QStringLiteral(": ") + status.detail;
            setStatus(status);
            return;
        }
    }
    setStatus({LinkState::Ready, LinkReason::None, m_readyDetail});
}

// --- browse -----------------------------------------------------------------------------------

void CityioEndpoint::browse()
{
    fetchProjects([this](bool ok, const RestReply &list, const QStringList &projects) {
        if (!ok) {
            const QString why = QStringLiteral("table list: %1").arg(list.describe());
            reportEvent(Severity::Error, QString(), why, QString::fromUtf8(list.body.left(2000)));
            flush();
            Q_EMIT browseFinished(false, why);
            return;
        }
        m_projects = projects;
        m_rest.get(
            QStringLiteral("table/headers/"),
            [this, projects](const RestReply &reply) {
                QHash<QString, QJsonObject> headers;
                if (reply.isSuccess() && reply.json.isArray()) {
                    for (const QJsonValue &entry : reply.json.array()) {
                        const QJsonObject object = entry.toObject();
                        headers.insert(object.value(QLatin1String("tableName")).toString(),
                            object.value(QLatin1String("tableHeader")).toObject());
                    }
                } else {
                    // Optional (older servers lack it); an answer refused by a limit is worth a warning.
                    const bool refused = reply.failure != RestFailure::None && !reply.transient();
                    reportEvent(refused ? Severity::Warning : Severity::Debug, QString(),
                        QStringLiteral("table headers: %1").arg(reply.describe()));
                }
                EndpointBatch batch;
                for (const QString &project : projects)
                    m_tree.addProject(project, headers.value(project), &batch);
                report(batch);
                flush();
                Q_EMIT browseFinished(true, QStringLiteral("%1 projects").arg(projects.size()));
            },
            RestKind::Listing);
    });
}

// --- sockets ----------------------------------------------------------------------------------

CityioChannel *CityioEndpoint::channel(const QString &key, bool create)
{
    if (CityioChannel *existing = m_channels.value(key))
        return existing;
    if (!create)
        return nullptr;
    CityioChannel::Role role = CityioChannel::Role::Interface;
    QString path = QStringLiteral("/interface");
    if (key == kModuleChannel) {
        role = CityioChannel::Role::Module;
        path = QStringLiteral("/module");
    } else if (key == kCoreChannel) {
        role = CityioChannel::Role::Core;
        path = QStringLiteral("/module/core");
    }
    auto *channel = new CityioChannel(role, role == CityioChannel::Role::Interface ? key : QString(),
        m_urls.channel(path), config().link, m_snapshotTimeoutMs, this);
    m_channels.insert(key, channel);
    attachLink(&channel->link(), key);
    connect(channel, &CityioChannel::messageReceived, this,
        [this, channel](const Message &message, const QString &raw, qint64 t) { onMessage(channel, message, raw, t); });
    connect(channel, &CityioChannel::stateChanged, this,
        [this, channel](const LinkStatus &status) { onChannelState(channel, status); });
    connect(channel, &CityioChannel::dropped, this,
        [this, channel](int code, const QString &reason) { onDropped(channel, code, reason); });
    connect(channel, &CityioChannel::opened, this, [this, channel] {
        const bool again = channel->link().counters().reconnects > 0;
        reportEvent(Severity::Info, channel->label(),
            channel->role() == CityioChannel::Role::Interface
                ? (again ? QStringLiteral("reconnected; LISTEN sent again") : QStringLiteral("connected; LISTEN sent"))
                : QStringLiteral("connected to %1").arg(channel->url().path()));
    });
    connect(channel, &CityioChannel::snapshotOverdue, this, [this, channel] { onSnapshotOverdue(channel); });
    connect(channel, &CityioChannel::replyTimedOut, this, &CityioEndpoint::onReplyTimedOut);
    channel->open();
    return channel;
}

void CityioEndpoint::dropChannel(const QString &key, const QString &why)
{
    CityioChannel *channel = m_channels.take(key);
    if (!channel)
        return;
    add(&m_closedCounters, channel->link().counters());
    channel->disconnect(this);
    channel->close();
    for (quint64 id : channel->takeAllReplies())
        settleCommand(CommandReply::failed(id, QStringLiteral("no reply: %1").arg(why)), m_commands.value(id).path);
    channel->deleteLater();
}

void CityioEndpoint::onChannelState(CityioChannel *channel, const LinkStatus &status)
{
    if (status.state == LinkState::Failed) {
        // The link gives up only when told to (no reconnect, first connect final, untrusted TLS).
        reportEvent(Severity::Error, channel->label(), status.text());
        LinkStatus failure = status;
        failure.detail = channel->label() + QStringLiteral(": ") + status.detail;
        failAll(failure);
        return;
    }
    updateState();
}

void CityioEndpoint::onDropped(CityioChannel *channel, int code, const QString &reason)
{
    if (code < 0) {
        reportEvent(Severity::Error, channel->label(), QStringLiteral("connection failed: %1").arg(reason));
        return;
    }
    QString summary = QStringLiteral("closed (%1)").arg(code);
    if (!reason.isEmpty() && !reason.contains(QString::number(code)))
        summary += QStringLiteral(": ") + reason;
    reportEvent(Severity::Warning, channel->label(), summary);
}

void CityioEndpoint::onSnapshotOverdue(CityioChannel *channel)
{
    const QString project = channel->project();
    const QString path = channel->label();
    const QString summary = QStringLiteral("no TABLE_SNAPSHOT for %1").arg(project);
    // Silence is CityIO's answer to an unknown table: say whether the server lists it.
    fetchProjects([this, project, path, summary](bool ok, const RestReply &, const QStringList &projects) {
        QString detail = summary;
        if (ok && !projects.contains(project))
            detail += QStringLiteral(" (the server has no such table; it lists %1)")
                          .arg(projects.isEmpty() ? QStringLiteral("none") : projects.join(QLatin1String(", ")));
        else
            detail += QStringLiteral(" within %1 s").arg(m_snapshotTimeoutMs / 1000.0);
        reportEvent(Severity::Warning, path, detail);
    });
}

QString CityioEndpoint::apply(
    CityioChannel::Role role, const QString &project, const Message &message, const QString &raw, qint64 t)
{
    EndpointBatch batch;
    QString summary;
    const QString label = CityioChannel::labelOf(role, project);
    if (!message.ok)
        summary = CityioTree::undecodable(label, message, raw, t, &batch);
    else if (role == CityioChannel::Role::Interface)
        summary = m_tree.applyInterface(project, message, raw, t, &batch);
    else
        summary = m_tree.applyProbe(label, message, raw, t, &batch);
    report(batch);
    return summary;
}

void CityioEndpoint::onMessage(CityioChannel *channel, const Message &message, const QString &raw, qint64 t)
{
    const QString summary = apply(channel->role(), channel->project(), message, raw, t);
    if (!message.ok)
        return;
    const quint64 id = channel->takeReply(message.kind, [this, &message](quint64 waiting) {
        const PendingCommand &command = m_commands[waiting];
        return command.sentGrid.isEmpty() || message.kind != MessageKind::GridUpdate
            || gridUpdateOf(message.content).cells == command.sentGrid;
    });
    if (id == 0)
        return;
    const bool ok = message.kind != MessageKind::Error;
    settleCommand(
        CommandReply {id, ok, false,
            QStringLiteral("%1 %2: %3")
                .arg(m_commands.value(id).type, ok ? QStringLiteral("answered") : QStringLiteral("refused"), summary),
            raw},
        m_commands.value(id).path);
}

// --- replay -----------------------------------------------------------------------------------

CityioChannel::Role CityioEndpoint::roleOf(const QString &key)
{
    if (key == kModuleChannel)
        return CityioChannel::Role::Module;
    if (key == kCoreChannel)
        return CityioChannel::Role::Core;
    return CityioChannel::Role::Interface;
}

QString CityioEndpoint::replayKey(const Message &message) const
{
    if (const QString recorded = replayChannel(); !recorded.isEmpty())
        return recorded;
    QString table;
    if (message.ok) {
        switch (message.kind) {
        case MessageKind::TableSnapshot:
            table = snapshotOf(message.content).tableName;
            break;
        case MessageKind::GridUpdate:
            table = gridUpdateOf(message.content).tableName;
            break;
        case MessageKind::Module:
            table = moduleOutputOf(message.content).gridId;
            break;
        default:
            break;
        }
    }
    return table.isEmpty() ? m_replayLastListen : table;
}

void CityioEndpoint::replayMessage(const Message &message, const QString &raw)
{
    const QString key = replayKey(message);
    const qint64 t = receiveTimeMs(nullptr);
    if (key.isEmpty()) {
        // Nothing says which table the frame is about: its events go to the endpoint itself.
        EndpointBatch batch;
        if (!message.ok)
            CityioTree::undecodable(QString(), message, raw, t, &batch);
        else
            m_tree.applyProbe(QString(), message, raw, t, &batch);
        report(batch);
        return;
    }
    const CityioChannel::Role role = roleOf(key);
    apply(role, role == CityioChannel::Role::Interface ? key : QString(), message, raw, t);
}

void CityioEndpoint::replayFrame(const QString &text)
{
    replayMessage(decodeMessage(text), text);
}

void CityioEndpoint::replayBinaryFrame(const QByteArray &data)
{
    QString raw;
    const Message message = decodeBinaryMessage(data, &raw);
    replayMessage(message, raw);
}

void CityioEndpoint::replaySentFrame(const QString &text)
{
    // An /interface socket sends LISTEN first on every open, and the live session reports the
    // opening then; commands and their replies are the live session's own bookkeeping.
    const Message sent = decodeMessage(text);
    if (!sent.ok || sent.type != QLatin1String("LISTEN"))
        return;
    QString project = replayChannel();
    if (project.isEmpty())
        project = tableKeyOf(sent.content);
    if (project.isEmpty() || roleOf(project) != CityioChannel::Role::Interface)
        return;
    m_replayLastListen = project;
    const bool again = m_replayListened.contains(project);
    m_replayListened.insert(project);
    addSubscription(CityioTree::projectPath(project));
    reportEvent(Severity::Info, CityioTree::projectPath(project),
        again ? QStringLiteral("reconnected; LISTEN sent again") : QStringLiteral("connected; LISTEN sent"));
}

void CityioEndpoint::closeIfTransient(const QString &project)
{
    // A socket opened only for commands closes after the last one: subscribed = kept open.
    for (const QString &other : std::as_const(m_commandChannels)) {
        if (other == project)
            return;
    }
    QMetaObject::invokeMethod(
        this,
        [this, project] {
            CityioChannel *existing = m_channels.value(project);
            if (existing && !existing->subscribed && !m_commandChannels.values().contains(project))
                dropChannel(project, QStringLiteral("done"));
        },
        Qt::QueuedConnection);
}

// --- subscriptions ----------------------------------------------------------------------------

bool CityioEndpoint::isSubscribed(const QString &project) const
{
    for (const QString &path : subscriptions()) {
        if (projectOf(path) == project)
            return true;
    }
    return false;
}

void CityioEndpoint::subscribe(const QString &path)
{
    const QString project = projectOf(path);
    if (project.isEmpty() || project.startsWith(QLatin1Char('@'))) {
        reportEvent(Severity::Warning, path, QStringLiteral("subscribe: %1 is not a project").arg(path));
        return;
    }
    addSubscription(path);
    if (m_ready)
        channel(project, true)->subscribed = true;
}

void CityioEndpoint::unsubscribe(const QString &path)
{
    if (!removeSubscription(path))
        return;
    const QString project = projectOf(path);
    if (isSubscribed(project) || !m_channels.contains(project))
        return;
    m_channels.value(project)->subscribed = false;
    if (m_commandChannels.values().contains(project))
        return; // closes after its commands
    dropChannel(project, QStringLiteral("unsubscribed"));
    reportEvent(Severity::Info, CityioTree::projectPath(project), QStringLiteral("unsubscribed; socket closed"));
}

} // namespace fleetscope::cityio
