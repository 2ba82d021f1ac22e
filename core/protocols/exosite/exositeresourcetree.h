#pragma once

#include "core/endpoint/endpointbatch.h"
#include "core/protocols/exosite/exositeframe.h"
#include "core/protocols/exosite/exositetree.h"

#include <QHash>

namespace fleetscope::exosite {

// The One Platform resources Fleetscope knows of, by path, and how they become the uniform model
// (docs/protocols/exosite.md): clients are devices (the authenticated one a folder; a
// locked or expired one offline), data resources streams (numeric points become samples, others info
// events; a datarule's value is also the platform's alarm), dispatches resources. The tree walk (TreeBrowser)
// and a replay (ExositeReplay) find the resources; this class holds them for the endpoint's calls
// (a path's RID, the data resources under a client).
//
// Owned by ExositeEndpoint, which reports what lands in the EndpointBatch. No socket: the rules are
// testable from plain values. Threading: the endpoint's thread.
class ResourceTree
{
public:
    // Keeps the resource and reports its topic (and a warning for a locked or expired client).
    void add(const Resource &resource, EndpointBatch *out);
    bool contains(const QString &path) const { return m_byPath.contains(path); }
    Resource value(const QString &path) const { return m_byPath.value(path); }
    // The paths of the data resources (not clients) at or under `path`, sorted.
    QStringList dataResourcesUnder(const QString &path) const;
    // The authenticated client's name, once the walk found it.
    QString rootName() const { return m_rootName; }

    // Points of the resource at `path` as samples (numeric formats) or events, skipping those not
    // newer than *lastTs (a backlog read and live updates overlap); *lastTs becomes the newest.
    void ingest(const QString &path, const QVector<Point> &points, const QString &raw, qint64 *lastTs,
        EndpointBatch *out) const;

private:
    QHash<QString, Resource> m_byPath;
    QString m_rootName;
};

} // namespace fleetscope::exosite
