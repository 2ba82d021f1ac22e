#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QVector>

class QAction;
class QTreeWidget;

namespace fleetscope::ui {

// Help > Keyboard Shortcuts: every action of the window that has a shortcut, with its keys and
// where it lives (its menu, or the panel it acts in), followed by the keys that work inside the
// panels without an action (Tab between panels, arrows inside a view). Built from the actions
// themselves, so the list cannot drift from what the keys do.
//
// Threading: GUI thread. Owned by its parent window (deleted on close).
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    struct Key
    {
        QString keys; // as shown, e.g. "Tab / Shift+Tab"
        QString what;
    };

    ShortcutsDialog(const QList<QAction *> &actions, const QVector<Key> &panelKeys, QWidget *parent = nullptr);

    // The actions under `window` that have a shortcut, in menu order where they are in a menu.
    static QList<QAction *> actionsWithShortcuts(const QWidget *window);
    // "Chart", "Event Log", …: the menu an action sits in, else the dock of the panel it belongs to.
    static QString placeOf(const QAction *action);

    QTreeWidget *table() const { return m_table; }

private:
    QTreeWidget *m_table;
};

} // namespace fleetscope::ui
