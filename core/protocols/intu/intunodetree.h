#pragma once

#include "core/endpoint/endpointbatch.h"
#include "core/protocols/intu/intumessage.h"
#include "core/protocols/intu/intupayload.h"

#include <QHash>
#include <QSet>

namespace fleetscope::intu {

// The Intu part of the topic tree and how what a node says becomes the uniform model
// (docs/protocols/intu.md): each node a folder (its selfId, name, type, version as
// metadata) holding its topics as streams, children and the parent as folders; a publish's numeric
// leaves become samples under derived number streams, its notes events; a child that disconnects
// takes its subtree away. The walk that asks the nodes (TreeBrowser) and the decoding of publishes
// (PayloadInterpreter) feed it.
//
// Owned by IntuEndpoint, which reports what lands in the EndpointBatch. No socket, no timer.
// Threading: the endpoint's thread.
class NodeTree
{
public:
    // A node's answer to a query: its folder at `prefix` ("" for the connected node, "pepper-7f3a/",
    // "../") and its topics.
    void addNode(const QString &prefix, const NodeInfo &node, EndpointBatch *out);
    // A child (or the parent, "..") about to be asked: its folder, known by id only so far.
    void addChild(const QString &path, const QString &selfId, EndpointBatch *out);
    // What one publish meant, received at `t`: samples (each numeric series a stream topic the first
    // time), and its notes as events carrying `raw`.
    void applyPublish(const Interpretation &result, qint64 t, EndpointBatch *out);
    // A node went away: it and everything under it leave the tree (when the tree had it).
    void removeNode(const QString &path, EndpointBatch *out);

    bool contains(const QString &path) const { return m_topics.contains(path); }
    bool isFolder(const QString &path) const;
    // A numeric series derived from a publish's payload (its topic is its parent path).
    bool isDerived(const QString &path) const { return m_derived.contains(path); }
    // The subscribable topics directly in `folder`, sorted.
    QStringList streamsIn(const QString &folder) const;

private:
    void forgetUnder(const QString &path);
    void keep(const Topic &topic, EndpointBatch *out);

    QHash<QString, Topic> m_topics; // folders and streams the browse found, by path
    QSet<QString> m_derived; // derived numeric series already reported as topics
};

} // namespace fleetscope::intu
