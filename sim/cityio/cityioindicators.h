#pragma once

#include <QJsonArray>
#include <QJsonObject>

namespace fleetscope::sim::cityio {

// What the simulated modules compute from a table, as `moduleData` ({numeric, layers}). Pure and
// deterministic for a given grid, so tests can predict how an edit moves the indicators.
//
// Threading: pure functions.
namespace Indicators {

// The figures the walkability module derives from the land use.
struct LandUseFigures
{
    double diversity = 0; // entropy of the built uses / ln 4, 0..1
    double density = 0; // floor area of residential + office cells, 0..1
    double parkProximity = 0; // share of residential cells with a park within two cells, 0..1
    double meanHeight = 0; // of the built cells, absolute (0..100)
    double parkShare = 0;
};
LandUseFigures figures(const QJsonArray &cells, int ncols);

// Module "walkability": mode shares (bar, summing to 1), Diversity of land use, Density and
// Proximity to parks (radar, 0..1, ref_value 0.5), Mean Height (bar, absolute) and a heatmap
// layer of ~50 points of pedestrian activity.
QJsonObject walkability(const QJsonArray &cells, const QJsonObject &header);

// Module "traffic": congestion 0..1 and average speed 15..45 km/h.
QJsonObject traffic(double congestion, double speed);

// A core module's single indicator (absolute value with units).
QJsonObject coreIndicator(const QString &name, double value, const QString &units, const QString &description);

} // namespace Indicators

} // namespace fleetscope::sim::cityio
