#include "ui/chartlegend.h"

#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>

namespace fleetscope::ui {

namespace {
enum Role { KeyRole = Qt::UserRole + 1, ColorRole, NameRole, DetailRole, ValueRole, ShownRole };
constexpr int kEntryWidth = 220; // px at least
constexpr int kMaxEntryWidth = 480; // px at most: room for "device › topic · endpoint  12.3 °C"
constexpr int kMaxRows = 3;

QIcon swatch(const QColor &color, bool shown)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor fill = color;
    if (!shown)
        fill.setAlphaF(0.25);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawRoundedRect(QRectF(1, 4, 12, 6), 2, 2);
    return QIcon(pixmap);
}
} // namespace

ChartLegend::ChartLegend(QWidget *parent)
    : QListWidget(parent)
{
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setTextElideMode(Qt::ElideMiddle);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(tr("Click to show or hide a series; Delete or right-click to remove it"));
    // The legend sits on the chart's background.
    setBackgroundRole(QPalette::Base);
    viewport()->setBackgroundRole(QPalette::Base);
    connect(this, &QListWidget::itemClicked, this,
        [this](QListWidgetItem *item) { Q_EMIT toggleRequested(item->data(KeyRole).toString()); });
    connect(this, &QWidget::customContextMenuRequested, this, &ChartLegend::showMenu);
    fitHeight();
}

void ChartLegend::addEntry(const QString &key, const QColor &color)
{
    auto *item = new QListWidgetItem(this);
    item->setData(KeyRole, key);
    item->setData(ColorRole, color);
    item->setData(NameRole, key);
    item->setData(ShownRole, true);
    refresh(item);
    fitHeight();
}

void ChartLegend::removeEntry(const QString &key)
{
    delete entry(key);
    fitHeight();
}

void ChartLegend::setLabel(const QString &key, const QString &name, const QString &detail, const QString &tooltip)
{
    if (QListWidgetItem *item = entry(key)) {
        item->setData(NameRole, name);
        item->setData(DetailRole, detail);
        item->setToolTip(tooltip);
        refresh(item);
        fitHeight();
    }
}

void ChartLegend::setValue(const QString &key, const QString &value)
{
    QListWidgetItem *item = entry(key);
    if (item && item->data(ValueRole).toString() != value) {
        item->setData(ValueRole, value);
        refresh(item);
    }
}

void ChartLegend::setShown(const QString &key, bool shown)
{
    if (QListWidgetItem *item = entry(key)) {
        item->setData(ShownRole, shown);
        refresh(item);
    }
}

QString ChartLegend::entryText(const QString &key) const
{
    const QListWidgetItem *item = entry(key);
    return item ? item->text() : QString();
}

QStringList ChartLegend::keys() const
{
    QStringList out;
    for (int row = 0; row < count(); ++row)
        out << item(row)->data(KeyRole).toString();
    return out;
}

QListWidgetItem *ChartLegend::entry(const QString &key) const
{
    for (int row = 0; row < count(); ++row) {
        if (item(row)->data(KeyRole).toString() == key)
            return item(row);
    }
    return nullptr;
}

void ChartLegend::refresh(QListWidgetItem *item)
{
    const bool shown = item->data(ShownRole).toBool();
    QString text = item->data(NameRole).toString();
    if (const QString detail = item->data(DetailRole).toString(); !detail.isEmpty())
        text += QStringLiteral(" · ") + detail;
    if (const QString value = item->data(ValueRole).toString(); !value.isEmpty())
        text += QStringLiteral("   ") + value;
    item->setText(text);
    item->setIcon(swatch(item->data(ColorRole).value<QColor>(), shown));
    QColor foreground = palette().color(QPalette::Text);
    if (!shown)
        foreground.setAlphaF(0.45);
    item->setForeground(foreground);
}

void ChartLegend::showMenu(const QPoint &pos)
{
    QListWidgetItem *item = itemAt(pos);
    if (!item)
        return;
    const QString key = item->data(KeyRole).toString();
    QMenu menu(this);
    QAction *toggle = menu.addAction(item->data(ShownRole).toBool() ? tr("&Hide") : tr("&Show"));
    QAction *remove = menu.addAction(tr("&Remove from Chart"));
    remove->setShortcut(QKeySequence::Delete);
    QAction *chosen = menu.exec(viewport()->mapToGlobal(pos));
    if (chosen == toggle)
        Q_EMIT toggleRequested(key);
    else if (chosen == remove)
        Q_EMIT removeRequested(key);
}

void ChartLegend::keyPressEvent(QKeyEvent *event)
{
    QListWidgetItem *current = currentItem();
    if (current && (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace)) {
        Q_EMIT removeRequested(current->data(KeyRole).toString());
        return;
    }
    if (current && event->key() == Qt::Key_Space) {
        Q_EMIT toggleRequested(current->data(KeyRole).toString());
        return;
    }
    QListWidget::keyPressEvent(event);
}

void ChartLegend::resizeEvent(QResizeEvent *event)
{
    QListWidget::resizeEvent(event);
    fitHeight();
}

QSize ChartLegend::sizeHint() const
{
    return QSize(kEntryWidth, height());
}

void ChartLegend::fitHeight()
{
    // Entries as wide as the widest one needs (within limits), sharing each row evenly; as many rows
    // as they need, up to three (then it scrolls).
    const int rowHeight = fontMetrics().height() + 8;
    int widest = kEntryWidth;
    // Sized by the names with room for any value, so that changing values never re-flow the rows.
    const int valueRoom = fontMetrics().horizontalAdvance(QStringLiteral("   -00.000 unit"));
    for (int row = 0; row < count(); ++row) {
        const QString label =
            item(row)->data(NameRole).toString() + QStringLiteral(" · ") + item(row)->data(DetailRole).toString();
        widest = std::max(widest, fontMetrics().horizontalAdvance(label) + valueRoom + iconSize().width() + 24);
    }
    // The widget's own width (the viewport's follows it later), less a scroll bar when it needs one.
    int width = contentsRect().width() - 4;
    int perRow = std::max(1, width / std::min(widest, kMaxEntryWidth));
    const bool scrolls = (count() + perRow - 1) / perRow > kMaxRows;
    if (scrolls) {
        width -= style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
        perRow = std::max(1, width / std::min(widest, kMaxEntryWidth));
    }
    setVerticalScrollBarPolicy(scrolls ? Qt::ScrollBarAlwaysOn : Qt::ScrollBarAlwaysOff);
    const QSize grid(std::max(kEntryWidth / 2, width / perRow), rowHeight);
    if (gridSize() != grid)
        setGridSize(grid);
    const int rows = std::clamp((count() + perRow - 1) / perRow, 1, kMaxRows);
    const int wanted = rows * rowHeight + 2 * frameWidth() + 2;
    if (height() != wanted)
        setFixedHeight(wanted);
}

} // namespace fleetscope::ui
