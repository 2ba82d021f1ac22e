#pragma once

#include "core/model/event.h"

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

// The Event log dock: every event (time to the ms, endpoint, severity, path, summary) with a
// minimum severity (Info by default), a time range (all, last 5 min, last hour), an endpoint
// filter, a text search (debounced), counts per severity, follow-newest, a details pane showing
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
    // The least severe events shown (Info by default: debug is mostly noise), and how far back.
    QComboBox *severityBox() const { return m_severity; }
    void setMinimumSeverity(Severity severity);
    Severity minimumSeverity() const;
    QComboBox *rangeBox() const { return m_range; }
    void setRange(qint64 spanMs); // 0: all time; else one of the offered spans
    // "1,234 events · 3 errors": the count line above the payload.
    QLabel *countLabel() const { return m_count; }
    // History… is on only with an event log on disk; off, its tooltip says why.
    void setHistoryAvailable(bool available);
    static QString eventCountText(qint64 count);
    // Applies the search now (what typing does after the debounce).
    void setSearchText(const QString &text);

    bool exportCsv(const QString &fileName, QString *error) const;
    bool exportJsonLines(const QString &fileName, QString *error) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilter();
    void showDetails();
    void updateCount();
    void refreshEndpoints();

    Workspace *m_workspace;
    QComboBox *m_severity;
    QComboBox *m_range;
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
    QTimer m_rangeClock; // slides a "last N minutes" range
};

} // namespace fleetscope::ui
