#include "ui/apptheme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QEvent>
#include <QMenu>
#include <QStyle>
#include <QWidget>

#include <cmath>

namespace fleetscope::ui {

namespace {
constexpr double kPlaceholderContrast = 3.0;

double luminance(const QColor &color)
{
    auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}
// `color` as drawn over `base` (placeholders are often translucent text).
QColor over(const QColor &color, const QColor &base)
{
    const float alpha = color.alphaF();
    return QColor::fromRgbF(color.redF() * alpha + base.redF() * (1 - alpha),
        color.greenF() * alpha + base.greenF() * (1 - alpha), color.blueF() * alpha + base.blueF() * (1 - alpha));
}
} // namespace

AppTheme::AppTheme(QWidget *window)
    : QObject(window)
    , m_system(QApplication::palette())
    , m_actions(new QActionGroup(this))
{
    for (Choice choice : {Choice::System, Choice::Light, Choice::Dark}) {
        const QString labels[] = {tr("&System"), tr("&Light"), tr("&Dark")};
        QAction *action = m_actions->addAction(labels[static_cast<int>(choice)]);
        action->setCheckable(true);
        action->setData(static_cast<int>(choice));
        action->setChecked(choice == m_choice);
    }
    connect(m_actions, &QActionGroup::triggered, this, [this](QAction *action) {
        apply(static_cast<Choice>(action->data().toInt()));
        Q_EMIT chosen(m_choice);
    });
    // A system palette that changes while in System mode is repaired again: the window hears of it.
    window->installEventFilter(this);
    apply(Choice::System);
}

void AppTheme::addTo(QMenu *menu)
{
    menu->addActions(m_actions->actions());
}

void AppTheme::apply(Choice choice)
{
    m_choice = choice;
    for (QAction *action : m_actions->actions())
        action->setChecked(action->data().toInt() == static_cast<int>(choice));
    QPalette palette = choice == Choice::Dark ? darkPalette() : choice == Choice::Light ? lightPalette() : m_system;
    m_applying = true;
    QApplication::setPalette(withReadablePlaceholder(palette));
    m_applying = false;
}

bool AppTheme::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && !m_applying && !m_repairQueued && m_choice == Choice::System
        && QApplication::palette() != withReadablePlaceholder(QApplication::palette())) {
        // Someone (the platform, a test) set a new system palette: take it as the system's, and
        // repair it once the change has reached every widget.
        m_repairQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_repairQueued = false;
                if (m_choice != Choice::System)
                    return;
                m_system = QApplication::palette();
                m_applying = true;
                QApplication::setPalette(withReadablePlaceholder(m_system));
                m_applying = false;
            },
            Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}

QString AppTheme::name(Choice choice)
{
    switch (choice) {
    case Choice::Light:
        return QStringLiteral("light");
    case Choice::Dark:
        return QStringLiteral("dark");
    case Choice::System:
        break;
    }
    return QStringLiteral("system");
}

AppTheme::Choice AppTheme::fromName(const QString &name, Choice fallback)
{
    for (Choice choice : {Choice::System, Choice::Light, Choice::Dark}) {
        if (name.compare(AppTheme::name(choice), Qt::CaseInsensitive) == 0)
            return choice;
    }
    return fallback;
}

QPalette AppTheme::lightPalette()
{
    return QApplication::style()->standardPalette();
}

QPalette AppTheme::darkPalette()
{
    const QColor window(0x20, 0x22, 0x26);
    const QColor base(0x17, 0x19, 0x1c);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor button(0x2a, 0x2d, 0x32);
    const QColor muted(0x8b, 0x94, 0x9e);
    const QColor disabled(0x6e, 0x76, 0x81);
    QPalette palette(button, window);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x1e, 0x21, 0x25));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Button, button);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::Light, QColor(0x3a, 0x3e, 0x44));
    palette.setColor(QPalette::Midlight, QColor(0x32, 0x35, 0x3b));
    palette.setColor(QPalette::Mid, QColor(0x26, 0x28, 0x2d));
    palette.setColor(QPalette::Dark, QColor(0x12, 0x13, 0x16));
    palette.setColor(QPalette::Shadow, Qt::black);
    palette.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xd6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x58, 0xa6, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xbc, 0x8c, 0xff));
    palette.setColor(QPalette::ToolTipBase, button);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, muted);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabled);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x3a, 0x3e, 0x44));
    return palette;
}

QPalette AppTheme::withReadablePlaceholder(QPalette palette)
{
    for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        const QColor base = palette.color(group, QPalette::Base);
        const QColor placeholder = over(palette.color(group, QPalette::PlaceholderText), base);
        if (contrast(placeholder, base) >= kPlaceholderContrast)
            continue;
        // The text colour dimmed towards the base colour, only as far as it stays legible.
        QColor text = over(palette.color(group, QPalette::Text), base);
        QColor mixed = text;
        for (float alpha = 0.6f; alpha < 1.0f; alpha += 0.1f) {
            text.setAlphaF(alpha);
            mixed = over(text, base);
            if (contrast(mixed, base) >= kPlaceholderContrast)
                break;
        }
        palette.setColor(group, QPalette::PlaceholderText, mixed);
    }
    return palette;
}

double AppTheme::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace fleetscope::ui
