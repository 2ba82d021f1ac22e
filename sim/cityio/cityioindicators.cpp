#include "sim/cityio/cityioindicators.h"

#include "sim/cityio/cityiogridmaker.h"

#include <QHash>

#include <cmath>

namespace fleetscope::sim::cityio::Indicators {

namespace {
QString nameOf(const QJsonValue &cell)
{
    return cell.toObject().value(QLatin1String("name")).toString();
}

double heightOf(const QJsonValue &cell)
{
    const QJsonValue height = cell.toObject().value(QLatin1String("height"));
    return height.isArray() ? height.toArray().at(1).toDouble() : height.toDouble();
}

QJsonObject numeric(const char *name, double value, const char *viz, const char *description)
{
    QJsonObject out {{QStringLiteral("name"), QLatin1String(name)}, {QStringLiteral("value"), value},
        {QStringLiteral("viz_type"), QLatin1String(viz)}, {QStringLiteral("description"), QLatin1String(description)}};
    if (QLatin1String(viz) == QLatin1String("radar"))
        out.insert(QStringLiteral("ref_value"), 0.5);
    return out;
}

double round3(double v)
{
    return std::round(v * 1000.0) / 1000.0;
}
} // namespace

LandUseFigures figures(const QJsonArray &cells, int ncols)
{
    LandUseFigures f;
    ncols = std::max(1, ncols);
    QHash<QString, int> counts;
    double heights = 0;
    double floorArea = 0;
    int built = 0;
    for (const QJsonValue &cell : cells) {
        const QString name = nameOf(cell);
        counts[name] += 1;
        if (name == QLatin1String("None") || name.isEmpty())
            continue;
        ++built;
        heights += heightOf(cell);
        if (name == QLatin1String("Residential") || name == QLatin1String("Office"))
            floorArea += heightOf(cell);
    }
    if (built == 0)
        return f;
    double entropy = 0;
    for (const char *use : {"Residential", "Office", "Park", "Amenity"}) {
        const double share = counts.value(QLatin1String(use)) / static_cast<double>(built);
        if (share > 0)
            entropy -= share * std::log(share);
    }
    f.diversity = entropy / std::log(4.0);
    f.meanHeight = heights / built;
    f.density = std::min(1.0, floorArea / (cells.size() * 60.0));
    f.parkShare = counts.value(QStringLiteral("Park")) / static_cast<double>(built);
    int residential = 0;
    int nearPark = 0;
    const int nrows = static_cast<int>((cells.size() + ncols - 1) / ncols);
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (nameOf(cells.at(i)) != QLatin1String("Residential"))
            continue;
        ++residential;
        const int row = static_cast<int>(i / ncols);
        const int col = static_cast<int>(i % ncols);
        bool found = false;
        for (int r = std::max(0, row - 2); r <= std::min(nrows - 1, row + 2) && !found; ++r) {
            for (int c = std::max(0, col - 2); c <= std::min(ncols - 1, col + 2) && !found; ++c) {
                const qsizetype j = static_cast<qsizetype>(r) * ncols + c;
                found = j < cells.size() && nameOf(cells.at(j)) == QLatin1String("Park");
            }
        }
        nearPark += found ? 1 : 0;
    }
    f.parkProximity = residential > 0 ? nearPark / static_cast<double>(residential) : 0;
    return f;
}

QJsonObject walkability(const QJsonArray &cells, const QJsonObject &header)
{
    const int ncols = header.value(QLatin1String("ncols")).toInt();
    const LandUseFigures f = figures(cells, ncols);
    double walking = 0.10 + 0.30 * f.diversity + 0.10 * f.parkProximity;
    double cycling = 0.05 + 0.10 * f.parkShare + 0.05 * f.diversity;
    double transit = 0.10 + 0.25 * f.density;
    double driving = std::max(0.05, 1.0 - walking - cycling - transit);
    const double sum = walking + cycling + transit + driving;
    walking /= sum;
    cycling /= sum;
    transit /= sum;
    driving = 1.0 - walking - cycling - transit;
    const QJsonArray numericList {numeric("walking", round3(walking), "bar", "Share of walking trips"),
        numeric("cycling", round3(cycling), "bar", "Share of cycling trips"),
        numeric("driving", round3(driving), "bar", "Share of driving trips"),
        numeric("transit", round3(transit), "bar", "Share of transit trips"),
        numeric("Diversity of land use", round3(f.diversity), "radar", "Entropy of uses"),
        numeric("Density", round3(f.density), "radar", "Floor area of homes and offices"),
        numeric("Proximity to parks", round3(f.parkProximity), "radar", "Homes within two blocks of a park"),
        numeric("Mean Height", round3(f.meanHeight), "bar", "Mean height of the built cells (absolute)")};
    // Pedestrian activity at ~50 cells spread over the grid: busier near amenities and offices.
    QJsonArray points;
    const qsizetype step = std::max<qsizetype>(1, cells.size() / 50);
    for (qsizetype i = 0; i < cells.size(); i += step) {
        const QString name = nameOf(cells.at(i));
        const double weight = name == QLatin1String("Amenity") ? 4.0
            : name == QLatin1String("Office")                  ? 3.0
            : name == QLatin1String("Residential")             ? 2.0
            : name == QLatin1String("Park")                    ? 1.5
                                                               : 0.5;
        points.append(QJsonObject {{QStringLiteral("coordinates"), GridMaker::centre(header, static_cast<int>(i))},
            {QStringLiteral("weight"), round3(weight * (0.5 + f.diversity))}});
    }
    const QJsonArray layers {QJsonObject {{QStringLiteral("id"), QStringLiteral("walkability_heatmap")},
        {QStringLiteral("type"), QStringLiteral("heatmap")}, {QStringLiteral("data"), points},
        {QStringLiteral("properties"), QJsonObject {{QStringLiteral("radiusPixels"), 40}}}}};
    return QJsonObject {{QStringLiteral("numeric"), numericList}, {QStringLiteral("layers"), layers}};
}

QJsonObject traffic(double congestion, double speed)
{
    QJsonObject speedIndicator = numeric("average speed", round3(speed), "bar", "Mean vehicle speed (absolute)");
    speedIndicator.insert(QStringLiteral("units"), QStringLiteral("km/h"));
    return QJsonObject {{QStringLiteral("numeric"),
        QJsonArray {
            numeric("congestion", round3(congestion), "bar", "Share of road capacity in use"), speedIndicator}}};
}

QJsonObject coreIndicator(const QString &name, double value, const QString &units, const QString &description)
{
    return QJsonObject {{QStringLiteral("numeric"),
        QJsonArray {QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("value"), round3(value)},
            {QStringLiteral("viz_type"), QStringLiteral("bar")}, {QStringLiteral("description"), description},
            {QStringLiteral("units"), units}}}}};
}

} // namespace fleetscope::sim::cityio::Indicators
