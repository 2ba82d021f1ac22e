#include "core/store/eventstorereader.h"

#include "core/store/eventdatabase.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace fleetscope {

namespace {
std::atomic<int> s_readerSerial {0};
}

EventStoreReader::EventStoreReader(const QString &path)
    : m_path(path)
    , m_connectionName(QStringLiteral("fleetscope-events-reader-%1").arg(++s_readerSerial))
{ }

EventStoreReader::~EventStoreReader()
{
    if (m_open)
        EventDatabase::close(m_connectionName);
}

bool EventStoreReader::open()
{
    if (m_open)
        return true;
    if (!QFile::exists(m_path)) {
        m_error = QStringLiteral("no event database at %1").arg(m_path);
        return false;
    }
    QSqlDatabase db = EventDatabase::open(m_connectionName, m_path, &m_error);
    m_open = db.isValid();
    if (!m_open)
        m_error = QStringLiteral("cannot open the event database %1: %2").arg(m_path, m_error);
    return m_open;
}

bool EventStoreReader::query(const EventQuery &query, EventList *events)
{
    if (!open())
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    return EventDatabase::select(db, query, events, &m_error);
}

qint64 EventStoreReader::count()
{
    if (!open())
        return -1;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM events")) || !query.next()) {
        m_error = query.lastError().text();
        return -1;
    }
    return query.value(0).toLongLong();
}

bool EventStoreReader::status(EventLogStatus *status)
{
    if (!open())
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    status->path = m_path;
    status->retention = EventRetention();
    EventDatabase::readRetention(db, &status->retention);
    return EventDatabase::status(db, status, &m_error);
}

QString EventStoreReader::integrityCheck()
{
    if (!open())
        return m_error;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    return EventDatabase::integrityCheck(db);
}

} // namespace fleetscope
