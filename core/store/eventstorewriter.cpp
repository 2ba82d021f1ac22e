#include "core/store/eventstorewriter.h"

#include "core/store/alertstatetable.h"
#include "core/store/eventdatabase.h"
#include "core/util/secretmasker.h"

#include <QDateTime>
#include <QSqlError>

#include <algorithm>

namespace fleetscope {

EventStoreWriter::EventStoreWriter(
    std::shared_ptr<const SecretMasker> masker, std::shared_ptr<EventStoreCounters> counters)
    : m_masker(std::move(masker))
    , m_counters(std::move(counters))
    , m_connectionName(QStringLiteral("fleetscope-events-writer-%1").arg(reinterpret_cast<quintptr>(this)))
    , m_flushTimer(this)
    , m_retentionTimer(this)
{
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &EventStoreWriter::commit);
    connect(&m_retentionTimer, &QTimer::timeout, this, &EventStoreWriter::enforceRetention);
}

EventStoreWriter::~EventStoreWriter()
{
    close();
}

void EventStoreWriter::open(const EventStoreOptions &options)
{
    m_options = options;
    m_options.flushIntervalMs = std::clamp(m_options.flushIntervalMs, 10, 1000);
    QString error, notice;
    m_db = EventDatabase::open(m_connectionName, options.path, &error, &notice);
    if (!m_db.isValid()) {
        Q_EMIT opened(false, QStringLiteral("cannot open the event database %1: %2").arg(options.path, error));
        return;
    }
    m_insert = std::make_unique<QSqlQuery>(m_db);
    if (!m_insert->prepare(QStringLiteral(
            "INSERT INTO events (t, severity, endpoint, path, summary, payload) VALUES (?, ?, ?, ?, ?, ?)"))) {
        Q_EMIT opened(false, m_insert->lastError().text());
        m_insert.reset();
        return;
    }
    m_retention = m_options.retention;
    EventDatabase::readRetention(m_db, &m_retention);
    enforceRetention();
    if (m_options.retentionCheckIntervalMs > 0)
        m_retentionTimer.start(m_options.retentionCheckIntervalMs);
    Q_EMIT opened(true, notice.isEmpty() ? options.path : notice);
    if (!m_pending.isEmpty())
        m_flushTimer.start(m_options.flushIntervalMs);
}

void EventStoreWriter::append(const EventList &events)
{
    // Masking happens here, on the writer's thread, never on the caller's.
    m_pending.reserve(m_pending.size() + events.size());
    for (const Event &incoming : events) {
        Event event = incoming;
        if (m_masker) {
            event.summary = m_masker->mask(event.summary);
            event.payload = m_masker->mask(event.payload);
        }
        m_pending.append(event);
    }
    if (!m_insert)
        return; // not open (yet): committed once open() succeeds
    if (m_pending.size() >= m_options.maxPendingEvents)
        commit();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start(m_options.flushIntervalMs);
}

bool EventStoreWriter::insertPending(QString *error)
{
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    for (const Event &event : std::as_const(m_pending)) {
        m_insert->bindValue(0, event.t);
        m_insert->bindValue(1, static_cast<int>(event.severity));
        m_insert->bindValue(2, event.endpoint.isNull() ? QString(QLatin1String("")) : event.endpoint);
        m_insert->bindValue(3, event.path.isNull() ? QString(QLatin1String("")) : event.path);
        m_insert->bindValue(4, event.summary.isNull() ? QString(QLatin1String("")) : event.summary);
        m_insert->bindValue(5, event.payload.isNull() ? QString(QLatin1String("")) : event.payload);
        if (!m_insert->exec()) {
            *error = m_insert->lastError().text();
            m_db.rollback();
            return false;
        }
    }
    if (!m_alertsToKeep.isEmpty() || !m_alertsToForget.isEmpty()) {
        const AlertList keep = m_alertsToKeep.values();
        const QVector<AlertKey> forget(m_alertsToForget.begin(), m_alertsToForget.end());
        if (!AlertStateTable::write(m_db, keep, forget, error)) {
            m_db.rollback();
            return false;
        }
    }
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    return true;
}

void EventStoreWriter::commit()
{
    m_flushTimer.stop();
    if (!m_insert || (m_pending.isEmpty() && m_alertsToKeep.isEmpty() && m_alertsToForget.isEmpty()))
        return;
    QString error;
    if (!insertPending(&error)) {
        // Keep the events and try again at the next tick (a full disk may clear); say it once.
        if (error != m_lastError)
            Q_EMIT failed(QStringLiteral("cannot write to the event database: %1").arg(error));
        m_lastError = error;
        m_flushTimer.start(1000);
        return;
    }
    m_lastError.clear();
    const auto n = static_cast<qint64>(m_pending.size());
    m_pending.clear();
    m_alertsToKeep.clear();
    m_alertsToForget.clear();
    m_counters->pending -= n;
    const qint64 total = (m_counters->committed += n);
    Q_EMIT committed(total);
}

void EventStoreWriter::setRetention(const EventRetention &retention)
{
    if (!m_insert) {
        Q_EMIT statusReported({}, QStringLiteral("the event database is not open"));
        return;
    }
    QString error;
    if (!EventDatabase::writeRetention(m_db, retention, &error)) {
        Q_EMIT failed(QStringLiteral("cannot keep the retention setting: %1").arg(error));
        Q_EMIT statusReported({}, error);
        return;
    }
    m_retention = retention;
    enforceRetention();
    reportStatus();
}

void EventStoreWriter::reportStatus()
{
    EventLogStatus status;
    status.path = m_options.path;
    if (!m_insert) {
        Q_EMIT statusReported(status, QStringLiteral("the event database is not open"));
        return;
    }
    commit(); // the figures include every event handed over before
    QString error;
    EventDatabase::status(m_db, &status, &error);
    status.retention = m_retention;
    Q_EMIT statusReported(status, error);
}

void EventStoreWriter::enforceRetention()
{
    if (!m_insert)
        return;
    commit();
    // Another process (fleetscope-cli log --keep-*) may have changed the choice since.
    EventDatabase::readRetention(m_db, &m_retention);
    qint64 deleted = 0;
    if (m_retention.days > 0) {
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("DELETE FROM events WHERE t < ?"));
        query.addBindValue(QDateTime::currentMSecsSinceEpoch() - qint64(m_retention.days) * 86400000);
        if (query.exec())
            deleted += query.numRowsAffected();
    }
    qint64 used = EventDatabase::usedBytes(m_db);
    if (m_retention.bytes > 0 && used > m_retention.bytes) {
        // Delete the oldest rows in proportion to the excess, aiming 10 % under the limit so that
        // retention does not run on every check; a few rounds at most.
        const qint64 target = m_retention.bytes * 9 / 10;
        for (int round = 0; round < 8 && used > target; ++round) {
            QSqlQuery count(m_db);
            if (!count.exec(QStringLiteral("SELECT COUNT(*) FROM events")) || !count.next())
                break;
            const qint64 rows = count.value(0).toLongLong();
            if (rows == 0)
                break;
            const qint64 drop = std::max<qint64>(1, rows * (used - target) / used + 1);
            QSqlQuery remove(m_db);
            remove.prepare(
                QStringLiteral("DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY id LIMIT ?)"));
            remove.addBindValue(drop);
            if (!remove.exec())
                break;
            deleted += remove.numRowsAffected();
            used = EventDatabase::usedBytes(m_db);
        }
    }
    if (deleted > 0) {
        giveSpaceBack();
        QSqlQuery checkpoint(m_db);
        checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        Q_EMIT retentionApplied(deleted, used);
    }
}

void EventStoreWriter::giveSpaceBack()
{
    // Each run of incremental_vacuum through the driver frees one page of the free list, so run it
    // until the list is empty, in one transaction to keep it quick.
    auto freePages = [this] {
        QSqlQuery query(m_db);
        return query.exec(QStringLiteral("PRAGMA freelist_count")) && query.next() ? query.value(0).toLongLong() : 0;
    };
    qint64 pages = freePages();
    if (pages == 0 || !m_db.transaction())
        return;
    QSqlQuery vacuum(m_db);
    for (qint64 left = pages; left > 0 && pages > 0; --left) {
        if (!vacuum.exec(QStringLiteral("PRAGMA incremental_vacuum")))
            break;
        if ((left & 255) == 0)
            pages = freePages();
    }
    vacuum.finish();
    m_db.commit();
}

void EventStoreWriter::query(quint64 id, const EventQuery &eventQuery)
{
    if (!m_insert) {
        Q_EMIT queryFinished(id, {}, QStringLiteral("the event database is not open"));
        return;
    }
    commit(); // a query sees every event handed over before it
    EventList events;
    QString error;
    EventDatabase::select(m_db, eventQuery, &events, &error);
    Q_EMIT queryFinished(id, events, error);
}

void EventStoreWriter::keepAlerts(const AlertList &keep, const QVector<AlertKey> &forget)
{
    for (const AlertKey &key : forget) {
        m_alertsToKeep.remove(key);
        m_alertsToForget.insert(key);
    }
    for (const Alert &incoming : keep) {
        Alert alert = incoming;
        if (m_masker)
            alert.summary = m_masker->mask(alert.summary);
        m_alertsToForget.remove(alert.key);
        m_alertsToKeep.insert(alert.key, alert);
    }
    if (m_insert && !m_flushTimer.isActive())
        m_flushTimer.start(m_options.flushIntervalMs);
}

void EventStoreWriter::loadAlerts()
{
    if (!m_insert) {
        Q_EMIT alertsLoaded({}, QStringLiteral("the event database is not open"));
        return;
    }
    commit(); // what was kept before is part of the answer
    AlertList alerts;
    QString error;
    AlertStateTable::read(m_db, &alerts, &error);
    Q_EMIT alertsLoaded(alerts, error);
}

void EventStoreWriter::close()
{
    if (!m_insert)
        return;
    commit();
    m_flushTimer.stop();
    m_retentionTimer.stop();
    m_insert.reset();
    m_db = QSqlDatabase();
    EventDatabase::close(m_connectionName);
}

} // namespace fleetscope
