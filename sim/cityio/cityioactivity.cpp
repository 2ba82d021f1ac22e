#include "sim/cityio/cityioactivity.h"

#include "sim/cityio/cityiogridmaker.h"
#include "sim/cityio/cityioindicators.h"
#include "sim/cityio/cityioworld.h"

namespace fleetscope::sim::cityio {

namespace {
int intOption(const QVariantMap &options, const char *key, int fallback)
{
    bool ok = false;
    const int value = options.value(QLatin1String(key)).toInt(&ok);
    return ok && value >= 0 ? value : fallback;
}
} // namespace

CityioActivity::CityioActivity(CityioWorld *world, const QVariantMap &options, QObject *parent)
    : QObject(parent)
    , m_world(world)
    , m_random(options.value(QStringLiteral("seed"), 4242).toUInt())
    , m_uiEdits(options.value(QStringLiteral("uiEdits"), true).toBool())
    , m_traffic(options.value(QStringLiteral("traffic"), true).toBool())
{
    const bool reference = options.value(QStringLiteral("cadence")).toString() == QLatin1String("reference");
    m_editMinMs = intOption(options, "editMinMs", reference ? 10000 : 1500);
    m_editMaxMs = std::max(m_editMinMs, intOption(options, "editMaxMs", reference ? 30000 : 5000));
    m_moduleMinMs = intOption(options, "moduleDelayMinMs", 500);
    m_moduleMaxMs = std::max(m_moduleMinMs, intOption(options, "moduleDelayMaxMs", 2000));
    m_trafficMs = std::max(50, intOption(options, "trafficIntervalMs", reference ? 5000 : 1000));
}

int CityioActivity::randomBetween(int low, int high)
{
    return high > low ? low + static_cast<int>(m_random.bounded(high - low + 1)) : low;
}

void CityioActivity::start()
{
    for (const QString &table : m_world->tableNames()) {
        TableLife &life = m_tables[table];
        m_world->saveModuleOutput(table, Indicators::walkability(m_world->grid(table), m_world->header(table)));
        m_world->saveModuleOutput(table, Indicators::traffic(life.congestion, 45 - 30 * life.congestion));

        life.walkability = new QTimer(this);
        life.walkability->setSingleShot(true);
        connect(life.walkability, &QTimer::timeout, this,
            [this, table] { Q_EMIT moduleOutput(table, walkabilityContent(table)); });

        life.edit = new QTimer(this);
        life.edit->setSingleShot(true);
        connect(life.edit, &QTimer::timeout, this, [this, table] {
            fakeEdit(table);
            m_tables[table].edit->start(randomBetween(m_editMinMs, m_editMaxMs));
        });
        if (m_uiEdits)
            life.edit->start(randomBetween(m_editMinMs, m_editMaxMs));

        life.traffic = new QTimer(this);
        connect(life.traffic, &QTimer::timeout, this, [this, table] { trafficTick(table); });
        // Tables tick out of phase, so the world changes evenly rather than in bursts.
        if (m_traffic)
            QTimer::singleShot(randomBetween(0, m_trafficMs), life.traffic, [this, table] {
                trafficTick(table);
                m_tables[table].traffic->start(m_trafficMs);
            });
    }
}

void CityioActivity::gridChanged(const QString &table)
{
    auto it = m_tables.find(table);
    if (it == m_tables.end())
        return; // a table created over REST has no modules
    // Restarting the timer coalesces a burst of edits into one recomputation, as modules do.
    it->walkability->start(randomBetween(m_moduleMinMs, m_moduleMaxMs));
}

QJsonObject CityioActivity::walkabilityContent(const QString &table) const
{
    return QJsonObject {{QStringLiteral("gridId"), table}, {QStringLiteral("save"), true},
        {QStringLiteral("moduleData"), Indicators::walkability(m_world->grid(table), m_world->header(table))}};
}

void CityioActivity::fakeEdit(const QString &table)
{
    QJsonArray cells = m_world->grid(table);
    if (cells.isEmpty())
        return;
    const auto &uses = landUses();
    const int changes = randomBetween(1, 5);
    for (int n = 0, tries = 0; n < changes && tries < 100; ++tries) {
        const int index = static_cast<int>(m_random.bounded(static_cast<int>(cells.size())));
        const QString current = cells.at(index).toObject().value(QLatin1String("name")).toString();
        if (current == QLatin1String("None"))
            continue; // streets stay streets
        ++n;
        const LandUse *use = &uses[static_cast<int>(m_random.bounded(4))];
        if (current == QLatin1String(use->name))
            use = &uses[(static_cast<int>(use - uses.data()) + 1) % 4];
        cells[index] = GridMaker::cell(index, *use, GridMaker::randomHeight(*use, m_random));
    }
    Q_EMIT uiEdit(table, cells);
}

void CityioActivity::trafficTick(const QString &table)
{
    TableLife &life = m_tables[table];
    // A random walk pulled toward a level set by the share of offices (rush to work).
    const Indicators::LandUseFigures f =
        Indicators::figures(m_world->grid(table), m_world->header(table).value(QLatin1String("ncols")).toInt());
    const double target = 0.25 + 0.5 * f.density;
    const double step = (m_random.generateDouble() - 0.5) * 0.12;
    life.congestion = std::clamp(life.congestion + step + 0.1 * (target - life.congestion), 0.0, 1.0);
    const double speed =
        std::clamp(45.0 - 30.0 * life.congestion + (m_random.generateDouble() - 0.5) * 2.0, 15.0, 45.0);
    Q_EMIT moduleOutput(table,
        QJsonObject {{QStringLiteral("gridId"), table}, {QStringLiteral("save"), true},
            {QStringLiteral("moduleData"), Indicators::traffic(life.congestion, speed)}});
    for (const QString &core : std::as_const(life.cores)) {
        const bool noise = core == noiseId();
        const double value = noise ? 48.0 + 20.0 * life.congestion + m_random.generateDouble()
                                   : 90.0 + 1.2 * f.meanHeight + 5.0 * m_random.generateDouble();
        Q_EMIT moduleOutput(table,
            QJsonObject {{QStringLiteral("gridId"), table}, {QStringLiteral("save"), false},
                {QStringLiteral("moduleData"),
                    noise ? Indicators::coreIndicator(QStringLiteral("Noise exposure"), value, QStringLiteral("dB(A)"),
                        QStringLiteral("Road noise at facades"))
                          : Indicators::coreIndicator(QStringLiteral("Energy use"), value, QStringLiteral("kWh/m2"),
                              QStringLiteral("Yearly energy use of buildings"))}});
    }
}

bool CityioActivity::isBuiltinCore(const QString &moduleId) const
{
    return moduleId == noiseId() || moduleId == energyId();
}

void CityioActivity::attachCore(const QString &moduleId, const QString &table)
{
    if (m_tables.contains(table) && isBuiltinCore(moduleId))
        m_tables[table].cores.insert(moduleId);
}

void CityioActivity::detachCore(const QString &moduleId, const QString &table)
{
    if (m_tables.contains(table))
        m_tables[table].cores.remove(moduleId);
}

} // namespace fleetscope::sim::cityio
