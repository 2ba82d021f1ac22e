#include "ui/endpointspanel.h"

#include "core/workspace/endpointlistmodel.h"
#include "core/workspace/workspace.h"
#include "ui/columnfitter.h"
#include "ui/statedelegate.h"
#include "ui/themedicon.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace fleetscope::ui {

EndpointsPanel::EndpointsPanel(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new EndpointListModel(workspace, this))
    , m_view(new QTreeView(this))
    , m_new(new QAction(themedIcon(QStringLiteral("add")), tr("&New Connection…"), this))
    , m_connect(new QAction(themedIcon(QStringLiteral("connect")), tr("&Connect"), this))
    , m_disconnect(new QAction(themedIcon(QStringLiteral("disconnect")), tr("&Disconnect"), this))
    , m_edit(new QAction(themedIcon(QStringLiteral("edit")), tr("&Edit…"), this))
    , m_remove(new QAction(themedIcon(QStringLiteral("remove")), tr("&Remove"), this))
    , m_empty(new QWidget(this))
{
    m_new->setShortcut(QKeySequence::New);
    m_new->setToolTip(tr("New connection (%1)").arg(m_new->shortcut().toString(QKeySequence::NativeText)));
    m_remove->setShortcut(QKeySequence::Delete);
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_edit->setShortcut(QKeySequence(Qt::Key_F2));
    m_edit->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    for (QAction *action : {m_connect, m_disconnect, m_edit, m_remove})
        addAction(action);

    auto *toolbar = new QToolBar(this);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    toolbar->addAction(m_new);
    toolbar->addSeparator();
    toolbar->addAction(m_connect);
    toolbar->addAction(m_disconnect);
    toolbar->addAction(m_edit);
    toolbar->addAction(m_remove);

    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setItemDelegateForColumn(EndpointListModel::StateColumn, new StateDelegate(m_view));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    // The names take the room left; narrow, the least needed columns go (a failure's whole reason
    // is in the state's tooltip).
    const QFontMetrics metrics = fontMetrics();
    new ColumnFitter(m_view, EndpointListModel::NameColumn,
        metrics.horizontalAdvance(QStringLiteral("OpenTera (simulated)")),
        {
            {EndpointListModel::StateColumn, metrics.horizontalAdvance(QStringLiteral("● reconnecting 30 s")), 5},
            {EndpointListModel::RateColumn, metrics.horizontalAdvance(QStringLiteral("Msg/s")) + 20, 3},
            {EndpointListModel::ProtocolColumn, metrics.horizontalAdvance(QStringLiteral("opentera")) + 16, 2},
            {EndpointListModel::ReconnectsColumn, metrics.horizontalAdvance(QStringLiteral("Reconnects")) + 16, 1},
        });

    auto *welcome = new QLabel(tr("<b>No connections yet.</b><br>Add one of your endpoints, or look around "
                                  "with the simulated fleet first (nothing is saved)."),
        m_empty);
    welcome->setWordWrap(true);
    auto *add = new QPushButton(themedIcon(QStringLiteral("add")), tr("New Connection…"), m_empty);
    auto *demo = new QPushButton(themedIcon(QStringLiteral("play")), tr("Open the Demo"), m_empty);
    demo->setToolTip(tr("Starts a second window with simulators of every protocol"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(demo);
    buttons->addStretch();
    auto *emptyLayout = new QVBoxLayout(m_empty);
    emptyLayout->addWidget(welcome);
    emptyLayout->addLayout(buttons);
    emptyLayout->addStretch();
    m_empty->hide();
    connect(add, &QPushButton::clicked, this, &EndpointsPanel::newRequested);
    connect(demo, &QPushButton::clicked, this, &EndpointsPanel::demoRequested);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(m_view);
    layout->addWidget(m_empty);

    connect(m_new, &QAction::triggered, this, &EndpointsPanel::newRequested);
    connect(m_connect, &QAction::triggered, this, [this] { Q_EMIT connectRequested(selectedName()); });
    connect(m_disconnect, &QAction::triggered, this, [this] { Q_EMIT disconnectRequested(selectedName()); });
    connect(m_edit, &QAction::triggered, this, [this] { Q_EMIT editRequested(selectedName()); });
    connect(m_remove, &QAction::triggered, this, [this] { Q_EMIT removeRequested(selectedName()); });
    connect(m_view, &QTreeView::doubleClicked, this, [this] { Q_EMIT editRequested(selectedName()); });
    connect(m_view, &QTreeView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        menu.addActions({m_connect, m_disconnect});
        menu.addSeparator();
        menu.addActions({m_edit, m_remove});
        menu.addSeparator();
        menu.addAction(m_new);
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &EndpointsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &EndpointsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        if (!m_view->currentIndex().isValid())
            m_view->setCurrentIndex(m_model->index(first, 0));
        updateActions();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &EndpointsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &EndpointsPanel::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &EndpointsPanel::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EndpointsPanel::updateEmptyState);
    updateActions();
}

void EndpointsPanel::setEmptyStateEnabled(bool enabled)
{
    m_emptyEnabled = enabled;
    updateEmptyState();
}

void EndpointsPanel::updateEmptyState()
{
    const bool empty = m_emptyEnabled && m_model->rowCount() == 0;
    m_empty->setVisible(empty);
    m_view->setVisible(!empty);
}

QString EndpointsPanel::selectedName() const
{
    return m_model->nameAt(m_view->currentIndex().row());
}

void EndpointsPanel::select(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, 0));
}

void EndpointsPanel::updateActions()
{
    const QString name = selectedName();
    const bool any = !name.isEmpty();
    // A failed endpoint stays wanted but gave up: connecting again is what the user may try.
    const bool gaveUp = any && m_workspace->status(name).state == LinkState::Failed;
    const bool wanted = any && m_workspace->isWanted(name) && !gaveUp;
    m_connect->setEnabled(any && !wanted);
    m_disconnect->setEnabled(any && wanted);
    m_edit->setEnabled(any);
    m_remove->setEnabled(any);
}

} // namespace fleetscope::ui
