#include "core/protocols/intu/intunodetree.h"

#include "core/protocols/intu/intutree.h"

namespace fleetscope::intu {

namespace {
bool isUnder(const QString &path, const QString &folder)
{
    return folder.isEmpty() || path == folder || path.startsWith(folder + QLatin1Char('/'));
}
} // namespace

void NodeTree::keep(const Topic &topic, EndpointBatch *out)
{
    m_topics.insert(topic.path, topic);
    out->topics.append(topic);
}

void NodeTree::addNode(const QString &prefix, const NodeInfo &node, EndpointBatch *out)
{
    Topic folder;
    folder.path = TreeBrowser::nodePath(prefix);
    folder.node = TreeBrowser::nodeKindAt(folder.path);
    folder.type = QStringLiteral("intu/node");
    const QList<QPair<QString, QString>> meta {{QStringLiteral("selfId"), node.selfId},
        {QStringLiteral("name"), node.name}, {QStringLiteral("type"), node.type},
        {QStringLiteral("version"), node.version}, {QStringLiteral("parentId"), node.parentId}};
    for (const auto &[key, value] : meta) {
        if (!value.isEmpty())
            folder.meta.insert(key, value);
    }
    if (prefix == QLatin1String("../") && !node.name.isEmpty())
        folder.displayName = QStringLiteral(".. (%1)").arg(node.name);
    keep(folder, out);

    for (const TopicInfo &info : node.topics) {
        Topic topic;
        topic.path = prefix + info.topicId;
        topic.node = NodeKind::Stream;
        topic.type = info.type;
        topic.subscribable = true;
        keep(topic, out);
    }
}

void NodeTree::addChild(const QString &path, const QString &selfId, EndpointBatch *out)
{
    Topic folder;
    folder.path = path;
    folder.node = TreeBrowser::nodeKindAt(path);
    folder.type = QStringLiteral("intu/node");
    folder.meta.insert(QStringLiteral("selfId"), selfId);
    keep(folder, out);
}

void NodeTree::applyPublish(const Interpretation &result, qint64 t, EndpointBatch *out)
{
    for (const NumericLeaf &sample : result.samples) {
        if (!m_derived.contains(sample.first) && !m_topics.contains(sample.first)) {
            m_derived.insert(sample.first);
            Topic topic;
            topic.path = sample.first;
            topic.node = NodeKind::Stream;
            topic.type = QStringLiteral("number");
            out->topics.append(topic);
        }
        out->samples.append(Sample {sample.first, t, sample.second});
    }
    for (const Interpretation::Note &note : result.events) {
        Event event;
        event.t = t;
        event.severity = note.severity;
        event.path = note.path;
        event.summary = note.summary;
        event.payload = result.raw;
        out->events.append(event);
    }
}

void NodeTree::removeNode(const QString &path, EndpointBatch *out)
{
    if (!m_topics.contains(path))
        return;
    forgetUnder(path);
    out->removedTopics.append(path);
}

bool NodeTree::isFolder(const QString &path) const
{
    const auto known = m_topics.constFind(path);
    return known != m_topics.constEnd() && (known->node == NodeKind::Folder || known->node == NodeKind::Device);
}

QStringList NodeTree::streamsIn(const QString &folder) const
{
    QStringList out;
    const QString prefix = folder.isEmpty() ? QString() : folder + QLatin1Char('/');
    for (auto it = m_topics.cbegin(); it != m_topics.cend(); ++it) {
        const QString rest = it.key().mid(prefix.size());
        if (it->subscribable && it.key().startsWith(prefix) && !rest.isEmpty() && !rest.contains(QLatin1Char('/')))
            out << it.key();
    }
    out.sort();
    return out;
}

void NodeTree::forgetUnder(const QString &path)
{
    for (auto it = m_topics.begin(); it != m_topics.end();)
        it = isUnder(it.key(), path) ? m_topics.erase(it) : std::next(it);
    for (auto it = m_derived.begin(); it != m_derived.end();)
        it = isUnder(*it, path) ? m_derived.erase(it) : std::next(it);
}

} // namespace fleetscope::intu
