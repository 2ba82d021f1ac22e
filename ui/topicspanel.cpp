#include "ui/topicspanel.h"

#include "core/workspace/workspace.h"
#include "ui/columnfitter.h"
#include "ui/themedicon.h"
#include "ui/topictreeview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace fleetscope::ui {

namespace {
constexpr int kExpandBudget = 400; // rows a filter result opens by itself
constexpr int kBrowseExpandBudget = 24; // rows a browsed endpoint opens by itself
} // namespace

TopicsPanel::TopicsPanel(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_filter(new QLineEdit(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new TopicTreeView(this))
    , m_hint(new QLabel(this))
{
    m_filter->setPlaceholderText(tr("Filter topics (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(themedIcon(QStringLiteral("search")), QLineEdit::LeadingPosition);

    m_proxy->setSourceModel(workspace->topics());
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterRole(TopicTreeModel::PathRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(TopicTreeModel::SortRole);
    // Live re-sorting on every rate update would cost a sort per batch: sort on header clicks only.
    m_proxy->setDynamicSortFilter(false);

    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setDragEnabled(true);
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    m_view->setExpandsOnDoubleClick(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    // The topic names take what the other columns leave, never less than a readable minimum; on a
    // narrow dock the columns that matter least step aside rather than all being cut.
    const QFontMetrics metrics = fontMetrics();
    new ColumnFitter(m_view, TopicTreeModel::NameColumn,
        metrics.horizontalAdvance(QStringLiteral("blackboard-stream")) + 3 * m_view->indentation(),
        {
            {TopicTreeModel::LastValueColumn, metrics.horizontalAdvance(QStringLiteral("snapshot: 12 KB")), 5},
            {TopicTreeModel::RateColumn, metrics.horizontalAdvance(QStringLiteral("00.0/s")) + 16, 4},
            {TopicTreeModel::CountColumn, metrics.horizontalAdvance(QStringLiteral("Count")) + 20, 3},
            {TopicTreeModel::LastSeenColumn, metrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + 14, 2},
            {TopicTreeModel::TypeColumn, metrics.horizontalAdvance(QStringLiteral("application/json")) + 14, 1},
        });

    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setContentsMargins(4, 0, 4, 0);
    m_hint->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_hint);
    layout->addWidget(m_view);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &TopicsPanel::applyFilter);
    connect(m_filter, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_view, &QTreeView::doubleClicked, this, &TopicsPanel::toggleSubscription);
    connect(workspace, &Workspace::browseFinished, this, &TopicsPanel::expandBrowsed);
    // A connected endpoint shows no values until something is subscribed: say so.
    connect(workspace, &Workspace::browseFinished, this, &TopicsPanel::updateHint);
    connect(workspace, &Workspace::subscriptionsChanged, this, &TopicsPanel::updateHint);
    connect(workspace, &Workspace::endpointRemoved, this, &TopicsPanel::updateHint);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &TopicsPanel::showMenu);
    // Endpoints open as they arrive: their first level is what people look for.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &under, int first, int last) {
        if (under.isValid())
            return;
        for (int row = first; row <= last; ++row)
            m_view->expand(m_proxy->index(row, 0));
    });
}

void TopicsPanel::updateHint()
{
    QStringList quiet;
    for (const QString &name : m_workspace->endpointNames()) {
        if (m_workspace->status(name).state == LinkState::Ready && m_workspace->subscriptions(name).isEmpty()
            && m_workspace->topics()->rowCount(m_workspace->topics()->indexFor(name)) > 0)
            quiet << name;
    }
    m_hint->setText(quiet.isEmpty() ? QString()
                                    : tr("%1: nothing subscribed yet. Double-click a topic (or right-click › "
                                         "Subscribe) to see its values; Chart This subscribes too.")
                                          .arg(quiet.join(QStringLiteral(", "))));
    m_hint->setVisible(!quiet.isEmpty());
}

void TopicsPanel::setFilterText(const QString &text)
{
    m_filter->setText(text);
    m_debounce.stop();
    applyFilter();
}

void TopicsPanel::applyFilter()
{
    m_proxy->setFilterFixedString(m_filter->text().trimmed());
    expandMatches();
}

void TopicsPanel::expandMatches()
{
    // Open the tree along the matches, breadth first, within a budget so that a short filter over
    // a huge tree does not expand thousands of rows.
    QVector<QModelIndex> pending;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        pending.append(m_proxy->index(row, 0));
    if (m_filter->text().trimmed().isEmpty()) {
        for (const QModelIndex &endpoint : std::as_const(pending))
            m_view->expand(endpoint);
        return;
    }
    int budget = kExpandBudget;
    while (!pending.isEmpty() && budget > 0) {
        const QModelIndex index = pending.takeFirst();
        const int children = m_proxy->rowCount(index);
        if (children == 0)
            continue;
        m_view->expand(index);
        budget -= children;
        for (int row = 0; row < children; ++row)
            pending.append(m_proxy->index(row, 0, index));
    }
}

void TopicsPanel::expandBrowsed(const QString &endpoint)
{
    QVector<QModelIndex> pending {m_proxy->mapFromSource(m_workspace->topics()->indexFor(endpoint))};
    int budget = kBrowseExpandBudget;
    while (!pending.isEmpty()) {
        const QModelIndex index = pending.takeFirst();
        const int children = m_proxy->rowCount(index);
        if (!index.isValid() || children == 0 || children > budget)
            continue;
        m_view->expand(index);
        budget -= children;
        for (int row = 0; row < children; ++row)
            pending.append(m_proxy->index(row, 0, index));
    }
}

void TopicsPanel::toggleSubscription(const QModelIndex &proxyIndex)
{
    const QModelIndex index = proxyIndex.siblingAtColumn(0);
    if (!index.data(TopicTreeModel::SubscribableRole).toBool()) {
        m_view->setExpanded(index, !m_view->isExpanded(index));
        return;
    }
    const QString endpoint = index.data(TopicTreeModel::EndpointRole).toString();
    const QString path = index.data(TopicTreeModel::PathRole).toString();
    if (index.data(TopicTreeModel::SubscribedRole).toBool())
        m_workspace->unsubscribe(endpoint, path);
    else
        m_workspace->subscribe(endpoint, path);
}

QStringList TopicsPanel::chartablePaths(const QModelIndex &sourceIndex, int limit) const
{
    const QAbstractItemModel *model = m_workspace->topics();
    const QString path = sourceIndex.data(TopicTreeModel::PathRole).toString();
    const bool isEndpoint = sourceIndex.data(TopicTreeModel::NodeKindRole).toString() == QLatin1String("endpoint");
    if (!isEndpoint
        && (sourceIndex.data(TopicTreeModel::LastNumericRole).isValid() || !model->hasChildren(sourceIndex)))
        return {path};
    // A folder, or a topic whose JSON payloads became numbers at derived paths below it.
    QStringList out;
    QVector<QModelIndex> pending {sourceIndex};
    while (!pending.isEmpty() && out.size() < limit) {
        const QModelIndex parent = pending.takeFirst();
        for (int row = 0; row < model->rowCount(parent) && out.size() < limit; ++row) {
            const QModelIndex child = model->index(row, 0, parent);
            if (child.data(TopicTreeModel::LastNumericRole).isValid())
                out << child.data(TopicTreeModel::PathRole).toString();
            pending.append(child);
        }
    }
    if (out.isEmpty() && !isEndpoint)
        out << path; // nothing numeric yet: chart it and let samples come
    return out;
}

void TopicsPanel::showMenu(const QPoint &pos)
{
    const QModelIndex proxyIndex = m_view->indexAt(pos).siblingAtColumn(0);
    if (!proxyIndex.isValid())
        return;
    const QModelIndex index = m_proxy->mapToSource(proxyIndex);
    const QString endpoint = index.data(TopicTreeModel::EndpointRole).toString();
    const QString path = index.data(TopicTreeModel::PathRole).toString();
    const bool subscribable = index.data(TopicTreeModel::SubscribableRole).toBool();
    const bool subscribed = index.data(TopicTreeModel::SubscribedRole).toBool();

    QMenu menu(this);
    QAction *subscribe = menu.addAction(themedIcon(QStringLiteral("subscribe")), tr("&Subscribe"));
    subscribe->setEnabled(subscribable && !subscribed);
    QAction *unsubscribe = menu.addAction(themedIcon(QStringLiteral("unsubscribe")), tr("&Unsubscribe"));
    unsubscribe->setEnabled(subscribable && subscribed);
    menu.addSeparator();
    QAction *chart = menu.addAction(themedIcon(QStringLiteral("chart")), tr("&Chart This"));
    QAction *compose = menu.addAction(themedIcon(QStringLiteral("compose")), tr("C&ompose to This"));
    menu.addSeparator();
    QAction *copy = menu.addAction(themedIcon(QStringLiteral("copy")), tr("Copy &Path"));

    QAction *chosen = menu.exec(m_view->viewport()->mapToGlobal(pos));
    if (chosen == subscribe) {
        m_workspace->subscribe(endpoint, path);
    } else if (chosen == unsubscribe) {
        m_workspace->unsubscribe(endpoint, path);
    } else if (chosen == chart) {
        QStringList paths;
        for (const QModelIndex &selected : m_view->selectionModel()->selectedRows()) {
            const QModelIndex source = m_proxy->mapToSource(selected);
            if (source.data(TopicTreeModel::EndpointRole).toString() == endpoint)
                paths << chartablePaths(source);
        }
        if (paths.isEmpty())
            paths = chartablePaths(index);
        paths.removeDuplicates();
        Q_EMIT chartRequested(endpoint, paths);
    } else if (chosen == compose) {
        Q_EMIT composeRequested(endpoint, path);
    } else if (chosen == copy) {
        QApplication::clipboard()->setText(path);
    }
}

} // namespace fleetscope::ui
