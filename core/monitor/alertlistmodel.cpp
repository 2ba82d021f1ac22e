#include "core/monitor/alertlistmodel.h"

#include "core/monitor/agetext.h"

#include <QDateTime>

#include <algorithm>

namespace fleetscope {

AlertListModel::AlertListModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_now(QDateTime::currentMSecsSinceEpoch())
{ }

int AlertListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AlertListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Alert &alert = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return alertSeverityName(alert.severity);
        case RuleColumn:
            return alert.key.rule;
        case EndpointColumn:
            return alert.key.endpoint;
        case PathColumn:
            return alert.key.path;
        case StateColumn:
            return alertStateName(alert.state);
        case SinceColumn:
            return ageText(alert.since, m_now);
        case ValueColumn:
            return alert.hasValue() ? QVariant(alert.value) : QVariant(QString());
        case StatusColumn: {
            QStringList status;
            if (alert.isAcknowledged())
                status << QStringLiteral("acknowledged");
            if (alert.isSnoozed(m_now))
                status << (alert.snoozedUntil == Alert::kUntilResolved
                        ? QStringLiteral("snoozed until resolved")
                        : QStringLiteral("snoozed until %1")
                              .arg(QDateTime::fromMSecsSinceEpoch(alert.snoozedUntil)
                                       .toString(QStringLiteral("HH:mm"))));
            return status.join(QStringLiteral(", "));
        }
        }
        return {};
    case Qt::ToolTipRole:
        return alert.origin == AlertOrigin::Server ? QStringLiteral("raised by the server: %1").arg(alert.summary)
                                                   : alert.summary;
    case AlertKeyRole:
        return QVariant::fromValue(alert.key);
    case AlertStateRole:
        return static_cast<int>(alert.state);
    case SeverityRole:
        return static_cast<int>(alert.severity);
    case SinceRole:
        return alert.since;
    case AcknowledgedRole:
        return alert.isAcknowledged();
    case SnoozedRole:
        return alert.isSnoozed(m_now);
    case ServerAlarmRole:
        return alert.origin == AlertOrigin::Server;
    case SortRole:
        switch (index.column()) {
        case SeverityColumn:
            return static_cast<int>(alert.severity);
        case StateColumn:
            return static_cast<int>(alert.state);
        case SinceColumn:
            return alert.since;
        case ValueColumn:
            return alert.hasValue() ? alert.value : 0.0;
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    }
    return {};
}

QVariant AlertListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[ColumnCount] = {
        "Severity", "Rule", "Endpoint", "Path", "State", "Since", "Value", "Status"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QString();
}

void AlertListModel::reindex()
{
    m_rowByKey.clear();
    m_firing = 0;
    for (int row = 0; row < m_rows.size(); ++row) {
        m_rowByKey.insert(m_rows[row].key, row);
        if (m_rows[row].state == AlertState::Firing)
            ++m_firing;
    }
}

void AlertListModel::removeRows(QVector<int> rows)
{
    // Highest first, contiguous runs in one go.
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    int i = 0;
    while (i < rows.size()) {
        int j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] - 1)
            ++j;
        beginRemoveRows(QModelIndex(), rows[j], rows[i]);
        m_rows.remove(rows[j], rows[i] - rows[j] + 1);
        endRemoveRows();
        i = j + 1;
    }
}

void AlertListModel::apply(const MonitorUpdate &update)
{
    m_now = QDateTime::currentMSecsSinceEpoch();
    const int firingBefore = m_firing;
    if (update.reset) {
        beginResetModel();
        m_rows.clear();
        for (const Alert &alert : update.alerts) {
            if (alert.state != AlertState::Normal)
                m_rows.append(alert);
        }
        reindex();
        endResetModel();
    } else {
        QVector<int> removed;
        QVector<Alert> added;
        int first = INT_MAX, last = -1;
        for (const Alert &alert : update.alerts) {
            const int row = m_rowByKey.value(alert.key, -1);
            if (row < 0) {
                if (alert.state != AlertState::Normal)
                    added << alert;
            } else if (alert.state == AlertState::Normal || update.removedEndpoints.contains(alert.key.endpoint)) {
                if (!removed.contains(row))
                    removed << row;
            } else {
                m_rows[row] = alert;
                first = std::min(first, row);
                last = std::max(last, row);
            }
        }
        for (int row = 0; row < m_rows.size(); ++row) {
            if (update.removedEndpoints.contains(m_rows[row].key.endpoint) && !removed.contains(row))
                removed << row;
        }
        if (last >= 0)
            Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
        if (!removed.isEmpty()) {
            removeRows(removed);
            reindex();
        }
        if (!added.isEmpty()) {
            const int start = static_cast<int>(m_rows.size());
            beginInsertRows(QModelIndex(), start, start + static_cast<int>(added.size()) - 1);
            m_rows += added;
            endInsertRows();
        }
        reindex();
    }
    if (!update.rules.isEmpty()) {
        m_rules = update.rules;
        Q_EMIT ruleStatusChanged();
    }
    if (m_firing != firingBefore)
        Q_EMIT firingCountChanged(m_firing);
}

void AlertListModel::refreshAges(qint64 nowMs)
{
    m_now = nowMs;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, SinceColumn), index(static_cast<int>(m_rows.size()) - 1, StatusColumn),
            {Qt::DisplayRole, SnoozedRole});
}

} // namespace fleetscope
