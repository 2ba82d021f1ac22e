#include "core/endpoint/endpoint.h"

#include <QDateTime>

namespace fleetscope {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Endpoint::Endpoint(const EndpointConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{
    // Members are parented so that moveToThread() takes them along with the endpoint.
    m_flushTimer.setParent(this);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &Endpoint::flush);
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

void Endpoint::reportTopic(const Topic &topic)
{
    m_pending.topics.append(topic);
    scheduleFlush();
}

void Endpoint::reportTopicRemoved(const QString &path)
{
    m_pending.removedTopics.append(path);
    scheduleFlush();
}

void Endpoint::reportSample(const QString &path, qint64 t, double value)
{
    m_pending.samples.append(Sample {path, t, value});
    scheduleFlush();
}

void Endpoint::reportEvent(
    Severity severity, const QString &path, const QString &summary, const QString &payload, qint64 t)
{
    Event event;
    event.t = t > 0 ? t : nowMs();
    event.severity = severity;
    event.path = path;
    event.summary = summary;
    event.payload = payload;
    event.endpoint = m_config.name;
    m_pending.events.append(event);
    scheduleFlush();
}

void Endpoint::setState(LinkState state, const QString &detail)
{
    if (state == m_state && detail == m_stateDetail)
        return;
    m_state = state;
    m_stateDetail = detail;
    // Pending data goes out first so that observers see it before e.g. a Closed state.
    flush();
    Q_EMIT stateChanged(state, detail);
}

} // namespace fleetscope
