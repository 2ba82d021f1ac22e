#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QVector>

namespace fleetscope::cityio {

// Readers for the `content` of CityIO messages, tolerant of every shape the broker is known to
// send (docs/protocols/cityio.md#quirks): bare or wrapped snapshots and grid updates, arrays as
// content, legacy `deckgl`/`heatmap` keys, numbers as strings, `gridId`/`tableName`/`table`.
// Pure functions: no session, no socket.

// The table of a TABLE_SNAPSHOT: `content.snapshot` on /module, `content` itself on /interface.
struct Snapshot
{
    QString tableName; // from the wrapper or GEOGRID.properties.header.tableName; may be empty
    QJsonObject table;
    bool wrapped = false;
};
Snapshot snapshotOf(const QJsonValue &content);

// A GEOGRIDDATA_UPDATE: a bare array on /interface, {tableName, geogriddata} on /module.
struct GridUpdate
{
    QString tableName;
    QJsonArray cells;
    bool valid = false; // false when no cell array was found
    bool wrapped = false;
};
GridUpdate gridUpdateOf(const QJsonValue &content);

// A numeric indicator ({name, value, viz_type, description, ref_value, units}).
struct Indicator
{
    QString name;
    bool hasValue = false;
    double value = 0.0;
    QJsonObject raw;
};
QVector<Indicator> indicatorsOf(const QJsonValue &list);

// A deck.gl layer ({id, type, data, properties}); `id` is synthesised as <type>_<index> when missing.
struct Layer
{
    QString id;
    QString type;
    int points = -1; // size of `data` when it is an array
    QJsonObject raw;
};
QVector<Layer> layersOf(const QJsonValue &list);

// MODULE / INDICATOR content: {gridId, save, moduleData: {numeric, layers | deckgl, heatmap}}.
struct ModuleOutput
{
    QString gridId;
    bool save = false;
    QVector<Indicator> numeric;
    QVector<Layer> layers;
};
ModuleOutput moduleOutputOf(const QJsonValue &content);

struct Scenario
{
    QString name;
    QString description;
    bool inBin = false;
    QJsonObject raw;
};
QVector<Scenario> scenariosOf(const QJsonValue &content);

struct CoreModule
{
    QString moduleId;
    QString name;
    QString description;
    QString moduleType;
};
QVector<CoreModule> coreModulesOf(const QJsonValue &content);

// ERROR content: `message` when present, else the content as compact text.
QString errorTextOf(const QJsonValue &content);
// gridId, tableName or table, whichever the content carries.
QString tableKeyOf(const QJsonValue &content);
// JSON number as is; numeric string parsed; bool 1/0; anything else false.
bool numberOf(const QJsonValue &value, double *out);
// The cell's land-use type (`name`), "" when absent.
QString cellType(const QJsonValue &cell);
// The type names GEOGRID.properties.types lists, in its order.
QStringList gridTypesOf(const QJsonObject &geogrid);
// GEOGRID.properties.header (ncols, nrows, cellSize, latitude, ...).
QJsonObject gridHeaderOf(const QJsonObject &geogrid);

} // namespace fleetscope::cityio
