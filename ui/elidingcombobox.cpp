#include "ui/elidingcombobox.h"

#include <QHelpEvent>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QToolTip>

namespace fleetscope::ui {

ElidingComboBox::ElidingComboBox(QWidget *parent)
    : QComboBox(parent)
{ }

void ElidingComboBox::initStyleOption(QStyleOptionComboBox *option) const
{
    QComboBox::initStyleOption(option);
    if (option->currentText.isEmpty() || option->editable)
        return;
    QRect field = style()->subControlRect(QStyle::CC_ComboBox, option, QStyle::SC_ComboBoxEditField, this);
    if (!option->currentIcon.isNull())
        field.setLeft(field.left() + option->iconSize.width() + 4);
    // The label is drawn 1 px in from each side of the field (QCommonStyle's CE_ComboBoxLabel).
    option->currentText = option->fontMetrics.elidedText(option->currentText, Qt::ElideRight, field.width() - 2);
}

QString ElidingComboBox::shownText() const
{
    QStyleOptionComboBox option;
    initStyleOption(&option);
    return option.currentText;
}

bool ElidingComboBox::event(QEvent *event)
{
    // While the text is cut, hovering shows all of it (in place of a tooltip of the box's own).
    if (event->type() == QEvent::ToolTip && !currentText().isEmpty() && shownText() != currentText()) {
        QToolTip::showText(static_cast<QHelpEvent *>(event)->globalPos(), currentText(), this);
        return true;
    }
    return QComboBox::event(event);
}

} // namespace fleetscope::ui
