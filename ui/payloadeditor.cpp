#include "ui/payloadeditor.h"

#include <QFontDatabase>
#include <QTextBlock>

namespace fleetscope::ui {

PayloadEditor::PayloadEditor(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 2);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    // Tab moves to the next control, as everywhere in the window (indentation is the
    // composer's layout, not something typed).
    setTabChangesFocus(true);
    setPlaceholderText(tr("Payload (JSON). Ctrl+Enter sends."));
    connect(this, &QPlainTextEdit::textChanged, this, &PayloadEditor::clearProblem);
}

void PayloadEditor::showProblem(int position)
{
    QTextCursor cursor(document());
    cursor.setPosition(std::clamp(position, 0, document()->characterCount() - 1));
    setTextCursor(cursor);
    // Mark the character at the problem (or the one before it at the very end).
    QTextCursor mark = cursor;
    if (!mark.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor))
        mark.movePosition(QTextCursor::PreviousCharacter, QTextCursor::KeepAnchor);
    QTextEdit::ExtraSelection selection;
    selection.cursor = mark;
    selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    selection.format.setUnderlineColor(QColor(0xcf, 0x22, 0x2e));
    QColor background(0xcf, 0x22, 0x2e);
    background.setAlphaF(0.25);
    selection.format.setBackground(background);
    QTextEdit::ExtraSelection line;
    line.cursor = cursor;
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    QColor lineColor(0xcf, 0x22, 0x2e);
    lineColor.setAlphaF(0.08);
    line.format.setBackground(lineColor);
    setExtraSelections({line, selection});
    ensureCursorVisible();
    setFocus();
}

void PayloadEditor::clearProblem()
{
    if (!extraSelections().isEmpty())
        setExtraSelections({});
}

bool PayloadEditor::selectText(const QString &text)
{
    QTextCursor found = document()->find(text);
    if (found.isNull())
        return false;
    setTextCursor(found);
    return true;
}

} // namespace fleetscope::ui
