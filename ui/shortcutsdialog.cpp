#include "ui/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fleetscope::ui {

namespace {
QString plain(QString text)
{
    return text.remove(QLatin1Char('&')).remove(QStringLiteral("…"));
}

QString keysText(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &sequence : action->shortcuts())
        keys << sequence.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(" / "));
}
} // namespace

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, const QVector<Key> &panelKeys, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTreeWidget(this))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_table->setColumnCount(3);
    m_table->setHeaderLabels({tr("Keys"), tr("Action"), tr("Where")});
    m_table->setRootIsDecorated(false);
    m_table->setAlternatingRowColors(true);
    m_table->setUniformRowHeights(true);
    for (const QAction *action : actions)
        new QTreeWidgetItem(m_table, {keysText(action), plain(action->text()), placeOf(action)});
    for (const Key &key : panelKeys)
        new QTreeWidgetItem(m_table, {key.keys, key.what, tr("Panels")});
    for (int column = 0; column < m_table->columnCount(); ++column)
        m_table->resizeColumnToContents(column);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(620, 560);
}

QList<QAction *> ShortcutsDialog::actionsWithShortcuts(const QWidget *window)
{
    QList<QAction *> out;
    auto take = [&out](QAction *action) {
        if (action && !action->shortcuts().isEmpty() && !out.contains(action))
            out << action;
    };
    // Menu order first, then the panels' own actions (context menus, panel toolbars).
    if (const auto *bar = window->findChild<QMenuBar *>()) {
        for (QAction *top : bar->actions()) {
            if (QMenu *menu = top->menu()) {
                for (QAction *action : menu->actions())
                    take(action);
            }
        }
    }
    for (QAction *action : window->findChildren<QAction *>())
        take(action);
    return out;
}

QString ShortcutsDialog::placeOf(const QAction *action)
{
    for (const QObject *object : action->associatedObjects()) {
        if (const auto *menu = qobject_cast<const QMenu *>(object); menu && !menu->title().isEmpty())
            return plain(menu->title());
    }
    for (const QObject *object = action->parent(); object; object = object->parent()) {
        if (const auto *dock = qobject_cast<const QDockWidget *>(object))
            return dock->windowTitle();
    }
    return tr("Window");
}

} // namespace fleetscope::ui
