#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace fleetscope {
class Workspace;
} // namespace fleetscope

namespace fleetscope::ui {

// The session recording actions of the window: "Record" (a toggle: records every frame of every
// endpoint into a new file in the recordings folder until toggled off, then says where it went)
// and "Replay Recording…" (opens a recording as a read-only endpoint, at the recorded pace or
// faster, so an incident can be looked at again).
//
// Threading: GUI thread. Owned by the window.
class RecordingActions : public QObject
{
    Q_OBJECT

public:
    RecordingActions(Workspace *workspace, QWidget *window);

    QAction *recordAction() const { return m_record; }
    QAction *replayAction() const { return m_replay; }

    // Without dialogs (tests, scripts): records into `directory`; replays `file` at `speed`
    // (1 real time, 0 as fast as possible). replay() returns the endpoint's name, empty on error.
    void setRecordingsDirectory(const QString &directory) { m_directory = directory; }
    QString replay(const QString &file, double speed, QString *error);

Q_SIGNALS:
    // For the status bar.
    void message(const QString &text);

private:
    void toggleRecording(bool on);
    void chooseReplay();
    void onRecordingChanged(bool recording, const QString &path, const QString &detail);

    Workspace *m_workspace;
    QWidget *m_window;
    QAction *m_record;
    QAction *m_replay;
    QString m_directory;
};

} // namespace fleetscope::ui
