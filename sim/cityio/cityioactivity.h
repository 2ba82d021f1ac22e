#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>
#include <QVariantMap>

namespace fleetscope::sim::cityio {

class CityioWorld;

// The life around the simulated broker: fake UI edits (1–5 cells change use and height), the
// `walkability` module recomputing 0.5–2 s after each grid change (saved, so snapshots carry it),
// the `traffic` module's periodic output, and the built-in core modules Noise and Energy once a UI
// attaches them. It only emits what the peers would send; CityioSimulator routes it like frames.
//
// Options: "cadence" ("lively", the default: every table changes every few seconds and traffic
// ticks each second, so the world changes several times a second; "reference": edits every 10–30 s,
// traffic every 5 s), "editMinMs"/"editMaxMs", "moduleDelayMinMs"/"moduleDelayMaxMs",
// "trafficIntervalMs", "uiEdits" (false: none), "traffic" (false: no periodic output), "seed".
//
// Owned by CityioSimulator. Threading: the simulator's thread.
class CityioActivity : public QObject
{
    Q_OBJECT

public:
    CityioActivity(CityioWorld *world, const QVariantMap &options, QObject *parent = nullptr);

    // Stores every table's first module output, then starts the timers.
    void start();
    // A grid changed (a UI, a scenario, a POST): walkability follows after the module delay.
    void gridChanged(const QString &table);
    bool isBuiltinCore(const QString &moduleId) const;
    void attachCore(const QString &moduleId, const QString &table);
    void detachCore(const QString &moduleId, const QString &table);

    static QString noiseId() { return QStringLiteral("noise-7c2e"); }
    static QString energyId() { return QStringLiteral("energy-41b9"); }

Q_SIGNALS:
    // A (fake) user interface sent UPDATE_GRID with these cells.
    void uiEdit(const QString &table, const QJsonArray &cells);
    // A module sent MODULE with this content {gridId, save, moduleData}.
    void moduleOutput(const QString &table, const QJsonObject &content);

private:
    struct TableLife
    {
        QTimer *edit = nullptr;
        QTimer *walkability = nullptr;
        QTimer *traffic = nullptr;
        double congestion = 0.4;
        QSet<QString> cores;
    };

    int randomBetween(int low, int high);
    void fakeEdit(const QString &table);
    QJsonObject walkabilityContent(const QString &table) const;
    void trafficTick(const QString &table);

    CityioWorld *m_world;
    QRandomGenerator m_random;
    QHash<QString, TableLife> m_tables;
    int m_editMinMs;
    int m_editMaxMs;
    int m_moduleMinMs;
    int m_moduleMaxMs;
    int m_trafficMs;
    bool m_uiEdits;
    bool m_traffic;
};

} // namespace fleetscope::sim::cityio
