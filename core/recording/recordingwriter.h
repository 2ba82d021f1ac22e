#pragma once

#include "core/recording/recordingtypes.h"

#include <QFile>

#include <memory>

namespace fleetscope {

class SecretMasker;

// Writes a session recording (proto/fleetscope/recording.proto): a header, then one
// length-delimited frame per WebSocket frame, secrets masked on the way (the endpoint URLs, every
// text frame, exact secrets in binary frames). Data reaches the file at flush() or close(); a
// file cut short by a crash stays readable up to its last whole frame.
//
// Owned by a SessionRecorder (or a test); not thread-safe: use it from one thread.
class RecordingWriter
{
public:
    explicit RecordingWriter(std::shared_ptr<const SecretMasker> masker);
    ~RecordingWriter();

    // Creates (truncates) `path` and writes the header. False with *error on failure.
    bool open(const QString &path, const RecordingInfo &info, QString *error);
    // Declares an endpoint after the header; returns its index.
    int addEndpoint(const RecordingEndpoint &endpoint);
    // False once writing failed (error() says why); later frames are dropped.
    bool write(int endpointIndex, const WireFrame &frame);
    bool flush();
    void close();

    bool isOpen() const { return m_file.isOpen(); }
    int endpointCount() const { return m_endpointCount; }
    qint64 framesWritten() const { return m_frames; }
    qint64 bytesWritten() const { return m_bytes; }
    QString error() const { return m_error; }

private:
    bool writeMessage(const std::string &bytes);
    RecordingEndpoint masked(const RecordingEndpoint &endpoint) const;

    std::shared_ptr<const SecretMasker> m_masker;
    QFile m_file;
    qint64 m_lastT = 0;
    int m_endpointCount = 0;
    qint64 m_frames = 0;
    qint64 m_bytes = 0;
    QString m_error;
};

} // namespace fleetscope
