#pragma once

#include <QObject>
#include <QVector>

class QAbstractItemView;
class QHeaderView;
class QTableView;
class QTreeView;

namespace fleetscope::ui {

// Keeps a view's columns readable at any width: one column (the names, a summary) takes what the others
// leave but never less than its minimum; when the view is too narrow for every column at its
// preferred width, the columns of least priority are hidden (and come back when there is room)
// instead of all of them being cut to "applica…".
//
// Threading: GUI thread. A child of the view it fits.
class ColumnFitter : public QObject
{
    Q_OBJECT

public:
    struct Column
    {
        int column;
        int width; // preferred width, px
        int priority; // higher stays longer
    };

    ColumnFitter(QTreeView *view, int stretchColumn, int stretchMinimum, const QVector<Column> &columns);
    ColumnFitter(QTableView *view, int stretchColumn, int stretchMinimum, const QVector<Column> &columns);

    void fit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    ColumnFitter(QAbstractItemView *view, QHeaderView *header, int stretchColumn, int stretchMinimum,
        const QVector<Column> &columns);

    QAbstractItemView *m_view;
    QHeaderView *m_header;
    int m_stretchColumn;
    int m_stretchMinimum;
    QVector<Column> m_columns;
};

} // namespace fleetscope::ui
