#include "ui/endpointspanel.h"

#include "core/workspace/endpointlistmodel.h"
#include "core/workspace/workspace.h"
#include "ui/statedelegate.h"
#include "ui/themedicon.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
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
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->header()->setSectionResizeMode(EndpointListModel::StateColumn, QHeaderView::Stretch);
    m_view->header()->resizeSection(EndpointListModel::NameColumn, 150);
    m_view->header()->resizeSection(EndpointListModel::ProtocolColumn, 76);
    m_view->header()->resizeSection(EndpointListModel::RateColumn, 52);
    m_view->header()->resizeSection(EndpointListModel::ReconnectsColumn, 60);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(m_view);

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
    updateActions();
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
