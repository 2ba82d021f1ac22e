#pragma once

#include "core/monitor/monitorupdate.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

namespace fleetscope {

// Every device of every endpoint, one row each, for the Devices panel: name, endpoint, state,
// last seen ("12 s ago"), message rate, up to three key values and the number of firing alerts.
// Fed by Monitor::updated() (a few batches a second: new rows are inserted in one go, changed rows
// in one dataChanged), so 10,000 updating devices cost the view a few updates a second. Sorting and
// filtering ("only problems": ProblemRole) belong to a QSortFilterProxyModel over it (SortRole
// gives each column's natural order). Rows are never reordered; a removed endpoint's rows leave.
//
// Threading: lives in the GUI thread; apply() the updates there (queued from the monitor's thread).
// Qt Core only.
class DeviceListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        EndpointColumn,
        StateColumn,
        LastSeenColumn,
        RateColumn,
        ValuesColumn,
        AlertsColumn,
        ColumnCount
    };
    enum Role {
        DeviceStateRole = Qt::UserRole + 1, // int (DeviceState)
        StateNameRole, // "online", "silent", "offline", "unknown" (the panel shows text and icon, not colour alone)
        EndpointRole,
        PathRole,
        LastSeenRole, // ms since the epoch; 0 never
        RateRole, // double, per second
        KeyValuesRole, // QVariantList of {"name", "value", "t"}
        FiringAlertsRole, // int
        ProblemRole, // bool: silent, offline or with a firing alert
        SortRole, // the column's value in its natural order
    };

    explicit DeviceListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const DeviceInfo &device(int row) const { return m_rows[row].info; }
    int rowOf(const QString &endpoint, const QString &path) const;

public Q_SLOTS:
    void apply(const fleetscope::MonitorUpdate &update);
    // Moves "now" for the "last seen" texts (the panel calls it once a second): one dataChanged
    // over the column.
    void refreshAges(qint64 nowMs);

private:
    struct Row
    {
        DeviceInfo info;
        int firingAlerts = 0;
    };
    static QString keyOf(const QString &endpoint, const QString &path);
    int deviceRowFor(const AlertKey &key) const;
    void applyAlerts(const AlertList &alerts, int *firstChanged, int *lastChanged);
    void rebuild(const DeviceInfoList &devices, const AlertList &alerts);
    QString valuesText(const DeviceInfo &info) const;

    QVector<Row> m_rows;
    QHash<QString, int> m_rowByKey;
    QHash<AlertKey, int> m_firingByKey; // firing alert -> its device's row (-1: no device)
    qint64 m_now = 0;
};

} // namespace fleetscope
