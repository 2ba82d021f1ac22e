#pragma once

#include "core/recording/recordingtypes.h"

#include <QString>

#include <memory>

class QIODevice;

namespace fleetscope {

// Reads a session recording frame by frame. Made for files that may be truncated (the recorder
// was killed) or damaged (or hostile: it is a fuzz target): it yields every frame it can read and
// then stops with a clear error() saying where and why, never crashing and never allocating more
// than what the file holds.
//
// Not thread-safe; one reader per file.
class RecordingReader
{
public:
    RecordingReader();
    ~RecordingReader();
    RecordingReader(const RecordingReader &) = delete;
    RecordingReader &operator=(const RecordingReader &) = delete;

    // Opens `path` and reads the header; false with error() set when it is not a readable
    // recording.
    bool open(const QString &path);
    // The same on an open device (not owned; it must outlive the reader).
    bool open(QIODevice *device);

    const RecordingInfo &info() const { return m_info; }
    // The next frame; false at the end of the file or at the first damage (then error() is set).
    bool next(RecordingFrame *frame);
    // Empty while all is well and at a clean end of the file.
    QString error() const { return m_error; }
    qint64 framesRead() const { return m_frames; }
    // Bytes read so far (the offset of the next message).
    qint64 offset() const { return m_offset; }

    // No message of a recording is larger (a frame is at most LinkOptions.maxMessageBytes).
    static constexpr qint64 kMaxMessageBytes = 256ll * 1024 * 1024;

private:
    enum class Read { Ok, End, Failed };
    bool readHeader();
    Read readMessage(QByteArray *message);
    void failAt(qint64 offset, const QString &why);

    std::unique_ptr<QIODevice> m_owned;
    QIODevice *m_device = nullptr;
    RecordingInfo m_info;
    qint64 m_lastT = 0;
    qint64 m_offset = 0;
    qint64 m_frames = 0;
    QString m_error;
};

} // namespace fleetscope
