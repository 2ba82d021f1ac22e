#include "core/model/topictreemodel.h"

#include "core/model/ratemeter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

#include <cmath>

namespace fleetscope {

struct TopicTreeModel::Node
{
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    QHash<QString, Node *> childBySegment;
    QString segment;
    QString path; // relative to the endpoint; empty for the endpoint row
    QString endpoint;
    bool isEndpoint = false;
    bool declared = false; // reported as a Topic (not only implied by a deeper path)
    Topic topic;
    bool subscribed = false;
    qint64 count = 0;
    qint64 countAtRate = 0;
    RateMeter rate;
    QString lastValue;
    QVariant lastNumeric;
    qint64 lastTime = 0;
    LinkState state = LinkState::Idle;
    QString stateDetail;
    // Row numbers are cached and renumbered lazily after an insertion or removal among the
    // children, so index lookups stay O(1) in folders with tens of thousands of topics.
    mutable int cachedRow = 0;
    mutable bool rowsDirty = false;

    int row() const
    {
        if (!parent)
            return 0;
        if (parent->rowsDirty) {
            for (size_t i = 0; i < parent->children.size(); ++i)
                parent->children[i]->cachedRow = static_cast<int>(i);
            parent->rowsDirty = false;
        }
        return cachedRow;
    }
};

struct TopicTreeModel::EndpointNodes
{
    Node *root = nullptr;
    QString protocol;
    QHash<QString, Node *> byPath;
};

TopicTreeModel::TopicTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    m_rateClock.start();
    m_rateTimer.setParent(this);
    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, &TopicTreeModel::updateRates);
    m_rateTimer.start();
}

TopicTreeModel::~TopicTreeModel() = default;

QString TopicTreeModel::mimeType()
{
    return QStringLiteral("application/x-fleetscope-topics");
}

TopicTreeModel::EndpointNodes *TopicTreeModel::endpointNodes(const QString &endpoint) const
{
    for (const auto &ep : m_endpoints) {
        if (ep->root->endpoint == endpoint)
            return ep.get();
    }
    return nullptr;
}

void TopicTreeModel::addEndpoint(const QString &endpoint, const QString &protocol)
{
    if (endpointNodes(endpoint))
        return;
    const int row = static_cast<int>(m_root->children.size());
    beginInsertRows(QModelIndex(), row, row);
    auto node = std::make_unique<Node>();
    node->parent = m_root.get();
    node->segment = endpoint;
    node->endpoint = endpoint;
    node->isEndpoint = true;
    node->topic.node = NodeKind::Folder;
    node->topic.type = protocol;
    auto ep = std::make_unique<EndpointNodes>();
    ep->root = node.get();
    ep->protocol = protocol;
    ep->byPath.insert(QString(), node.get());
    m_root->childBySegment.insert(endpoint, node.get());
    node->cachedRow = row;
    m_root->children.push_back(std::move(node));
    m_endpoints.push_back(std::move(ep));
    endInsertRows();
}

void TopicTreeModel::removeEndpoint(const QString &endpoint)
{
    EndpointNodes *ep = endpointNodes(endpoint);
    if (!ep)
        return;
    const int row = ep->root->row();
    forgetSubtree(*ep, ep->root);
    beginRemoveRows(QModelIndex(), row, row);
    m_root->childBySegment.remove(endpoint);
    m_root->children.erase(m_root->children.begin() + row);
    m_root->rowsDirty = true;
    m_endpoints.erase(
        std::remove_if(m_endpoints.begin(), m_endpoints.end(), [ep](const auto &e) { return e.get() == ep; }),
        m_endpoints.end());
    endRemoveRows();
}

void TopicTreeModel::setEndpointState(const QString &endpoint, LinkState state, const QString &detail)
{
    EndpointNodes *ep = endpointNodes(endpoint);
    if (!ep)
        return;
    ep->root->state = state;
    ep->root->stateDetail = detail;
    const QModelIndex idx = indexOf(ep->root);
    Q_EMIT dataChanged(idx, idx.siblingAtColumn(ColumnCount - 1));
}

TopicTreeModel::Node *TopicTreeModel::ensurePath(EndpointNodes &ep, const QString &path)
{
    if (Node *existing = ep.byPath.value(path))
        return existing;
    Node *parentNode = path.contains(QLatin1Char('/')) ? ensurePath(ep, TopicPath::parent(path)) : ep.root;
    const QString segment = TopicPath::lastSegment(path);
    auto node = std::make_unique<Node>();
    node->parent = parentNode;
    node->segment = segment;
    node->path = path;
    node->endpoint = ep.root->endpoint;
    node->topic.path = path;
    node->topic.node = NodeKind::Folder;
    Node *raw = node.get();

    // Keep siblings sorted by segment so the tree reads like a directory listing.
    auto &siblings = parentNode->children;
    auto pos = std::lower_bound(
        siblings.begin(), siblings.end(), segment, [](const std::unique_ptr<Node> &n, const QString &s) {
            return QString::compare(n->segment, s, Qt::CaseInsensitive) < 0;
        });
    const int row = static_cast<int>(pos - siblings.begin());
    beginInsertRows(indexOf(parentNode), row, row);
    siblings.insert(pos, std::move(node));
    parentNode->rowsDirty = true;
    parentNode->childBySegment.insert(segment, raw);
    ep.byPath.insert(path, raw);
    ++m_topicCount;
    endInsertRows();
    return raw;
}

void TopicTreeModel::touch(Node *node)
{
    m_touched.insert(node);
}

void TopicTreeModel::emitTouched()
{
    for (Node *node : std::as_const(m_touched)) {
        const QModelIndex first = indexOf(node, 0);
        Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
    }
    m_touched.clear();
}

void TopicTreeModel::applyBatch(const QString &endpoint, const EndpointBatch &batch)
{
    EndpointNodes *ep = endpointNodes(endpoint);
    if (!ep)
        return;
    for (const Topic &topic : batch.topics) {
        Node *node = topic.path.isEmpty() ? ep->root : ensurePath(*ep, topic.path);
        if (node->isEndpoint) {
            node->topic.meta = topic.meta;
            if (!topic.displayName.isEmpty())
                node->topic.displayName = topic.displayName;
        } else {
            node->topic = topic;
            node->declared = true;
        }
        touch(node);
    }
    for (const QString &path : batch.removedTopics) {
        if (Node *node = ep->byPath.value(path); node && !node->isEndpoint)
            removeNode(*ep, node);
    }
    for (const Sample &sample : batch.samples) {
        Node *node = ep->byPath.value(sample.path);
        if (!node) {
            node = ensurePath(*ep, sample.path);
            node->topic.node = NodeKind::Stream;
            node->topic.type = QStringLiteral("number");
        }
        ++node->count;
        node->lastNumeric = sample.value;
        node->lastValue = QString::number(sample.value, 'g', 8);
        node->lastTime = std::max(node->lastTime, sample.t);
        touch(node);
    }
    for (const Event &event : batch.events) {
        Node *node = ep->byPath.value(event.path);
        if (!node)
            node = ensurePath(*ep, event.path);
        ++node->count;
        node->lastNumeric = QVariant();
        node->lastValue = event.summary.left(200);
        node->lastTime = std::max(node->lastTime, event.t);
        touch(node);
    }
    emitTouched();
}

void TopicTreeModel::removeNode(EndpointNodes &ep, Node *node)
{
    Node *parentNode = node->parent;
    const int row = node->row();
    m_touched.remove(node);
    forgetSubtree(ep, node);
    beginRemoveRows(indexOf(parentNode), row, row);
    parentNode->childBySegment.remove(node->segment);
    parentNode->children.erase(parentNode->children.begin() + row);
    parentNode->rowsDirty = true;
    endRemoveRows();
}

void TopicTreeModel::forgetSubtree(EndpointNodes &ep, Node *node)
{
    for (const auto &child : node->children)
        forgetSubtree(ep, child.get());
    m_touched.remove(node);
    if (!node->isEndpoint) {
        ep.byPath.remove(node->path);
        --m_topicCount;
    }
}

void TopicTreeModel::setSubscribed(const QString &endpoint, const QString &path, bool subscribed)
{
    EndpointNodes *ep = endpointNodes(endpoint);
    if (!ep)
        return;
    if (Node *node = ep->byPath.value(path)) {
        node->subscribed = subscribed;
        const QModelIndex idx = indexOf(node);
        Q_EMIT dataChanged(idx, idx.siblingAtColumn(ColumnCount - 1));
    }
}

void TopicTreeModel::updateRates()
{
    updateRatesOver(m_rateClock.restart() / 1000.0);
}

void TopicTreeModel::updateRatesOver(double seconds)
{
    for (const auto &ep : m_endpoints) {
        for (Node *node : std::as_const(ep->byPath)) {
            const qint64 delta = node->count - node->countAtRate;
            node->countAtRate = node->count;
            if (node->rate.tick(delta, seconds)) {
                const QModelIndex idx = indexOf(node, RateColumn);
                Q_EMIT dataChanged(idx, idx);
            }
        }
    }
}

QModelIndex TopicTreeModel::indexFor(const QString &endpoint, const QString &path) const
{
    EndpointNodes *ep = endpointNodes(endpoint);
    if (!ep)
        return {};
    Node *node = ep->byPath.value(path);
    return node ? indexOf(node) : QModelIndex();
}

QStringList TopicTreeModel::endpoints() const
{
    QStringList out;
    for (const auto &ep : m_endpoints)
        out << ep->root->endpoint;
    return out;
}

QStringList TopicTreeModel::paths(const QString &endpoint) const
{
    EndpointNodes *ep = endpointNodes(endpoint);
    if (!ep)
        return {};
    QStringList out = ep->byPath.keys();
    out.removeAll(QString());
    out.sort();
    return out;
}

TopicTreeModel::Node *TopicTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex TopicTreeModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), column, const_cast<Node *>(node));
}

QModelIndex TopicTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const Node *parentNode = nodeFor(parent);
    if (row >= static_cast<int>(parentNode->children.size()))
        return {};
    return createIndex(row, column, parentNode->children[static_cast<size_t>(row)].get());
}

QModelIndex TopicTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *node = nodeFor(child);
    return indexOf(node->parent);
}

int TopicTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return static_cast<int>(nodeFor(parent)->children.size());
}

int TopicTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

namespace {
QString formatRate(double rate)
{
    if (rate <= 0.0)
        return QString();
    if (rate < 0.1) // a topic sending every 30 s reads 0.03/s, not 0.0/s
        return QString::number(rate, 'g', 1) + QStringLiteral("/s");
    if (rate < 10.0)
        return QString::number(rate, 'f', 1) + QStringLiteral("/s");
    return QString::number(std::lround(rate)) + QStringLiteral("/s");
}
} // namespace

QVariant TopicTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeFor(index);
    const QString kind = node->isEndpoint ? QStringLiteral("endpoint") : nodeKindName(node->topic.node);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            if (!node->topic.displayName.isEmpty() && !node->isEndpoint)
                return node->topic.displayName;
            return node->isEndpoint ? node->segment : TopicPath::decodeSegment(node->segment);
        case CountColumn:
            return node->count ? QVariant(node->count) : QVariant();
        case RateColumn:
            return formatRate(node->rate.shown());
        case LastValueColumn:
            return node->isEndpoint ? QVariant(linkStateName(node->state)) : QVariant(node->lastValue);
        case LastSeenColumn:
            return node->lastTime
                ? QDateTime::fromMSecsSinceEpoch(node->lastTime).toString(QStringLiteral("HH:mm:ss.zzz"))
                : QString();
        case TypeColumn:
            return node->topic.type;
        }
        return {};
    case Qt::ToolTipRole: {
        QStringList lines;
        lines << (node->isEndpoint ? node->endpoint : node->path);
        if (node->isEndpoint && !node->stateDetail.isEmpty())
            lines << node->stateDetail;
        if (!node->topic.type.isEmpty())
            lines << tr("type: %1").arg(node->topic.type);
        for (auto it = node->topic.meta.constBegin(); it != node->topic.meta.constEnd(); ++it)
            lines << it.key() + QStringLiteral(": ") + it.value().toString();
        return lines.join(QLatin1Char('\n'));
    }
    case PathRole:
        return node->path;
    case EndpointRole:
        return node->endpoint;
    case NodeKindRole:
        return kind;
    case TypeRole:
        return node->topic.type;
    case SubscribableRole:
        return node->topic.subscribable;
    case SubscribedRole:
        return node->subscribed;
    case CountRole:
        return node->count;
    case RateRole:
        return node->rate.shown();
    case LastTimeRole:
        return node->lastTime;
    case LastNumericRole:
        return node->lastNumeric;
    case MetaRole:
        return node->topic.meta;
    case SortRole:
        switch (index.column()) {
        case CountColumn:
            return node->count;
        case RateColumn:
            return node->rate.shown();
        case LastSeenColumn:
            return node->lastTime;
        case LastValueColumn:
            return node->lastNumeric.isValid() ? node->lastNumeric : QVariant(node->lastValue);
        default:
            return data(index, Qt::DisplayRole);
        }
    default:
        return {};
    }
}

QVariant TopicTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Topic");
    case CountColumn:
        return tr("Count");
    case RateColumn:
        return tr("Rate");
    case LastValueColumn:
        return tr("Last value");
    case LastSeenColumn:
        return tr("Last seen");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

Qt::ItemFlags TopicTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

QStringList TopicTreeModel::mimeTypes() const
{
    return {mimeType()};
}

QMimeData *TopicTreeModel::mimeData(const QModelIndexList &indexes) const
{
    // [{"endpoint":..,"path":..}, ...]: what a chart needs to add series.
    QJsonArray items;
    QSet<const Node *> seen;
    for (const QModelIndex &index : indexes) {
        const Node *node = nodeFor(index);
        if (!index.isValid() || node->isEndpoint || seen.contains(node))
            continue;
        seen.insert(node);
        items.append(QJsonObject {{QStringLiteral("endpoint"), node->endpoint}, {QStringLiteral("path"), node->path}});
    }
    auto *mime = new QMimeData;
    mime->setData(mimeType(), QJsonDocument(items).toJson(QJsonDocument::Compact));
    return mime;
}

} // namespace fleetscope
