#include "core/workspace/endpointhost.h"

#include "core/endpoint/endpoint.h"
#include "core/endpoint/protocolregistry.h"
#include "core/recording/sessionrecorder.h"

#include <QTimer>

#include <utility>

namespace fleetscope {

namespace {
void dispose(Endpoint *endpoint, QObject *host)
{
    endpoint->disconnect(host);
    endpoint->close();
    delete endpoint;
}
} // namespace

EndpointHost::EndpointHost(const ProtocolRegistry &registry)
    : m_registry(registry)
{ }

EndpointHost::~EndpointHost()
{
    destroyAll();
}

void EndpointHost::create(quint64 id, const EndpointConfig &config)
{
    QString error;
    std::unique_ptr<Endpoint> made = m_registry.create(config, &error);
    if (!made) {
        Q_EMIT created(id, false, error);
        return;
    }
    Endpoint *endpoint = made.release();
    endpoint->setParent(this);
    m_endpoints.insert(id, endpoint);
    connect(endpoint, &Endpoint::stateChanged, this,
        [this, id](const LinkStatus &status) { Q_EMIT stateChanged(id, status); });
    connect(endpoint, &Endpoint::batchReady, this,
        [this, id](const EndpointBatch &batch) { Q_EMIT batchReady(id, batch); });
    connect(endpoint, &Endpoint::browseFinished, this,
        [this, id](bool ok, const QString &detail) { Q_EMIT browseFinished(id, ok, detail); });
    connect(endpoint, &Endpoint::commandFinished, this,
        [this, id](const CommandReply &reply) { Q_EMIT commandFinished(id, reply); });
    connect(endpoint, &Endpoint::certificatePinned, this,
        [this, id](const QString &, const QString &fingerprint) { Q_EMIT certificatePinned(id, fingerprint); });
    if (!m_countersTimer) {
        m_countersTimer = new QTimer(this);
        m_countersTimer->setInterval(1000);
        connect(m_countersTimer, &QTimer::timeout, this, &EndpointHost::sampleCounters);
        m_countersTimer->start();
    }
    if (m_recorder)
        m_recorder->addEndpoint(endpoint);
    Q_EMIT created(id, true, QString());
}

void EndpointHost::startRecording(const QString &path, std::shared_ptr<const SecretMasker> masker)
{
    stopRecording();
    auto *recorder = new SessionRecorder(std::move(masker), this);
    for (Endpoint *endpoint : std::as_const(m_endpoints))
        recorder->addEndpoint(endpoint);
    QString error;
    if (!recorder->start(path, &error)) {
        delete recorder;
        Q_EMIT recordingChanged(false, path, error);
        return;
    }
    connect(recorder, &SessionRecorder::failed, this, [this, recorder](const QString &reason) {
        if (m_recorder != recorder)
            return;
        m_recorder = nullptr;
        recorder->deleteLater();
        Q_EMIT recordingChanged(false, recorder->path(), reason);
    });
    m_recorder = recorder;
    Q_EMIT recordingChanged(true, path, QString());
}

void EndpointHost::stopRecording()
{
    if (!m_recorder)
        return;
    SessionRecorder *recorder = std::exchange(m_recorder, nullptr);
    recorder->stop();
    const QString path = recorder->path();
    delete recorder;
    Q_EMIT recordingChanged(false, path, QString());
}

void EndpointHost::destroy(quint64 id)
{
    if (Endpoint *endpoint = m_endpoints.take(id))
        dispose(endpoint, this);
    if (Endpoint *probe = m_probes.take(id))
        dispose(probe, this);
}

void EndpointHost::destroyAll()
{
    stopRecording(); // the file ends whole before its endpoints go
    const auto endpoints = std::exchange(m_endpoints, {});
    for (Endpoint *endpoint : endpoints)
        dispose(endpoint, this);
    const auto probes = std::exchange(m_probes, {});
    for (Endpoint *probe : probes)
        dispose(probe, this);
    // Its timer belongs to this thread: it must go before the thread ends.
    delete m_countersTimer;
    m_countersTimer = nullptr;
}

void EndpointHost::open(quint64 id)
{
    if (Endpoint *endpoint = m_endpoints.value(id))
        endpoint->open();
}

void EndpointHost::close(quint64 id)
{
    if (Endpoint *endpoint = m_endpoints.value(id))
        endpoint->close();
}

void EndpointHost::browse(quint64 id)
{
    if (Endpoint *endpoint = m_endpoints.value(id))
        endpoint->browse();
}

void EndpointHost::subscribe(quint64 id, const QString &path)
{
    if (Endpoint *endpoint = m_endpoints.value(id))
        endpoint->subscribe(path);
}

void EndpointHost::unsubscribe(quint64 id, const QString &path)
{
    if (Endpoint *endpoint = m_endpoints.value(id))
        endpoint->unsubscribe(path);
}

void EndpointHost::send(quint64 id, const Command &command)
{
    if (Endpoint *endpoint = m_endpoints.value(id)) {
        endpoint->send(command);
        return;
    }
    CommandReply reply;
    reply.id = command.id;
    reply.refusedLocally = true;
    reply.detail = tr("the endpoint is gone");
    Q_EMIT commandFinished(id, reply);
}

void EndpointHost::startProbe(quint64 id, const EndpointConfig &config)
{
    QString error;
    std::unique_ptr<Endpoint> made = m_registry.create(config, &error);
    if (!made) {
        Q_EMIT probeState(id, LinkStatus {LinkState::Failed, LinkReason::BadConfig, error});
        return;
    }
    Endpoint *endpoint = made.release();
    endpoint->setParent(this);
    m_probes.insert(id, endpoint);
    connect(endpoint, &Endpoint::stateChanged, this,
        [this, id](const LinkStatus &status) { Q_EMIT probeState(id, status); });
    endpoint->open();
}

void EndpointHost::sampleCounters()
{
    for (auto it = m_endpoints.cbegin(); it != m_endpoints.cend(); ++it)
        Q_EMIT countersSampled(it.key(), it.value()->counters());
}

} // namespace fleetscope
