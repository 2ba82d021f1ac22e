#include "core/workspace/workspace.h"

#include "core/endpoint/protocolregistry.h"
#include "core/util/secretmasker.h"
#include "core/workspace/connectiontest.h"
#include "core/workspace/endpointhost.h"

#include <QDateTime>

#include <algorithm>
#include <utility>

namespace fleetscope {

namespace {
qint64 wallClockMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

Workspace::Workspace(const ProtocolRegistry &registry, std::shared_ptr<SecretMasker> masker, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_masker(std::move(masker))
    , m_topics(std::make_unique<TopicTreeModel>())
    , m_events(std::make_unique<EventLogModel>())
{
    qRegisterMetaType<EndpointBatch>();
    qRegisterMetaType<LinkState>();
    qRegisterMetaType<LinkStatus>();
    qRegisterMetaType<LinkCounters>();
    qRegisterMetaType<Command>();
    qRegisterMetaType<CommandReply>();
    qRegisterMetaType<EventList>();

    // docs/limits.md: the series memory cap is never hit silently.
    m_series.setCapReachedHandler([this](qint64 capBytes) {
        appendConsoleEvent(Severity::Warning,
            tr("series memory cap of %1 MiB reached: the oldest samples are dropped first").arg(capBytes >> 20));
    });
    m_treeTimer.setSingleShot(true);
    m_treeTimer.setInterval(kTreeIntervalMs);
    connect(&m_treeTimer, &QTimer::timeout, this, &Workspace::flushTree);
    m_networkThread.setObjectName(QStringLiteral("fleetscope-network"));
    m_host = new EndpointHost(m_registry);
    m_host->moveToThread(&m_networkThread);
    connect(m_host, &EndpointHost::created, this, &Workspace::onCreated, Qt::QueuedConnection);
    connect(m_host, &EndpointHost::stateChanged, this, &Workspace::onState, Qt::QueuedConnection);
    connect(m_host, &EndpointHost::batchReady, this, &Workspace::onBatch, Qt::QueuedConnection);
    connect(m_host, &EndpointHost::browseFinished, this, &Workspace::onBrowseFinished, Qt::QueuedConnection);
    connect(m_host, &EndpointHost::commandFinished, this, &Workspace::onCommandFinished, Qt::QueuedConnection);
    connect(m_host, &EndpointHost::certificatePinned, this, &Workspace::onCertificatePinned, Qt::QueuedConnection);
    connect(m_host, &EndpointHost::countersSampled, this, &Workspace::onCounters, Qt::QueuedConnection);
    connect(m_host, &EndpointHost::recordingChanged, this, &Workspace::onRecordingChanged, Qt::QueuedConnection);
    connect(
        m_host, &EndpointHost::probeState, this,
        [this](quint64 id, const LinkStatus &status) {
            if (ConnectionTest *test = m_tests.value(id))
                test->onState(status);
        },
        Qt::QueuedConnection);
    m_networkThread.start();
}

Workspace::~Workspace()
{
    // Tests still running lose their endpoint with the thread.
    for (ConnectionTest *test : std::as_const(m_tests))
        test->m_stop = nullptr;
    QMetaObject::invokeMethod(m_host, &EndpointHost::destroyAll, Qt::BlockingQueuedConnection);
    m_networkThread.quit();
    m_networkThread.wait();
    delete m_host;
}

template<typename F>
void Workspace::post(F &&call)
{
    EndpointHost *host = m_host;
    QMetaObject::invokeMethod(
        host, [host, call = std::forward<F>(call)] { call(host); }, Qt::QueuedConnection);
}

QString Workspace::seriesKey(const QString &endpoint, const QString &path)
{
    return endpoint + QLatin1Char('\n') + path;
}

bool Workspace::splitSeriesKey(const QString &key, QString *endpoint, QString *path)
{
    const qsizetype cut = key.indexOf(QLatin1Char('\n'));
    if (cut < 0)
        return false;
    *endpoint = key.left(cut);
    *path = key.mid(cut + 1);
    return true;
}

Workspace::Entry *Workspace::entryById(quint64 id)
{
    const auto name = m_nameById.constFind(id);
    if (name == m_nameById.constEnd())
        return nullptr;
    auto it = m_entries.find(name.value());
    return it == m_entries.end() || it->id != id ? nullptr : &it.value();
}

bool Workspace::addEndpoint(const EndpointConfig &config, QString *error)
{
    return insertEndpoint(config, static_cast<int>(m_order.size()), error);
}

bool Workspace::insertEndpoint(const EndpointConfig &config, int position, QString *error)
{
    if (config.name.trimmed().isEmpty()) {
        *error = tr("an endpoint needs a name");
        return false;
    }
    if (m_entries.contains(config.name)) {
        *error = tr("an endpoint named \"%1\" exists already").arg(config.name);
        return false;
    }
    if (!validateExceptSecret(config, error))
        return false;
    if (m_masker && !config.secret.isEmpty())
        m_masker->addSecret(config.secret);
    Entry entry;
    entry.config = config;
    entry.status.name = config.name;
    entry.status.protocol = config.protocol;
    entry.status.url = config.url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    auto it = m_entries.insert(config.name, entry);
    m_order.insert(std::clamp(position, 0, static_cast<int>(m_order.size())), config.name);
    Q_UNUSED(it);
    m_topics->addEndpoint(config.name, config.protocol);
    Q_EMIT endpointAdded(config.name);
    return true;
}

bool Workspace::validateExceptSecret(const EndpointConfig &config, QString *error) const
{
    // The secret may come later (from the keychain, or asked for): connecting checks it.
    EndpointConfig check = config;
    if (check.secret.isEmpty())
        check.secret = QStringLiteral("-");
    return m_registry.validate(check, error);
}

void Workspace::createInstance(Entry &entry)
{
    entry.id = ++m_lastId;
    entry.everReady = false;
    m_nameById.insert(entry.id, entry.config.name);
    const quint64 id = entry.id;
    const EndpointConfig config = entry.config;
    post([id, config](EndpointHost *host) { host->create(id, config); });
}

void Workspace::removeEndpoint(const QString &name)
{
    auto it = m_entries.find(name);
    if (it == m_entries.end())
        return;
    m_treePending.remove(name);
    dropInstance(it.value());
    m_entries.erase(it);
    m_order.removeAll(name);
    m_topics->removeEndpoint(name);
    Q_EMIT endpointRemoved(name);
}

bool Workspace::replaceEndpoint(const QString &name, const EndpointConfig &config, QString *error)
{
    auto it = m_entries.find(name);
    if (it == m_entries.end()) {
        *error = tr("no endpoint named \"%1\"").arg(name);
        return false;
    }
    if (config.name != name && m_entries.contains(config.name)) {
        *error = tr("an endpoint named \"%1\" exists already").arg(config.name);
        return false;
    }
    if (!validateExceptSecret(config, error))
        return false;
    const bool wanted = it->wanted;
    const QSet<QString> subscriptions = it->subscriptions;
    const int position = static_cast<int>(m_order.indexOf(name));
    removeEndpoint(name);
    QString ignored;
    insertEndpoint(config, position, &ignored);
    Entry &entry = m_entries[config.name];
    entry.subscriptions = subscriptions;
    for (const QString &path : subscriptions)
        m_topics->setSubscribed(config.name, path, true);
    if (wanted)
        connectEndpoint(config.name);
    return true;
}

EndpointConfig Workspace::config(const QString &name) const
{
    return m_entries.value(name).config;
}

EndpointStatus Workspace::status(const QString &name) const
{
    return m_entries.value(name).status;
}

QSet<QString> Workspace::subscriptions(const QString &name) const
{
    return m_entries.value(name).subscriptions;
}

bool Workspace::isWanted(const QString &name) const
{
    return m_entries.value(name).wanted;
}

void Workspace::dropInstance(Entry &entry)
{
    if (entry.id == 0)
        return;
    const quint64 id = entry.id;
    post([id](EndpointHost *host) { host->destroy(id); });
    m_nameById.remove(id);
    entry.id = 0;
}

void Workspace::setSecret(const QString &name, const QString &secret)
{
    auto it = m_entries.find(name);
    if (it == m_entries.end() || it->config.secret == secret)
        return;
    it->config.secret = secret;
    if (m_masker && !secret.isEmpty())
        m_masker->addSecret(secret);
    // The endpoint took its config when it was made: the next connect makes a new one.
    dropInstance(it.value());
    if (it->wanted)
        connectEndpoint(name);
}

void Workspace::connectEndpoint(const QString &name)
{
    auto it = m_entries.find(name);
    if (it == m_entries.end())
        return;
    it->wanted = true;
    if (it->id == 0)
        createInstance(it.value());
    const quint64 id = it->id;
    post([id](EndpointHost *host) { host->open(id); });
}

void Workspace::disconnectEndpoint(const QString &name)
{
    auto it = m_entries.find(name);
    if (it == m_entries.end())
        return;
    it->wanted = false;
    const quint64 id = it->id;
    post([id](EndpointHost *host) { host->close(id); });
}

QStringList Workspace::subscribableTopics(const QString &name, int limit) const
{
    QStringList out;
    QVector<QModelIndex> pending {m_topics->indexFor(name)};
    while (!pending.isEmpty() && out.size() < limit) {
        const QModelIndex parent = pending.takeFirst();
        if (!parent.isValid())
            continue;
        const int rows = m_topics->rowCount(parent);
        for (int row = 0; row < rows && out.size() < limit; ++row) {
            const QModelIndex child = m_topics->index(row, 0, parent);
            if (child.data(TopicTreeModel::SubscribableRole).toBool())
                out << child.data(TopicTreeModel::PathRole).toString();
            pending.append(child);
        }
    }
    return out;
}

void Workspace::browse(const QString &name)
{
    if (const auto it = m_entries.constFind(name); it != m_entries.constEnd() && it->id != 0) {
        const quint64 id = it->id;
        post([id](EndpointHost *host) { host->browse(id); });
    }
}

void Workspace::subscribe(const QString &name, const QString &path)
{
    auto it = m_entries.find(name);
    if (it == m_entries.end() || it->subscriptions.contains(path))
        return;
    it->subscriptions.insert(path);
    m_topics->setSubscribed(name, path, true);
    // Before the first ready the endpoint gets them all at once (after its browse).
    if (it->everReady) {
        const quint64 id = it->id;
        post([id, path](EndpointHost *host) { host->subscribe(id, path); });
    }
    Q_EMIT subscriptionsChanged(name);
}

void Workspace::unsubscribe(const QString &name, const QString &path)
{
    auto it = m_entries.find(name);
    if (it == m_entries.end() || !it->subscriptions.remove(path))
        return;
    m_topics->setSubscribed(name, path, false);
    if (it->everReady) {
        const quint64 id = it->id;
        post([id, path](EndpointHost *host) { host->unsubscribe(id, path); });
    }
    Q_EMIT subscriptionsChanged(name);
}

quint64 Workspace::send(const QString &name, const Command &incoming)
{
    Command command = incoming;
    command.id = ++m_lastCommandId;
    const auto it = m_entries.constFind(name);
    if (it == m_entries.constEnd() || it->id == 0) {
        CommandReply reply;
        reply.id = command.id;
        reply.refusedLocally = true;
        reply.detail = it == m_entries.constEnd() ? tr("no endpoint named \"%1\"").arg(name) : tr("not connected");
        QMetaObject::invokeMethod(
            this, [this, name, reply] { Q_EMIT commandFinished(name, reply); }, Qt::QueuedConnection);
        return command.id;
    }
    const quint64 id = it->id;
    post([id, command](EndpointHost *host) { host->send(id, command); });
    return command.id;
}

ConnectionTest *Workspace::testConnection(const EndpointConfig &incoming, QObject *parent)
{
    EndpointConfig config = incoming;
    config.link.reconnect = false;
    config.link.retryFirstConnect = false;
    const quint64 id = ++m_lastId;
    auto stop = [this, id](quint64) {
        m_tests.remove(id);
        post([id](EndpointHost *host) { host->destroy(id); });
    };
    auto *test = new ConnectionTest(id, config.link.connectTimeoutMs + 5000, stop, parent);
    m_tests.insert(id, test);
    post([id, config](EndpointHost *host) { host->startProbe(id, config); });
    return test;
}

double Workspace::messagesPerSecond() const
{
    double total = 0.0;
    for (const Entry &entry : m_entries)
        total += entry.status.messagesPerSecond;
    return total;
}

int Workspace::readyCount() const
{
    int ready = 0;
    for (const Entry &entry : m_entries)
        ready += entry.status.state == LinkState::Ready ? 1 : 0;
    return ready;
}

void Workspace::onCreated(quint64 id, bool ok, const QString &error)
{
    Entry *entry = entryById(id);
    if (!entry)
        return;
    if (!ok) {
        // Nothing was made: the next connect tries again (e.g. with the secret now known).
        m_nameById.remove(id);
        entry->id = 0;
        entry->status.state = LinkState::Failed;
        entry->status.reason = LinkReason::BadConfig;
        entry->status.detail = error;
        Q_EMIT statusChanged(entry->config.name);
    }
}

void Workspace::onState(quint64 id, const LinkStatus &status)
{
    Entry *entry = entryById(id);
    if (!entry)
        return;
    const QString name = entry->config.name;
    const LinkState state = status.state;
    entry->status.state = state;
    entry->status.reason = status.reason;
    entry->status.detail = status.text();
    entry->status.retryAtMs =
        state == LinkState::Reconnecting && status.retryInMs >= 0 ? wallClockMs() + status.retryInMs : 0;
    m_topics->setEndpointState(name, state, entry->status.detail);
    if (state == LinkState::Ready && !entry->everReady) {
        entry->everReady = true;
        post([id](EndpointHost *host) { host->browse(id); });
        for (const QString &path : std::as_const(entry->subscriptions))
            post([id, path](EndpointHost *host) { host->subscribe(id, path); });
    }
    Q_EMIT statusChanged(name);
}

void Workspace::onBatch(quint64 id, const EndpointBatch &batch)
{
    Entry *entry = entryById(id);
    if (!entry)
        return;
    const QString name = entry->config.name;
    EndpointBatch &pending = m_treePending[name];
    pending.topics += batch.topics;
    pending.removedTopics += batch.removedTopics;
    pending.samples += batch.samples;
    pending.events += batch.events;
    if (!m_treeTimer.isActive())
        m_treeTimer.start();
    for (const Sample &sample : batch.samples) {
        auto handle = entry->seriesByPath.constFind(sample.path);
        if (handle == entry->seriesByPath.constEnd())
            handle = entry->seriesByPath.insert(sample.path, m_series.ensureSeries(seriesKey(name, sample.path)));
        m_series.append(handle.value(), sample.t, sample.value);
    }
    if (!batch.events.isEmpty()) {
        m_events->append(batch.events);
        Q_EMIT eventsAppended(batch.events);
    }
    Q_EMIT batchApplied(name, static_cast<int>(batch.samples.size()), static_cast<int>(batch.events.size()));
}

void Workspace::startRecording(const QString &path)
{
    std::shared_ptr<const SecretMasker> masker = m_masker;
    post([path, masker](EndpointHost *host) { host->startRecording(path, masker); });
}

void Workspace::stopRecording()
{
    post([](EndpointHost *host) { host->stopRecording(); });
}

void Workspace::onRecordingChanged(bool recording, const QString &path, const QString &detail)
{
    m_recording = recording;
    m_recordingPath = path;
    if (recording)
        appendConsoleEvent(Severity::Info, tr("recording every frame to %1").arg(path));
    else
        appendConsoleEvent(detail.isEmpty() ? Severity::Info : Severity::Error,
            detail.isEmpty() ? tr("recording saved to %1").arg(path) : tr("recording stopped: %1").arg(detail));
    Q_EMIT recordingChanged(recording, path, detail);
}

void Workspace::appendConsoleEvent(Severity severity, const QString &summary, const QString &payload)
{
    note(severity, tr("Fleetscope"), summary, payload);
}

void Workspace::note(Severity severity, const QString &name, const QString &summary, const QString &payload)
{
    Event event;
    event.t = wallClockMs();
    event.severity = severity;
    event.summary = summary;
    event.payload = payload;
    event.endpoint = name;
    const EventList events {event};
    m_events->append(events);
    Q_EMIT eventsAppended(events);
}

void Workspace::flushTree()
{
    m_treeTimer.stop();
    const auto pending = std::exchange(m_treePending, {});
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        const auto entry = m_entries.constFind(it.key());
        if (entry == m_entries.constEnd())
            continue;
        m_topics->applyBatch(it.key(), it.value());
        // Subscriptions restored or made before the browse get their mark once their topic exists.
        for (const Topic &topic : it->topics) {
            if (entry->subscriptions.contains(topic.path))
                m_topics->setSubscribed(it.key(), topic.path, true);
        }
    }
}

void Workspace::onBrowseFinished(quint64 id, bool ok, const QString &detail)
{
    if (Entry *entry = entryById(id)) {
        flushTree(); // whoever reacts (subscribe all, completion) sees the whole tree
        Q_EMIT browseFinished(entry->config.name, ok, detail);
    }
}

void Workspace::onCommandFinished(quint64 id, const CommandReply &reply)
{
    if (Entry *entry = entryById(id))
        Q_EMIT commandFinished(entry->config.name, reply);
}

void Workspace::onCertificatePinned(quint64 id, const QString &fingerprint)
{
    Entry *entry = entryById(id);
    if (!entry || entry->config.link.pinnedCertificates.contains(fingerprint))
        return;
    entry->config.link.pinnedCertificates << fingerprint; // the next instance accepts it alone
    Q_EMIT configChanged(entry->config.name);
}

void Workspace::onCounters(quint64 id, const LinkCounters &counters)
{
    Entry *entry = entryById(id);
    if (!entry)
        return;
    const qint64 now = wallClockMs();
    if (entry->sampledAtMs > 0 && now > entry->sampledAtMs && counters.framesIn >= entry->framesAtSample) {
        entry->status.messagesPerSecond =
            static_cast<double>(counters.framesIn - entry->framesAtSample) * 1000.0 / (now - entry->sampledAtMs);
    }
    entry->framesAtSample = counters.framesIn;
    entry->sampledAtMs = now;
    entry->status.counters = counters;
    Q_EMIT statusChanged(entry->config.name);
}

} // namespace fleetscope
