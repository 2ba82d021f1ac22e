#pragma once

#include <QString>
#include <QVariantMap>
#include <QVector>

namespace fleetscope {

// What a node of an endpoint's topic tree is (docs/architecture.md#the-uniform-model). A Device
// is a thing people monitor (an Exosite client, an OpenTera device or participant, an Intu instance,
// a CityIO table): everything under its path is its activity (docs/alerts.md).
enum class NodeKind { Folder, Stream, Resource, Device };

QString nodeKindName(NodeKind kind);
bool nodeKindFromName(const QString &name, NodeKind *kind);

// A node of an endpoint's tree as an adapter reports it. `path` is '/'-joined segments
// relative to the endpoint; live figures (count, rate, last value) are kept by TopicTreeModel.
struct Topic
{
    QString path;
    NodeKind node = NodeKind::Stream;
    QString type; // the protocol's own type string, e.g. "dataport.float"
    bool subscribable = false;
    QString displayName; // optional label when it differs from the last path segment
    QVariantMap meta; // protocol metadata shown in tooltips (rid, unit, ...), never secrets

    friend bool operator==(const Topic &a, const Topic &b)
    {
        return a.path == b.path && a.node == b.node && a.type == b.type && a.subscribable == b.subscribable
            && a.displayName == b.displayName && a.meta == b.meta;
    }
};

using TopicList = QVector<Topic>;

// Path helpers: segments are joined by '/'; a '/' or '%' inside a label is percent-encoded.
namespace TopicPath {
QString encodeSegment(const QString &label);
QString decodeSegment(const QString &segment);
QString join(const QString &parent, const QString &segment);
QString parent(const QString &path);
QString lastSegment(const QString &path);
QStringList split(const QString &path);
} // namespace TopicPath

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::Topic)
