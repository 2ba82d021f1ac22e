#include "ui/statedelegate.h"

#include "core/workspace/endpointlistmodel.h"
#include "ui/statuscolors.h"

namespace fleetscope::ui {

void StateDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto state = static_cast<LinkState>(index.data(EndpointListModel::LinkStateRole).toInt());
    option->icon = StatusColors::dot(StatusColors::forState(state));
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->decorationSize = QSize(12, 12);
}

} // namespace fleetscope::ui
