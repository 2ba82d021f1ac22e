#pragma once

#include <QComboBox>

namespace fleetscope::ui {

// A combo box whose current text, when the box is narrower than it, ends in "…" instead of being
// cut mid-letter ("Query a child node (r"); hovering it then shows the whole text. For the combos of
// docks that a small window narrows (the composer's endpoint and template, the log's endpoint).
//
// Threading: GUI thread. Owned by its parent widget.
class ElidingComboBox : public QComboBox
{
    Q_OBJECT

public:
    explicit ElidingComboBox(QWidget *parent = nullptr);

    // The current text as the box paints it.
    QString shownText() const;

protected:
    void initStyleOption(QStyleOptionComboBox *option) const override;
    bool event(QEvent *event) override;
};

} // namespace fleetscope::ui
