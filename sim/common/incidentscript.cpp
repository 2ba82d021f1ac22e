#include "sim/common/incidentscript.h"

#include <QDateTime>

#include <algorithm>

namespace fleetscope::sim {

IncidentScript::IncidentScript(const QVariantMap &options, QObject *parent)
    : QObject(parent)
    , m_enabled(options.value(QStringLiteral("incidents"), false).toBool())
    , m_scale(std::clamp(options.value(QStringLiteral("incidentScale"), 1.0).toDouble(), 0.001, 1000.0))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 elapsed = QDateTime::currentMSecsSinceEpoch() - m_startedMs;
        while (m_next < m_steps.size() && static_cast<qint64>(m_steps[m_next].atMs * m_scale) <= elapsed) {
            const Step &step = m_steps[m_next++];
            step.run();
            Q_EMIT staged(step.what);
        }
        armNext();
    });
}

void IncidentScript::add(qint64 atMs, const QString &what, std::function<void()> step)
{
    m_steps.append(Step {atMs, what, std::move(step)});
    std::stable_sort(m_steps.begin(), m_steps.end(), [](const Step &a, const Step &b) { return a.atMs < b.atMs; });
}

void IncidentScript::start()
{
    if (!m_enabled)
        return;
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_next = 0;
    armNext();
}

void IncidentScript::armNext()
{
    if (m_next >= m_steps.size())
        return;
    const qint64 due = m_startedMs + static_cast<qint64>(m_steps[m_next].atMs * m_scale);
    m_timer.start(static_cast<int>(std::max<qint64>(0, due - QDateTime::currentMSecsSinceEpoch())));
}

} // namespace fleetscope::sim
