#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;

namespace fleetscope {
class Workspace;
}

namespace fleetscope::ui {

// The status bar's figures: messages per second in, series memory used against its cap, and
// endpoints ready out of all. Refreshed once a second and when an endpoint's status changes.
//
// Threading: GUI thread.
class StatusSummary : public QWidget
{
    Q_OBJECT

public:
    explicit StatusSummary(Workspace *workspace, QWidget *parent = nullptr);

    QString text() const;
    void refresh();

private:
    Workspace *m_workspace;
    QLabel *m_rate;
    QLabel *m_memory;
    QLabel *m_endpoints;
    QTimer m_timer;
};

} // namespace fleetscope::ui
