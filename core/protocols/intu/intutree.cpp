#include "core/protocols/intu/intutree.h"

#include <QDateTime>

namespace fleetscope::intu {

namespace {
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

TreeBrowser::TreeBrowser(QuerySender send, const QString &consoleId, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_send(std::move(send))
    , m_consoleId(consoleId)
    , m_timeoutMs(timeoutMs)
{
    m_tick.setParent(this); // moves with the endpoint to its thread
    m_tick.setInterval(std::max(50, std::min(500, timeoutMs / 4)));
    connect(&m_tick, &QTimer::timeout, this, &TreeBrowser::onTick);
}

NodeKind TreeBrowser::nodeKindAt(const QString &path)
{
    // Another instance (a child, the parent) is a device; the connected one holds everything.
    return path.isEmpty() ? NodeKind::Folder : NodeKind::Device;
}

QString TreeBrowser::nodePath(const QString &prefix)
{
    return prefix.endsWith(QLatin1Char('/')) ? prefix.left(prefix.size() - 1) : prefix;
}

void TreeBrowser::begin()
{
    m_queried.clear();
    m_seenIds.clear();
    m_browsing = true;
    m_rootFailed = false;
    m_nodes = 0;
    m_topics = 0;
}

void TreeBrowser::browseAll()
{
    begin();
    query(QString());
}

void TreeBrowser::expectAnswer(const QString &request, const QString &prefix)
{
    m_replaying = true;
    // A browse always starts with the connected node; a query of it outside a browse starts one.
    if (prefix.isEmpty() && !m_browsing)
        begin();
    m_queried.insert(prefix);
    if (m_pending.size() >= kMaxReplayQueries)
        m_pending.clear();
    m_pending.insert(request, Pending {prefix, 0});
}

void TreeBrowser::refresh(const QString &nodePath)
{
    m_seenIds.remove(TopicPath::lastSegment(nodePath));
    query(nodePath.isEmpty() ? QString() : nodePath + QLatin1Char('/'));
}

bool TreeBrowser::reset()
{
    const bool was = m_browsing;
    m_pending.clear();
    m_tick.stop();
    m_browsing = false;
    return was;
}

void TreeBrowser::query(const QString &prefix)
{
    m_queried.insert(prefix);
    if (m_replaying)
        return; // the recording holds the query that went out here, if any: expectAnswer() follows
    const QString request = QStringLiteral("fs-%1").arg(++m_lastRequest);
    if (!m_send(prefix + QLatin1Char('.'), request)) {
        if (prefix.isEmpty())
            m_rootFailed = true;
        settle();
        return;
    }
    m_pending.insert(request, Pending {prefix, now() + m_timeoutMs});
    if (!m_tick.isActive())
        m_tick.start();
}

bool TreeBrowser::handleResponse(const Message &message)
{
    const auto it = m_pending.constFind(message.request);
    if (it == m_pending.constEnd())
        return false;
    const QString prefix = it->prefix;
    m_pending.erase(it);
    walkNode(prefix, message.node);
    settle();
    return true;
}

bool TreeBrowser::handleNoRoute(const Message &message)
{
    const auto it = m_pending.constFind(message.request);
    if (it == m_pending.constEnd())
        return false;
    if (it->prefix.isEmpty())
        m_rootFailed = true;
    m_pending.erase(it);
    settle();
    return true;
}

void TreeBrowser::walkNode(const QString &prefix, const NodeInfo &node)
{
    if (prefix.isEmpty())
        m_rootSelfId = node.selfId;
    ++m_nodes;
    m_topics += static_cast<int>(node.topics.size());
    Q_EMIT nodeAnswered(prefix, node);

    // A node reached twice (through its parent, say) is not walked again.
    if (!node.selfId.isEmpty() && m_seenIds.contains(node.selfId))
        return;
    if (!node.selfId.isEmpty())
        m_seenIds.insert(node.selfId);
    const int depth = static_cast<int>(prefix.count(QLatin1Char('/')));
    for (const QString &child : node.children) {
        if (child.isEmpty() || child == m_consoleId || child == m_rootSelfId || child.contains(QLatin1Char('/')))
            continue;
        const QString childPrefix = prefix + child + QLatin1Char('/');
        Q_EMIT childFound(nodePath(childPrefix), child);
        if (depth < kMaxDepth && !m_queried.contains(childPrefix))
            query(childPrefix);
    }
    if (prefix.isEmpty() && !node.parentId.isEmpty()) {
        Q_EMIT childFound(QStringLiteral(".."), node.parentId);
        if (!m_queried.contains(QStringLiteral("../")))
            query(QStringLiteral("../"));
    }
}

void TreeBrowser::onTick()
{
    const qint64 t = now();
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->deadlineMs > t) {
            ++it;
            continue;
        }
        const QString path = nodePath(it->prefix);
        if (it->prefix.isEmpty()) {
            m_rootFailed = true;
            Q_EMIT problem(
                Severity::Error, path, QStringLiteral("no answer to query within %1 s").arg(m_timeoutMs / 1000.0));
        } else {
            Q_EMIT problem(Severity::Debug, path,
                QStringLiteral("no answer to query within %1 s (a console rather than an instance?)")
                    .arg(m_timeoutMs / 1000.0));
        }
        it = m_pending.erase(it);
    }
    settle();
}

void TreeBrowser::settle()
{
    if (!m_pending.isEmpty())
        return;
    m_tick.stop();
    if (!m_browsing)
        return;
    m_browsing = false;
    if (m_rootFailed)
        Q_EMIT finished(false, QStringLiteral("the connected node did not answer the query"));
    else
        Q_EMIT finished(true, QStringLiteral("%1 nodes, %2 topics").arg(m_nodes).arg(m_topics));
}

} // namespace fleetscope::intu
