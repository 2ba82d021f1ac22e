#include "core/recording/sessionrecorder.h"

#include "core/endpoint/endpoint.h"

namespace fleetscope {

SessionRecorder::SessionRecorder(std::shared_ptr<const SecretMasker> masker, QObject *parent)
    : QObject(parent)
    , m_writer(std::move(masker))
{
    m_flushTimer.setInterval(500);
    connect(&m_flushTimer, &QTimer::timeout, this, &SessionRecorder::flushToDisk);
}

SessionRecorder::~SessionRecorder()
{
    stop();
}

void SessionRecorder::addEndpoint(Endpoint *endpoint)
{
    for (const Recorded &recorded : std::as_const(m_endpoints)) {
        if (recorded.endpoint == endpoint)
            return;
    }
    Recorded recorded;
    recorded.endpoint = endpoint;
    recorded.info = RecordingEndpoint {
        endpoint->name(), endpoint->config().protocol, endpoint->config().url.toString(QUrl::FullyEncoded)};
    if (m_writer.isOpen())
        recorded.index = m_writer.addEndpoint(recorded.info);
    m_endpoints.append(recorded);
    connect(endpoint, &Endpoint::wireFrame, this,
        [this, endpoint](const WireFrame &frame) { onWireFrame(endpoint, frame); });
}

bool SessionRecorder::start(const QString &path, QString *error)
{
    stop();
    RecordingInfo info;
    info.startedMs = nowMs();
    for (int i = 0; i < m_endpoints.size(); ++i) {
        info.endpoints.append(m_endpoints.at(i).info);
        m_endpoints[i].index = i;
    }
    if (!m_writer.open(path, info, error))
        return false;
    m_path = path;
    m_flushTimer.start();
    return true;
}

void SessionRecorder::stop()
{
    m_flushTimer.stop();
    m_writer.close();
}

void SessionRecorder::onWireFrame(Endpoint *endpoint, const WireFrame &frame)
{
    if (!m_writer.isOpen())
        return;
    for (const Recorded &recorded : std::as_const(m_endpoints)) {
        if (recorded.endpoint != endpoint)
            continue;
        if (!m_writer.write(recorded.index, frame)) {
            const QString reason = m_writer.error();
            stop();
            Q_EMIT failed(reason);
        }
        return;
    }
}

void SessionRecorder::flushToDisk()
{
    if (!m_writer.flush() && m_writer.isOpen()) {
        const QString reason = m_writer.error();
        stop();
        Q_EMIT failed(reason);
    }
}

} // namespace fleetscope
