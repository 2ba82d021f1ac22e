#pragma once

#include <QSettings>
#include <QVariantList>

class QMainWindow;

namespace fleetscope::ui {

// The window as the user left it — geometry, dock layout and the open charts with their series —
// in fleetscope.ini in the config directory (QSettings, INI format). Endpoints live in the
// ProfileStore; secrets in the SecretStore: nothing secret is written here.
//
// Threading: GUI thread. Owned by main.
class SessionState
{
public:
    explicit SessionState(const QString &directory);

    QString fileName() const { return m_settings.fileName(); }
    bool hasWindow() const;
    void saveWindow(const QMainWindow *window);
    // False when nothing was saved (the window keeps its default layout).
    bool restoreWindow(QMainWindow *window) const;
    void saveCharts(const QVariantList &charts);
    QVariantList charts() const;
    // View > Theme: "system", "light" or "dark" (AppTheme::name); empty when never chosen.
    QString theme() const;
    void saveTheme(const QString &theme);
    // Settings > Confirm Writes to Devices (on until turned off).
    bool confirmWrites() const;
    void saveConfirmWrites(bool on);
    void sync() { m_settings.sync(); }

private:
    mutable QSettings m_settings;
};

} // namespace fleetscope::ui
