#pragma once

#include <QTreeView>

namespace fleetscope::ui {

// The topics tree's view. Its rows all have one height and live figures change many of them a
// few times a second, so a data change only needs a repaint: QTreeView's own handling measures
// row size hints on each change, which under a flood cost more than everything else together.
//
// Threading: GUI thread.
class TopicTreeView : public QTreeView
{
    Q_OBJECT

public:
    using QTreeView::QTreeView;

protected:
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) override;
};

} // namespace fleetscope::ui
