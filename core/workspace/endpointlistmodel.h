#pragma once

#include <QAbstractTableModel>
#include <QTimer>

namespace fleetscope {

class Workspace;

// The endpoints list: one row per endpoint of the Workspace, in the order they were added, with
// protocol, state (a "reconnecting in N s" countdown, the failure reason), message rate and
// reconnect count. Follows the Workspace's signals; ticks twice a second while a countdown runs.
//
// Threading: GUI thread. Owned by the panel that shows it.
class EndpointListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, ProtocolColumn, StateColumn, RateColumn, ReconnectsColumn, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole + 1, // QString
        LinkStateRole, // int (LinkState)
        DetailRole, // QString, the state's detail
        WantedRole, // bool: the user asked for it to be connected
    };

    explicit EndpointListModel(Workspace *workspace, QObject *parent = nullptr);

    QString nameAt(int row) const;
    int rowOf(const QString &name) const;
    // The text of the state column, e.g. "ready", "reconnecting in 3 s", "failed: …".
    QString stateText(const QString &name) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void onAdded(const QString &name);
    void onRemoved(const QString &name);
    void onChanged(const QString &name);
    void tickCountdowns();

    Workspace *m_workspace;
    QStringList m_names;
    QTimer m_countdown;
};

} // namespace fleetscope
