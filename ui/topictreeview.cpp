#include "ui/topictreeview.h"

namespace fleetscope::ui {

void TopicTreeView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    Q_UNUSED(topLeft);
    Q_UNUSED(bottomRight);
    Q_UNUSED(roles);
    // Uniform row heights and no structural change: repainting (coalesced by Qt) is all it takes.
    viewport()->update();
}

} // namespace fleetscope::ui
