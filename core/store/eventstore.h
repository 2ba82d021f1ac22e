#pragma once

#include "core/endpoint/endpointbatch.h"
#include "core/monitor/alert.h"
#include "core/store/eventquery.h"
#include "core/store/eventstoreoptions.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace fleetscope {

class EventStoreWriter;
struct EventStoreCounters;
class SecretMasker;

// The event log on disk: every event of every endpoint goes into one SQLite database (WAL mode),
// committed in batches at least once a second, with secrets masked and a retention limit by age
// and/or size. After a crash (even SIGKILL) at most the last flush interval of events is missing
// and the next open is clean.
//
// Writing never blocks the caller: append() hands the events to a writer object living in the
// store's own thread (queued), which owns the database connection. Queries run there too and come
// back through queryFinished(); `fleetscope-cli log` reads with EventStoreReader instead.
//
// Owned by whoever assembles the program (the app's main, the CLI); lives in the owner's thread.
// append(), appendBatch(), flush(), query() and the counters may be used from any thread.
class EventStore : public QObject
{
    Q_OBJECT

public:
    // `masker` may be null (no masking); it is shared with the writer thread.
    explicit EventStore(std::shared_ptr<const SecretMasker> masker, QObject *parent = nullptr);
    // Commits what is pending and stops the writer thread.
    ~EventStore() override;

    // Opens (creating when missing) the database; opened() tells how it went. Events appended
    // before it succeeds are kept and committed once it has.
    void open(const EventStoreOptions &options);
    // Commits what is pending, closes the database and waits for the writer thread: for the end of
    // the program (it blocks until the last commit is done).
    void close();

    // The user's choice: kept in the database (it wins over EventStoreOptions::retention at every
    // later open), applied at once; statusReported() follows.
    void setRetention(const EventRetention &retention);
    // Asks what the log holds and keeps; statusReported() answers.
    void requestStatus();
    // Runs the retention now (it also runs at open and every retentionCheckIntervalMs).
    void enforceRetention();

    // Events given to the store, and those of them in committed transactions.
    qint64 handedOverCount() const;
    qint64 committedCount() const;

    // Asks for events; queryFinished() carries them with the returned id. The query sees every
    // event appended before it.
    quint64 query(const EventQuery &query);

    // Asks for the firing alerts the database keeps (a restart restores them with
    // Monitor::restore); alertsLoaded() answers.
    void loadAlerts();

public Q_SLOTS:
    void append(const fleetscope::EventList &events);
    // Connect Endpoint::batchReady here (only the batch's events are stored).
    void appendBatch(const fleetscope::EndpointBatch &batch);
    // Commits now instead of at the next flush tick.
    void flush();
    // Connect Monitor::persistenceChanged here: firing alerts (with acknowledgement and snooze) are
    // kept, resolved ones forgotten, in the same transactions as the events.
    void keepAlerts(const fleetscope::AlertList &keep, const QVector<fleetscope::AlertKey> &forget);

Q_SIGNALS:
    void opened(bool ok, const QString &detail);
    // `total` events are in committed transactions.
    void committed(qint64 total);
    // A write failed (disk full, file removed); the events are kept and retried.
    void failed(const QString &reason);
    void retentionApplied(qint64 deleted, qint64 usedBytes);
    // After requestStatus() and setRetention(); `error` is empty when it went well.
    void statusReported(const fleetscope::EventLogStatus &status, const QString &error);
    void queryFinished(quint64 id, const fleetscope::EventList &events, const QString &error);
    void alertsLoaded(const fleetscope::AlertList &alerts, const QString &error);

private:
    std::shared_ptr<EventStoreCounters> m_counters;
    QThread m_thread;
    EventStoreWriter *m_writer = nullptr; // lives in m_thread, deleted when it finishes
    std::atomic<quint64> m_lastQueryId {0};
    std::atomic<bool> m_closed {false};
};

} // namespace fleetscope
