#include "core/store/eventstore.h"

#include "core/store/eventstorewriter.h"
#include "core/util/secretmasker.h"

namespace fleetscope {

EventStore::EventStore(std::shared_ptr<const SecretMasker> masker, QObject *parent)
    : QObject(parent)
    , m_counters(std::make_shared<EventStoreCounters>())
{
    qRegisterMetaType<EventLogStatus>();
    qRegisterMetaType<AlertList>();
    m_thread.setObjectName(QStringLiteral("fleetscope-event-store"));
    m_writer = new EventStoreWriter(std::move(masker), m_counters);
    m_writer->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_writer, &QObject::deleteLater);
    connect(m_writer, &EventStoreWriter::opened, this, &EventStore::opened);
    connect(m_writer, &EventStoreWriter::committed, this, &EventStore::committed);
    connect(m_writer, &EventStoreWriter::failed, this, &EventStore::failed);
    connect(m_writer, &EventStoreWriter::retentionApplied, this, &EventStore::retentionApplied);
    connect(m_writer, &EventStoreWriter::statusReported, this, &EventStore::statusReported);
    connect(m_writer, &EventStoreWriter::queryFinished, this, &EventStore::queryFinished);
    connect(m_writer, &EventStoreWriter::alertsLoaded, this, &EventStore::alertsLoaded);
    m_thread.start();
}

EventStore::~EventStore()
{
    close();
}

void EventStore::open(const EventStoreOptions &options)
{
    if (m_closed)
        return;
    EventStoreWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        m_writer, [writer, options] { writer->open(options); }, Qt::QueuedConnection);
}

void EventStore::close()
{
    if (m_closed.exchange(true))
        return;
    // The thread quits from inside, after the close: QThread::quit() from here could end its event
    // loop before the events already posted to it (the last appends) were delivered.
    EventStoreWriter *writer = m_writer;
    QThread *thread = &m_thread;
    QMetaObject::invokeMethod(
        m_writer,
        [writer, thread] {
            writer->close();
            thread->quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
}

void EventStore::setRetention(const EventRetention &retention)
{
    if (m_closed)
        return;
    EventStoreWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        m_writer, [writer, retention] { writer->setRetention(retention); }, Qt::QueuedConnection);
}

void EventStore::requestStatus()
{
    if (m_closed)
        return;
    QMetaObject::invokeMethod(m_writer, &EventStoreWriter::reportStatus, Qt::QueuedConnection);
}

void EventStore::enforceRetention()
{
    if (m_closed)
        return;
    QMetaObject::invokeMethod(m_writer, &EventStoreWriter::enforceRetention, Qt::QueuedConnection);
}

qint64 EventStore::handedOverCount() const
{
    return m_counters->handedOver.load();
}

qint64 EventStore::committedCount() const
{
    return m_counters->committed.load();
}

quint64 EventStore::query(const EventQuery &query)
{
    const quint64 id = ++m_lastQueryId;
    if (m_closed)
        return id; // never answered: the store is closed
    EventStoreWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        m_writer, [writer, id, query] { writer->query(id, query); }, Qt::QueuedConnection);
    return id;
}

void EventStore::append(const EventList &events)
{
    if (events.isEmpty() || m_closed)
        return;
    m_counters->handedOver += events.size();
    m_counters->pending += events.size();
    EventStoreWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        m_writer, [writer, events] { writer->append(events); }, Qt::QueuedConnection);
}

void EventStore::appendBatch(const EndpointBatch &batch)
{
    append(batch.events);
}

void EventStore::loadAlerts()
{
    if (m_closed)
        return;
    QMetaObject::invokeMethod(m_writer, &EventStoreWriter::loadAlerts, Qt::QueuedConnection);
}

void EventStore::keepAlerts(const AlertList &keep, const QVector<AlertKey> &forget)
{
    if (m_closed || (keep.isEmpty() && forget.isEmpty()))
        return;
    EventStoreWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        m_writer, [writer, keep, forget] { writer->keepAlerts(keep, forget); }, Qt::QueuedConnection);
}

void EventStore::flush()
{
    if (m_closed)
        return;
    QMetaObject::invokeMethod(m_writer, &EventStoreWriter::commit, Qt::QueuedConnection);
}

} // namespace fleetscope
