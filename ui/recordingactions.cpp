#include "ui/recordingactions.h"

#include "core/recording/replayendpoint.h"
#include "core/store/storepaths.h"
#include "core/workspace/workspace.h"
#include "ui/themedicon.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QWidget>

namespace fleetscope::ui {

namespace {
const QString kFilter = QStringLiteral("Fleetscope recordings (*.fsrec);;All files (*)");
}

RecordingActions::RecordingActions(Workspace *workspace, QWidget *window)
    : QObject(window)
    , m_workspace(workspace)
    , m_window(window)
    , m_record(new QAction(themedIcon(QStringLiteral("record")), tr("&Record Session"), this))
    , m_replay(new QAction(themedIcon(QStringLiteral("replay")), tr("Re&play Recording…"), this))
    , m_directory(defaultRecordingsDir())
{
    m_record->setCheckable(true);
    m_record->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_record->setToolTip(tr("Record every frame in and out of every endpoint into a file (Ctrl+Shift+R)"));
    // Opening a recording is File > Open (Ctrl+Shift+P is the chart's Pause).
    m_replay->setShortcut(QKeySequence::Open);
    m_replay->setToolTip(tr("Open a recording as a read-only endpoint (%1)")
                             .arg(m_replay->shortcut().toString(QKeySequence::NativeText)));
    connect(m_record, &QAction::toggled, this, &RecordingActions::toggleRecording);
    connect(m_replay, &QAction::triggered, this, &RecordingActions::chooseReplay);
    connect(workspace, &Workspace::recordingChanged, this, &RecordingActions::onRecordingChanged);
}

void RecordingActions::toggleRecording(bool on)
{
    if (on == m_workspace->isRecording())
        return;
    if (!on) {
        m_workspace->stopRecording();
        return;
    }
    if (!QDir().mkpath(m_directory)) {
        m_record->setChecked(false);
        Q_EMIT message(tr("Cannot create the recordings folder %1").arg(m_directory));
        return;
    }
    const QString name = QStringLiteral("fleetscope-%1.fsrec")
                             .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    m_workspace->startRecording(QDir(m_directory).filePath(name));
}

void RecordingActions::onRecordingChanged(bool recording, const QString &path, const QString &detail)
{
    {
        const QSignalBlocker quiet(m_record);
        m_record->setChecked(recording);
    }
    m_record->setText(recording ? tr("Stop &Recording") : tr("&Record Session"));
    if (recording)
        Q_EMIT message(tr("Recording to %1").arg(QDir::toNativeSeparators(path)));
    else if (detail.isEmpty())
        Q_EMIT message(tr("Recording saved to %1").arg(QDir::toNativeSeparators(path)));
    else
        Q_EMIT message(tr("Recording stopped: %1").arg(detail));
}

QString RecordingActions::replay(const QString &file, double speed, QString *error)
{
    EndpointConfig config = ReplayEndpoint::configFor(file, speed);
    const QString base = config.name;
    for (int n = 2; m_workspace->hasEndpoint(config.name); ++n)
        config.name = QStringLiteral("%1 (%2)").arg(base).arg(n);
    if (!m_workspace->addEndpoint(config, error))
        return {};
    m_workspace->connectEndpoint(config.name);
    return config.name;
}

void RecordingActions::chooseReplay()
{
    const QString file = QFileDialog::getOpenFileName(m_window, tr("Replay Recording"), m_directory, kFilter);
    if (file.isEmpty())
        return;
    const QStringList speeds {tr("As recorded (1×)"), tr("10× faster"), tr("As fast as possible")};
    bool ok = false;
    const QString speed = QInputDialog::getItem(
        m_window, tr("Replay Recording"), tr("Play %1:").arg(QFileInfo(file).fileName()), speeds, 0, false, &ok);
    if (!ok)
        return;
    const int index = static_cast<int>(speeds.indexOf(speed));
    QString error;
    const QString name = replay(file, index == 0 ? 1.0 : (index == 1 ? 10.0 : 0.0), &error);
    if (name.isEmpty())
        QMessageBox::warning(m_window, tr("Replay Recording"), tr("Cannot replay %1: %2").arg(file, error));
    else
        Q_EMIT message(tr("Replaying %1 as \"%2\"").arg(QFileInfo(file).fileName(), name));
}

} // namespace fleetscope::ui
