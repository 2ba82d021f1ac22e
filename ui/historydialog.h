#pragma once

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace fleetscope {
class EventLogModel;
class EventStore;
} // namespace fleetscope

namespace fleetscope::ui {

// Searches the event database on disk (what every endpoint reported, this session and earlier
// ones, within the retention limit) by time range, endpoint, severity and text: the log panel's
// way back past what it holds in memory. Results show as in the log, with the payload of the
// selected event.
//
// Threading: GUI thread; the query runs on the store's thread and comes back queued.
class HistoryDialog : public QDialog
{
    Q_OBJECT

public:
    HistoryDialog(EventStore *store, const QStringList &endpoints, QWidget *parent = nullptr);
    ~HistoryDialog() override;

    // Runs the search with the current fields (the Search button does this).
    void search();
    EventLogModel *results() const { return m_results; }
    QLineEdit *textEdit() const { return m_text; }

Q_SIGNALS:
    void searchFinished(int count, const QString &error);

private:
    void showDetails();

    EventStore *m_store;
    EventLogModel *m_results;
    QDateTimeEdit *m_since;
    QDateTimeEdit *m_until;
    QComboBox *m_endpoint;
    QComboBox *m_severity;
    QLineEdit *m_text;
    QSpinBox *m_limit;
    QPushButton *m_searchButton;
    QLabel *m_status;
    QTableView *m_view;
    QPlainTextEdit *m_details;
    quint64 m_pending = 0;
};

} // namespace fleetscope::ui
