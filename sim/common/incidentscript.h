#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <QVariantMap>
#include <QVector>

#include <functional>

namespace fleetscope::sim {

// Incidents a simulator stages so that a new user sees alerts fire and resolve in the first minute
// of the demo (docs/alerts.md, "Demo"): steps at fixed offsets from start(), each a change of the
// simulated world (a robot disconnects, a truck goes silent, a battery drains). Off unless the
// simulator's options say "incidents": true (the demo does; `fleetscope-sim --set incidents=true`);
// "incidentScale" multiplies every offset (tests run a minute's script in a few seconds).
//
// Owned by its simulator's world; one timer, the world's thread.
class IncidentScript : public QObject
{
    Q_OBJECT

public:
    explicit IncidentScript(const QVariantMap &options, QObject *parent = nullptr);

    bool enabled() const { return m_enabled; }
    // A step `atMs` (before scaling) after start(); steps may be added in any order.
    void add(qint64 atMs, const QString &what, std::function<void()> step);
    // Runs the steps from now (nothing when not enabled).
    void start();

Q_SIGNALS:
    // A step was just staged ("Robot-02 disconnects").
    void staged(const QString &what);

private:
    struct Step
    {
        qint64 atMs;
        QString what;
        std::function<void()> run;
    };
    void armNext();

    bool m_enabled;
    double m_scale;
    QVector<Step> m_steps;
    int m_next = 0;
    QTimer m_timer;
    qint64 m_startedMs = 0;
};

} // namespace fleetscope::sim
