#include "core/endpoint/endpoint.h"

#include "core/link/websocketlink.h"
#include "core/net/tlspolicy.h"

#include <QDateTime>
#include <QMetaMethod>
#include <QThread>

namespace fleetscope {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Endpoint::Endpoint(const EndpointConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_tls(std::make_shared<TlsPolicy>(config.link))
{
    // Members are parented so that moveToThread() takes them along with the endpoint.
    m_flushTimer.setParent(this);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &Endpoint::flush);
    m_tls->setPinnedHandler([this](const QString &where, const QString &fingerprint) {
        reportEvent(Severity::Warning, QString(),
            QStringLiteral("accepted the untrusted TLS certificate of %1 and pinned it: SHA-256 %2; a different "
                           "certificate will be refused")
                .arg(where, fingerprint));
        Q_EMIT certificatePinned(where, fingerprint);
    });
}

Endpoint::~Endpoint() = default;

void Endpoint::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    EndpointBatch batch;
    std::swap(batch, m_pending);
    Q_EMIT batchReady(batch);
}

void Endpoint::scheduleFlush()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start(m_batchIntervalMs);
}

bool Endpoint::admitPath(const QString &path)
{
    if (m_knownPaths.contains(path))
        return true;
    if (m_knownPaths.size() >= m_config.maxTopics) {
        if (!m_topicLimitReported) {
            m_topicLimitReported = true;
            reportEvent(Severity::Warning, path,
                QStringLiteral("topic limit reached: this endpoint already holds %1 topics; new topics and their "
                               "samples are ignored")
                    .arg(m_config.maxTopics));
        }
        return false;
    }
    m_knownPaths.insert(path);
    return true;
}

void Endpoint::report(const EndpointBatch &batch)
{
    for (const Topic &topic : batch.topics)
        reportTopic(topic);
    for (const QString &path : batch.removedTopics)
        reportTopicRemoved(path);
    for (const Sample &sample : batch.samples)
        reportSample(sample.path, sample.t, sample.value);
    for (const Event &event : batch.events)
        reportEvent(event.severity, event.path, event.summary, event.payload, event.t);
    for (const PresenceReport &presence : batch.presence)
        reportPresence(presence);
    for (const ServerAlarm &alarm : batch.alarms)
        reportAlarm(alarm);
}

void Endpoint::reportTopic(const Topic &topic)
{
    if (!admitPath(topic.path))
        return;
    m_pending.topics.append(topic);
    scheduleFlush();
}

void Endpoint::reportTopicRemoved(const QString &path)
{
    m_knownPaths.remove(path);
    if (m_knownPaths.size() < m_config.maxTopics)
        m_topicLimitReported = false;
    m_pending.removedTopics.append(path);
    scheduleFlush();
}

void Endpoint::reportSample(const QString &path, qint64 t, double value)
{
    if (!admitPath(path))
        return;
    m_pending.samples.append(Sample {path, t, value});
    scheduleFlush();
}

void Endpoint::reportEvent(
    Severity severity, const QString &path, const QString &summary, const QString &payload, qint64 t)
{
    Event event;
    event.t = timeOr(t);
    event.severity = severity;
    event.path = path;
    event.summary = summary;
    event.payload = payload;
    event.endpoint = m_config.name;
    m_pending.events.append(event);
    scheduleFlush();
}

void Endpoint::reportPresence(const PresenceReport &report)
{
    m_pending.presence.append(report);
    m_pending.presence.last().t = timeOr(report.t);
    scheduleFlush();
}

void Endpoint::reportAlarm(const ServerAlarm &alarm)
{
    m_pending.alarms.append(alarm);
    m_pending.alarms.last().t = timeOr(alarm.t);
    scheduleFlush();
}

qint64 Endpoint::timeOr(qint64 t) const
{
    return t > 0 ? t : (m_replayTimeMs > 0 ? m_replayTimeMs : nowMs());
}

void Endpoint::setStatus(const LinkStatus &status)
{
    if (status == m_status)
        return;
    m_status = status;
    m_everReady = m_everReady || status.state == LinkState::Ready;
    // Pending data goes out first so that observers see it before e.g. a Closed state.
    flush();
    Q_EMIT stateChanged(status);
}

void Endpoint::followLink(WebSocketLink *link, bool warnOnLoss)
{
    connect(link, &WebSocketLink::stateChanged, this, [this, warnOnLoss](const LinkStatus &status) {
        if (warnOnLoss && status.state == LinkState::Reconnecting && m_everReady && status.isProblem())
            reportEvent(Severity::Warning, QString(), QStringLiteral("connection lost: %1").arg(status.text()));
        setStatus(status);
    });
}

bool Endpoint::addSubscription(const QString &path)
{
    if (m_subscriptions.contains(path))
        return false;
    m_subscriptions.insert(path);
    return true;
}

bool Endpoint::removeSubscription(const QString &path)
{
    return m_subscriptions.remove(path);
}

void Endpoint::finishCommand(const CommandReply &reply, const QString &path, Severity failure)
{
    reportEvent(reply.ok ? Severity::Info : failure, path, reply.detail, reply.payload);
    flush();
    Q_EMIT commandFinished(reply);
}

void Endpoint::replayFrame(const QString &text)
{
    reportEvent(Severity::Info, QString(), QStringLiteral("replayed frame"), text);
}

void Endpoint::replayBinaryFrame(const QByteArray &data)
{
    reportEvent(Severity::Info, QString(), QStringLiteral("replayed binary frame (%1 bytes)").arg(data.size()),
        hexPreview(data, static_cast<int>(data.size())));
}

void Endpoint::replaySentFrame(const QString &text)
{
    Q_UNUSED(text);
}

void Endpoint::attachLink(WebSocketLink *link, const QString &channel)
{
    if (!link || m_links.contains(link))
        return;
    m_links.insert(link);
    link->setTlsPolicy(m_tls);
    connect(link, &QObject::destroyed, this, [this, link] { m_links.remove(link); });
    connect(link, &WebSocketLink::textReceived, this, [this, link, channel](const QString &text) {
        emitWire(WireFrame::Direction::In, text, {}, false, link->lastReceivedMs(), channel);
    });
    connect(link, &WebSocketLink::binaryReceived, this, [this, link, channel](const QByteArray &data) {
        emitWire(WireFrame::Direction::In, {}, data, true, link->lastReceivedMs(), channel);
    });
    connect(link, &WebSocketLink::frameSent, this,
        [this, channel](const QString &text) { emitWire(WireFrame::Direction::Out, text, {}, false, 0, channel); });
    connect(link, &WebSocketLink::binaryFrameSent, this,
        [this, channel](const QByteArray &data) { emitWire(WireFrame::Direction::Out, {}, data, true, 0, channel); });
    connect(link, &WebSocketLink::dropped, this, [this, link](int closeCode, const QString &reason) {
        const QString why = WebSocketLink::refusedInputReason(closeCode, link->options().maxMessageBytes);
        if (!why.isEmpty())
            reportEvent(Severity::Error, QString(), why, reason);
    });
}

qint64 Endpoint::receiveTimeMs(const WebSocketLink *link) const
{
    if (m_replayTimeMs > 0)
        return m_replayTimeMs;
    if (link && link->lastReceivedMs() > 0)
        return link->lastReceivedMs();
    return nowMs();
}

void Endpoint::attachChildLinks()
{
    const auto links = findChildren<WebSocketLink *>();
    for (WebSocketLink *link : links)
        attachLink(link);
}

void Endpoint::connectNotify(const QMetaMethod &signal)
{
    if (signal != QMetaMethod::fromSignal(&Endpoint::wireFrame))
        return;
    // connect() may run in another thread than the endpoint's: look for links in ours.
    if (QThread::currentThread() == thread())
        attachChildLinks();
    else
        QMetaObject::invokeMethod(this, &Endpoint::attachChildLinks, Qt::QueuedConnection);
}

void Endpoint::emitWire(WireFrame::Direction direction, const QString &text, const QByteArray &data, bool binary,
    qint64 t, const QString &channel)
{
    if (!isSignalConnected(QMetaMethod::fromSignal(&Endpoint::wireFrame)))
        return;
    WireFrame frame;
    frame.t = t > 0 ? t : nowMs();
    frame.direction = direction;
    frame.binary = binary;
    frame.text = text;
    frame.data = data;
    frame.channel = channel;
    Q_EMIT wireFrame(frame);
}

} // namespace fleetscope
