#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QString>
#include <QVector>

namespace fleetscope::sim::cityio {

// A land-use type of the simulated tables, as GEOGRID.properties.types lists it.
struct LandUse
{
    const char *name;
    int rgb[3];
    const char *hex;
    int minHeight; // of height[1] (floors × ~3 m, as CityScope tables use it)
    int maxHeight;
    const char *lbcs; // LBCS function code, or nullptr
};

// Residential, Office, Park, Amenity, None.
const QVector<LandUse> &landUses();
const LandUse *landUse(const QString &name);

// What a table looks like: its name, size and anchor (the north-west corner).
struct GridSpec
{
    QString name;
    int ncols = 20;
    int nrows = 20;
    double cellSize = 15; // metres
    double latitude = 0;
    double longitude = 0;
    int tz = -5;
    QString projection;
};

// Builds realistic CityScope tables: GEOGRID as a GeoJSON FeatureCollection of ncols×nrows square
// cells (row-major from the north-west corner) with its header and types, and GEOGRIDDATA with
// city blocks separated by streets (None), each block mostly one land use.
//
// Threading: pure functions.
namespace GridMaker {
QJsonObject header(const GridSpec &spec);
QJsonObject geogrid(const GridSpec &spec);
QJsonArray geogriddata(const GridSpec &spec, QRandomGenerator &random);
// One GEOGRIDDATA cell {id, name, color, height:[0,h,100], interactive:"Web"}.
QJsonObject cell(int id, const LandUse &use, int height);
int randomHeight(const LandUse &use, QRandomGenerator &random);
// Centre of cell `index` as [longitude, latitude].
QJsonArray centre(const QJsonObject &header, int index);
} // namespace GridMaker

} // namespace fleetscope::sim::cityio
