#pragma once

#include "core/endpoint/endpointbatch.h"
#include "core/endpoint/endpointconfig.h"
#include "core/model/command.h"
#include "core/model/eventlogmodel.h"
#include "core/model/seriesstore.h"
#include "core/model/topictreemodel.h"
#include "core/workspace/endpointstatus.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <memory>

namespace fleetscope {

class ConnectionTest;
class EndpointHost;
class ProtocolRegistry;
class SecretMasker;

// The session behind the console window: owns every endpoint (created through the
// ProtocolRegistry, living on one network thread), and applies what they report — at most ~30
// batches a second each — to the event log and the series store at once, and to the topic tree
// merged every kTreeIntervalMs (always before browseFinished, so the tree is complete then). Routes
// subscribe, unsubscribe and send by endpoint name and keeps each endpoint's status (state,
// failure reason, retry countdown, counters, message rate).
//
// Threading: the Workspace and its models live on the GUI thread; endpoints live on the network
// thread it starts and are only reached through queued calls to its EndpointHost. Owned by main.
class Workspace : public QObject
{
    Q_OBJECT

public:
    static constexpr int kTreeIntervalMs = 150;

    // `masker` (may be null) learns every endpoint's secret, for the event store and recordings.
    explicit Workspace(
        const ProtocolRegistry &registry, std::shared_ptr<SecretMasker> masker = {}, QObject *parent = nullptr);
    ~Workspace() override;

    const ProtocolRegistry &protocols() const { return m_registry; }
    TopicTreeModel *topics() const { return m_topics.get(); }
    EventLogModel *events() const { return m_events.get(); }
    SeriesStore &series() { return m_series; }
    const SeriesStore &series() const { return m_series; }

    // A SeriesStore key: one series per endpoint and sample path.
    static QString seriesKey(const QString &endpoint, const QString &path);
    static bool splitSeriesKey(const QString &key, QString *endpoint, QString *path);

    // Adds an endpoint (not yet connected). False when the name is empty or taken, or the
    // registry refuses the config; *error says why. The secret may be missing: connecting then
    // fails with the reason until setSecret() provides it.
    bool addEndpoint(const EndpointConfig &config, QString *error);
    void removeEndpoint(const QString &name);
    // Replaces an endpoint's config (e.g. after the dialog's Edit), keeping its subscriptions and
    // reconnecting when it was connected. The name may change.
    bool replaceEndpoint(const QString &name, const EndpointConfig &config, QString *error);
    bool hasEndpoint(const QString &name) const { return m_entries.contains(name); }
    QStringList endpointNames() const { return m_order; }
    EndpointConfig config(const QString &name) const;
    EndpointStatus status(const QString &name) const;
    QSet<QString> subscriptions(const QString &name) const;
    // Whether the user asked this endpoint to be connected (it may be reconnecting).
    bool isWanted(const QString &name) const;

    // Sets the secret (held in memory only); a connected endpoint reconnects with it.
    void setSecret(const QString &name, const QString &secret);
    void connectEndpoint(const QString &name);
    void disconnectEndpoint(const QString &name);
    void browse(const QString &name);
    void subscribe(const QString &name, const QString &path);
    void unsubscribe(const QString &name, const QString &path);
    // Sends through the endpoint; returns the command's id, which commandFinished() carries.
    quint64 send(const QString &name, const Command &command);

    // Paths of the subscribable topics of an endpoint's tree, breadth first, at most `limit`.
    QStringList subscribableTopics(const QString &name, int limit) const;

    // Opens a temporary endpoint for the connection dialog; the caller owns the handle.
    ConnectionTest *testConnection(const EndpointConfig &config, QObject *parent = nullptr);

    // Records every frame in and out of every endpoint (those added later too) into a session
    // recording at `path` until stopRecording(); recordingChanged() says how it went.
    void startRecording(const QString &path);
    void stopRecording();
    bool isRecording() const { return m_recording; }
    QString recordingPath() const { return m_recordingPath; }

    // A note about endpoint `name` from the console (e.g. "not connected: no key given"), in the
    // log and the event store like any event.
    void note(Severity severity, const QString &name, const QString &summary, const QString &payload = {});

    // Totals for the status bar.
    double messagesPerSecond() const;
    int readyCount() const;

Q_SIGNALS:
    void endpointAdded(const QString &name);
    void endpointRemoved(const QString &name);
    void statusChanged(const QString &name);
    void subscriptionsChanged(const QString &name);
    // After a batch reached the models (charts schedule their redraw on this).
    void batchApplied(const QString &name, int samples, int events);
    // Every event as it reaches the log (the on-disk event store connects here).
    void eventsAppended(const fleetscope::EventList &events);
    void browseFinished(const QString &name, bool ok, const QString &detail);
    void commandFinished(const QString &name, const fleetscope::CommandReply &reply);
    // The endpoint's config changed by itself: it pinned a certificate the user let it accept
    // (LinkOptions::pinnedCertificates). The owner of the profiles saves it.
    void configChanged(const QString &name);
    // Recording started or stopped; `detail` says why it stopped when it failed.
    void recordingChanged(bool recording, const QString &path, const QString &detail);

private:
    struct Entry
    {
        quint64 id = 0; // the EndpointHost's id of the current endpoint instance; 0 before connecting
        EndpointConfig config;
        EndpointStatus status;
        QSet<QString> subscriptions;
        QHash<QString, int> seriesByPath; // sample path -> SeriesStore handle
        bool wanted = false;
        bool everReady = false; // this instance was ready once: it keeps its own subscriptions
        quint64 framesAtSample = 0;
        qint64 sampledAtMs = 0;
    };

    template<typename F>
    void post(F &&call);
    Entry *entryById(quint64 id);
    bool insertEndpoint(const EndpointConfig &config, int position, QString *error);
    bool validateExceptSecret(const EndpointConfig &config, QString *error) const;
    void createInstance(Entry &entry);
    void dropInstance(Entry &entry);
    void onCreated(quint64 id, bool ok, const QString &error);
    void onState(quint64 id, const LinkStatus &status);
    void onBatch(quint64 id, const EndpointBatch &batch);
    void onBrowseFinished(quint64 id, bool ok, const QString &detail);
    void onCommandFinished(quint64 id, const CommandReply &reply);
    void onCertificatePinned(quint64 id, const QString &fingerprint);
    void onCounters(quint64 id, const LinkCounters &counters);
    // Applies what the topic tree has been waiting for (see m_treePending).
    void flushTree();
    // A note from the console itself (a limit hit, a recording started) in the log and the store.
    void appendConsoleEvent(Severity severity, const QString &summary, const QString &payload = {});
    void onRecordingChanged(bool recording, const QString &path, const QString &detail);

    const ProtocolRegistry &m_registry;
    std::shared_ptr<SecretMasker> m_masker;
    std::unique_ptr<TopicTreeModel> m_topics;
    std::unique_ptr<EventLogModel> m_events;
    SeriesStore m_series;
    QThread m_networkThread;
    EndpointHost *m_host = nullptr;
    QHash<QString, Entry> m_entries;
    QHash<quint64, QString> m_nameById;
    QStringList m_order;
    quint64 m_lastId = 0; // endpoint and probe ids: never reused
    quint64 m_lastCommandId = 0;
    QHash<quint64, ConnectionTest *> m_tests;
    // The tree takes batches merged, a few times a second: its rows repaint at a rate people can
    // read, and a flood costs its views a few updates a second instead of one per batch.
    QHash<QString, EndpointBatch> m_treePending;
    QTimer m_treeTimer;
    bool m_recording = false;
    QString m_recordingPath;
};

} // namespace fleetscope
