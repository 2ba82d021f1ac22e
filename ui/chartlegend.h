#pragma once

#include <QListWidget>

namespace fleetscope::ui {

// A chart's legend: one entry per series with its colour, its name as the Topics tree shows it
// (device and topic, then the endpoint), its unit and the value under the crosshair (or the
// latest one). Qt Charts' own legend cuts names to "sens…"; this one wraps entries onto rows,
// elides in the middle and shows the whole name on hover. A click shows or hides a series; Delete
// or the context menu removes it from the chart.
//
// Threading: GUI thread. Owned by its ChartPanel.
class ChartLegend : public QListWidget
{
    Q_OBJECT

public:
    explicit ChartLegend(QWidget *parent = nullptr);

    void addEntry(const QString &key, const QColor &color);
    void removeEntry(const QString &key);
    // `name` in full; `detail` (the endpoint) after it; `tooltip` on hover.
    void setLabel(const QString &key, const QString &name, const QString &detail, const QString &tooltip);
    void setValue(const QString &key, const QString &value);
    void setShown(const QString &key, bool shown);
    QString entryText(const QString &key) const;
    QStringList keys() const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void toggleRequested(const QString &key);
    void removeRequested(const QString &key);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QListWidgetItem *entry(const QString &key) const;
    void refresh(QListWidgetItem *item);
    void showMenu(const QPoint &pos);
    void fitHeight();
};

} // namespace fleetscope::ui
