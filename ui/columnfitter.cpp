#include "ui/columnfitter.h"

#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTreeView>

#include <algorithm>

namespace fleetscope::ui {

ColumnFitter::ColumnFitter(QTreeView *view, int stretchColumn, int stretchMinimum, const QVector<Column> &columns)
    : ColumnFitter(view, view->header(), stretchColumn, stretchMinimum, columns)
{ }

ColumnFitter::ColumnFitter(QTableView *view, int stretchColumn, int stretchMinimum, const QVector<Column> &columns)
    : ColumnFitter(view, view->horizontalHeader(), stretchColumn, stretchMinimum, columns)
{ }

ColumnFitter::ColumnFitter(
    QAbstractItemView *view, QHeaderView *header, int stretchColumn, int stretchMinimum, const QVector<Column> &columns)
    : QObject(view)
    , m_view(view)
    , m_header(header)
    , m_stretchColumn(stretchColumn)
    , m_stretchMinimum(stretchMinimum)
    , m_columns(columns)
{
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    for (const Column &column : columns)
        header->resizeSection(column.column, column.width);
    view->viewport()->installEventFilter(this);
    fit();
}

bool ColumnFitter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fit();
    return QObject::eventFilter(watched, event);
}

void ColumnFitter::fit()
{
    QHeaderView *header = m_header;
    int available = m_view->viewport()->width() - m_stretchMinimum;
    // The most important columns first; each one shows while it fits.
    QVector<Column> byPriority = m_columns;
    std::stable_sort(
        byPriority.begin(), byPriority.end(), [](const Column &a, const Column &b) { return a.priority > b.priority; });
    for (const Column &column : std::as_const(byPriority)) {
        const int width = header->isSectionHidden(column.column) ? column.width : header->sectionSize(column.column);
        const bool fits = width <= available;
        if (fits)
            available -= width;
        if (header->isSectionHidden(column.column) == fits)
            header->setSectionHidden(column.column, !fits);
    }
}

} // namespace fleetscope::ui
