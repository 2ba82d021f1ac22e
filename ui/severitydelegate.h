#pragma once

#include <QStyledItemDelegate>

namespace fleetscope::ui {

// Colours event log rows by severity: warnings and errors stand out, debug lines recede. Works
// from the model's SeverityRole, so it costs one lookup per painted cell, whatever the log holds.
class SeverityDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace fleetscope::ui
