#pragma once

#include <QWidget>

class QAction;
class QTreeView;

namespace fleetscope {
class EndpointListModel;
class Workspace;
} // namespace fleetscope

namespace fleetscope::ui {

// The Endpoints dock: every connection with its protocol, state (with the retry countdown or the
// failure reason), message rate and reconnect count, and the actions on the selected one. The
// panel only asks; the ConnectionController does.
//
// Threading: GUI thread.
class EndpointsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit EndpointsPanel(Workspace *workspace, QWidget *parent = nullptr);

    QString selectedName() const;
    void select(const QString &name);
    QTreeView *view() const { return m_view; }
    EndpointListModel *model() const { return m_model; }
    QAction *newAction() const { return m_new; }
    // With no connection at all, a first start: the panel offers New Connection and the demo
    // instead of an empty list (off in demo mode, whose endpoints are on their way).
    void setEmptyStateEnabled(bool enabled);
    QWidget *emptyState() const { return m_empty; }

Q_SIGNALS:
    void newRequested();
    void editRequested(const QString &name);
    void removeRequested(const QString &name);
    void connectRequested(const QString &name);
    void disconnectRequested(const QString &name);
    void demoRequested();

private:
    void updateActions();
    void updateEmptyState();

    Workspace *m_workspace;
    EndpointListModel *m_model;
    QTreeView *m_view;
    QAction *m_new;
    QAction *m_connect;
    QAction *m_disconnect;
    QAction *m_edit;
    QAction *m_remove;
    QWidget *m_empty;
    bool m_emptyEnabled = false;
};

} // namespace fleetscope::ui
