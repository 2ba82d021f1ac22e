#pragma once

#include "ui/chartpanel.h"

#include <QTimer>
#include <QWidget>

class QAction;
class QActionGroup;
class QComboBox;
class QTabWidget;
class QToolBar;

namespace fleetscope {
class Workspace;
}

namespace fleetscope::ui {

// The central area: tabs of charts and one toolbar acting on the current one (time window, pause,
// auto-scale, reset zoom, export). Redraws are throttled: data arriving starts a single-shot 40 ms
// timer and only the visible chart redraws when it fires — never once per message. A slower clock
// keeps live windows sliding when nothing arrives.
//
// Threading: GUI thread.
class ChartsPanel : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kRedrawDelayMs = 40;

    explicit ChartsPanel(Workspace *workspace, QWidget *parent = nullptr);

    ChartPanel *addChart(const QString &title = QString());
    ChartPanel *currentChart() const;
    ChartPanel *chartAt(int index) const;
    int chartCount() const;
    void closeChart(int index);
    // Adds series for `paths` of `endpoint` to `chart` (the current one, or a new one when there
    // is none), subscribing to their topics where needed; charted() says what was added where.
    void chartTopics(const QString &endpoint, const QStringList &paths, ChartPanel *chart = nullptr);
    // A series named as the Topics tree shows it, with the unit from its topic's metadata.
    SeriesLabel labelFor(const QString &key) const;
    // Renames tab `index`; prompting asks for the title first (double-click, F2, tab menu).
    bool renameChart(int index, const QString &title);
    bool promptRename(int index);

    QVariantList saveState() const;
    void restoreState(const QVariantList &charts);

    // The chart actions, for the window's menu.
    QList<QAction *> chartActions() const;
    QAction *pauseAction() const { return m_pause; }
    QAction *renameAction() const { return m_renameChart; }
    QTabWidget *tabs() const { return m_tabs; }

    void scheduleRedraw();
    bool redrawPending() const { return m_redraw.isActive(); }

Q_SIGNALS:
    // What Chart This (or a drop, or a removal) did, in a sentence for the status bar.
    void charted(const QString &message);

private:
    void redrawNow();
    void relabel();
    void syncToolbar();
    void exportPng();
    void exportCsv();
    void subscribeFor(const QString &endpoint, const QString &path);

    Workspace *m_workspace;
    QTabWidget *m_tabs;
    QToolBar *m_toolbar;
    QComboBox *m_windowBox;
    QAction *m_newChart;
    QAction *m_closeChart;
    QAction *m_renameChart;
    QAction *m_pause;
    QAction *m_autoScale;
    QAction *m_resetZoom;
    QAction *m_exportPng;
    QAction *m_exportCsv;
    QActionGroup *m_windowGroup;
    QTimer m_redraw;
    QTimer m_clock;
    int m_nextNumber = 1;
};

} // namespace fleetscope::ui
