#pragma once

#include "core/endpoint/endpointbatch.h"
#include "core/protocols/cityio/cityiocontent.h"
#include "core/protocols/cityio/cityiomessage.h"

#include <QHash>
#include <QSet>

namespace fleetscope::cityio {

// What Fleetscope knows of the CityIO tables it hears about, and how each message becomes topics,
// samples and events (docs/protocols/cityio.md#mapping): project folders from REST, the grid and
// its per-type cell counts from snapshots and GEOGRIDDATA_UPDATE, indicators and layers from module
// output and stored NUMERICINDICATORS/LAYERS, scenarios, core modules. Topics are reported when
// they are new or changed; samples and events carry the receive time (CityIO has no timestamps).
//
// Owned by the endpoint, which forwards what lands in the EndpointBatch. No socket, no timer: the
// tests feed it decoded messages directly. Threading: the endpoint's thread.
class CityioTree
{
public:
    // A project folder (from REST table/list), with its table/headers entry as metadata.
    void addProject(const QString &project, const QJsonObject &header, EndpointBatch *out);
    // A message on the /interface socket of `project`. Returns the summary of its main event.
    QString applyInterface(
        const QString &project, const Message &message, const QString &raw, qint64 t, EndpointBatch *out);
    // A message on the /module or /module/core socket (`channel` "@module" or "@core"): events only,
    // since the tables' state comes from their /interface sockets.
    QString applyProbe(
        const QString &channel, const Message &message, const QString &raw, qint64 t, EndpointBatch *out);
    // A frame that is not a CityIO envelope, received on the socket of `path`.
    static QString undecodable(
        const QString &path, const Message &message, const QString &raw, qint64 t, EndpointBatch *out);

    bool hasGrid(const QString &project) const;
    // The project's current GEOGRIDDATA (empty until a snapshot or update arrived).
    QJsonArray grid(const QString &project) const;
    QStringList projects() const;

    static QString projectPath(const QString &project);
    static QString summaryOfSnapshot(int cells, int layers, int indicators);

private:
    struct Table
    {
        QJsonArray cells;
        bool hasCells = false;
        QStringList types; // from GEOGRID.properties.types
        QSet<QString> scenarios;
    };

    void report(const Topic &topic, EndpointBatch *out);
    void remove(const QString &path, EndpointBatch *out);
    void folder(const QString &path, const QString &type, EndpointBatch *out);
    Table &table(const QString &project, EndpointBatch *out);
    QString applySnapshot(
        const QString &project, const Message &message, const QString &raw, qint64 t, EndpointBatch *out);
    QString applyGridUpdate(
        const QString &project, const Message &message, const QString &raw, qint64 t, EndpointBatch *out);
    QString applyModule(
        const QString &project, const Message &message, const QString &raw, qint64 t, EndpointBatch *out);
    QString applyScenarios(const QString &project, const QVector<Scenario> &scenarios, const QString &raw, qint64 t,
        EndpointBatch *out, bool withEvent);
    QString applyCoreModules(const Message &message, const QString &raw, qint64 t, EndpointBatch *out);
    // Stores the cells and reports the per-type counts (and `changed` when there was a grid
    // before). Returns the number of changed cells and, in `changedTypes`, their new types.
    int applyCells(const QString &project, const QJsonArray &cells, qint64 t, EndpointBatch *out,
        QHash<QString, int> *changedTypes);
    void applyIndicators(const QString &project, const QVector<Indicator> &indicators, qint64 t, EndpointBatch *out);
    void applyLayers(const QString &project, const QVector<Layer> &layers, EndpointBatch *out);

    QHash<QString, Table> m_tables;
    QHash<QString, Topic> m_topics; // as last reported, by path
    QSet<QString> m_coreModules;
};

} // namespace fleetscope::cityio
