#include "core/store/alertstatetable.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace fleetscope::AlertStateTable {

QString createStatement()
{
    return QStringLiteral("CREATE TABLE IF NOT EXISTS alerts ("
                          "rule TEXT NOT NULL, endpoint TEXT NOT NULL, path TEXT NOT NULL, "
                          "origin INTEGER NOT NULL, severity INTEGER NOT NULL, since INTEGER NOT NULL, "
                          "fired_at INTEGER NOT NULL, value REAL, summary TEXT NOT NULL, "
                          "acknowledged_at INTEGER NOT NULL, snoozed_until INTEGER NOT NULL, "
                          "PRIMARY KEY (rule, endpoint, path))");
}

bool write(QSqlDatabase &db, const AlertList &keep, const QVector<AlertKey> &forget, QString *error)
{
    QSqlQuery remove(db);
    if (!forget.isEmpty()
        && !remove.prepare(QStringLiteral("DELETE FROM alerts WHERE rule = ? AND endpoint = ? AND path = ?"))) {
        *error = remove.lastError().text();
        return false;
    }
    for (const AlertKey &key : forget) {
        remove.addBindValue(key.rule);
        remove.addBindValue(key.endpoint);
        remove.addBindValue(key.path);
        if (!remove.exec()) {
            *error = remove.lastError().text();
            return false;
        }
    }
    QSqlQuery insert(db);
    if (!keep.isEmpty()
        && !insert.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO alerts (rule, endpoint, path, origin, severity, since, fired_at, value, summary, "
            "acknowledged_at, snoozed_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
        *error = insert.lastError().text();
        return false;
    }
    auto text = [](const QString &s) { return s.isNull() ? QString(QLatin1String("")) : s; };
    for (const Alert &alert : keep) {
        insert.addBindValue(text(alert.key.rule));
        insert.addBindValue(text(alert.key.endpoint));
        insert.addBindValue(text(alert.key.path));
        insert.addBindValue(static_cast<int>(alert.origin));
        insert.addBindValue(static_cast<int>(alert.severity));
        insert.addBindValue(alert.since);
        insert.addBindValue(alert.firedAt);
        insert.addBindValue(alert.hasValue() ? QVariant(alert.value) : QVariant());
        insert.addBindValue(text(alert.summary));
        insert.addBindValue(alert.acknowledgedAt);
        insert.addBindValue(alert.snoozedUntil);
        if (!insert.exec()) {
            *error = insert.lastError().text();
            return false;
        }
    }
    return true;
}

bool read(QSqlDatabase &db, AlertList *alerts, QString *error)
{
    alerts->clear();
    QSqlQuery table(db);
    if (!table.exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alerts'"))) {
        *error = table.lastError().text();
        return false;
    }
    if (!table.next())
        return true; // a database from before schema 3, opened read-only: nothing kept
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT rule, endpoint, path, origin, severity, since, fired_at, value, summary, "
                                   "acknowledged_at, snoozed_until FROM alerts ORDER BY fired_at"))) {
        *error = query.lastError().text();
        return false;
    }
    AlertList out;
    while (query.next()) {
        Alert alert;
        alert.key = AlertKey {query.value(0).toString(), query.value(1).toString(), query.value(2).toString()};
        alert.origin =
            query.value(3).toInt() == static_cast<int>(AlertOrigin::Server) ? AlertOrigin::Server : AlertOrigin::Rule;
        alert.severity = static_cast<AlertSeverity>(std::clamp(query.value(4).toInt(), 0, 3));
        alert.state = AlertState::Firing;
        alert.since = query.value(5).toLongLong();
        alert.firedAt = query.value(6).toLongLong();
        if (!query.value(7).isNull())
            alert.value = query.value(7).toDouble();
        alert.summary = query.value(8).toString();
        alert.acknowledgedAt = std::max<qint64>(0, query.value(9).toLongLong());
        alert.snoozedUntil = std::max<qint64>(0, query.value(10).toLongLong());
        out.append(alert);
    }
    *alerts = out;
    return true;
}

} // namespace fleetscope::AlertStateTable
