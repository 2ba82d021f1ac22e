#pragma once

#include "core/endpoint/wireframe.h"
#include "core/recording/recordingwriter.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace fleetscope {

class Endpoint;

// Records every WebSocket frame in and out of the chosen endpoints into one recording file: what
// the desktop app's record toggle and `fleetscope-cli record` start and stop. Endpoints may be
// added before or while recording. Frames reach the disk at least every 500 ms and at stop().
//
// Owned by whoever started the recording; lives in its thread. The endpoints may live in another
// thread: their frames arrive here queued.
class SessionRecorder : public QObject
{
    Q_OBJECT

public:
    explicit SessionRecorder(std::shared_ptr<const SecretMasker> masker, QObject *parent = nullptr);
    ~SessionRecorder() override;

    void addEndpoint(Endpoint *endpoint);
    // Creates `path` and starts writing. False with *error on failure.
    bool start(const QString &path, QString *error);
    void stop();

    bool isRecording() const { return m_writer.isOpen(); }
    QString path() const { return m_path; }
    qint64 framesWritten() const { return m_writer.framesWritten(); }
    qint64 bytesWritten() const { return m_writer.bytesWritten(); }

Q_SIGNALS:
    // Writing failed (disk full...); the recording has stopped.
    void failed(const QString &reason);

private:
    struct Recorded
    {
        QPointer<Endpoint> endpoint;
        RecordingEndpoint info;
        int index = -1;
    };
    void onWireFrame(Endpoint *endpoint, const WireFrame &frame);
    void flushToDisk();

    RecordingWriter m_writer;
    QVector<Recorded> m_endpoints;
    QString m_path;
    QTimer m_flushTimer;
};

} // namespace fleetscope
