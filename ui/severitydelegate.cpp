#include "ui/severitydelegate.h"

#include "core/model/eventlogmodel.h"
#include "ui/statuscolors.h"

namespace fleetscope::ui {

void SeverityDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto severity = static_cast<Severity>(index.data(EventLogModel::SeverityRole).toInt());
    const QColor color = StatusColors::forSeverity(severity, option->palette);
    if (severity != Severity::Info)
        option->palette.setColor(QPalette::Text, color);
    if (index.column() == EventLogModel::SeverityColumn) {
        option->font.setBold(severity == Severity::Error);
        option->icon = StatusColors::dot(severity == Severity::Info ? QColor(0x3b, 0x82, 0xd6) : color);
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->decorationSize = QSize(10, 10);
    }
}

} // namespace fleetscope::ui
