#pragma once

#include "core/model/event.h"
#include "core/monitor/alert.h"
#include "core/store/eventquery.h"
#include "core/store/eventstoreoptions.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimer>

#include <atomic>
#include <memory>

namespace fleetscope {

class SecretMasker;

// Figures an EventStore shares with its writer thread.
struct EventStoreCounters
{
    std::atomic<qint64> handedOver {0}; // events given to the store
    std::atomic<qint64> committed {0}; // events in committed transactions
    std::atomic<qint64> pending {0}; // handed over, not yet committed
};

// The worker behind EventStore: owns the writing database connection, buffers appended events
// and commits them in one transaction per flush interval (or sooner when many wait), masks
// secrets on the way in, applies retention, and answers queries after committing what it holds.
//
// Owned by EventStore; lives in the store's own thread and is only called through queued
// invocations from there. Never touch it from another thread.
class EventStoreWriter : public QObject
{
    Q_OBJECT

public:
    EventStoreWriter(std::shared_ptr<const SecretMasker> masker, std::shared_ptr<EventStoreCounters> counters);
    ~EventStoreWriter() override;

    void open(const EventStoreOptions &options);
    void append(const EventList &events);
    void commit();
    // Stores the user's choice in the database, applies it and reports the status.
    void setRetention(const EventRetention &retention);
    void enforceRetention();
    void reportStatus();
    void query(quint64 id, const EventQuery &query);
    // Firing alerts to keep and resolved ones to forget: written with the next commit, in the same
    // transaction as the events before them.
    void keepAlerts(const AlertList &keep, const QVector<AlertKey> &forget);
    void loadAlerts();
    void close();

Q_SIGNALS:
    void opened(bool ok, const QString &detail);
    void committed(qint64 total);
    void failed(const QString &reason);
    void retentionApplied(qint64 deleted, qint64 usedBytes);
    void statusReported(const fleetscope::EventLogStatus &status, const QString &error);
    void queryFinished(quint64 id, const fleetscope::EventList &events, const QString &error);
    void alertsLoaded(const fleetscope::AlertList &alerts, const QString &error);

private:
    bool insertPending(QString *error);
    void giveSpaceBack();

    std::shared_ptr<const SecretMasker> m_masker;
    std::shared_ptr<EventStoreCounters> m_counters;
    EventStoreOptions m_options;
    EventRetention m_retention; // the stored choice, else the options' default
    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<QSqlQuery> m_insert;
    EventList m_pending;
    QHash<AlertKey, Alert> m_alertsToKeep;
    QSet<AlertKey> m_alertsToForget;
    QTimer m_flushTimer;
    QTimer m_retentionTimer;
    QString m_lastError;
};

} // namespace fleetscope
