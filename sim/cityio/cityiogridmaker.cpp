#include "sim/cityio/cityiogridmaker.h"

#include <QtMath>

namespace fleetscope::sim::cityio {

namespace {
constexpr double kMetresPerDegree = 111320.0;

double degreesNorth(double metres)
{
    return metres / kMetresPerDegree;
}
double degreesEast(double metres, double latitude)
{
    return metres / (kMetresPerDegree * std::cos(qDegreesToRadians(latitude)));
}
} // namespace

const QVector<LandUse> &landUses()
{
    static const QVector<LandUse> uses {
        {"Residential", {185, 126, 24}, "#b97e18", 9, 36, "1100"},
        {"Office", {54, 120, 196}, "#3678c4", 24, 90, "2300"},
        {"Park", {126, 179, 70}, "#7eb346", 0, 0, "7240"},
        {"Amenity", {214, 62, 103}, "#d63e67", 6, 18, "2500"},
        {"None", {90, 90, 90}, "#5a5a5a", 0, 0, nullptr},
    };
    return uses;
}

const LandUse *landUse(const QString &name)
{
    for (const LandUse &use : landUses()) {
        if (name == QLatin1String(use.name))
            return &use;
    }
    return nullptr;
}

namespace GridMaker {

QJsonObject header(const GridSpec &spec)
{
    return QJsonObject {{QStringLiteral("tableName"), spec.name}, {QStringLiteral("cellSize"), spec.cellSize},
        {QStringLiteral("latitude"), spec.latitude}, {QStringLiteral("longitude"), spec.longitude},
        {QStringLiteral("ncols"), spec.ncols}, {QStringLiteral("nrows"), spec.nrows}, {QStringLiteral("rotation"), 0},
        {QStringLiteral("tz"), spec.tz}, {QStringLiteral("cs_project"), true},
        {QStringLiteral("projection"), spec.projection}};
}

QJsonObject geogrid(const GridSpec &spec)
{
    QJsonObject types;
    for (const LandUse &use : landUses()) {
        QJsonObject type {{QStringLiteral("color"), QLatin1String(use.hex)},
            {QStringLiteral("height"), QJsonArray {0, use.maxHeight, 100}},
            {QStringLiteral("interactive"), use.lbcs != nullptr}, {QStringLiteral("NAICS"), QJsonValue::Null}};
        if (use.lbcs)
            type.insert(QStringLiteral("LBCS"),
                QJsonArray {QJsonObject {{QStringLiteral("proportion"), 1},
                    {QStringLiteral("use"), QJsonObject {{QLatin1String(use.lbcs), 1}}}}});
        else
            type.insert(QStringLiteral("LBCS"), QJsonValue::Null);
        types.insert(QLatin1String(use.name), type);
    }
    const double dLat = degreesNorth(spec.cellSize);
    const double dLon = degreesEast(spec.cellSize, spec.latitude);
    QJsonArray features;
    for (int row = 0; row < spec.nrows; ++row) {
        for (int col = 0; col < spec.ncols; ++col) {
            const double north = spec.latitude - row * dLat;
            const double west = spec.longitude + col * dLon;
            const QJsonArray ring {QJsonArray {west, north}, QJsonArray {west, north - dLat},
                QJsonArray {west + dLon, north - dLat}, QJsonArray {west + dLon, north}, QJsonArray {west, north}};
            features.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("Feature")},
                {QStringLiteral("properties"), QJsonObject()},
                {QStringLiteral("geometry"),
                    QJsonObject {{QStringLiteral("type"), QStringLiteral("Polygon")},
                        {QStringLiteral("coordinates"), QJsonArray {ring}}}}});
        }
    }
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("FeatureCollection")},
        {QStringLiteral("properties"),
            QJsonObject {{QStringLiteral("header"), header(spec)}, {QStringLiteral("types"), types},
                {QStringLiteral("geogrid_to_tui_mapping"), QJsonObject()}}},
        {QStringLiteral("features"), features}};
}

QJsonObject cell(int id, const LandUse &use, int height)
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("name"), QLatin1String(use.name)},
        {QStringLiteral("color"), QJsonArray {use.rgb[0], use.rgb[1], use.rgb[2]}},
        {QStringLiteral("height"), QJsonArray {0, height, 100}},
        {QStringLiteral("interactive"), QStringLiteral("Web")}};
}

int randomHeight(const LandUse &use, QRandomGenerator &random)
{
    return use.maxHeight > use.minHeight
        ? use.minHeight + static_cast<int>(random.bounded(use.maxHeight - use.minHeight + 1))
        : use.minHeight;
}

QJsonArray geogriddata(const GridSpec &spec, QRandomGenerator &random)
{
    // Blocks of 6×6 cells with a street (None) every 7th row and column; each block has a main use
    // (weights: residential 45 %, office 25 %, park 15 %, amenity 15 %) and ~15 % other cells.
    const auto &uses = landUses();
    auto pick = [&random, &uses]() -> const LandUse & {
        const int roll = static_cast<int>(random.bounded(100));
        return roll < 45 ? uses[0] : roll < 70 ? uses[1] : roll < 85 ? uses[2] : uses[3];
    };
    const int blocksX = spec.ncols / 7 + 1;
    const int blocksY = spec.nrows / 7 + 1;
    QVector<const LandUse *> blockUse;
    for (int i = 0; i < blocksX * blocksY; ++i)
        blockUse.append(&pick());
    QJsonArray cells;
    for (int row = 0; row < spec.nrows; ++row) {
        for (int col = 0; col < spec.ncols; ++col) {
            const int id = row * spec.ncols + col;
            const LandUse *use = nullptr;
            if (row % 7 == 6 || col % 7 == 6)
                use = &uses[4];
            else if (random.bounded(100) < 15)
                use = &pick();
            else
                use = blockUse.at((row / 7) * blocksX + col / 7);
            cells.append(cell(id, *use, randomHeight(*use, random)));
        }
    }
    return cells;
}

QJsonArray centre(const QJsonObject &header, int index)
{
    const int ncols = std::max(1, header.value(QLatin1String("ncols")).toInt());
    const double size = header.value(QLatin1String("cellSize")).toDouble();
    const double latitude = header.value(QLatin1String("latitude")).toDouble();
    const double longitude = header.value(QLatin1String("longitude")).toDouble();
    const int row = index / ncols;
    const int col = index % ncols;
    return QJsonArray {
        longitude + degreesEast(size, latitude) * (col + 0.5), latitude - degreesNorth(size) * (row + 0.5)};
}

} // namespace GridMaker

} // namespace fleetscope::sim::cityio
