#include "ui/sessionstate.h"

#include <QDir>
#include <QMainWindow>

namespace fleetscope::ui {

namespace {
constexpr int kLayoutVersion = 1; // bump when the docks change so old layouts are not applied
}

SessionState::SessionState(const QString &directory)
    : m_settings(QDir(directory).filePath(QStringLiteral("fleetscope.ini")), QSettings::IniFormat)
{ }

bool SessionState::hasWindow() const
{
    return m_settings.contains(QStringLiteral("window/state"));
}

void SessionState::saveWindow(const QMainWindow *window)
{
    m_settings.setValue(QStringLiteral("window/geometry"), window->saveGeometry());
    m_settings.setValue(QStringLiteral("window/state"), window->saveState(kLayoutVersion));
}

bool SessionState::restoreWindow(QMainWindow *window) const
{
    if (!hasWindow())
        return false;
    window->restoreGeometry(m_settings.value(QStringLiteral("window/geometry")).toByteArray());
    return window->restoreState(m_settings.value(QStringLiteral("window/state")).toByteArray(), kLayoutVersion);
}

void SessionState::saveCharts(const QVariantList &charts)
{
    m_settings.setValue(QStringLiteral("charts/list"), charts);
}

QVariantList SessionState::charts() const
{
    return m_settings.value(QStringLiteral("charts/list")).toList();
}

QString SessionState::theme() const
{
    return m_settings.value(QStringLiteral("view/theme")).toString();
}

void SessionState::saveTheme(const QString &theme)
{
    m_settings.setValue(QStringLiteral("view/theme"), theme);
}

bool SessionState::confirmWrites() const
{
    return m_settings.value(QStringLiteral("composer/confirmWrites"), true).toBool();
}

void SessionState::saveConfirmWrites(bool on)
{
    m_settings.setValue(QStringLiteral("composer/confirmWrites"), on);
}

} // namespace fleetscope::ui
