#pragma once

#include "core/monitor/monitorupdate.h"

#include <QAbstractTableModel>
#include <QHash>

namespace fleetscope {

// The alerts that are firing or pending, one row each, for the Alerts panel: severity, rule,
// endpoint, path, state, since, value, and whether it is acknowledged or snoozed; plus every rule's
// status (ruleStatus(): a rule that matches nothing says so). Fed by Monitor::updated(); an alert
// that resolves leaves its row. Acknowledge and snooze go to Monitor::acknowledge()/snooze() with
// AlertKeyRole; the history is the event database's (EventQuery on "alert " summaries, read back
// with alertFromEvent()).
//
// Threading: lives in the GUI thread; apply() the updates there. Qt Core only.
class AlertListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SeverityColumn,
        RuleColumn,
        EndpointColumn,
        PathColumn,
        StateColumn,
        SinceColumn,
        ValueColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role {
        AlertKeyRole = Qt::UserRole + 1, // fleetscope::AlertKey
        AlertStateRole, // int (AlertState)
        SeverityRole, // int (AlertSeverity)
        SinceRole, // ms since the epoch
        AcknowledgedRole, // bool
        SnoozedRole, // bool
        ServerAlarmRole, // bool: raised by the server, not a rule
        SortRole,
    };

    explicit AlertListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const Alert &alert(int row) const { return m_rows[row]; }
    int rowOf(const AlertKey &key) const { return m_rowByKey.value(key, -1); }
    int firingCount() const { return m_firing; }
    QVector<RuleStatus> ruleStatus() const { return m_rules; }

public Q_SLOTS:
    void apply(const fleetscope::MonitorUpdate &update);
    // Moves "now" for the "since" texts and snooze ends (the panel calls it once a second).
    void refreshAges(qint64 nowMs);

Q_SIGNALS:
    void firingCountChanged(int firing);
    void ruleStatusChanged();

private:
    void removeRows(QVector<int> rows);
    void reindex();

    QVector<Alert> m_rows;
    QHash<AlertKey, int> m_rowByKey;
    QVector<RuleStatus> m_rules;
    int m_firing = 0;
    qint64 m_now = 0;
};

} // namespace fleetscope
