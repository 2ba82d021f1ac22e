#include "app/gui/demofleet.h"

#include "sim/common/simulatorregistry.h"

#include <QHostAddress>

namespace fleetscope::gui {

DemoFleet::DemoFleet(const sim::SimulatorRegistry &registry, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_home(new QObject)
{
    m_thread.setObjectName(QStringLiteral("fleetscope-demo-simulators"));
    m_home->moveToThread(&m_thread);
}

DemoFleet::~DemoFleet()
{
    if (m_thread.isRunning()) {
        // Simulators own sockets and timers of that thread: they go there, before it ends.
        QObject *home = m_home;
        QMetaObject::invokeMethod(
            home, [home] { qDeleteAll(home->children()); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    delete m_home;
}

void DemoFleet::start()
{
    m_thread.start();
    QObject *home = m_home;
    const sim::SimulatorRegistry *registry = &m_registry;
    QMetaObject::invokeMethod(
        home,
        [this, home, registry] {
            QVector<Target> targets;
            QStringList errors;
            for (const QString &protocol : registry->protocols()) {
                std::unique_ptr<sim::Simulator> simulator = registry->create(protocol);
                QString error;
                if (!simulator || !simulator->listen(QHostAddress::LocalHost, 0, &error)) {
                    errors << QStringLiteral("%1: %2").arg(
                        protocol, simulator ? error : QStringLiteral("no simulator"));
                    continue;
                }
                targets.append(Target {simulator->clientConfig(), simulator->demoSeries()});
                simulator.release()->setParent(home);
            }
            QMetaObject::invokeMethod(
                this, [this, targets, errors] { Q_EMIT started(targets, errors); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace fleetscope::gui
