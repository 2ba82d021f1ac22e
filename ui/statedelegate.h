#pragma once

#include <QStyledItemDelegate>

namespace fleetscope::ui {

// Draws the endpoints list's state column with a coloured dot (ready, connecting, reconnecting,
// failed, off) in front of the text.
class StateDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace fleetscope::ui
