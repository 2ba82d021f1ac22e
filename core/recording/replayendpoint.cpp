#include "core/recording/replayendpoint.h"

#include "core/endpoint/protocolregistry.h"

#include <QFileInfo>

#include <cmath>

namespace fleetscope {

ReplayEndpoint::ReplayEndpoint(const EndpointConfig &config, const ProtocolRegistry *registry, QObject *parent)
    : Endpoint(config, parent)
    , m_registry(registry)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ReplayEndpoint::playDue);
    bool ok = false;
    const double speed = config.options.value(QStringLiteral("speed"), 1.0).toDouble(&ok);
    m_speed = ok && std::isfinite(speed) && speed >= 0 ? speed : 1.0;
}

ReplayEndpoint::~ReplayEndpoint() = default;

EndpointConfig ReplayEndpoint::configFor(const QString &file, double speed, const QString &recordedEndpoint)
{
    EndpointConfig config;
    config.protocol = QStringLiteral("replay");
    config.url = QUrl::fromLocalFile(QFileInfo(file).absoluteFilePath());
    config.name = QStringLiteral("replay of %1").arg(QFileInfo(file).fileName());
    config.options.insert(QStringLiteral("speed"), speed);
    if (!recordedEndpoint.isEmpty())
        config.options.insert(QStringLiteral("endpoint"), recordedEndpoint);
    return config;
}

void ReplayEndpoint::open()
{
    const QString file = config().url.toLocalFile();
    setStatus({LinkState::Connecting, LinkReason::None, tr("opening recording %1").arg(file)});
    if (!m_reader.open(file)) {
        setStatus({LinkState::Failed, LinkReason::BadConfig, m_reader.error()});
        return;
    }
    const RecordingInfo &info = m_reader.info();
    const QString wanted = config().option(QStringLiteral("endpoint"));
    QStringList names;
    for (int i = 0; i < info.endpoints.size(); ++i) {
        names << info.endpoints.at(i).name;
        if (m_endpointIndex < 0 && (wanted.isEmpty() || info.endpoints.at(i).name == wanted))
            m_endpointIndex = i;
    }
    if (m_endpointIndex < 0 && !wanted.isEmpty()) {
        setStatus({LinkState::Failed, LinkReason::BadConfig,
            tr("the recording holds no endpoint named \"%1\" (it has: %2)")
                .arg(wanted, names.join(QLatin1String(", ")))});
        return;
    }
    m_hasNext = readNext();
    if (m_endpointIndex < 0 && m_hasNext)
        m_endpointIndex = m_next.endpointIndex; // declared after the header: the first one seen
    const RecordingEndpoint recorded = info.endpoints.value(m_endpointIndex);

    EndpointConfig adapterConfig;
    adapterConfig.name = config().name;
    adapterConfig.protocol = recorded.protocol;
    adapterConfig.url = QUrl(recorded.url);
    adapterConfig.maxTopics = config().maxTopics;
    // The factory directly, not ProtocolRegistry::create(): a replay needs no secret nor a reachable
    // URL, so the connection form's checks do not apply.
    const ProtocolInfo *protocol = m_registry ? m_registry->find(recorded.protocol) : nullptr;
    if (protocol && protocol->create)
        m_adapter = protocol->create(adapterConfig);
    if (m_adapter) {
        connect(m_adapter.get(), &Endpoint::batchReady, this, [this](const EndpointBatch &batch) {
            Q_EMIT batchReady(batch);
            if (m_browsePending && !batch.topics.isEmpty()) {
                m_browsePending = false;
                Q_EMIT browseFinished(true, tr("topics from the recording"));
            }
        });
    } else {
        // Frames still replay, as raw info events (Endpoint's default replay hooks, on this one).
        reportEvent(Severity::Warning, QString(),
            tr("no adapter for protocol \"%1\": frames are shown raw").arg(recorded.protocol));
    }
    m_playing = true;
    m_firstT = m_hasNext ? m_next.frame.t : 0;
    m_clock.start();
    setStatus({LinkState::Ready, LinkReason::None,
        tr("replaying %1 (%2, %3)")
            .arg(recorded.name, recorded.protocol.isEmpty() ? tr("unknown protocol") : recorded.protocol,
                m_speed > 0 ? tr("%1× speed").arg(m_speed) : tr("as fast as possible"))});
    m_timer.start(0);
}

bool ReplayEndpoint::readNext()
{
    RecordingFrame frame;
    while (m_reader.next(&frame)) {
        if (m_endpointIndex < 0 || frame.endpointIndex == m_endpointIndex) {
            m_next = frame;
            return true;
        }
    }
    return false;
}

void ReplayEndpoint::playDue()
{
    if (!m_playing)
        return;
    for (int played = 0; m_hasNext && played < kFramesPerTurn; ++played) {
        if (m_speed > 0) {
            const auto dueMs = static_cast<qint64>(static_cast<double>(m_next.frame.t - m_firstT) / m_speed);
            const qint64 waitMs = dueMs - m_clock.elapsed();
            if (waitMs > 0) {
                adoptRecordedSubscriptions();
                flush();
                m_timer.start(static_cast<int>(std::min<qint64>(waitMs, 60000)));
                return;
            }
        }
        play(m_next);
        if (!m_playing)
            return; // closed while playing
        m_hasNext = readNext();
    }
    adoptRecordedSubscriptions();
    if (m_hasNext) {
        m_timer.start(0);
        return;
    }
    finish();
}

void ReplayEndpoint::play(const RecordingFrame &recorded)
{
    const WireFrame &frame = recorded.frame;
    Endpoint *target = m_adapter ? m_adapter.get() : this;
    target->setReplayTime(frame.t);
    target->setReplayChannel(frame.channel);
    if (frame.direction == WireFrame::Direction::In) {
        ++m_counters.framesIn;
        m_counters.bytesIn += static_cast<quint64>(frame.binary ? frame.data.size() : frame.text.size());
        if (frame.binary)
            target->replayBinaryFrame(frame.data);
        else
            target->replayFrame(frame.text);
    } else {
        ++m_counters.framesOut;
        m_counters.bytesOut += static_cast<quint64>(frame.binary ? frame.data.size() : frame.text.size());
        if (!frame.binary)
            target->replaySentFrame(frame.text);
    }
    target->setReplayTime(0);
    target->setReplayChannel(QString());
}

void ReplayEndpoint::finish()
{
    m_playing = false;
    if (m_adapter)
        m_adapter->flush();
    if (std::exchange(m_browsePending, false))
        Q_EMIT browseFinished(true, tr("end of recording"));
    if (!m_reader.error().isEmpty())
        reportEvent(Severity::Error, QString(),
            tr("the recording is damaged; it was replayed up to the damage: %1").arg(m_reader.error()));
    else
        reportEvent(Severity::Info, QString(),
            tr("end of recording: %1 frames replayed").arg(m_counters.framesIn + m_counters.framesOut));
    setStatus({LinkState::Closed, LinkReason::None, tr("end of recording")});
}

void ReplayEndpoint::close()
{
    m_playing = false;
    m_timer.stop();
    if (m_adapter)
        m_adapter->flush();
    if (state() != LinkState::Idle)
        setStatus({LinkState::Closed, LinkReason::None, tr("closed")});
}

void ReplayEndpoint::browse()
{
    // The topics come from the recording as it plays: browsing ends with the first of them.
    if (m_playing)
        m_browsePending = true;
    else
        Q_EMIT browseFinished(true, tr("a replay's topics appear as the recording plays"));
}

void ReplayEndpoint::subscribe(const QString &path)
{
    addSubscription(path);
}

void ReplayEndpoint::unsubscribe(const QString &path)
{
    removeSubscription(path);
}

void ReplayEndpoint::adoptRecordedSubscriptions()
{
    if (!m_adapter)
        return;
    for (const QString &path : m_adapter->subscriptions())
        addSubscription(path); // what the recorded session watched
}

void ReplayEndpoint::send(const Command &command)
{
    CommandReply reply;
    reply.id = command.id ? command.id : nextCommandId();
    reply.ok = false;
    reply.refusedLocally = true;
    reply.detail = tr("a replay is read-only: commands are not sent");
    Q_EMIT commandFinished(reply);
}

} // namespace fleetscope
