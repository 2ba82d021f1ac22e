#include "core/monitor/devicelistmodel.h"

#include "core/monitor/agetext.h"

#include <QDateTime>

#include <algorithm>

namespace fleetscope {

DeviceListModel::DeviceListModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_now(QDateTime::currentMSecsSinceEpoch())
{ }

QString DeviceListModel::keyOf(const QString &endpoint, const QString &path)
{
    return endpoint + QLatin1Char('\n') + path;
}

int DeviceListModel::rowOf(const QString &endpoint, const QString &path) const
{
    return m_rowByKey.value(keyOf(endpoint, path), -1);
}

int DeviceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DeviceListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeviceListModel::valuesText(const DeviceInfo &info) const
{
    QStringList parts;
    for (const DeviceKeyValue &kv : info.keyValues) {
        if (kv.t > 0)
            parts << QStringLiteral("%1 %2").arg(kv.name).arg(kv.value, 0, 'g', 4);
    }
    return parts.join(QStringLiteral(", "));
}

QVariant DeviceListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    const DeviceInfo &info = row.info;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return info.name.isEmpty() ? info.path : info.name;
        case EndpointColumn:
            return info.endpoint;
        case StateColumn:
            return deviceStateName(info.state);
        case LastSeenColumn:
            return ageText(info.lastSeen, m_now);
        case RateColumn:
            return QStringLiteral("%1/s").arg(info.rate, 0, 'f', info.rate < 10 ? 1 : 0);
        case ValuesColumn:
            return valuesText(info);
        case AlertsColumn:
            return row.firingAlerts > 0 ? QVariant(row.firingAlerts) : QVariant(QString());
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("%1 (%2)\n%3 since %4")
                          .arg(info.path, info.endpoint, deviceStateName(info.state), ageText(info.stateSince, m_now));
        if (!info.presenceDetail.isEmpty())
            tip += QStringLiteral("\nserver: %1 (%2)").arg(presenceName(info.presence), info.presenceDetail);
        if (info.expectedIntervalMs > 0)
            tip += QStringLiteral("\nsilent after %1 s without activity (%2)")
                       .arg(static_cast<double>(info.expectedIntervalMs) / 1000.0)
                       .arg(info.intervalFromRule ? QStringLiteral("a rule") : QStringLiteral("learned"));
        return tip;
    }
    case DeviceStateRole:
        return static_cast<int>(info.state);
    case StateNameRole:
        return deviceStateName(info.state);
    case EndpointRole:
        return info.endpoint;
    case PathRole:
        return info.path;
    case LastSeenRole:
        return info.lastSeen;
    case RateRole:
        return info.rate;
    case KeyValuesRole: {
        QVariantList list;
        for (const DeviceKeyValue &kv : info.keyValues)
            list << QVariantMap {
                {QStringLiteral("name"), kv.name}, {QStringLiteral("value"), kv.value}, {QStringLiteral("t"), kv.t}};
        return list;
    }
    case FiringAlertsRole:
        return row.firingAlerts;
    case ProblemRole:
        return info.isProblem() || row.firingAlerts > 0;
    case SortRole:
        switch (index.column()) {
        case StateColumn:
            return static_cast<int>(info.state);
        case LastSeenColumn:
            return info.lastSeen;
        case RateColumn:
            return info.rate;
        case AlertsColumn:
            return row.firingAlerts;
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    }
    return {};
}

QVariant DeviceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[ColumnCount] = {
        "Device", "Endpoint", "State", "Last seen", "Rate", "Values", "Alerts"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QString();
}

int DeviceListModel::deviceRowFor(const AlertKey &key) const
{
    // The alert's path or its nearest ancestor that is a device.
    QString path = key.path;
    while (!path.isEmpty()) {
        const int row = m_rowByKey.value(keyOf(key.endpoint, path), -1);
        if (row >= 0)
            return row;
        const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
        path = slash < 0 ? QString() : path.left(slash);
    }
    return -1;
}

void DeviceListModel::applyAlerts(const AlertList &alerts, int *firstChanged, int *lastChanged)
{
    auto changed = [&](int row) {
        if (row < 0)
            return;
        *firstChanged = std::min(*firstChanged, row);
        *lastChanged = std::max(*lastChanged, row);
    };
    for (const Alert &alert : alerts) {
        const auto known = m_firingByKey.constFind(alert.key);
        const bool firing = alert.state == AlertState::Firing;
        if (known != m_firingByKey.constEnd() && !firing) {
            const int row = *known;
            if (row >= 0) {
                --m_rows[row].firingAlerts;
                changed(row);
            }
            m_firingByKey.erase(known);
        } else if (known == m_firingByKey.constEnd() && firing) {
            const int row = deviceRowFor(alert.key);
            m_firingByKey.insert(alert.key, row);
            if (row >= 0) {
                ++m_rows[row].firingAlerts;
                changed(row);
            }
        }
    }
}

void DeviceListModel::rebuild(const DeviceInfoList &devices, const AlertList &alerts)
{
    beginResetModel();
    m_rows.clear();
    m_rowByKey.clear();
    m_firingByKey.clear();
    for (const DeviceInfo &info : devices) {
        m_rowByKey.insert(keyOf(info.endpoint, info.path), static_cast<int>(m_rows.size()));
        m_rows.append(Row {info, 0});
    }
    int first = INT_MAX, last = -1;
    applyAlerts(alerts, &first, &last);
    endResetModel();
}

void DeviceListModel::apply(const MonitorUpdate &update)
{
    m_now = QDateTime::currentMSecsSinceEpoch();
    if (update.reset) {
        rebuild(update.devices, update.alerts);
        return;
    }
    if (!update.removedEndpoints.isEmpty()) {
        // Rare (the user removed an endpoint): rebuild without its rows.
        DeviceInfoList kept;
        AlertList firing;
        for (const Row &row : std::as_const(m_rows)) {
            if (!update.removedEndpoints.contains(row.info.endpoint))
                kept << row.info;
        }
        for (auto it = m_firingByKey.cbegin(); it != m_firingByKey.cend(); ++it) {
            if (!update.removedEndpoints.contains(it.key().endpoint)) {
                Alert alert;
                alert.key = it.key();
                alert.state = AlertState::Firing;
                firing << alert;
            }
        }
        rebuild(kept, firing);
    }
    int first = INT_MAX, last = -1;
    DeviceInfoList added;
    for (const DeviceInfo &info : update.devices) {
        const int row = m_rowByKey.value(keyOf(info.endpoint, info.path), -1);
        if (row < 0) {
            added << info;
            continue;
        }
        m_rows[row].info = info;
        first = std::min(first, row);
        last = std::max(last, row);
    }
    if (!added.isEmpty()) {
        const int start = static_cast<int>(m_rows.size());
        beginInsertRows(QModelIndex(), start, start + static_cast<int>(added.size()) - 1);
        for (const DeviceInfo &info : std::as_const(added)) {
            m_rowByKey.insert(keyOf(info.endpoint, info.path), static_cast<int>(m_rows.size()));
            m_rows.append(Row {info, 0});
        }
        endInsertRows();
        // Firing alerts that arrived before their device did.
        for (auto it = m_firingByKey.begin(); it != m_firingByKey.end(); ++it) {
            if (it.value() >= 0)
                continue;
            it.value() = deviceRowFor(it.key());
            if (it.value() >= 0) {
                ++m_rows[it.value()].firingAlerts;
                first = std::min(first, it.value());
                last = std::max(last, it.value());
            }
        }
    }
    applyAlerts(update.alerts, &first, &last);
    if (last >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void DeviceListModel::refreshAges(qint64 nowMs)
{
    m_now = nowMs;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(
            index(0, LastSeenColumn), index(static_cast<int>(m_rows.size()) - 1, LastSeenColumn), {Qt::DisplayRole});
}

} // namespace fleetscope
