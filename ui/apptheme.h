#pragma once

#include <QObject>
#include <QPalette>

class QActionGroup;
class QMenu;
class QWidget;

namespace fleetscope::ui {

// View > Theme: the system's palette, or Fleetscope's own light or dark one. Every colour in the
// window comes from palette roles, so a theme is one application palette. Whatever the source,
// placeholder and hint texts (PlaceholderText) are made to read on the Base colour: a system dark
// palette that leaves that role at its light default would draw them dark grey on dark grey.
//
// Threading: GUI thread. Owned by the main window; sets the application's palette.
class AppTheme : public QObject
{
    Q_OBJECT

public:
    enum class Choice { System, Light, Dark };

    // `window`: the main window, whose palette changes tell of a new system palette.
    explicit AppTheme(QWidget *window);

    void apply(Choice choice);
    Choice choice() const { return m_choice; }
    // The Theme submenu's actions (one checked), for View > Theme.
    QActionGroup *actions() const { return m_actions; }
    void addTo(QMenu *menu);

    static QString name(Choice choice); // "system", "light", "dark": what settings keep
    static Choice fromName(const QString &name, Choice fallback = Choice::System);
    static QPalette darkPalette();
    static QPalette lightPalette();
    // `palette` with PlaceholderText readable on Base in every colour group.
    static QPalette withReadablePlaceholder(QPalette palette);
    // WCAG contrast ratio of two colours (1 … 21).
    static double contrast(const QColor &a, const QColor &b);

Q_SIGNALS:
    void chosen(fleetscope::ui::AppTheme::Choice choice);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    Choice m_choice = Choice::System;
    QPalette m_system;
    QActionGroup *m_actions;
    bool m_applying = false;
    bool m_repairQueued = false;
};

} // namespace fleetscope::ui
