#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QTreeView;

namespace fleetscope {
class Workspace;
}

namespace fleetscope::ui {

// The Topics dock: the live tree of every endpoint (count, rate, last value, last seen, type)
// behind a filter box. The filter runs through a recursive QSortFilterProxyModel on topic paths,
// debounced while typing and without live re-sorting, so it keeps up with tens of thousands of
// topics. Double-click toggles a subscription; the context menu subscribes, charts and composes;
// rows drag onto charts.
//
// Threading: GUI thread.
class TopicsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TopicsPanel(Workspace *workspace, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    // "HQ: nothing subscribed yet…", shown while a connected endpoint has no subscription.
    QLabel *hint() const { return m_hint; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    // Applies a filter now (what typing does after the debounce).
    void setFilterText(const QString &text);
    // The numeric series a topic stands for: itself, or for a folder its descendants that have
    // carried numbers (at most `limit`).
    QStringList chartablePaths(const QModelIndex &sourceIndex, int limit = 8) const;

Q_SIGNALS:
    void chartRequested(const QString &endpoint, const QStringList &paths);
    void composeRequested(const QString &endpoint, const QString &path);

private:
    void applyFilter();
    void expandMatches();
    // Opens the first levels of a freshly browsed endpoint, within a row budget.
    void expandBrowsed(const QString &endpoint);
    void toggleSubscription(const QModelIndex &proxyIndex);
    void showMenu(const QPoint &pos);
    void updateHint();

    Workspace *m_workspace;
    QLineEdit *m_filter;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QLabel *m_hint;
    QTimer m_debounce;
};

} // namespace fleetscope::ui
