#include "core/workspace/endpointlistmodel.h"

#include "core/endpoint/protocolregistry.h"
#include "core/workspace/workspace.h"

#include <QDateTime>

#include <cmath>

namespace fleetscope {

EndpointListModel::EndpointListModel(Workspace *workspace, QObject *parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
    , m_names(workspace->endpointNames())
{
    m_countdown.setInterval(500);
    connect(&m_countdown, &QTimer::timeout, this, &EndpointListModel::tickCountdowns);
    connect(workspace, &Workspace::endpointAdded, this, &EndpointListModel::onAdded);
    connect(workspace, &Workspace::endpointRemoved, this, &EndpointListModel::onRemoved);
    connect(workspace, &Workspace::statusChanged, this, &EndpointListModel::onChanged);
}

QString EndpointListModel::nameAt(int row) const
{
    return row >= 0 && row < m_names.size() ? m_names.at(row) : QString();
}

int EndpointListModel::rowOf(const QString &name) const
{
    return static_cast<int>(m_names.indexOf(name));
}

void EndpointListModel::onAdded(const QString &name)
{
    // The workspace may have placed it anywhere (an edit keeps the row): follow its order.
    const int row = static_cast<int>(m_workspace->endpointNames().indexOf(name));
    if (row < 0 || m_names.contains(name))
        return;
    const int at = std::min(row, static_cast<int>(m_names.size()));
    beginInsertRows(QModelIndex(), at, at);
    m_names.insert(at, name);
    endInsertRows();
}

void EndpointListModel::onRemoved(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    beginRemoveRows(QModelIndex(), row, row);
    m_names.removeAt(row);
    endRemoveRows();
}

void EndpointListModel::onChanged(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (m_workspace->status(name).state == LinkState::Reconnecting && !m_countdown.isActive())
        m_countdown.start();
}

void EndpointListModel::tickCountdowns()
{
    bool any = false;
    for (int row = 0; row < m_names.size(); ++row) {
        if (m_workspace->status(m_names.at(row)).state == LinkState::Reconnecting) {
            any = true;
            Q_EMIT dataChanged(index(row, StateColumn), index(row, StateColumn));
        }
    }
    if (!any)
        m_countdown.stop();
}

QString EndpointListModel::stateText(const QString &name) const
{
    const EndpointStatus status = m_workspace->status(name);
    switch (status.state) {
    case LinkState::Idle:
        return tr("not connected");
    case LinkState::Connecting:
        return tr("connecting…");
    case LinkState::Connected:
        return tr("signing in…");
    case LinkState::Ready:
        return tr("ready");
    case LinkState::Reconnecting: {
        const int seconds = status.retryInSeconds(QDateTime::currentMSecsSinceEpoch());
        return seconds > 0 ? tr("reconnecting in %1 s").arg(seconds) : tr("reconnecting…");
    }
    case LinkState::Closed:
        return tr("disconnected");
    case LinkState::Failed:
        return status.detail.isEmpty() ? tr("failed") : tr("failed: %1").arg(status.detail);
    }
    return QString();
}

int EndpointListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_names.size());
}

int EndpointListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EndpointListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_names.size())
        return {};
    const QString name = m_names.at(index.row());
    const EndpointStatus status = m_workspace->status(name);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return name;
        case ProtocolColumn:
            return status.protocol;
        case StateColumn:
            return stateText(name);
        case RateColumn:
            return status.state == LinkState::Ready || status.messagesPerSecond > 0
                ? QString::number(std::lround(status.messagesPerSecond))
                : QString();
        case ReconnectsColumn:
            return status.counters.reconnects;
        }
        return {};
    case Qt::ToolTipRole: {
        const ProtocolInfo *info = m_workspace->protocols().find(status.protocol);
        QStringList lines {name, info ? info->displayName : status.protocol, status.url, stateText(name)};
        if (!status.detail.isEmpty() && status.state != LinkState::Failed)
            lines << status.detail;
        lines << tr("%1 messages in, %2 out, %3 reconnects")
                     .arg(status.counters.framesIn)
                     .arg(status.counters.framesOut)
                     .arg(status.counters.reconnects);
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::TextAlignmentRole:
        if (index.column() == RateColumn || index.column() == ReconnectsColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case NameRole:
        return name;
    case LinkStateRole:
        return static_cast<int>(status.state);
    case DetailRole:
        return status.detail;
    case WantedRole:
        return m_workspace->isWanted(name);
    default:
        return {};
    }
}

QVariant EndpointListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        if (section == RateColumn)
            return tr("Messages received per second");
        if (section == ReconnectsColumn)
            return tr("Reconnects since the endpoint was added");
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Endpoint");
    case ProtocolColumn:
        return tr("Protocol");
    case StateColumn:
        return tr("State");
    case RateColumn:
        return tr("Msg/s");
    case ReconnectsColumn:
        return tr("Reconn.");
    }
    return {};
}

} // namespace fleetscope
