#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QStringList>
#include <QVector>

namespace fleetscope::sim::cityio {

// The simulated broker's storage: the tables (GEOGRID, GEOGRIDDATA, saved module output under
// LAYERS and NUMERICINDICATORS, legacy keys) and each table's scenarios. Starts with `volpe`
// (20×20, 15 m, Cambridge MA) and `corktown` (24×18, 30 m, Detroit) and the scenarios baseline,
// more-parks and old-test (in the bin).
//
// Owned by CityioSimulator. Threading: the simulator's thread.
class CityioWorld
{
public:
    struct Scenario
    {
        QString name;
        QString description;
        bool inBin = false;
        QJsonArray cells;
    };

    explicit CityioWorld(quint32 seed);

    QStringList tableNames() const { return m_tables.keys(); }
    bool hasTable(const QString &name) const { return m_tables.contains(name); }
    QJsonObject table(const QString &name) const { return m_tables.value(name); }
    QJsonArray grid(const QString &name) const;
    QJsonObject header(const QString &name) const;
    void setGrid(const QString &name, const QJsonArray &cells);
    // [{tableName, tableHeader}] as REST table/headers answers.
    QJsonArray headers() const;
    // The value at `path` inside the table (object keys, array indices); false when missing.
    bool get(const QString &name, const QStringList &path, QJsonValue *out) const;
    // POST table/<name>: creates the table or merges the given top-level keys; returns the table.
    QJsonObject post(const QString &name, const QJsonObject &body, bool *gridChanged);
    // MODULE with save:true: layers merge by id into LAYERS, numeric by name into NUMERICINDICATORS.
    void saveModuleOutput(const QString &name, const QJsonObject &moduleData);

    QJsonArray scenarioList(const QString &name) const;
    void saveScenario(const QString &name, const QString &scenario, const QString &description);
    bool modifyScenario(const QString &name, const QString &scenario, bool inBin);
    bool scenarioGrid(const QString &name, const QString &scenario, QJsonArray *cells) const;

private:
    static QJsonArray mergeBy(const QJsonArray &old, const QJsonArray &incoming, const QString &key);

    QMap<QString, QJsonObject> m_tables;
    QMap<QString, QVector<Scenario>> m_scenarios;
};

} // namespace fleetscope::sim::cityio
