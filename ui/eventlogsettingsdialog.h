#pragma once

#include "core/store/eventretention.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QSpinBox;

namespace fleetscope {
class EventStore;
}

namespace fleetscope::ui {

// How long the event log on disk keeps events: by age (days) and/or size (MiB), with what the log
// holds now. OK stores the limits in the database (fleetscope-cli log --keep-* changes the same
// ones) and applies them at once; the dialog closes when the store confirms, or shows why not.
//
// Threading: GUI thread; the store answers queued from its own thread.
class EventLogSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit EventLogSettingsDialog(EventStore *store, QWidget *parent = nullptr);
    ~EventLogSettingsDialog() override;

    // The limits as the fields stand.
    EventRetention retention() const;
    // True once the store has reported the current limits (the fields are filled).
    bool isLoaded() const { return m_loaded; }

    QCheckBox *ageCheck() const { return m_byAge; }
    QSpinBox *daysBox() const { return m_days; }
    QCheckBox *sizeCheck() const { return m_bySize; }
    QSpinBox *sizeBox() const { return m_sizeMiB; }
    QLabel *usageLabel() const { return m_usage; }
    QLabel *warningLabel() const { return m_warning; }

    void accept() override;

Q_SIGNALS:
    // The store reported what the log holds (after opening, and after OK applied the limits).
    void statusShown(const fleetscope::EventLogStatus &status);

private:
    void showStatus(const EventLogStatus &status, const QString &error);
    void updateWarning();

    EventStore *m_store;
    QCheckBox *m_byAge;
    QSpinBox *m_days;
    QCheckBox *m_bySize;
    QSpinBox *m_sizeMiB;
    QLabel *m_usage;
    QLabel *m_warning;
    QDialogButtonBox *m_buttons;
    EventRetention m_current;
    bool m_loaded = false;
    bool m_applying = false;
};

} // namespace fleetscope::ui
