#pragma once

#include <QPlainTextEdit>

namespace fleetscope::ui {

// The composer's JSON editor: monospace, and able to point at a problem — the cursor moves to
// the position and the spot is underlined until the text changes.
//
// Threading: GUI thread.
class PayloadEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit PayloadEditor(QWidget *parent = nullptr);

    void showProblem(int position);
    void clearProblem();
    bool hasProblemMark() const { return !extraSelections().isEmpty(); }
    // Selects the first occurrence of `text` (e.g. a ${value} placeholder to type over).
    bool selectText(const QString &text);
};

} // namespace fleetscope::ui
