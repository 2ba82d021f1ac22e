#include "sim/cityio/cityioworld.h"

#include "sim/cityio/cityiogridmaker.h"

namespace fleetscope::sim::cityio {

namespace {
const QLatin1String kGrid("GEOGRIDDATA");

GridSpec volpe()
{
    GridSpec spec;
    spec.name = QStringLiteral("volpe");
    spec.ncols = 20;
    spec.nrows = 20;
    spec.cellSize = 15;
    spec.latitude = 42.3664655;
    spec.longitude = -71.0854323;
    spec.projection =
        QStringLiteral("+proj=lcc +lat_1=42.68333333333333 +lat_2=41.71666666666667 +lat_0=41 "
                       "+lon_0=-71.5 +x_0=200000 +y_0=750000 +ellps=GRS80 +datum=NAD83 +units=m +no_defs");
    return spec;
}

GridSpec corktown()
{
    GridSpec spec;
    spec.name = QStringLiteral("corktown");
    spec.ncols = 24;
    spec.nrows = 18;
    spec.cellSize = 30;
    spec.latitude = 42.3293;
    spec.longitude = -83.0701;
    spec.projection = QStringLiteral("+proj=lcc +lat_1=42.1 +lat_2=43.66666666666666 +lat_0=41.5 "
                                     "+lon_0=-84.36666666666666 +x_0=4000000 +y_0=0 +ellps=GRS80 +units=m +no_defs");
    return spec;
}

// Two city blocks' worth of cells turned into parks.
QJsonArray withMoreParks(QJsonArray cells)
{
    const LandUse *park = landUse(QStringLiteral("Park"));
    for (qsizetype i = 0; i < cells.size(); i += 9) {
        if (cells.at(i).toObject().value(QLatin1String("name")).toString() != QLatin1String("None"))
            cells[i] = GridMaker::cell(static_cast<int>(i), *park, 0);
    }
    return cells;
}
} // namespace

CityioWorld::CityioWorld(quint32 seed)
{
    QRandomGenerator random(seed);
    for (const GridSpec &spec : {volpe(), corktown()}) {
        QJsonObject table {
            {QStringLiteral("GEOGRID"), GridMaker::geogrid(spec)}, {kGrid, GridMaker::geogriddata(spec, random)}};
        const QJsonArray cells = table.value(kGrid).toArray();
        m_scenarios.insert(spec.name,
            {Scenario {QStringLiteral("baseline"), QStringLiteral("As built"), false, cells},
                Scenario {QStringLiteral("more-parks"), QStringLiteral("Two blocks turned into parks"), false,
                    withMoreParks(cells)},
                Scenario {QStringLiteral("old-test"), QStringLiteral("Early experiment"), true, cells}});
        m_tables.insert(spec.name, table);
    }
    // A legacy key the way older tables still carry them (shown as <project>/ABM2).
    m_tables[QStringLiteral("volpe")].insert(QStringLiteral("ABM2"),
        QJsonObject {
            {QStringLiteral("attr"),
                QJsonObject {{QStringLiteral("mode"),
                    QJsonObject {{QStringLiteral("0"), QJsonObject {{QStringLiteral("name"), QStringLiteral("drive")}}},
                        {QStringLiteral("1"), QJsonObject {{QStringLiteral("name"), QStringLiteral("walk")}}}}}}},
            {QStringLiteral("trips"), QJsonArray()}});
}

QJsonArray CityioWorld::grid(const QString &name) const
{
    return m_tables.value(name).value(kGrid).toArray();
}

QJsonObject CityioWorld::header(const QString &name) const
{
    return m_tables.value(name)
        .value(QLatin1String("GEOGRID"))
        .toObject()
        .value(QLatin1String("properties"))
        .toObject()
        .value(QLatin1String("header"))
        .toObject();
}

void CityioWorld::setGrid(const QString &name, const QJsonArray &cells)
{
    if (m_tables.contains(name))
        m_tables[name].insert(kGrid, cells);
}

QJsonArray CityioWorld::headers() const
{
    QJsonArray out;
    for (auto it = m_tables.constBegin(); it != m_tables.constEnd(); ++it)
        out.append(
            QJsonObject {{QStringLiteral("tableName"), it.key()}, {QStringLiteral("tableHeader"), header(it.key())}});
    return out;
}

bool CityioWorld::get(const QString &name, const QStringList &path, QJsonValue *out) const
{
    if (!m_tables.contains(name))
        return false;
    QJsonValue value = m_tables.value(name);
    for (const QString &segment : path) {
        if (value.isObject() && value.toObject().contains(segment)) {
            value = value.toObject().value(segment);
            continue;
        }
        bool isIndex = false;
        const int index = segment.toInt(&isIndex);
        if (value.isArray() && isIndex && index >= 0 && index < value.toArray().size()) {
            value = value.toArray().at(index);
            continue;
        }
        return false;
    }
    *out = value;
    return true;
}

QJsonObject CityioWorld::post(const QString &name, const QJsonObject &body, bool *gridChanged)
{
    QJsonObject &table = m_tables[name];
    *gridChanged = body.contains(kGrid) && body.value(kGrid) != table.value(kGrid);
    for (auto it = body.constBegin(); it != body.constEnd(); ++it)
        table.insert(it.key(), it.value());
    if (!m_scenarios.contains(name))
        m_scenarios.insert(name, {});
    return table;
}

QJsonArray CityioWorld::mergeBy(const QJsonArray &old, const QJsonArray &incoming, const QString &key)
{
    QJsonArray merged = old;
    for (const QJsonValue &item : incoming) {
        const QJsonValue id = item.toObject().value(key);
        bool replaced = false;
        for (qsizetype i = 0; i < merged.size() && !id.isUndefined(); ++i) {
            if (merged.at(i).toObject().value(key) == id) {
                merged[i] = item;
                replaced = true;
                break;
            }
        }
        if (!replaced)
            merged.append(item);
    }
    return merged;
}

void CityioWorld::saveModuleOutput(const QString &name, const QJsonObject &moduleData)
{
    if (!m_tables.contains(name))
        return;
    QJsonObject &table = m_tables[name];
    const QJsonValue layers = moduleData.contains(QLatin1String("layers")) ? moduleData.value(QLatin1String("layers"))
                                                                           : moduleData.value(QLatin1String("deckgl"));
    if (layers.isArray())
        table.insert(QStringLiteral("LAYERS"),
            mergeBy(table.value(QLatin1String("LAYERS")).toArray(), layers.toArray(), QStringLiteral("id")));
    if (moduleData.value(QLatin1String("numeric")).isArray())
        table.insert(QStringLiteral("NUMERICINDICATORS"),
            mergeBy(table.value(QLatin1String("NUMERICINDICATORS")).toArray(),
                moduleData.value(QLatin1String("numeric")).toArray(), QStringLiteral("name")));
}

QJsonArray CityioWorld::scenarioList(const QString &name) const
{
    QJsonArray out;
    for (const Scenario &scenario : m_scenarios.value(name))
        out.append(QJsonObject {{QStringLiteral("name"), scenario.name},
            {QStringLiteral("description"), scenario.description}, {QStringLiteral("isInBin"), scenario.inBin}});
    return out;
}

void CityioWorld::saveScenario(const QString &name, const QString &scenario, const QString &description)
{
    auto &list = m_scenarios[name];
    for (Scenario &existing : list) {
        if (existing.name == scenario) {
            existing.description = description;
            existing.cells = grid(name);
            existing.inBin = false;
            return;
        }
    }
    list.append(Scenario {scenario, description, false, grid(name)});
}

bool CityioWorld::modifyScenario(const QString &name, const QString &scenario, bool inBin)
{
    for (Scenario &existing : m_scenarios[name]) {
        if (existing.name == scenario) {
            existing.inBin = inBin;
            return true;
        }
    }
    return false;
}

bool CityioWorld::scenarioGrid(const QString &name, const QString &scenario, QJsonArray *cells) const
{
    for (const Scenario &existing : m_scenarios.value(name)) {
        if (existing.name == scenario) {
            *cells = existing.cells;
            return true;
        }
    }
    return false;
}

} // namespace fleetscope::sim::cityio
