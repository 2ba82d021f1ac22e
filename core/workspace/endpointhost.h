#pragma once

#include "core/endpoint/endpointbatch.h"
#include "core/endpoint/endpointconfig.h"
#include "core/link/linkstate.h"
#include "core/model/command.h"

#include <QHash>
#include <QObject>

#include <memory>

class QTimer;

namespace fleetscope {

class Endpoint;
class ProtocolRegistry;
class SecretMasker;
class SessionRecorder;

// The worker that keeps every endpoint of a Workspace on the network thread: it creates them
// there (so their sockets and timers belong to that thread), routes calls to them by id and
// forwards what they report, tagged with that id. Ids are never reused, so whatever an endpoint
// reported before it was destroyed cannot be mistaken for its successor's. Also runs short-lived
// "probe" endpoints for the connection dialog's test button.
//
// Threading: created on the GUI thread without a parent, then moved to the network thread with
// moveToThread(); from then on call its slots only through queued invocations. Its signals are
// emitted on the network thread. Owned by the Workspace, which deletes it after the thread ended.
class EndpointHost : public QObject
{
    Q_OBJECT

public:
    explicit EndpointHost(const ProtocolRegistry &registry);
    ~EndpointHost() override;

public Q_SLOTS:
    void create(quint64 id, const fleetscope::EndpointConfig &config);
    void destroy(quint64 id);
    // Deletes every endpoint and probe (the Workspace calls this before stopping the thread).
    void destroyAll();
    void open(quint64 id);
    void close(quint64 id);
    void browse(quint64 id);
    void subscribe(quint64 id, const QString &path);
    void unsubscribe(quint64 id, const QString &path);
    void send(quint64 id, const fleetscope::Command &command);
    // A probe is an endpoint that only reports its state; it opens at once.
    void startProbe(quint64 id, const fleetscope::EndpointConfig &config);
    // Records the frames of every endpoint, present and future (not probes), into `path`.
    void startRecording(const QString &path, std::shared_ptr<const fleetscope::SecretMasker> masker);
    void stopRecording();

Q_SIGNALS:
    // ok false: the registry refused the config (error says why); no endpoint exists then.
    void created(quint64 id, bool ok, const QString &error);
    void stateChanged(quint64 id, const fleetscope::LinkStatus &status);
    void batchReady(quint64 id, const fleetscope::EndpointBatch &batch);
    void browseFinished(quint64 id, bool ok, const QString &detail);
    void commandFinished(quint64 id, const fleetscope::CommandReply &reply);
    // The endpoint accepted an untrusted certificate and pinned it (Endpoint::certificatePinned).
    void certificatePinned(quint64 id, const QString &fingerprint);
    // Once a second for every (non-probe) endpoint.
    void countersSampled(quint64 id, const fleetscope::LinkCounters &counters);
    void probeState(quint64 id, const fleetscope::LinkStatus &status);
    void recordingChanged(bool recording, const QString &path, const QString &detail);

private:
    void sampleCounters();

    const ProtocolRegistry &m_registry;
    QHash<quint64, Endpoint *> m_endpoints;
    QHash<quint64, Endpoint *> m_probes;
    SessionRecorder *m_recorder = nullptr; // while recording
    QTimer *m_countersTimer = nullptr; // created on the network thread with the first endpoint
};

} // namespace fleetscope
