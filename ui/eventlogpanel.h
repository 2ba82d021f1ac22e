#pragma once

#include <QTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
class QToolButton;

namespace fleetscope {
class Workspace;
}

namespace fleetscope::ui {

// The Event log dock: every event (time to the ms, endpoint, severity, path, summary) with
// severity and endpoint filters, a text search (debounced), follow-newest, a details pane showing
// the payload as pretty-printed JSON or as it came (hex for binary), and CSV / JSON Lines export.
// Filtering happens inside EventLogModel (one pass over plain structs) and the table uses fixed
// row heights, so a million rows stay fluid.
//
// Threading: GUI thread.
class EventLogPanel : public QWidget
{
    Q_OBJECT

public:
    explicit EventLogPanel(Workspace *workspace, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *endpointBox() const { return m_endpoint; }
    QPlainTextEdit *details() const { return m_details; }
    QAction *followAction() const { return m_follow; }
    // "History…": searches the event database on disk; disabled until the window connects it.
    QAction *historyAction() const { return m_history; }
    // The severity toggles, debug to error.
    QAction *severityAction(int severity) const { return m_severity[severity]; }
    // Applies the search now (what typing does after the debounce).
    void setSearchText(const QString &text);

    bool exportCsv(const QString &fileName, QString *error) const;
    bool exportJsonLines(const QString &fileName, QString *error) const;

private:
    void applyFilter();
    void showDetails();
    void updateCount();
    void refreshEndpoints();

    Workspace *m_workspace;
    QAction *m_severity[4];
    QComboBox *m_endpoint;
    QLineEdit *m_search;
    QAction *m_follow;
    QAction *m_history;
    QToolButton *m_export;
    QLabel *m_count;
    QTableView *m_view;
    QPlainTextEdit *m_details;
    QTimer m_debounce;
    QTimer m_followTimer;
    QTimer m_countTimer;
};

} // namespace fleetscope::ui
