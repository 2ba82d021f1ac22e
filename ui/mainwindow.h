#pragma once

#include "ui/demotarget.h"

#include <QMainWindow>
#include <QSet>

class QAction;
class QDockWidget;

namespace fleetscope {
class EventStore;
class TemplateLibrary;
class Workspace;
} // namespace fleetscope

namespace fleetscope::ui {

class AppTheme;
class ChartsPanel;
class ComposerPanel;
class ConnectionController;
class EndpointsPanel;
class EventLogPanel;
class ProfileStore;
class RecordingActions;
class SecretStore;
class SessionState;
class StatusSummary;
class TopicsPanel;

// The console window: assembles the panels (endpoints, topics, charts, event log, composer, status
// bar) around one Workspace, wires them to each other, provides menus and shortcuts, and restores
// and saves the session. The panels do the work.
//
// Threading: GUI thread. Created by main, which owns every collaborator passed in.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    struct Services
    {
        Workspace *workspace;
        const TemplateLibrary *templates;
        ProfileStore *profiles;
        SecretStore *secrets;
        SessionState *session;
        EventStore *eventStore = nullptr; // the event log on disk; none in demo mode
    };

    // `persist` false (demo mode): nothing is restored or saved.
    explicit MainWindow(const Services &services, bool persist, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Restores the saved layout, charts and connections (when persisting).
    void restoreSession();
    void saveSession();
    // Demo mode: connects to each simulator, subscribes, and charts its demo series.
    void openDemo(const QVector<DemoTarget> &targets);

    EndpointsPanel *endpointsPanel() const { return m_endpoints; }
    TopicsPanel *topicsPanel() const { return m_topics; }
    ChartsPanel *chartsPanel() const { return m_charts; }
    EventLogPanel *eventLogPanel() const { return m_log; }
    ComposerPanel *composerPanel() const { return m_composer; }
    StatusSummary *statusSummary() const { return m_summary; }
    ConnectionController *connections() const { return m_connections; }
    RecordingActions *recording() const { return m_recording; }
    // View > Theme (system, light, dark), kept in the session when persisting.
    AppTheme *theme() const { return m_theme; }
    // Settings > Event Log Retention… (disabled without an event store).
    QAction *retentionAction() const { return m_retentionAction; }
    // Help > Keyboard Shortcuts (F1): opens a ShortcutsDialog.
    QAction *shortcutsAction() const { return m_shortcutsAction; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QDockWidget *addPanel(QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area);
    void createMenus();
    void createToolBar();
    void defaultLayout();
    // Narrows docks that take more than their share, so the chart keeps about half the window.
    void balanceDocks();
    // The default layout's dock sizes, as shares of the window's size.
    void shareDocks();
    void about();
    void showShortcuts();

    Services m_services;
    bool m_persist;
    EndpointsPanel *m_endpoints;
    TopicsPanel *m_topics;
    ChartsPanel *m_charts;
    EventLogPanel *m_log;
    ComposerPanel *m_composer;
    StatusSummary *m_summary;
    ConnectionController *m_connections;
    RecordingActions *m_recording;
    AppTheme *m_theme;
    QAction *m_retentionAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_confirmWritesAction = nullptr;
    QDockWidget *m_endpointsDock = nullptr;
    QDockWidget *m_topicsDock = nullptr;
    QDockWidget *m_logDock = nullptr;
    QDockWidget *m_composerDock = nullptr;
    bool m_shareDocks = false;
    QSet<QString> m_demoEndpoints; // subscribed to everything once browsed
};

} // namespace fleetscope::ui
