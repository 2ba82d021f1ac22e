#pragma once

#include "core/endpoint/endpointbatch.h"
#include "core/link/linkstate.h"

#include <QAbstractItemModel>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QTimer>

#include <memory>
#include <vector>

namespace fleetscope {

// The live tree of every endpoint: one top-level row per endpoint, its topics below, each with
// message count, rate, last value, last time and type. Fed with EndpointBatches; intermediate
// folders are created as paths arrive, and a sample on an unknown path creates a derived
// `number` stream (the design's numeric extraction rule).
//
// Threading: GUI thread only.
class TopicTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, CountColumn, RateColumn, LastValueColumn, LastSeenColumn, TypeColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // QString, relative to the endpoint
        EndpointRole, // QString, the endpoint's name
        NodeKindRole, // QString: folder, stream, resource, endpoint
        TypeRole,
        SubscribableRole,
        SubscribedRole,
        CountRole, // qint64
        RateRole, // double, messages per second
        LastTimeRole, // qint64 ms since the epoch
        LastNumericRole, // double, or invalid when the last value was not a number
        MetaRole, // QVariantMap
        SortRole, // per column, a value that sorts naturally
    };

    explicit TopicTreeModel(QObject *parent = nullptr);
    ~TopicTreeModel() override;

    void addEndpoint(const QString &endpoint, const QString &protocol);
    void removeEndpoint(const QString &endpoint);
    void setEndpointState(const QString &endpoint, LinkState state, const QString &detail);
    void applyBatch(const QString &endpoint, const EndpointBatch &batch);
    void setSubscribed(const QString &endpoint, const QString &path, bool subscribed);
    // Recomputes every rate from the counts since the previous call and reports the changes
    // (RateMeter: averaged over ~10 s). The model calls it once a second; tests pass the seconds.
    void updateRates();
    void updateRatesOver(double seconds);

    QModelIndex indexFor(const QString &endpoint, const QString &path = QString()) const;
    QStringList endpoints() const;
    // Every known path of an endpoint (for the composer's completion).
    QStringList paths(const QString &endpoint) const;
    int topicCount() const { return m_topicCount; }

    // QAbstractItemModel
    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;

    static QString mimeType();

private:
    struct Node;
    struct EndpointNodes;

    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    Node *ensurePath(EndpointNodes &ep, const QString &path);
    EndpointNodes *endpointNodes(const QString &endpoint) const;
    void touch(Node *node);
    void emitTouched();
    void removeNode(EndpointNodes &ep, Node *node);
    void forgetSubtree(EndpointNodes &ep, Node *node);

    std::unique_ptr<Node> m_root;
    std::vector<std::unique_ptr<EndpointNodes>> m_endpoints;
    QSet<Node *> m_touched;
    QElapsedTimer m_rateClock;
    QTimer m_rateTimer;
    int m_topicCount = 0;
};

} // namespace fleetscope
